import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  Rng,
  chainPositions,
  findGroundState,
  parseCouplingsTable,
  randomSpins,
  spinModelFromCouplings,
  spinModelFromFile,
  spinModelToFile,
  totalEnergy,
  type Mat3,
} from '../../src/spins/index.js';
import { InputError } from '../../src/errors.js';
import { repoRoot } from '../refs.js';

/** A hand-written table: displacements +x (1, 2) and one diagonal, with a non-symmetric η. */
const eta1: Mat3 = [[0.3, 0.1, -0.05], [-0.1, 0.3, 0.02], [0.04, -0.01, 0.2]];
const eta2: Mat3 = [[-0.1, 0.02, 0], [-0.02, -0.1, 0], [0, 0, -0.12]];
const etaDiag: Mat3 = [[0.05, 0, 0], [0, 0.05, 0], [0, 0, 0.05]];
const table = {
  engine: 'exact',
  rows: [
    { separation: 1, site1: [10, 10], site2: [11, 10], F0: -5, mu1: [0, 0, 0.01], mu2: [0, 0, 0.03], eta: eta1 },
    { separation: 2, site1: [10, 10], site2: [12, 10], F0: -5, mu1: [0, 0, 0.02], mu2: [0, 0, 0.02], eta: eta2 },
    { separation: 1, site1: [10, 10], site2: [11, 11], F0: -5, eta: etaDiag },
  ],
};

test('pairs take η(Δ) for Δ = r_j − r_i, and η(−Δ)ᵀ for the reversed displacement', () => {
  const t = parseCouplingsTable(table);
  const fwd = spinModelFromCouplings(t, [[0, 0, 0], [1, 0, 0]], { singleSite: false });
  const rev = spinModelFromCouplings(t, [[1, 0, 0], [0, 0, 0]], { singleSite: false });
  assert.deepEqual(fwd.pairTensor(0), eta1);
  assert.deepEqual(rev.pairTensor(0), [0, 1, 2].map((a) => [0, 1, 2].map((b) => eta1[b][a])));
  // Same physical configuration, spins listed in the other order: same energy.
  const s = randomSpins(2, new Rng(4));
  const swapped = new Float64Array([...s.subarray(3, 6), ...s.subarray(0, 3)]);
  assert.ok(Math.abs(totalEnergy(fwd, s) - totalEnergy(rev, swapped)) < 1e-15);
  // Translation invariance: the origin does not matter.
  const moved = spinModelFromCouplings(t, [[5, -3, 0], [6, -3, 0]], { singleSite: false });
  assert.equal(totalEnergy(moved, s), totalEnergy(fwd, s));
});

test('a 3-spin chain uses separations 1 and 2; the single-site term is (μ1 + μ2)/2 of the farthest row', () => {
  const t = parseCouplingsTable(table);
  const model = spinModelFromCouplings(t, chainPositions(3));
  assert.equal(model.pairCount, 3);
  assert.deepEqual(model.pairTensor(1), eta2, 'pair (0, 2) at Δ = (2, 0, 0)');
  assert.deepEqual([...model.siteLinear.subarray(0, 3)], [0, 0, 0.02]);
});

test('a missing displacement is a clear error unless a cutoff leaves the pair out', () => {
  const t = parseCouplingsTable(table);
  assert.throws(
    () => spinModelFromCouplings(t, chainPositions(4)),
    (e: unknown) => e instanceof InputError && /displacement \(3, 0, 0\)/.test(e.message) && !e.message.includes('\n'),
  );
  const cut = spinModelFromCouplings(t, chainPositions(4), { cutoff: 2 });
  assert.equal(cut.pairCount, 5);
  assert.throws(() => parseCouplingsTable({ rows: [{ site1: [0, 0], site2: [1, 0] }] }), /rows\[0\]\.eta/);
  assert.throws(() => spinModelFromCouplings(t, [[0, 0, 0], [0, 0, 0]]), /same position/);
});

test('the example table: a 2-spin "chain" has E = −√(Jx² + Dz²) and the 5-spin chain is a planar spiral', () => {
  const json = JSON.parse(readFileSync(resolve(repoRoot, 'examples/couplings-sip-demo.json'), 'utf8'));
  const t = parseCouplingsTable(json);
  const row = json.rows[0];
  const two = findGroundState(spinModelFromCouplings(t, chainPositions(2)), { seed: 1, starts: 6 });
  assert.ok(Math.abs(two.energy + Math.hypot(row.J[0], row.D[2])) < 1e-12);
  const five = spinModelFromCouplings(t, chainPositions(5));
  const gs = findGroundState(five, { seed: 1, starts: 20 });
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(gs.spins[3 * i + 2]) < 1e-6, 'spins in the xy plane (D ∥ z)');
  assert.ok(gs.energy < two.energy);
});

test('spin-model files: J/D/K shorthand, round trip, and errors', () => {
  const file = {
    spins: [{ position: [0, 0, 0], anisotropy: { constant: 0.1, axis: [0, 0, 1] } }, { position: [1, 0, 0], field: [0, 0.1, 0] }, { position: [2, 0, 0] }],
    pairs: [
      { i: 0, j: 1, J: -1, D: [0, 0, 0.3] },
      { i: 1, j: 2, J: [0.5, 0.5, 0.7], K: 0.05 },
    ],
    field: [0, 0, 0.2],
  };
  const model = spinModelFromFile(file);
  assert.deepEqual(model.pairTensor(0), [[-1, 0.3, -0], [-0.3, -1, 0], [0, -0, -1]]);
  const again = spinModelFromFile(JSON.parse(JSON.stringify(spinModelToFile(model))));
  const s = randomSpins(3, new Rng(2));
  assert.ok(Math.abs(totalEnergy(model, s) - totalEnergy(again, s)) < 1e-15);
  assert.throws(() => spinModelFromFile({ ...file, pairs: [{ i: 0, j: 1, J: 1, eta: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] }] }), /pairs\[0\]/);
  assert.throws(() => spinModelFromFile({ ...file, extra: 1 }), /unknown key 'extra'/);
  assert.throws(() => spinModelFromFile({ spins: [{}, { position: [0, 0, 0] }], pairs: [] }), /position for every spin/);
});
