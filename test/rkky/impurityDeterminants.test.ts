import { test } from 'node:test';
import assert from 'node:assert/strict';
import { impurityLogDets } from '../../src/rkky/impurityDeterminants.js';
import { prng } from '../rng.js';
import { logAbsDet } from '../squareChainReference.js';

/** ln|det(1 − G_II V)| directly: the 8×8 of kept nodes i, j (4 orbitals each) times diag(V1, V2). */
function direct(g: Float64Array, m: number, i: number, j: number, v1: Float64Array, v2: Float64Array): number {
  const M = new Float64Array(2 * 64);
  const nodes = [i, j], vs = [v1, v2];
  for (let r = 0; r < 8; r++)
    for (let c = 0; c < 8; c++) {
      // (G V)_rc = Σ_k G_rk V_kc over the 4 orbitals k of column c's node.
      const cn = c >> 2, cc = c & 3;
      let re = r === c ? 1 : 0, im = 0;
      for (let k = 0; k < 4; k++) {
        const at = 2 * ((4 * nodes[r >> 2]! + (r & 3)) * 4 * m + 4 * nodes[cn]! + k);
        const [gr, gi] = [g[at]!, g[at + 1]!];
        const [vr, vi] = [vs[cn]![2 * (4 * k + cc)]!, vs[cn]![2 * (4 * k + cc) + 1]!];
        re -= gr * vr - gi * vi;
        im -= gr * vi + gi * vr;
      }
      M[2 * (r * 8 + c)] = re;
      M[2 * (r * 8 + c) + 1] = im;
    }
  return logAbsDet(8, M);
}

test('impurity determinants on random Green\'s functions and repeated spin blocks equal ln|det(1 − G V)| of the 8×8 directly', () => {
  for (const seed of [1, 2, 3]) {
    const rand = prng(seed);
    const m = 2 + (seed % 4) * 2;
    const scale = [0.05, 0.3, 1.2][seed - 1]!;
    const g = Float64Array.from({ length: 2 * (4 * m) ** 2 }, () => scale * rand());
    // Five distinct blocks for spin 1 and four for spin 2, in every pairing (as the 36 configurations repeat six directions).
    const distinct = (k: number) => Array.from({ length: k }, () => Float64Array.from({ length: 32 }, () => rand()));
    const [u1, u2] = [distinct(5), distinct(4)];
    const v1: Float64Array[] = [], v2: Float64Array[] = [];
    for (const a of u1) for (const b of u2) [v1.push(a), v2.push(b.slice())];
    const out = impurityLogDets(g, m, v1, v2);
    for (let sep = 0; sep < m - 1; sep++)
      for (let c = 0; c < v1.length; c++) {
        const want = direct(g, m, 0, sep + 1, v1[c]!, v2[c]!);
        assert.ok(Math.abs(out[v1.length * sep + c]! - want) < 1e-11 * Math.max(1, Math.abs(want)), `seed ${seed} sep ${sep} config ${c}: ${out[v1.length * sep + c]} vs ${want}`);
      }
  }
});

test('impurity determinants: a singular 1 − G11 V1 gives −∞ for its configurations and finite values for the others', () => {
  const m = 3;
  const rand = prng(7);
  const g = Float64Array.from({ length: 2 * (4 * m) ** 2 }, () => 0.2 * rand());
  // G11 = 1 and V1 = 1: 1 − G11 V1 = 0.
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) [g[2 * (a * 4 * m + b)], g[2 * (a * 4 * m + b) + 1]] = [a === b ? 1 : 0, 0];
  const one = new Float64Array(32);
  for (let d = 0; d < 4; d++) one[2 * (4 * d + d)] = 1;
  const other = Float64Array.from({ length: 32 }, () => 0.1 * rand());
  const v2 = Float64Array.from({ length: 32 }, () => 0.3 * rand());
  const out = impurityLogDets(g, m, [one, other], [v2, v2]);
  for (let sep = 0; sep < m - 1; sep++) {
    assert.equal(out[2 * sep], -Infinity);
    assert.ok(Number.isFinite(out[2 * sep + 1]!));
    assert.ok(Math.abs(out[2 * sep + 1]! - direct(g, m, 0, sep + 1, other, v2)) < 1e-11);
  }
});
