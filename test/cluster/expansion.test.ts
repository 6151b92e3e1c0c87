import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterEnergy } from '../../src/cluster/freeEnergy.js';
import { biquadratic, pairTerm, tripleTerm } from '../../src/cluster/expansion.js';
import { angleScan } from '../../src/rkky/angleScan.js';
import { parseModel } from '../../src/model/model.js';
import { targetSweep } from '../../src/rkky/problem.js';
import { exactConfigurationEnergies } from '../../src/rkky/exactEngine.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { randomHost, randomImpurities, setupOf } from './helpers.js';

test('cluster pair tensors = rkky couplings of the model with only that pair', async () => {
  for (const seed of [3, 4]) {
    const impurities = randomImpurities(seed + 30, 3) as { site: number[] }[];
    const input = randomHost(seed, { impurities });
    const { cluster } = await setupOf(input);
    const energy = new ClusterEnergy(cluster);
    for (const [i, j] of [[0, 1], [1, 2]] as const) {
      const pair = pairTerm(energy, i, j);
      const model = parseModel({ ...input, impurities: [impurities[i], impurities[j]] });
      const F = (await exactConfigurationEnergies(targetSweep(model, [{ cell: impurities[j]!.site, sublattice: 0 }]), { greens: serialGreens }))[0]!;
      const ref = extractCouplings(F);
      const scale = Math.max(...ref.eta.flat().map(Math.abs));
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) assert.ok(Math.abs(pair.eta[a]![b]! - ref.eta[a]![b]!) <= 1e-8 * scale, `η[${a}][${b}] of (${i}, ${j}): ${pair.eta[a]![b]} vs ${ref.eta[a]![b]}`);
    }
  }
});

const triangle = [
  { site: [2, 2], spin: [0, 0, 1], coupling: 1.5 },
  { site: [3, 2], spin: [0, 0, 1], coupling: 1.2 },
  { site: [2, 3], spin: [0, 0, 1], coupling: 1.8 },
];
const host = (extra: object) => ({ lattice: { shape: [6, 6] }, chemicalPotential: -1.1, temperature: 0.02, impurities: triangle, ...extra });

async function chirality(extra: object, order: [number, number, number] = [0, 1, 2]) {
  const { cluster } = await setupOf(host(extra));
  const t = tripleTerm(new ClusterEnergy(cluster), ...order);
  const scale = Math.max(...t.trilinear.flat(2).map(Math.abs));
  return { chi: t.chirality, scale, pair: pairTerm(new ClusterEnergy(cluster), 0, 1) };
}

test('J_χ vanishes to round-off on time-reversal-invariant hosts (normal, s-wave, s-wave + Rashba)', async () => {
  for (const extra of [{}, { pairing: { s: 0.3 } }, { pairing: { s: 0.3 }, rashba: 0.3 }, { rashba: 0.4 }]) {
    const { chi, pair } = await chirality(extra);
    const eScale = Math.max(...pair.eta.flat().map(Math.abs));
    assert.ok(Math.abs(chi) <= 1e-9 * eScale, `${JSON.stringify(extra)}: J_χ = ${chi} (pair scale ${eScale})`);
  }
});

test('J_χ is nonzero with Zeeman + spin–orbit coupling and on a chiral p-wave host, and odd under exchanging two spins', async () => {
  for (const extra of [{ zeeman: [0, 0, 0.2], rashba: 0.3, pairing: { s: 0.2 } }, { pairing: { p: 0.3, dVector: 'e_z * (p_x + jp_y)' } }]) {
    const a = await chirality(extra);
    const eScale = Math.max(...a.pair.eta.flat().map(Math.abs));
    assert.ok(Math.abs(a.chi) > 1e-4 * eScale, `${JSON.stringify(extra)}: J_χ = ${a.chi} (pair scale ${eScale})`);
    const b = await chirality(extra, [1, 0, 2]);
    assert.ok(Math.abs(a.chi + b.chi) <= 1e-9 * Math.abs(a.chi), `exchange: ${a.chi} vs ${b.chi}`);
    const c = await chirality(extra, [1, 2, 0]);
    assert.ok(Math.abs(a.chi - c.chi) <= 1e-9 * Math.abs(a.chi), `cyclic: ${a.chi} vs ${c.chi}`);
  }
});

test('biquadratic B_ij = the angle scan of rkky (SU(2)-symmetric host, only that pair present)', async () => {
  const impurities = [{ site: [2, 2], spin: [0, 0, 1], coupling: 2.5 }, { site: [4, 2], spin: [0, 0, 1], coupling: 2.5 }];
  const input = { lattice: { shape: [7, 5] }, chemicalPotential: -0.9, temperature: 0.02, pairing: { s: 0.2 }, impurities: [...impurities, { site: [5, 4], spin: [0, 0, 1], coupling: 1 }] };
  const { cluster } = await setupOf(input);
  const B = biquadratic(new ClusterEnergy(cluster), 0, 1, 24);
  const scan = await angleScan(parseModel({ ...input, impurities }), { separation: 2, plane: 'zx', angles: 24, engine: 'exact', greens: serialGreens });
  assert.ok(Math.abs(B - scan.biquadratic) <= 1e-8 * Math.abs(scan.biquadratic), `B ${B} vs angle scan ${scan.biquadratic}`);
  assert.ok(Math.abs(B) > 0);
});
