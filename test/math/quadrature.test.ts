import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussLegendre, integrate, integrateOscillatory, integrateVector, wynnEpsilon } from '../../src/math/quadrature.js';
import { ConvergenceError } from '../../src/errors.js';

test('one G7/K15 panel is exact for polynomials of degree ≤ 22 (checks the constants)', () => {
  for (let deg = 0; deg <= 22; deg++) {
    const r = integrate((x) => x ** deg, -1, 1, { maxEvaluations: 15, allowUnconverged: true });
    const exact = deg % 2 === 0 ? 2 / (deg + 1) : 0;
    assert.ok(Math.abs(r.value - exact) < 1e-15, `degree ${deg}`);
    // the embedded 7-point Gauss rule is exact to degree 13: its error estimate vanishes there
    if (deg <= 13) assert.ok(r.error < 1e-15, `Gauss part, degree ${deg}`);
  }
});

test('adaptive integration: endpoint log singularity, interior kink, infinite ranges', () => {
  assert.ok(Math.abs(integrate((x) => Math.log(x), 0, 1, { relTol: 1e-13 }).value + 1) < 1e-12);
  assert.ok(Math.abs(integrate((x) => Math.abs(x - 0.3), 0, 1, { breakpoints: [0.3] }).value - 0.29) < 1e-14);
  assert.ok(Math.abs(integrate((x) => Math.exp(-x), 0, Infinity).value - 1) < 1e-12);
  assert.ok(Math.abs(integrate((x) => Math.exp(-x * x), -Infinity, Infinity).value - Math.sqrt(Math.PI)) < 1e-12);
  assert.ok(Math.abs(integrate((x) => 1 / (x * x), -Infinity, -1).value - 1) < 1e-12);
  assert.ok(Math.abs(integrate((x) => Math.log(Math.abs(x - 0.5)), 0, 1, { breakpoints: [0.5], relTol: 1e-13 }).value - (Math.log(0.5) - 1)) < 1e-12);
});

test('vector integration shares nodes and reports each component', () => {
  const r = integrateVector(
    (x, out) => {
      out[0] = Math.sin(x);
      out[1] = Math.cos(x);
    },
    2,
    0,
    Math.PI,
  );
  assert.ok(Math.abs(r.value[0]! - 2) < 1e-12 && Math.abs(r.value[1]!) < 1e-12);
});

test('a budget that is too small raises ConvergenceError', () => {
  assert.throws(() => integrate((x) => 1 / Math.sqrt(x), 0, 1, { maxEvaluations: 45, relTol: 1e-14 }), ConvergenceError);
});

test('oscillatory tails with Wynn ε: ∫0^∞ sin x/x = π/2 and ∫0^∞ cos x/(1+x²) = π/(2e)', () => {
  const si = integrateOscillatory((x) => (x === 0 ? 1 : Math.sin(x) / x), (k) => k * Math.PI);
  assert.ok(Math.abs(si.value - Math.PI / 2) < 1e-11, `${si.value}`);
  const c = integrateOscillatory((x) => Math.cos(x) / (1 + x * x), (k) => (k === 0 ? 0 : (k - 0.5) * Math.PI));
  assert.ok(Math.abs(c.value - Math.PI / (2 * Math.E)) < 1e-11, `${c.value}`);
  // Leibniz series 1 − 1/3 + 1/5 − … = π/4 from 20 terms
  const sums: number[] = [];
  let s = 0;
  for (let k = 0; k < 20; k++) sums.push((s += (k % 2 ? -1 : 1) / (2 * k + 1)));
  assert.ok(Math.abs(wynnEpsilon(sums).value - Math.PI / 4) < 1e-12);
});

test('Gauss–Legendre nodes and weights', () => {
  for (const n of [1, 2, 5, 16, 48]) {
    const { x, w } = gaussLegendre(n);
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 2) < 1e-14);
    let m = 0;
    for (let i = 0; i < n; i++) m += w[i]! * x[i]! ** (2 * n - 2);
    assert.ok(Math.abs(m - 2 / (2 * n - 1)) < 1e-14, `n = ${n}`);
  }
});
