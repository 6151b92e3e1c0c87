import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterEnergy } from '../../src/cluster/freeEnergy.js';
import { clusterGroundState } from '../../src/cluster/groundState.js';
import { clusterExpansion } from '../../src/cluster/expansion.js';
import { pairwiseModel, pairwiseResidual } from '../../src/cluster/pairwise.js';
import { Rng, randomSpins } from '../../src/spins/random.js';
import { randomHost, randomImpurities, setupOf } from './helpers.js';

test("cluster minimizer: F never above the best of many random starts' F, torque ≈ 0", async () => {
  for (const seed of [2, 5]) {
    const { cluster } = await setupOf(randomHost(seed, { impurities: randomImpurities(seed + 50, 4) }));
    const gs = clusterGroundState(cluster, { starts: 4, seed });
    const energy = new ClusterEnergy(cluster);
    const rng = new Rng(99);
    let bestRandom = Infinity;
    for (let k = 0; k < 300; k++) bestRandom = Math.min(bestRandom, energy.all(randomSpins(4, rng)));
    assert.ok(gs.deltaF <= bestRandom, `minimum ${gs.deltaF} above the best random ${bestRandom}`);
    assert.ok(Math.abs(gs.deltaF - energy.all(gs.spins)) <= 1e-12 * Math.abs(gs.deltaF));
    assert.ok(gs.minima.every((m) => m >= gs.deltaF));
  }
});

test('pairwise model of a cluster: residual on random configurations is below the spread of ΔF on random configurations', async () => {
  const { cluster } = await setupOf(randomHost(6, { impurities: randomImpurities(60, 3) }));
  const ex = clusterExpansion(cluster);
  assert.equal(ex.pairs.length, 3);
  assert.equal(ex.triples.length, 1);
  const model = pairwiseModel(ex.singles, ex.pairs);
  const rng = new Rng(3);
  const confs = Array.from({ length: 20 }, () => randomSpins(3, rng));
  const r = pairwiseResidual(cluster, model, confs);
  assert.ok(r.rms <= r.max && r.max < r.spread, `residual ${r.rms}/${r.max} vs spread ${r.spread}`);
});
