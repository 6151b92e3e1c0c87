import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { buildHost } from '../../src/model/host.js';
import { criticalTemperature, solveGap } from '../../src/solvers/selfConsistent.js';

/** ξ_k of the square lattice (hopping t, chemical potential μ) on the L×L periodic mesh. */
function dispersion(L: number, t: number, mu: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) out.push(-2 * t * (Math.cos((2 * Math.PI * a) / L) + Math.cos((2 * Math.PI * b) / L)) - mu);
  return out;
}

/** k-space BCS: 1 = (U/N) Σ_k tanh(E_k/2T)/(2E_k), E_k = √(ξ_k² + Δ²), solved for Δ by bisection. */
function bcsGap(xi: number[], U: number, T: number): number {
  const g = (d: number) => (U / xi.length) * xi.reduce((s, x) => { const E = Math.hypot(x, d); return s + Math.tanh(E / (2 * T)) / (2 * E); }, 0) - 1;
  let lo = 0, hi = 10;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Linearized gap equation 1 = (U/N) Σ_k tanh(ξ_k/2T)/(2ξ_k) for T_c (ξ = 0 counts 1/(4T)). */
function bcsTc(xi: number[], U: number): number {
  const g = (T: number) => (U / xi.length) * xi.reduce((s, x) => s + (x === 0 ? 1 / (4 * T) : Math.tanh(x / (2 * T)) / (2 * x)), 0) - 1;
  let lo = 1e-4, hi = 10;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

const L = 6, t = 1, mu = -0.7, U = 2.4;
const host = () => buildHost(parseModel({ lattice: { preset: 'square', shape: [L, L], periodic: [true, true] }, hopping: t, chemicalPotential: mu }));

test('uniform self-consistent gap = k-space BCS gap equation on the same periodic lattice', () => {
  const xi = dispersion(L, t, mu);
  for (const T of [0.02, 0.15]) {
    const want = bcsGap(xi, U, T);
    const sc = solveGap(host(), { attraction: U, temperature: T, guess: new Float64Array(2 * L * L).map((_, k) => (k % 2 === 0 ? 0.3 : 0)), tolerance: 1e-12 });
    assert.ok(sc.converged);
    assert.ok(want > 0.1, `a sizeable gap (${want})`);
    for (let i = 0; i < L * L; i++) assert.ok(Math.abs(sc.gap[2 * i]! - want) < 1e-8 && Math.abs(sc.gap[2 * i + 1]!) < 1e-8, `T=${T} Δ(${i}) = ${sc.gap[2 * i]} vs ${want}`);
  }
});

test('T_c by bisection of the real-space linearized gap map = k-space linearized gap equation', () => {
  const want = bcsTc(dispersion(L, t, mu), U);
  const got = criticalTemperature(host(), U, { low: 0.01, high: 1, tolerance: 1e-8 })!;
  assert.ok(Math.abs(got - want) < 1e-6 * want, `T_c ${got} vs ${want}`);
});
