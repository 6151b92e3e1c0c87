import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { hostHamiltonian } from '../../src/model/hamiltonian.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { polesFor } from '../../src/rkky/exactEngine.js';
import { squareLatticeSusceptibility } from '../../src/continuum/index.js';
import { InputError } from '../../src/errors.js';
import { squareLatticeEta } from '../squareChainReference.js';

const MU = -1, J = 1;
const squareModel = (T: number, coupling = J) =>
  parseModel({
    lattice: { shape: [4, 4], periodic: [true, true] },
    hopping: 1,
    chemicalPotential: MU,
    temperature: T,
    impurities: [{ site: [1, 2], spin: [0, 0, 1], coupling }],
  });

/** Largest |η_ab| difference relative to max |η_ab|. */
function relEta(got: number[][], want: number[][]): number {
  let d = 0, s = 0;
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++) {
      d = Math.max(d, Math.abs(got[a]![b]! - want[a]![b]!));
      s = Math.max(s, Math.abs(want[a]![b]!));
    }
  return d / s;
}

// Spin 2 beyond the 4×4 model file: the file only describes the unit cell.
const SEPARATIONS = [1, 7, 40];

for (const T of [0.02, 0.002, 0]) {
  test(`--infinite at T = ${T}: η meets 1e-6 against the chain-Green's-function reference (δ up to 40 on a 4×4 model file)`, async () => {
    const model = squareModel(T);
    const result = await computeCouplings(model, { separations: SEPARATIONS, infinite: true, threads: 2 });
    assert.equal(result.infinite?.method, 'adaptive');
    assert.ok(result.infinite!.estimatedRelativeError <= 1e-6);
    const poles = polesFor(hostHamiltonian(model), T, J, {});
    result.rows.forEach((row, k) => {
      const d = SEPARATIONS[k]!;
      assert.deepEqual(row.site2, [1 + d, 2]);
      const want = squareLatticeEta([d, 0], J, MU, poles.nodes, poles.weights);
      const err = relEta(row.eta, want);
      assert.ok(err < 1e-6, `T = ${T}, δ = ${d}: η_zz ${row.eta[2][2]} vs ${want[2]![2]} (relative ${err.toExponential(2)})`);
      assert.ok(row.etaError! <= 1e-6 * Math.max(...want.flat().map(Math.abs)));
    });
  });
}

test('--infinite at T = 0, weak coupling: the second-order η equals the exact lattice susceptibility', async () => {
  const weak = 0.01;
  const result = await computeCouplings(squareModel(0, weak), { separations: [3, 25], direction: 'y', infinite: true, secondOrder: true, threads: 2 });
  const chi = squareLatticeSusceptibility([[0, 3], [0, 25]], { chemicalPotential: MU, hopping: 1, temperature: 0 });
  result.rows.forEach((row, k) => {
    const want = -(weak * weak / 2) * chi[k]!;
    assert.ok(Math.abs(row.secondOrder!.J[2] - want) < 1e-6 * Math.abs(want), `δ = ${row.separation}: ${row.secondOrder!.J[2]} vs ${want}`);
    // exact η = J² law up to O(J⁴)
    assert.ok(Math.abs(row.J[2] - want) < 1e-3 * Math.abs(want));
  });
});

test('--infinite validation happens before any worker starts: open hosts, extra impurities, the dense engine', async () => {
  const fail = async (model: Parameters<typeof parseModel>[0], options: object, field: string) =>
    assert.rejects(
      computeCouplings(parseModel(model), { separations: [1], infinite: true, threads: 1, ...options }),
      (e: unknown) => e instanceof InputError && e.field === field,
    );
  const base = { lattice: { shape: [4, 4], periodic: [true, true] }, chemicalPotential: -1, temperature: 0.02, impurities: [{ site: [0, 0], spin: [0, 0, 1], coupling: 1 }] };
  await fail({ ...base, lattice: { shape: [8, 8] } }, {}, '--infinite');
  await fail({ ...base, impurities: [...base.impurities, { site: [1, 0], spin: [0, 0, 1], coupling: 1 }, { site: [2, 2], spin: [1, 0, 0], coupling: 1 }] }, {}, '--infinite');
  await fail(base, { engine: 'dense' }, '--engine');
  await fail(base, { infiniteTolerance: 2 }, '--infinite-tolerance');
  await assert.rejects(computeCouplings(parseModel({ ...base, lattice: { shape: [8, 8] } }), { separations: [1], mesh: [64, 64], threads: 1 }), (e: unknown) => e instanceof InputError);
});

test('supercurrent winding: the adaptive infinite host equals a converged k-mesh (gapped s-wave, ν = 1 on L_x = 8)', async () => {
  const model = parseModel({
    lattice: { shape: [8, 5], periodic: [true, true] },
    chemicalPotential: -1,
    pairing: { s: 0.6, winding: 1 },
    temperature: 0.05,
    impurities: [{ site: [2, 1], spin: [0, 0, 1], coupling: 1 }],
  });
  const adaptive = await computeCouplings(model, { separations: [1, 3], infinite: true, threads: 2 });
  const mesh = await computeCouplings(model, { separations: [1, 3], mesh: [256, 160], threads: 2 });
  assert.equal(mesh.infinite?.method, 'mesh');
  adaptive.rows.forEach((row, k) => {
    const err = relEta(row.eta, mesh.rows[k]!.eta);
    assert.ok(err < 1e-7, `δ = ${row.separation}: relative ${err}`);
  });
  // The mesh's own error estimate (against the 128×80 mesh) is reported.
  assert.ok(mesh.rows.every((r) => typeof r.etaError === 'number'));
});

test('--infinite that cannot converge within its budget is a ConvergenceError naming the quadrature', async () => {
  const { ConvergenceError } = await import('../../src/errors.js');
  await assert.rejects(
    computeCouplings(squareModel(0.002), { separations: [5], infinite: true, maxEvaluations: 300, threads: 1 }),
    (e: unknown) => e instanceof ConvergenceError && /Brillouin-zone quadrature/.test((e as Error).message),
  );
});
