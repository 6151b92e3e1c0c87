/**
 * Impurities beyond the first two stay in the host as fixed spins (issue 10,
 * item 1): every engine and command must see them — exact and dense sweeps,
 * the angle scan, the LDOS and the total free energy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { modelHamiltonian } from '../../src/model/hamiltonian.js';
import { separationSweep } from '../../src/rkky/problem.js';
import { denseConfigurationEnergies } from '../../src/rkky/denseEngine.js';
import { exactFreeEnergy, exactSweep } from '../../src/rkky/exactEngine.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { angleScan } from '../../src/rkky/angleScan.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { localDensityOfStates } from '../../src/rkky/ldos.js';
import { denseFreeEnergy } from '../../src/solvers/freeEnergy.js';
import { eigh } from '../../src/math/eigh.js';
import { denseLdos } from './denseLdos.js';
import { compareEngines } from './compareEngines.js';

/** The issue's example: spins at [4,4] and [4+δ,4] (J = 2), a fixed spin along x at [4,6] (J = 3). */
const issueModel = {
  lattice: { shape: [10, 10] },
  chemicalPotential: -1,
  temperature: 0.05,
  impurities: [
    { site: [4, 4], spin: [0, 0, 1], coupling: 2 },
    { site: [5, 4], spin: [0, 0, 1], coupling: 2 },
    { site: [4, 6], spin: [1, 0, 0], coupling: 3 },
  ],
};

/**
 * Dense diagonalization of all 36 configurations at δ = 2 (1600×1600 each, computed once,
 * 14 s on 2 threads): J, μ1 and μ2 of the issue's example.
 */
const DENSE_10x10 = {
  J: [-0.0007370320328874413, -0.0005037694720613217, -0.0005037694720186892],
  mu1: [-0.0011579650278245406, 0, 0],
  mu2: [0.012931663214677277, 0, 0],
  F0: -176.9189806642408,
};

test('issue example (10×10, fixed third spin along x): exact engine reproduces dense J, μ1, μ2; dense spot-checks agree', async () => {
  const model = parseModel(issueModel);
  const problem = separationSweep(model, [2], 'x');
  const { reference, deltas } = await exactSweep(problem, { threads: 1 });
  const c = extractCouplings(deltas[0]!);
  const scale = Math.max(...DENSE_10x10.J.map(Math.abs));
  for (let a = 0; a < 3; a++) {
    assert.ok(Math.abs(c.J[a]! - DENSE_10x10.J[a]!) <= 1e-8 * scale, `J[${a}]: ${c.J[a]} vs dense ${DENSE_10x10.J[a]}`);
    assert.ok(Math.abs(c.mu1[a]! - DENSE_10x10.mu1[a]!) <= 1e-8 * scale, `mu1[${a}]: ${c.mu1[a]}`);
    assert.ok(Math.abs(c.mu2[a]! - DENSE_10x10.mu2[a]!) <= 1e-8 * scale, `mu2[${a}]: ${c.mu2[a]}`);
  }
  assert.ok(Math.abs(reference + c.F0 - DENSE_10x10.F0) <= 1e-9 * Math.abs(DENSE_10x10.F0));
  // The fixed spin breaks the isotropy (the bug gave J_x = J_y = J_z and μ1 = 0).
  assert.ok(Math.abs(c.J[0]! - c.J[1]!) > 0.3 * scale && Math.abs(c.mu1[0]!) > scale);
  // Four configurations diagonalized here: η_xx and μ_x from (±x, ±x).
  const xx = [[[1, 0, 0], [1, 0, 0]], [[1, 0, 0], [-1, 0, 0]], [[-1, 0, 0], [1, 0, 0]], [[-1, 0, 0], [-1, 0, 0]]] as const;
  const dense = (await denseConfigurationEnergies(problem, { threads: 2 }, xx))[0]!;
  const exact = (await exactSweep(problem, { threads: 1 }, xx)).deltas[0]!;
  const etaXX = (f: ArrayLike<number>) => (f[0]! - f[1]! - f[2]! + f[3]!) / 4;
  assert.ok(Math.abs(etaXX(dense) - etaXX(exact)) <= 1e-8 * scale, `η_xx dense ${etaXX(dense)} vs exact ${etaXX(exact)}`);
  assert.ok(Math.abs(etaXX(dense) - DENSE_10x10.J[0]!) <= 1e-8 * scale);
  for (let k = 1; k < 4; k++) assert.ok(Math.abs(dense[k]! - dense[0]! - (exact[k]! - exact[0]!)) <= 1e-9 * Math.abs(dense[3]! - dense[0]!) + 1e-13);
});

const smallHost = (extra: object = {}) => ({
  lattice: { shape: [7, 5] },
  chemicalPotential: -0.7,
  temperature: 0.02,
  impurities: [
    { site: [1, 2], spin: [0, 0, 1], coupling: 2 },
    { site: [2, 2], spin: [0, 0, 1], coupling: 1.5 },
    { site: [2, 4], spin: [1, 0, 0], coupling: 3 },
    { site: [5, 0], spin: [0, 0.6, 0.8], coupling: -2 },
  ],
  ...extra,
});

