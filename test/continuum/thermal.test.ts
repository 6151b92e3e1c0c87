import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  disorderFactor,
  localAmplitude,
  susceptibility,
  susceptibilityEnvelope,
  susceptibilityFiniteT,
  susceptibilityThermalFactor,
  susceptibilityZeroT,
  thermalArgument,
  thermalFactor,
} from '../../src/continuum/index.js';
import { InputError } from '../../src/errors.js';

test('thermal factor x/sinh x → 1 as T → 0, ≈ 2x e^{−x} for large x', () => {
  assert.equal(thermalFactor(0), 1);
  for (const x of [1e-8, 1e-5, 1e-3]) assert.ok(Math.abs(thermalFactor(x) - 1) < x * x);
  assert.ok(Math.abs(thermalFactor(thermalArgument(1e-9, 10, 1)) - 1) < 1e-12);
  assert.ok(Math.abs(thermalFactor(40) / (80 * Math.exp(-40)) - 1) < 1e-12);
});

test('exact finite-T J(R, T) → J(R, 0) as T → 0', () => {
  for (const dim of [1, 2, 3] as const)
    for (const R of [0.7, 5.3]) {
      const cold = susceptibilityFiniteT(dim, 1, R, 1e-6);
      assert.ok(Math.abs(cold - susceptibilityZeroT(dim, 1, R)) < 1e-8 * susceptibilityEnvelope(dim, 1, R));
    }
});

test('J(R, 0)·x/sinh x matches the exact finite-T result at long R within 1%', () => {
  const T = 0.001; // x = 2πTR/v_F ≈ 0.9–1.6 over the window
  for (const dim of [1, 2, 3] as const) {
    for (const Rc of [150, 250]) {
      const exact = localAmplitude((R) => susceptibilityFiniteT(dim, 1, R, T), 2, Rc, 10);
      const approx = localAmplitude((R) => susceptibilityThermalFactor(dim, 1, R, T), 2, Rc, 10);
      assert.ok(Math.abs(exact / approx - 1) < 0.01, `d = ${dim}, R = ${Rc}: ${exact} vs ${approx}`);
      // and the damping is real: well below the T = 0 amplitude
      assert.ok(exact < 0.9 * localAmplitude((R) => susceptibilityZeroT(dim, 1, R), 2, Rc, 10));
    }
  }
});

test('disorder multiplies by e^{−R/ℓ}; negative ℓ or T are rejected', () => {
  assert.ok(Math.abs(susceptibility(3, 1, 7, { meanFreePath: 5 }) - susceptibilityZeroT(3, 1, 7) * Math.exp(-7 / 5)) < 1e-20);
  assert.equal(disorderFactor(3, Infinity), 1);
  assert.throws(() => susceptibility(3, 1, 7, { meanFreePath: -5 }), (e: unknown) => e instanceof InputError && e.field === 'meanFreePath');
  assert.throws(() => susceptibility(3, 1, 7, { temperature: -5 }), (e: unknown) => e instanceof InputError && e.field === 'temperature');
});
