import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitRational } from '../../src/solvers/poles/rational.js';
import { tabulatedRational } from '../../src/solvers/poles/rationalTable.js';
import { RATIONAL_TABLE } from '../../src/solvers/poles/rationalTable.data.js';
import { poleExpansion } from '../../src/solvers/poles.js';
import { measureScaledErrors } from '../../src/solvers/poles/scaled.js';

const TOL = RATIONAL_TABLE.tolerance;

/**
 * Sup of |½ tanh(s/2) − 2s(c + Σ W/(s² + w²))| on [0, R], on a grid of this
 * test's own (uniform, log-spaced from 1e-8 and pseudo-random points), not the
 * fitter's verification grid.
 */
function derivativeErrorOn(e: { nodes: ArrayLike<number>; weights: ArrayLike<number>; quadratic: number }, R: number): number {
  const points = [R];
  for (let i = 0; i <= 5000; i++) points.push((R * i) / 5000);
  for (let i = 0; i <= 2000; i++) points.push(Math.min(R, 1e-8 * Math.pow(R / 1e-8, i / 2000)));
  let seed = 99;
  for (let i = 0; i < 2000; i++) points.push((R * (seed = (seed * 16807) % 2147483647)) / 2147483647);
  let worst = 0;
  for (const s of points) {
    let g = e.quadratic;
    for (let p = 0; p < e.nodes.length; p++) g += e.weights[p]! / (s * s + e.nodes[p]! * e.nodes[p]!);
    worst = Math.max(worst, Math.abs(0.5 * Math.tanh(0.5 * s) - 2 * s * g));
  }
  return worst;
}

test('rational table: every entry meets its tolerance on [0, R_n] on an independent grid, with positive weights and ascending nodes', () => {
  const { entries } = RATIONAL_TABLE;
  assert.ok(entries.length >= 30);
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if (k > 0) {
      assert.ok(e.bound > entries[k - 1]!.bound, `entry ${k}: bounds ascend`);
      assert.ok(e.nodes.length >= entries[k - 1]!.nodes.length, `entry ${k}: node counts do not fall`);
    }
    assert.equal(e.nodes.length, e.weights.length);
    assert.ok(e.weights.every((w) => w > 0), `entry ${k}: positive weights`);
    assert.ok(e.nodes.every((w, p) => w > 0 && (p === 0 || w > e.nodes[p - 1]!)), `entry ${k}: ascending positive nodes`);
    const err = derivativeErrorOn(e, e.bound);
    assert.ok(err <= 1.05 * TOL, `entry ${k} (R = ${e.bound}): error ${err}`);
    // The errors it reports are the fitter's measure on [0, R_n].
    const measured = measureScaledErrors({ nodes: Float64Array.from(e.nodes), weights: Float64Array.from(e.weights), quadratic: e.quadratic }, e.bound);
    assert.ok(e.derivativeError <= TOL && Math.abs(measured.derivativeError / e.derivativeError - 1) < 1e-6 && Math.abs(measured.functionError / e.functionError - 1) < 1e-6, `entry ${k}: stored errors`);
  }
});

test('rational table agrees with the fitter: small entries are what fitRational finds with that many nodes at R_n', () => {
  for (const e of RATIONAL_TABLE.entries.filter((x) => x.bound < 3e3)) {
    const fit = fitRational(e.bound, TOL, e.nodes.length);
    assert.ok('expansion' in fit, `R = ${e.bound}: fitRational reaches the tolerance with ${e.nodes.length} nodes`);
    assert.ok(fit.expansion.nodes.length <= e.nodes.length);
  }
});

test('rational table on random X/T: never more nodes than a fresh fit, the tolerance on [0, R], reported errors bound those on [0, R]', () => {
  let seed = 4242;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let c = 0; c < 10; c++) {
    const R = Math.pow(10, 4.5 * random());
    const table = tabulatedRational(R, TOL, 64);
    assert.ok(table, `R = ${R}: tabulated`);
    const fresh = fitRational(R, TOL, 64);
    assert.ok('expansion' in fresh);
    assert.ok(table.expansion.nodes.length <= fresh.expansion.nodes.length, `R = ${R}: ${table.expansion.nodes.length} vs ${fresh.expansion.nodes.length} nodes`);
    const onR = measureScaledErrors(table.expansion, R);
    assert.ok(table.derivativeError <= TOL && derivativeErrorOn(table.expansion, R) <= 1.05 * TOL, `R = ${R}`);
    // Both are sampled sups (of different grids), so "bound" holds to the grids' resolution: 3e-4 measured on 400 R.
    assert.ok(onR.derivativeError <= table.derivativeError * 1.01 && onR.functionError <= table.functionError * 1.01, `R = ${R}: reported errors`);
  }
  // Through poleExpansion: the paper's host (X = 10.2, T = 0.001) gets the 22-node entry, scaled by T.
  const paper = poleExpansion({ temperature: 0.001, bound: 10.2, tolerance: TOL });
  const entry = tabulatedRational(10200, TOL, 64)!;
  assert.equal(paper.nodes.length, 22);
  assert.ok(Math.abs(paper.nodes[21]! - 0.001 * entry.expansion.nodes[21]!) <= 1e-15 * paper.nodes[21]!);
});

test('rational table: other tolerances, X/T outside the table and a node cap below the entry fall back to a fit', () => {
  const { entries, from } = RATIONAL_TABLE;
  assert.equal(tabulatedRational(100, 1e-10, 64), undefined);
  assert.equal(tabulatedRational(0.5 * from, TOL, 64), undefined);
  assert.equal(tabulatedRational(2 * entries[entries.length - 1]!.bound, TOL, 64), undefined);
  assert.equal(tabulatedRational(Number.NaN, TOL, 64), undefined);
  assert.equal(tabulatedRational(10200, TOL, 10), undefined);
  // The fallback still answers (and a cap that cannot be met still says so).
  assert.equal(poleExpansion({ temperature: 1, bound: 0.5, tolerance: TOL }).effectiveTemperature, 1);
  assert.throws(() => poleExpansion({ temperature: 0.001, bound: 10.2, tolerance: TOL, maxNodes: 10 }), /not reached with ≤ 10 nodes/);
});