test('exact = dense with fixed spins: normal, s-wave, periodic (k-space is not used with fixed spins)', async () => {
  await compareEngines(smallHost(), [1, 2, 3], 'x', undefined, 'normal');
  await compareEngines(smallHost({ pairing: { s: 0.3 }, rashba: 0.2 }), [1, 3], 'x', undefined, 's-wave');
  await compareEngines(smallHost({ lattice: { shape: [7, 5], periodic: [true, true] }, pairing: { s: 0.2, p: [0, 0.2], dVector: 'e_z * p_x' } }), [1, 2], 'x', undefined, 'torus');
});

test('couplings: a fixed spin changes the result, and the exact sweep with it equals dense; --second-order runs with it', async () => {
  const model = parseModel(smallHost());
  const without = parseModel({ ...smallHost(), impurities: smallHost().impurities.slice(0, 2) });
  const [withFixed, withoutFixed, dense] = await Promise.all([
    computeCouplings(model, { separations: [2], engine: 'exact', threads: 1, secondOrder: true }),
    computeCouplings(without, { separations: [2], engine: 'exact', threads: 1 }),
    computeCouplings(model, { separations: [2], engine: 'dense', threads: 1 }),
  ]);
  const [a, b, d] = [withFixed.rows[0]!, withoutFixed.rows[0]!, dense.rows[0]!];
  const scale = Math.max(...d.J.map(Math.abs));
  assert.ok(Math.abs(a.J[0]! - b.J[0]!) > 1e-3 * scale, 'the fixed spins matter');
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(a.J[k]! - d.J[k]!) <= 1e-8 * scale && Math.abs(a.mu1[k]! - d.mu1[k]!) <= 1e-8 * scale);
  assert.ok(a.secondOrder && a.secondOrder.J.every(Number.isFinite));
});

test('rkky scan: the angle scan with fixed spins is the same for both engines', async () => {
  const model = parseModel(smallHost({ pairing: { s: 0.2 }, rashba: 0.3 }));
  const [exact, dense] = await Promise.all([
    angleScan(model, { separation: 2, plane: 'xz', angles: 8, engine: 'exact', threads: 1 }),
    angleScan(model, { separation: 2, plane: 'xz', angles: 8, engine: 'dense', threads: 1 }),
  ]);
  const spread = Math.max(...dense.rows.map((r) => Math.abs(r.F - dense.rows[0]!.F)));
  exact.rows.forEach((r, k) => {
    assert.ok(Math.abs(r.F - exact.rows[0]!.F - (dense.rows[k]!.F - dense.rows[0]!.F)) <= 1e-9 * spread + 1e-13, `θ=${r.theta}`);
    assert.ok(Math.abs(r.F - dense.rows[k]!.F) <= 1e-9 * Math.abs(r.F));
  });
  for (let m = 0; m < 5; m++) assert.ok(Math.abs(exact.fourier.b[m]! - dense.fourier.b[m]!) <= 1e-8 * spread);
});

test('rkky ldos: the LDOS next to a fixed spin equals the dense spectral sum of the model with all impurities', async () => {
  const model = parseModel(smallHost({ pairing: { s: 0.3 } }));
  const h = modelHamiltonian(model);
  const { values, vectors } = eigh(h.dense(), h.dim, { vectors: true });
  const site = model.impurities[2]!.site;
  const eta = 0.02;
  const energies = [-0.4, -0.05, 0, 0.1, 0.3];
  const rows = await localDensityOfStates(model, { site, energies, broadening: eta, threads: 1 });
  rows.forEach(({ omega, electron, hole }) => {
    const { electron: e, hole: hh } = denseLdos(values, vectors!, h.dim, site, omega, eta);
    assert.ok(Math.abs(electron - e) < 1e-9 * Math.max(1, e) && Math.abs(hole - hh) < 1e-9 * Math.max(1, hh), `ω=${omega}`);
  });
});

test('exact total free energy with four impurities equals dense diagonalization', async () => {
  for (const T of [0.02, 0]) {
    const model = parseModel(smallHost({ temperature: T, pairing: { s: 0.2 } }));
    const want = denseFreeEnergy(modelHamiltonian(model), T);
    const got = await exactFreeEnergy(model.source, T, { threads: 1 });
    assert.ok(Math.abs(got - want) <= 1e-10 * Math.abs(want), `T=${T}: ${got} vs ${want}`);
  }
});

test('--infinite (k-mesh) refuses a host with fixed spins instead of dropping them', async () => {
  const model = parseModel(smallHost({ lattice: { shape: [7, 5], periodic: [true, true] } }));
  await assert.rejects(exactSweep(separationSweep(model, [1]), { threads: 1, mesh: [14, 10] }), /--infinite/);
});
