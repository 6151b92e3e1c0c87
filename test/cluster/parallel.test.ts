import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterEnergy } from '../../src/cluster/freeEnergy.js';
import { clusterGroundState } from '../../src/cluster/groundState.js';
import { parallelClusterGroundState, parallelConfigurationEnergies } from '../../src/cluster/parallel.js';
import { SequenceEnergy } from '../../src/cluster/sequence.js';
import { Rng, randomSpins } from '../../src/spins/random.js';
import { randomHost, randomImpurities, setupOf } from './helpers.js';

test('cluster on two worker threads = serial, bit for bit: configuration energies and the ground-state search', async () => {
  const { cluster } = await setupOf(randomHost(5, { impurities: randomImpurities(15, 3) }));
  const rng = new Rng(2);
  const count = 9;
  const spins = new Float64Array(9 * count);
  for (let k = 0; k < count; k++) spins.set(randomSpins(3, rng), 9 * k);
  const energy = new ClusterEnergy(cluster);
  const parallel = await parallelConfigurationEnergies(cluster, spins, { threads: 2, chunk: 2 });
  for (let k = 0; k < count; k++) assert.equal(parallel[k], energy.all(spins.subarray(9 * k, 9 * k + 9)), `configuration ${k}`);
  const serial = clusterGroundState(cluster, { starts: 3, seed: 4 });
  const gs = await parallelClusterGroundState(cluster, { starts: 3, seed: 4, threads: 2 });
  assert.deepEqual(gs.minima, serial.minima);
  assert.equal(gs.deltaF, serial.deltaF);
  assert.deepEqual([...gs.spins], [...serial.spins]);
});

test('sequences of configurations: Woodbury reuse between neighbours (1–4 changed spins) = direct ΔF, also after random jumps and refreshes', async () => {
  const { cluster } = await setupOf(randomHost(9, { impurities: randomImpurities(19, 12) }));
  const energy = new ClusterEnergy(cluster);
  const sequence = new SequenceEnergy(cluster);
  const rng = new Rng(7);
  let spins = randomSpins(12, rng);
  const s = new Float64Array(3);
  for (let step = 0; step < 100; step++) {
    if (step % 37 === 36) spins = randomSpins(12, rng);
    else
      for (let k = 0; k <= step % 4; k++) {
        rng.unitVector(s, 0);
        spins.set(s, 3 * rng.int(12));
      }
    const direct = energy.all(spins);
    const f = sequence.next(spins);
    assert.ok(Math.abs(f - direct) <= 1e-10 * Math.max(1e-3, Math.abs(direct)), `step ${step}: sequence ${f} vs direct ${direct}`);
  }
});
