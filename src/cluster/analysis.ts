import { CancelledError } from '../errors.js';
import type { Model } from '../model/model.js';
import { Rng, randomSpins } from '../spins/random.js';
import { clusterExpansion, pairTerm, singleTerm, type Expansion, type ExpansionOptions } from './expansion.js';
import { ClusterEnergy } from './freeEnergy.js';
import { clusterGroundState, groundStateOf, type ClusterGroundState, type ClusterMinimizeOptions } from './groundState.js';
import { parallelClusterGroundState, parallelConfigurationEnergies } from './parallel.js';
import type { PoolOptions } from '../parallel/pool.js';
import { clusterMonteCarlo, spinMonteCarlo, type ClusterMonteCarloOptions, type ClusterMonteCarloResult } from './montecarlo.js';
import { pairwiseModel, pairwiseResidual, PairwiseReplica, type PairwiseModel, type Residual } from './pairwise.js';
import { clusterProblem } from './problem.js';
import { SequenceEnergy } from './sequence.js';
import { clusterSetup, type Cluster, type ClusterOptions } from './setup.js';

/** The cluster of a model: every impurity a spin, one set of factorizations. */
export function modelCluster(model: Model, options: ClusterOptions = {}, spinBound = 1): Promise<Cluster> {
  return clusterSetup(clusterProblem(model), options, spinBound);
}

/** A configuration's row: the spins, F = F(H0) + ΔF and ΔF. */
export interface ConfigurationRow {
  spins: number[][];
  F: number;
  deltaF: number;
}

export function configurationRows(cluster: Cluster, configurations: readonly (readonly (readonly number[])[])[], signal?: AbortSignal): ConfigurationRow[] {
  const sequence = new SequenceEnergy(cluster);
  return configurations.map((c) => {
    if (signal?.aborted) throw new CancelledError();
    const deltaF = sequence.next(c.flat());
    return { spins: c.map((s) => [...s]), F: cluster.reference + deltaF, deltaF };
  });
}

/** configurationRows with long lists on worker threads (parallel.ts; the same numbers). */
export async function configurationRowsParallel(cluster: Cluster, configurations: readonly (readonly (readonly number[])[])[], options: PoolOptions = {}): Promise<ConfigurationRow[]> {
  const deltas = await parallelConfigurationEnergies(cluster, Float64Array.from(configurations.flat(2)), options);
  return configurations.map((c, k) => ({ spins: c.map((s) => [...s]), F: cluster.reference + deltas[k]!, deltaF: deltas[k]! }));
}

/** Angle (radians) between consecutive spins i, i+1 of the impurity list. */
export function bondAngles(spins: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < spins.length / 3; i++) {
    let d = 0;
    for (let a = 0; a < 3; a++) d += spins[3 * i + a]! * spins[3 * i + 3 + a]!;
    out.push(Math.acos(Math.max(-1, Math.min(1, d))));
  }
  return out;
}

/** The pairwise model (singles with anisotropy, pair tensors) of a cluster. */
export function clusterPairwiseModel(cluster: Cluster): PairwiseModel {
  const energy = new ClusterEnergy(cluster);
  const n = cluster.slots.length;
  const singles = Array.from({ length: n }, (_, i) => singleTerm(energy, i));
  const pairs = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push(pairTerm(energy, i, j));
  return pairwiseModel(singles, pairs);
}

export interface GroundStateComparison {
  exact: { F: number; deltaF: number; spins: Float64Array; bondAngles: number[]; torque: number; minima: number[] };
  /** The pairwise model's ground state; `deltaF` is its exact ΔF, `pairEnergy` the model's own value. */
  pairwise: { F: number; deltaF: number; pairEnergy: number; spins: Float64Array; bondAngles: number[] };
  /** ΔF_exact(pairwise ground state) − ΔF_exact(exact ground state) ≥ 0. */
  energyError: number;
  /** Largest |angle difference| of consecutive-spin angles between the two ground states. */
  maxAngleError: number;
}

/** The exact ground state beside that of the pairwise model of the same cluster (whose state also seeds the exact search). */
export function compareGroundStates(cluster: Cluster, options: ClusterMinimizeOptions = {}): GroundStateComparison {
  const pgs = pairwiseGroundState(cluster, options);
  return comparison(cluster, clusterGroundState(cluster, { ...options, initial: [...(options.initial ?? []), pgs.spins] }), pgs);
}

/** compareGroundStates with the exact search's starts on worker threads (parallel.ts; the same result). */
export async function compareGroundStatesParallel(cluster: Cluster, options: ClusterMinimizeOptions & PoolOptions = {}): Promise<GroundStateComparison> {
  const pgs = pairwiseGroundState(cluster, options);
  return comparison(cluster, await parallelClusterGroundState(cluster, { ...options, initial: [...(options.initial ?? []), pgs.spins] }), pgs);
}

function pairwiseGroundState(cluster: Cluster, options: ClusterMinimizeOptions): ClusterGroundState {
  const model = clusterPairwiseModel(cluster);
  return groundStateOf((S, G) => model.energy(S, G), cluster.slots.length, { starts: Math.max(options.starts ?? 8, 8), seed: options.seed, signal: options.signal });
}

function comparison(cluster: Cluster, exact: ClusterGroundState, pgs: ClusterGroundState): GroundStateComparison {
  const pairDelta = new ClusterEnergy(cluster).all(pgs.spins);
  const [ae, ap] = [bondAngles(exact.spins), bondAngles(pgs.spins)];
  return {
    exact: { F: cluster.reference + exact.deltaF, deltaF: exact.deltaF, spins: exact.spins, bondAngles: ae, torque: exact.torque, minima: exact.minima },
    pairwise: { F: cluster.reference + pairDelta, deltaF: pairDelta, pairEnergy: pgs.deltaF, spins: pgs.spins, bondAngles: ap },
    energyError: pairDelta - exact.deltaF,
    maxAngleError: ae.reduce((m, a, k) => Math.max(m, Math.abs(a - ap[k]!)), 0),
  };
}

export interface ExpansionReport extends Expansion {
  residual: Residual & { withBiquadratic: Residual };
}

/** The multi-spin expansion and the residual of the pairwise model (with and without B_ij) on seeded random configurations. */
export function expandCluster(cluster: Cluster, options: ExpansionOptions & { samples?: number; seed?: number } = {}): ExpansionReport {
  const ex = clusterExpansion(cluster, options);
  const rng = new Rng(options.seed ?? 1);
  const n = cluster.slots.length;
  const confs = Array.from({ length: options.samples ?? 50 }, () => randomSpins(n, rng));
  const residual = pairwiseResidual(cluster, pairwiseModel(ex.singles, ex.pairs), confs);
  const withB = pairwiseResidual(cluster, pairwiseModel(ex.singles, ex.pairs, true), confs);
  return { ...ex, residual: { ...residual, withBiquadratic: withB } };
}

/** Exact Monte Carlo of the cluster beside Monte Carlo of its pairwise model (same driver, same seed and temperatures). */
export function compareMonteCarlo(cluster: Cluster, options: ClusterMonteCarloOptions): { exact: ClusterMonteCarloResult; pairwise: ClusterMonteCarloResult } {
  const model = clusterPairwiseModel(cluster);
  const exact = clusterMonteCarlo(cluster, options);
  const pairwise = spinMonteCarlo(cluster.slots.length, (s) => new PairwiseReplica(model, s), options);
  return { exact, pairwise };
}
