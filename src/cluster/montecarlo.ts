import { CancelledError, InputError } from '../errors.js';
import type { MonteCarloPoint } from '../spins/montecarlo.js';
import { Rng, randomSpins } from '../spins/random.js';
import { BinnedSeries } from '../spins/statistics.js';
import { RealClusterReplica } from './realReplica.js';
import { ClusterReplica } from './replica.js';
import type { Cluster } from './setup.js';

export interface ClusterMonteCarloOptions {
  /** Spin temperatures (k_B T in units of t; the electrons stay at the model's temperature). */
  temperatures: number[];
  sweeps: number;
  /** Default sweeps / 4 (cone adaptation happens here only). */
  thermalization?: number;
  /** Parallel tempering between neighbouring temperatures after every sweep (default false). */
  tempering?: boolean;
  bins?: number;
  seed?: number;
  /** Sweeps between recomputing the dressed Green's functions from scratch (default 50). */
  refresh?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export type ClusterMonteCarloPoint = Omit<MonteCarloPoint, 'overlap'>;

export interface ClusterMonteCarloResult {
  spins: number;
  seed: number;
  points: ClusterMonteCarloPoint[];
  configurations: Float64Array[];
  seconds: number;
  moves: number;
  movesPerSecond: number;
}

const E = 0, E2 = 1, M = 2, M2 = 3, M4 = 4;

/**
 * Monte Carlo of the cluster spins on the exact free energy ΔF(S_1..S_N)
 * (the spin-fermion problem with classical spins): single-spin Metropolis
 * moves in an adaptive cone, each costing a (4n_i)² determinant per pole by
 * the replica's Woodbury updates; optional parallel tempering. Observables
 * as in `rkky spins montecarlo` (energy = ΔF per spin).
 */
export function clusterMonteCarlo(cluster: Cluster, options: ClusterMonteCarloOptions): ClusterMonteCarloResult {
  return spinMonteCarlo(cluster.slots.length, (s) => clusterReplica(cluster, s), options);
}

/** The exact replica of a configuration: real (Majorana) arithmetic when the cluster has that form, else complex. */
export function clusterReplica(cluster: Cluster, spins: Float64Array): SpinReplica {
  return cluster.majorana ? new RealClusterReplica(cluster, spins) : new ClusterReplica(cluster, spins);
}

/** What the Metropolis driver needs of a replica: ΔE of turning one spin, and accepting it. */
export interface SpinReplica {
  readonly spins: Float64Array;
  deltaF: number;
  recompute(): void;
  propose(i: number, s: ArrayLike<number>): number;
  accept(i: number, s: ArrayLike<number>, change: number): void;
}

/** The Metropolis + tempering driver over N spins for any replica kind (exact cluster or pairwise model). */
export function spinMonteCarlo(N: number, makeReplica: (spins: Float64Array) => SpinReplica, options: ClusterMonteCarloOptions): ClusterMonteCarloResult {
  const temps = options.temperatures;
  if (temps.length === 0) throw new InputError('--temperatures', 'expected at least one temperature');
  temps.forEach((T) => {
    if (!(T > 0)) throw new InputError('--temperatures', `expected positive temperatures, got ${T}`);
  });
  const sweeps = options.sweeps;
  if (!Number.isInteger(sweeps) || sweeps < 1) throw new InputError('--sweeps', `expected a positive integer, got ${sweeps}`);
  const thermal = options.thermalization ?? Math.floor(sweeps / 4);
  const nBins = Math.min(options.bins ?? 20, sweeps);
  const refresh = options.refresh ?? 50;
  const seed = options.seed ?? 1;
  const rng = new Rng(seed);
  const R = temps.length;
  const replicas = temps.map(() => makeReplica(randomSpins(N, rng)));
  const cones = temps.map(() => 1.0);
  const accepted = new Float64Array(R), tried = new Float64Array(R);
  const swapAccepted = new Float64Array(R), swapTried = new Float64Array(R);
  const series = temps.map(() => new BinnedSeries(5, nBins));
  const values = new Float64Array(5);
  const trial = new Float64Array(3);
  const total = thermal + sweeps;
  let moves = 0;
  const started = performance.now();
  for (let sweep = 0; sweep < total; sweep++) {
    if (options.signal?.aborted) throw new CancelledError();
    const measuring = sweep >= thermal;
    for (let k = 0; k < R; k++) {
      const rep = replicas[k]!;
      let acc = 0;
      for (let step = 0; step < N; step++) {
        const i = rng.int(N);
        const o = 3 * i;
        for (let a = 0; a < 3; a++) trial[a] = rep.spins[o + a]! + cones[k]! * rng.normal();
        const r = Math.hypot(trial[0]!, trial[1]!, trial[2]!);
        for (let a = 0; a < 3; a++) trial[a]! /= r;
        const dE = rep.propose(i, trial);
        moves++;
        if (dE <= 0 || rng.next() < Math.exp(-dE / temps[k]!)) {
          rep.accept(i, trial, dE);
          acc++;
        }
      }
      if (!measuring) cones[k] = Math.min(2, Math.max(1e-3, cones[k]! * (acc / N > 0.5 ? 1.1 : 0.9)));
      else {
        accepted[k] += acc;
        tried[k] += N;
      }
      if ((sweep + 1) % refresh === 0) rep.recompute();
    }
    if (options.tempering)
      for (let k = (sweep & 1); k + 1 < R; k += 2) {
        const [a, b] = [replicas[k]!, replicas[k + 1]!];
        const x = (1 / temps[k]! - 1 / temps[k + 1]!) * (a.deltaF - b.deltaF);
        swapTried[k]++;
        if (x >= 0 || rng.next() < Math.exp(x)) {
          replicas[k] = b;
          replicas[k + 1] = a;
          swapAccepted[k]++;
        }
      }
    if (measuring) {
      const bin = Math.min(nBins - 1, Math.floor(((sweep - thermal) * nBins) / sweeps));
      for (let k = 0; k < R; k++) {
        const rep = replicas[k]!;
        let mx = 0, my = 0, mz = 0;
        for (let i = 0; i < N; i++) {
          mx += rep.spins[3 * i]!;
          my += rep.spins[3 * i + 1]!;
          mz += rep.spins[3 * i + 2]!;
        }
        const e = rep.deltaF / N;
        const m2 = (mx * mx + my * my + mz * mz) / (N * N);
        values[E] = e;
        values[E2] = e * e;
        values[M] = Math.sqrt(m2);
        values[M2] = m2;
        values[M4] = m2 * m2;
        series[k]!.add(bin, values);
      }
    }
    options.onProgress?.(sweep + 1, total);
  }
  const seconds = (performance.now() - started) / 1000;
  const points = temps.map((T, k): ClusterMonteCarloPoint => {
    const b = 1 / T, s = series[k]!;
    const point: ClusterMonteCarloPoint = {
      temperature: T,
      energy: s.jackknife((m) => m[E]!),
      specificHeat: s.jackknife((m) => N * b * b * (m[E2]! - m[E]! * m[E]!)),
      magnetization: s.jackknife((m) => m[M]!),
      susceptibility: s.jackknife((m) => N * b * (m[M2]! - m[M]! * m[M]!)),
      binder: s.jackknife((m) => 1 - m[M4]! / (3 * m[M2]! * m[M2]!)),
      acceptance: tried[k]! > 0 ? accepted[k]! / tried[k]! : 0,
      cone: cones[k]!,
    };
    if (options.tempering && k + 1 < R) point.swapAcceptance = swapTried[k]! > 0 ? swapAccepted[k]! / swapTried[k]! : 0;
    return point;
  });
  return { spins: N, seed, points, configurations: replicas.map((r) => r.spins.slice()), seconds, moves, movesPerSecond: moves / Math.max(seconds, 1e-9) };
}
