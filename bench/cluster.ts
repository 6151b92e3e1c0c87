/**
 * Cluster benchmarks (issue 13): N = 20 spins in a chain along x on the paper's 101×101
 * s+ip_x host. Setup (one set of factorizations for all 20 sites) against one `couplings`
 * run (δ = 1..20) measured in the same process; configuration energies per second in the
 * real (Majorana) form against the complex form measured in the same run, for random
 * configurations (full determinants) and for sequences of single-spin changes (Woodbury);
 * one exact minimization; exact against pairwise Monte Carlo moves per second.
 */
import { readFileSync } from 'node:fs';
import { parseModel } from '../src/model/model.js';
import { computeCouplings } from '../src/rkky/sweep.js';
import { modelCluster, clusterPairwiseModel } from '../src/cluster/analysis.js';
import { ClusterEnergy } from '../src/cluster/freeEnergy.js';
import { clusterGroundState } from '../src/cluster/groundState.js';
import { clusterMonteCarlo, clusterReplica, spinMonteCarlo } from '../src/cluster/montecarlo.js';
import { PairwiseReplica } from '../src/cluster/pairwise.js';
import { parallelClusterGroundState, parallelConfigurationEnergies } from '../src/cluster/parallel.js';
import { ClusterReplica } from '../src/cluster/replica.js';
import { Rng, randomSpins } from '../src/spins/random.js';
import type { Cluster } from '../src/cluster/setup.js';

const N = 20;

/** Calls per second of f over `count` calls. */
function rate(count: number, f: (k: number) => void): number {
  const t = performance.now();
  for (let k = 0; k < count; k++) f(k);
  return count / ((performance.now() - t) / 1000);
}

/** Sequences of single-spin changes: every proposal accepted (propose + Woodbury update) per second. */
function sequenceRate(cluster: Cluster, make: (s: Float64Array) => { propose(i: number, s: ArrayLike<number>): number; accept(i: number, s: ArrayLike<number>, c: number): void }, count: number): number {
  const rng = new Rng(3);
  const rep = make(randomSpins(N, rng));
  const s = new Float64Array(3);
  return rate(count, () => {
    rng.unitVector(s, 0);
    const i = rng.int(N);
    rep.accept(i, s, rep.propose(i, s));
  });
}

export async function bench(): Promise<string[]> {
  const paper = JSON.parse(readFileSync(new URL('../../examples/paper.json', import.meta.url), 'utf8'));
  const chain = Array.from({ length: N }, (_, k) => ({ site: [40 + k, 50], spin: [0, 0, 1], coupling: 3 }));
  const model = parseModel({ ...paper, impurities: chain });
  const out: string[] = ['(machine shared with other jobs: compare the ratios, absolute numbers are indicative)'];
  let t = performance.now();
  await computeCouplings(parseModel(paper), { separations: Array.from({ length: N }, (_, k) => k + 1), engine: 'exact' });
  const couplings = (performance.now() - t) / 1000;
  t = performance.now();
  const cluster = await modelCluster(model);
  const setup = (performance.now() - t) / 1000;
  out.push(`setup N = ${N}: ${setup.toFixed(2)} s vs one couplings run (δ = 1..${N}) ${couplings.toFixed(2)} s → ratio ${(setup / couplings).toFixed(2)} (target ≤ 1.5); ${cluster.poles.nodes.length} poles; real form ${cluster.majorana ? 'yes' : 'no'}`);
  const real = new ClusterEnergy(cluster), complex = new ClusterEnergy(cluster, 'complex');
  const rng = new Rng(1);
  const confs = Array.from({ length: 400 }, () => randomSpins(N, rng));
  const rc = rate(20, (k) => complex.all(confs[k]!));
  const rr = rate(confs.length, (k) => real.all(confs[k]!));
  out.push(`random configurations (full ${4 * N}×${4 * N} determinants per pole): real ${rr.toFixed(0)}/s vs complex ${rc.toFixed(0)}/s → ×${(rr / rc).toFixed(1)} (target ≥ 1e4/s: ${(rr / 1e4).toFixed(3)} of it)`);
  const flat = new Float64Array(3 * N * confs.length);
  confs.forEach((c, k) => flat.set(c, 3 * N * k));
  t = performance.now();
  await parallelConfigurationEnergies(cluster, flat, { threads: 2 });
  const rp = confs.length / ((performance.now() - t) / 1000);
  out.push(`random configurations on 2 worker threads (incl. start-up and posting the per-pole matrices): ${rp.toFixed(0)}/s → ×${(rp / rr).toFixed(2)} of one thread`);
  const g = new Float64Array(3 * N);
  const gc = rate(5, (k) => complex.all(confs[k]!, g));
  const gr = rate(100, (k) => real.all(confs[k]!, g));
  out.push(`energy + gradient: real ${gr.toFixed(0)}/s vs complex ${gc.toFixed(0)}/s → ×${(gr / gc).toFixed(1)}`);
  const sc = sequenceRate(cluster, (s) => new ClusterReplica(cluster, s), 20);
  const sr = sequenceRate(cluster, (s) => clusterReplica(cluster, s), 1000);
  out.push(`single-spin-change sequences (propose + Woodbury update each): real ${sr.toFixed(0)}/s vs complex ${sc.toFixed(0)}/s → ×${(sr / sc).toFixed(1)} (target ≥ 1e4/s: ${(sr / 1e4).toFixed(3)} of it)`);
  t = performance.now();
  const gs = clusterGroundState(cluster, { starts: 1, seed: 1 });
  const minimize = (performance.now() - t) / 1000;
  out.push(`one exact minimization (1 random start, ${gs.iterations} L-BFGS iterations): ${minimize.toFixed(2)} s (target < 10 s)`);
  t = performance.now();
  const gs2 = await parallelClusterGroundState(cluster, { starts: 2, seed: 1, threads: 2 });
  out.push(`2 random starts on 2 worker threads: ${((performance.now() - t) / 1000).toFixed(2)} s (${gs2.iterations} iterations in all; one start serially above)`);
  const options = { temperatures: [0.002], sweeps: 200, thermalization: 50 };
  const exact = clusterMonteCarlo(cluster, options);
  const model2 = clusterPairwiseModel(cluster);
  const pair = spinMonteCarlo(N, (s) => new PairwiseReplica(model2, s), { ...options, sweeps: 4000 });
  out.push(`MC moves/s: exact ${exact.movesPerSecond.toFixed(0)} (real Woodbury, acceptance ${exact.points[0]!.acceptance.toFixed(2)}), pairwise ${pair.movesPerSecond.toFixed(0)} → pairwise/exact ${(pair.movesPerSecond / exact.movesPerSecond).toFixed(0)}×`);
  return out;
}
