/**
 * Cluster benchmarks (issue 13): N = 20 spins in a chain along x on the paper's 101×101
 * s+ip_x host. Setup (one set of factorizations for all 20 sites) against one `couplings`
 * run (δ = 1..20) measured in the same process; configuration energies per second;
 * one exact minimization; exact (Woodbury) against pairwise Monte Carlo moves per second.
 */
import { readFileSync } from 'node:fs';
import { parseModel } from '../src/model/model.js';
import { computeCouplings } from '../src/rkky/sweep.js';
import { modelCluster, clusterPairwiseModel } from '../src/cluster/analysis.js';
import { ClusterEnergy } from '../src/cluster/freeEnergy.js';
import { clusterGroundState } from '../src/cluster/groundState.js';
import { clusterMonteCarlo, spinMonteCarlo } from '../src/cluster/montecarlo.js';
import { PairwiseReplica } from '../src/cluster/pairwise.js';
import { Rng, randomSpins } from '../src/spins/random.js';

const N = 20;

export async function bench(): Promise<string[]> {
  const paper = JSON.parse(readFileSync(new URL('../../examples/paper.json', import.meta.url), 'utf8'));
  const chain = Array.from({ length: N }, (_, k) => ({ site: [40 + k, 50], spin: [0, 0, 1], coupling: 3 }));
  const model = parseModel({ ...paper, impurities: chain });
  const out: string[] = [];
  let t = performance.now();
  await computeCouplings(parseModel(paper), { separations: Array.from({ length: N }, (_, k) => k + 1), engine: 'exact' });
  const couplings = (performance.now() - t) / 1000;
  t = performance.now();
  const cluster = await modelCluster(model);
  const setup = (performance.now() - t) / 1000;
  out.push(`setup N = ${N}: ${setup.toFixed(2)} s vs one couplings run (δ = 1..${N}) ${couplings.toFixed(2)} s → ratio ${(setup / couplings).toFixed(2)} (target ≤ 1.5); ${cluster.poles.nodes.length} poles`);
  const energy = new ClusterEnergy(cluster);
  const rng = new Rng(1);
  const confs = Array.from({ length: 200 }, () => randomSpins(N, rng));
  t = performance.now();
  for (const c of confs) energy.all(c);
  const perSecond = confs.length / ((performance.now() - t) / 1000);
  out.push(`configuration energies: ${perSecond.toFixed(0)} per second (dense LU of ${4 * N}×${4 * N} per pole; target ≥ 1e4: ratio ${(perSecond / 1e4).toFixed(3)})`);
  t = performance.now();
  const gs = clusterGroundState(cluster, { starts: 1, seed: 1 });
  const minimize = (performance.now() - t) / 1000;
  out.push(`one exact minimization (1 random start, ${gs.iterations} L-BFGS iterations): ${minimize.toFixed(2)} s (target < 10 s)`);
  const options = { temperatures: [0.002], sweeps: 40, thermalization: 10 };
  const exact = clusterMonteCarlo(cluster, options);
  const model2 = clusterPairwiseModel(cluster);
  const pair = spinMonteCarlo(N, (s) => new PairwiseReplica(model2, s), { ...options, sweeps: 4000 });
  out.push(`MC moves/s: exact ${exact.movesPerSecond.toFixed(0)} (Woodbury, acceptance ${exact.points[0]!.acceptance.toFixed(2)}), pairwise ${pair.movesPerSecond.toFixed(0)} → pairwise/exact ${(pair.movesPerSecond / exact.movesPerSecond).toFixed(0)}×`);
  return out;
}
