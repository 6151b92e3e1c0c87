import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fitDecayExponent,
  rangeFunction3d,
  rkkyExchange,
  susceptibilityAsymptotic,
  susceptibilityEnvelope,
  susceptibilityZeroT,
} from '../../src/continuum/index.js';
import { InputError } from '../../src/errors.js';

test('zeros of the 3D range function F(x) = (sin x − x cos x)/x⁴ are the roots of tan x = x', () => {
  // Newton on tan x − x in each branch (nπ, nπ + π/2), independently of F
  for (let n = 1; n <= 20; n++) {
    let x = (n + 0.5) * Math.PI - 1 / ((n + 0.5) * Math.PI);
    for (let it = 0; it < 50; it++) x -= (Math.sin(x) - x * Math.cos(x)) / (x * Math.sin(x));
    assert.ok(Math.abs(Math.tan(x) - x) < 1e-9 * x, `root ${n}`);
    assert.ok(Math.abs(rangeFunction3d(x)) < 1e-14 / x ** 3, `F at root ${n}`);
    // sign change across the root
    assert.ok(rangeFunction3d(x - 1e-6) * rangeFunction3d(x + 1e-6) < 0);
  }
  // small-x series joins the direct formula continuously, F → 1/(3x)
  const direct = (x: number) => (Math.sin(x) - x * Math.cos(x)) / x ** 4;
  for (const x of [0.0199999, 0.02, 0.05]) assert.ok(Math.abs(rangeFunction3d(x) / direct(x) - 1) < 1e-11);
  assert.ok(Math.abs(rangeFunction3d(1e-6) * 3e-6 - 1) < 1e-9);
});

test('asymptotic decay exponents are 1, 2, 3 within 1% (envelope fit of the closed forms)', () => {
  for (const dim of [1, 2, 3] as const) {
    const fit = fitDecayExponent((R) => susceptibilityZeroT(dim, 1, R), 2, 40, 400);
    assert.ok(Math.abs(fit.exponent - dim) < 0.01 * dim, `d = ${dim}: α = ${fit.exponent}`);
  }
});

test('closed forms approach cos(2k_F R)/R^d asymptotics', () => {
  for (const dim of [1, 2, 3] as const) {
    for (const R of [200.1, 400.7]) {
      const d = Math.abs(susceptibilityZeroT(dim, 1.3, R) - susceptibilityAsymptotic(dim, 1.3, R));
      assert.ok(d < (2 / (1.3 * R)) * susceptibilityEnvelope(dim, 1.3, R), `d = ${dim}, R = ${R}`);
    }
  }
});

test('sign convention: J = −2J²χ is ferromagnetic (negative) at short range, even in J_sd, ∝ J²', () => {
  for (const dim of [1, 2, 3] as const) {
    assert.ok(rkkyExchange(dim, 1, 0.3) < 0);
    assert.equal(rkkyExchange(dim, 1, 4.2, -0.5), rkkyExchange(dim, 1, 4.2, 0.5));
    assert.ok(Math.abs(rkkyExchange(dim, 1, 4.2, 3) - 9 * rkkyExchange(dim, 1, 4.2)) < 1e-15);
    assert.equal(rkkyExchange(dim, 1, 4.2), -2 * susceptibilityZeroT(dim, 1, 4.2));
  }
  // 3D: J(R) = −(2 k_F⁴/π³) F(2k_F R)
  assert.ok(Math.abs(rkkyExchange(3, 1.1, 2.5) + (2 * 1.1 ** 4 / Math.PI ** 3) * rangeFunction3d(5.5)) < 1e-17);
});

test('rkkyExchange rejects bad input naming the argument', () => {
  assert.throws(() => rkkyExchange(4 as 3, 1, 1), (e: unknown) => e instanceof InputError && e.field === 'dim');
  assert.throws(() => rkkyExchange(3, 0, 1), (e: unknown) => e instanceof InputError && e.field === 'kF');
  assert.throws(() => rkkyExchange(3, 1, -1), (e: unknown) => e instanceof InputError && e.field === 'R');
  assert.throws(() => rkkyExchange(3, 1, 1, NaN), (e: unknown) => e instanceof InputError && e.field === 'coupling');
});
