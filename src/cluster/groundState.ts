import { CancelledError, InputError } from '../errors.js';
import { minimizeOnSpheres, type LocalMinimum, type SphereObjective } from '../spins/minimize.js';
import { Rng, randomSpins } from '../spins/random.js';
import { ClusterEnergy } from './freeEnergy.js';
import type { Cluster } from './setup.js';

export interface ClusterMinimizeOptions {
  /** Random starts (default 8). */
  starts?: number;
  /** Extra starting configurations (3N numbers each), e.g. the pairwise ground state. */
  initial?: Float64Array[];
  seed?: number;
  /** Torque tolerance relative to the largest torque of the first start (default 1e-7). */
  tolerance?: number;
  maxIterations?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ClusterGroundState {
  /** ΔF at the minimum. */
  deltaF: number;
  spins: Float64Array;
  torque: number;
  /** ΔF of every start's local minimum, in start order (initial first). */
  minima: number[];
  iterations: number;
}

/**
 * The exact ground state over the spin directions: L-BFGS on the product of
 * spheres (spins/minimize.ts) on the true ΔF with its analytic gradient, from
 * seeded random starts; the lowest minimum wins.
 */
export function clusterGroundState(cluster: Cluster, options: ClusterMinimizeOptions = {}): ClusterGroundState {
  return groundStateOf(clusterObjective(cluster), cluster.slots.length, options);
}

/**
 * ΔF and its tangential gradient for the minimizer: the low-rank real determinants when the
 * cluster has them (lowRank.ts: ΔF smooth to ~1e-15), else the complex ones. Not the 4K×4K real
 * form: its ln det Y + ln det(Y⁻¹ − A) carries ~1e-13 of noise that stalls the line search short of
 * the torque tolerance (101×101, N = 20).
 */
export function clusterObjective(cluster: Cluster): SphereObjective {
  const fast = new ClusterEnergy(cluster);
  if (fast.lowRankForm) return (S, G) => fast.tangential(S, G);
  const complex = new ClusterEnergy(cluster, 'complex');
  return (S, G) => complex.all(S, G);
}

/** The starts of a ground-state search and the tolerances every start's L-BFGS run uses. */
export interface StartPlan {
  begins: Float64Array[];
  tolerance: number;
  scale: number;
  maxIterations: number;
}

/** Seeded starts (the initial ones first) and the torque tolerance from the first start's gradient. */
export function planStarts(objective: SphereObjective, n: number, options: ClusterMinimizeOptions = {}): StartPlan {
  const starts = options.starts ?? 8;
  if (!Number.isInteger(starts) || starts < 0) throw new InputError('--starts', `expected a non-negative integer, got ${starts}`);
  const initial = options.initial ?? [];
  if (starts + initial.length === 0) throw new InputError('--starts', 'expected at least one start');
  const rng = new Rng(options.seed ?? 1);
  const begins = [...initial.map((s) => s.slice()), ...Array.from({ length: starts }, () => randomSpins(n, rng))];
  // Energy scale of the torque tolerance: the largest tangential gradient at the first start.
  const g = new Float64Array(3 * n);
  const f0 = objective(begins[0]!, g);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const s = begins[0]!.subarray(3 * i, 3 * i + 3), gi = g.subarray(3 * i, 3 * i + 3);
    const d = s[0]! * gi[0]! + s[1]! * gi[1]! + s[2]! * gi[2]!;
    scale = Math.max(scale, Math.hypot(gi[0]! - d * s[0]!, gi[1]! - d * s[1]!, gi[2]! - d * s[2]!));
  }
  scale = Math.max(scale, 1e-300);
  return { begins, tolerance: (options.tolerance ?? 1e-7) * scale, scale: Math.abs(f0) + scale * n, maxIterations: options.maxIterations ?? 2000 };
}

/**
 * L-BFGS memory of the cluster minimizer: an evaluation costs determinants, the two-loop recursion
 * O(memory·N), so a long memory is free; 40 pairs take ~20% fewer evaluations than 10 (N = 20 chain, 101×101).
 */
const MEMORY = 40;

/** One start's local minimum (the unit of work a worker thread runs). */
export function minimizeStart(objective: SphereObjective, plan: Omit<StartPlan, 'begins'>, begin: Float64Array): LocalMinimum {
  return minimizeOnSpheres(objective, begin.slice(), { tolerance: plan.tolerance, maxIterations: plan.maxIterations, scale: plan.scale, memory: MEMORY });
}

/** The lowest of the local minima (the first one on ties, in start order). */
export function lowestMinimum(results: readonly LocalMinimum[]): ClusterGroundState {
  let best: LocalMinimum | null = null;
  let iterations = 0;
  for (const r of results) {
    iterations += r.iterations;
    if (!best || r.energy < best.energy) best = r;
  }
  const b = best!;
  return { deltaF: b.energy, spins: b.spins, torque: b.torque, minima: results.map((r) => r.energy), iterations };
}

/** The lowest of the local minima of `objective` (E and ∂E/∂S of N unit spins) from the initial and seeded random starts. */
export function groundStateOf(objective: SphereObjective, n: number, options: ClusterMinimizeOptions = {}): ClusterGroundState {
  const plan = planStarts(objective, n, options);
  const results: LocalMinimum[] = [];
  plan.begins.forEach((s, k) => {
    if (options.signal?.aborted) throw new CancelledError();
    results.push(minimizeStart(objective, plan, s));
    options.onProgress?.(k + 1, plan.begins.length);
  });
  return lowestMinimum(results);
}
