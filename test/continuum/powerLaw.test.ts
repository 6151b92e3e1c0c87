import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fitDecayExponent,
  susceptibilityEnvelope,
  susceptibilityFiniteT,
  susceptibilityPowerLaw,
  susceptibilityZeroT,
} from '../../src/continuum/index.js';
import { InputError } from '../../src/errors.js';

test('z = 2 through the Matsubara contour method reproduces the closed forms (1e-10)', () => {
  for (const dim of [1, 2, 3] as const)
    for (const R of [0.5, 3, 20.3]) {
      const a = susceptibilityPowerLaw(dim, 1, 2, R);
      assert.ok(Math.abs(a - susceptibilityZeroT(dim, 1, R)) < 1e-10 * susceptibilityEnvelope(dim, 1, R), `d = ${dim}, R = ${R}`);
    }
});

test('z = 2 at T > 0: Matsubara sum equals the Maldague average', () => {
  for (const dim of [1, 3] as const) {
    const a = susceptibilityPowerLaw(dim, 1, 2, 7.3, { temperature: 0.02 });
    const b = susceptibilityFiniteT(dim, 1, 7.3, 0.02);
    assert.ok(Math.abs(a - b) < 1e-9 * susceptibilityEnvelope(dim, 1, 7.3));
  }
});

// The decay exponent of ε ∝ k^z with a Fermi surface is d for every z: the
// 2k_F singularity has the same type, only v_F and the amplitude change. (The
// seed's α = (d − 1)/2 + d/z would give 2.5 for d = 2, z = 1 and 2 for d = 3, z = 3.)
for (const z of [1, 3]) {
  test(`dispersion power z = ${z}: fitted decay exponent is d within 1%`, () => {
    for (const dim of [1, 2, 3] as const) {
      const fit = fitDecayExponent((R) => susceptibilityPowerLaw(dim, 1, z, R), 2, 30, 240, { windows: 4, samples: 10 });
      assert.ok(Math.abs(fit.exponent - dim) < 0.01 * dim, `d = ${dim}: α = ${fit.exponent}`);
    }
  });
}

test('dispersion power outside [1, 3] is rejected', () => {
  assert.throws(() => susceptibilityPowerLaw(3, 1, 0.5, 1), (e: unknown) => e instanceof InputError && e.field === 'dispersionPower');
  assert.throws(() => susceptibilityPowerLaw(3, 1, 4, 1), InputError);
});
