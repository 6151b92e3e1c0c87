import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterEnergy } from '../../src/cluster/freeEnergy.js';
import { prng } from '../rng.js';
import { denseDeltaF, randomHost, randomImpurities, randomUnit, setupOf } from './helpers.js';

test('cluster ΔF = dense free energy difference for random configurations of 2–5 spins on random hosts', async () => {
  for (let seed = 1; seed <= 4; seed++) {
    const n = 1 + seed;
    const { model, cluster } = await setupOf(randomHost(seed, { impurities: randomImpurities(seed + 10, n) }));
    const energy = new ClusterEnergy(cluster);
    const r = prng(seed + 100);
    for (let c = 0; c < 2; c++) {
      const spins = Array.from({ length: n }, () => randomUnit(r));
      const exact = energy.all(spins.flat());
      const dense = denseDeltaF(model, spins);
      assert.ok(Math.abs(exact - dense) <= 1e-9 * Math.max(1, Math.abs(dense)), `seed ${seed}: cluster ${exact} vs dense ${dense}`);
    }
  }
});

test('cluster: analytic gradient = finite differences', async () => {
  const { cluster } = await setupOf(randomHost(7, { impurities: randomImpurities(17, 3) }));
  const energy = new ClusterEnergy(cluster);
  const r = prng(5);
  const spins = Array.from({ length: 3 }, () => randomUnit(r)).flat();
  const grad = new Float64Array(9);
  const f = energy.all(spins, grad);
  assert.ok(Math.abs(f - energy.all(spins)) <= 1e-12 * Math.abs(f) + 1e-14);
  const h = 1e-5;
  for (let k = 0; k < 9; k++) {
    const up = spins.slice(), dn = spins.slice();
    up[k]! += h;
    dn[k]! -= h;
    const fd = (energy.all(up) - energy.all(dn)) / (2 * h);
    assert.ok(Math.abs(fd - grad[k]!) <= 1e-6 * Math.max(...grad.map(Math.abs)), `∂F/∂S[${k}]: analytic ${grad[k]} vs FD ${fd}`);
  }
});

test('cluster ΔF = dense on a two-orbital host (impurities on all or some orbitals of their sites)', async () => {
  const input = {
    lattice: { shape: [4, 4], vectors: [[1, 0], [0, 1]], basis: [{ name: 'A', position: [0, 0], orbitals: 2 }] },
    onsite: [{ sublattice: 'A', H: [[0.3, 0.1], [0.1, -0.2]] }],
    chemicalPotential: -0.8,
    temperature: 0.03,
    rashba: 0.2,
    pairing: { s: 0.25 },
    impurities: [
      { site: [1, 1], spin: [0, 0, 1], coupling: 1.5 },
      { site: [2, 1], orbitals: [1], spin: [0, 0, 1], coupling: 2 },
      { site: [1, 3], spin: [0, 0, 1], coupling: 1.2 },
    ],
  };
  const { model, cluster } = await setupOf(input);
  const energy = new ClusterEnergy(cluster);
  const r = prng(21);
  for (let c = 0; c < 2; c++) {
    const spins = Array.from({ length: 3 }, () => randomUnit(r));
    const exact = energy.all(spins.flat());
    const dense = denseDeltaF(model, spins);
    assert.ok(Math.abs(exact - dense) <= 1e-9 * Math.max(1, Math.abs(dense)), `cluster ${exact} vs dense ${dense}`);
  }
});
