import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { exactFreeEnergy } from '../../src/rkky/exactEngine.js';
import { modelHamiltonian } from '../../src/model/hamiltonian.js';
import { denseFreeEnergy } from '../../src/solvers/freeEnergy.js';
import { prng } from '../rng.js';
import { compareEngines } from './compareEngines.js';

const base = (shape: number[], extra: object = {}) => ({
  lattice: { shape },
  chemicalPotential: -1.3,
  temperature: 0.01,
  impurities: [{ site: shape.map((L) => Math.floor(L / 3)), spin: [0, 0, 1], coupling: 2 }],
  ...extra,
});

test('exact = dense: normal metal, open 2D', () => compareEngines(base([7, 6]), [1, 2, 3]));
test('exact = dense: s-wave, periodic in x and y', () =>
  compareEngines(base([6, 6], { lattice: { shape: [6, 6], periodic: [true, true] }, pairing: { s: 0.3 } }), [1, 3]));
test('exact = dense: p-wave e_z p_x and chiral p-wave', async () => {
  await compareEngines(base([6, 6], { pairing: { p: 0.3, dVector: 'e_z * p_x' } }), [1, 2]);
  await compareEngines(base([6, 6], { pairing: { p: 0.3, dVector: '(e_x + je_y) * (p_x + jp_y) / 2' } }), [1], 'y');
});
test('exact = dense: d-wave', () => compareEngines(base([6, 6], { pairing: { d: 0.25 } }), [1, 2]));
test('exact = dense: the paper s+ip_x host at T = 0.001', () =>
  compareEngines(base([9, 7], { chemicalPotential: -3, temperature: 0.001, pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' }, impurities: [{ site: [2, 3], spin: [0, 0, 1], coupling: 3 }] }), [1, 2, 4]));
test('exact = dense: T = 0 (zero-temperature expansion), s-wave', () => compareEngines(base([6, 5], { temperature: 0, pairing: { s: 0.3 } }), [1, 2]));
test('exact = dense: gapless host, finite-size level spacing comparable to T', () =>
  compareEngines(base([30], { chemicalPotential: 0.1, temperature: 0.05, impurities: [{ site: [8], spin: [1, 0, 0], coupling: 1.5 }] }), [1, 5, 12]));
test('exact = dense: Zeeman + Rashba + s-wave, 3D lattice, supercurrent winding on a ring', async () => {
  await compareEngines(base([6, 6], { zeeman: [0.1, 0, 0.2], rashba: 0.3, pairing: { s: 0.2 } }), [1, 2]);
  await compareEngines(base([4, 3, 3], { pairing: { s: 0.2 } }), [1, 2]);
  await compareEngines(base([12, 3], { lattice: { shape: [12, 3], periodic: [true, false] }, pairing: { s: 0.3, winding: 1 } }), [1, 4]);
});
test('exact (k-space path) = dense: fully periodic hosts with supercurrent winding ν = ±1 and s+ip_x', async () => {
  const sip = { s: 0.2, p: [0, 0.2], dVector: 'e_z * p_x' };
  await compareEngines(base([12, 4], { lattice: { shape: [12, 4], periodic: [true, true] }, pairing: { ...sip, winding: 1 } }), [1, 3]);
  await compareEngines(base([10, 4], { lattice: { shape: [10, 4], periodic: [true, true] }, pairing: { ...sip, winding: -1 } }), [2]);
});
test('exact = dense with the Ozaki and Matsubara cross-check poles', async () => {
  await compareEngines(base([6, 5], { temperature: 0.05, pairing: { s: 0.2 } }), [1], 'x', 'ozaki');
  await compareEngines(base([6, 5], { temperature: 0.2, pairing: { s: 0.2 } }), [1], 'x', 'matsubara');
});

test('exact = dense on randomized small models', async () => {
  const u = prng(7);
  const r = () => (u() + 1) / 2;
  for (let k = 0; k < 3; k++) {
    const L = [5 + Math.floor(4 * r()), 4 + Math.floor(3 * r())];
    await compareEngines(
      {
        lattice: { shape: L, periodic: [r() < 0.5, r() < 0.5] },
        hopping: 0.5 + r(),
        chemicalPotential: 4 * r() - 2,
        zeeman: [0.2 * r(), 0.2 * r(), 0.2 * r()],
        rashba: 0.3 * r(),
        pairing: { s: [0.3 * r(), 0.1 * r()], p: [0.2 * r(), 0.2 * r()], dVector: 'e_z * p_x + 0.5 * e_x * p_y', d: 0.1 * r() },
        temperature: 0.005 + 0.05 * r(),
        impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 4 * r() - 2 }, { site: [0, 0], spin: [1, 0, 0], coupling: 1 + r() }],
      },
      [1, 2],
      r() < 0.5 ? 'x' : 'y',
    );
  }
});

test('exact total free energy F(H) equals dense diagonalization (energy --engine exact)', async () => {
  for (const input of [base([7, 6], { pairing: { s: 0.2, p: [0, 0.1], dVector: 'e_z * p_x' } }), base([20], { temperature: 0 })]) {
    const model = parseModel(input);
    const want = denseFreeEnergy(modelHamiltonian(model), model.temperature);
    const got = await exactFreeEnergy(model.source, model.temperature, { threads: 1 });
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `${got} vs ${want}`);
  }
});
