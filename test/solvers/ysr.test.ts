import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { eigh } from '../../src/math/eigh.js';
import type { BlockSparse } from '../../src/hamiltonian/blockSparse.js';
import { hostWithoutS, selfConsistentGap } from '../../src/solvers/maps.js';
import { withOnsiteGap } from '../../src/solvers/selfConsistent.js';
import { planSchur } from '../../src/solvers/sparse/schur.js';
import { sectorDeterminantSign } from '../../src/solvers/sparse/selectedInverse.js';
import { boundStateEnergy, ysrScan } from '../../src/solvers/ysr.js';
import { denseMatrix } from './denseMatrix.js';
import { prng } from '../rng.js';

/** Eigenvalues of the (c↑, c†↓) sector (orbitals 0 and 3 of every node), by dense diagonalization. */
function sectorLevels(h: BlockSparse): Float64Array {
  const full = denseMatrix(h);
  const N = 4 * h.nSites, n = 2 * h.nSites;
  const pick = (k: number) => 4 * (k >> 1) + (k & 1 ? 3 : 0);
  const a = new Float64Array(2 * n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      a[2 * (r * n + c)] = full[2 * (pick(r) * N + pick(c))]!;
      a[2 * (r * n + c) + 1] = full[2 * (pick(r) * N + pick(c)) + 1]!;
    }
  return eigh(a, n).values;
}

const model = (J: number, L = 7) =>
  parseModel({ lattice: { shape: [L, L] }, chemicalPotential: -0.5, temperature: 0.01, pairing: { s: 0.3, attraction: 2 }, impurities: [{ site: [3, 3], spin: [0, 0, 1], coupling: J }] });

test('sign det(E − Ĥ_s) from the factorization = (−1)^(levels below E) by dense diagonalization, random gaps and impurities', () => {
  const rng = prng(14);
  for (let trial = 0; trial < 4; trial++) {
    const m = model(6 * rng(), 5);
    const base = hostWithoutS(m, true);
    const gap = Float64Array.from({ length: 2 * base.matrix.nSites }, (_, k) => (k % 2 ? 0.2 * (rng() - 0.5) : 0.1 + 0.4 * rng()));
    const h = withOnsiteGap(base.matrix, gap);
    const levels = sectorLevels(h);
    const plan = planSchur(h, base.geometry, []);
    for (const E of [-0.3, -0.05, 0, 0.07, 0.25]) {
      const below = levels.filter((x) => x < E).length;
      assert.equal(sectorDeterminantSign(plan, h, E), below % 2 === 0 ? 1 : -1, `trial ${trial}, E = ${E}`);
    }
    // The bisection finds a level wherever (−a, a) holds exactly one.
    const inside = Array.from(levels).filter((x) => Math.abs(x) < 0.3);
    const e = boundStateEnergy({ ...base, matrix: h }, 0.3, 1e-11);
    if (inside.length === 1) assert.ok(Math.abs(e! - inside[0]!) < 1e-9, `${e} vs ${inside[0]}`);
    if (inside.length % 2 === 0) assert.equal(e, null);
  }
});

test('YSR scan: parity = dense level counting of the self-consistent sector, and it flips where the bound state crosses zero', async () => {
  const Js = [3, 3.5, 4, 5];
  const points = await ysrScan(model(1), Js, { threads: 1 });
  const clean = await selfConsistentGap(model(1), { impurities: false, threads: 1 });
  const negatives = (h: BlockSparse) => sectorLevels(h).filter((x) => x < 0).length;
  const cleanNegatives = negatives(clean.host.matrix);
  let flips = 0;
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!;
    assert.ok(p.converged);
    assert.ok(p.boundState !== null, `a bound state at J = ${p.coupling}`);
    const h = withOnsiteGap(hostWithoutS(model(p.coupling), true).matrix, p.gap);
    assert.equal(p.parity, (negatives(h) - cleanNegatives) % 2 === 0 ? 1 : -1, `parity at J = ${p.coupling}`);
    if (k > 0) {
      const q = points[k - 1]!;
      const crossed = Math.sign(p.boundState!) !== Math.sign(q.boundState!);
      assert.equal(p.parity !== q.parity, crossed, `J ${q.coupling} → ${p.coupling}`);
      if (crossed) flips++;
    }
  }
  assert.equal(flips, 1, 'one transition in 3 ≤ J ≤ 5');
  assert.equal(points[0]!.parity, 1);
  assert.equal(points[points.length - 1]!.parity, -1);
});
