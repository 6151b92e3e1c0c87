/**
 * Both cores on cluster work: lists of configurations and the random starts of
 * a ground-state search run in worker threads (src/parallel/pool.ts). The
 * workers receive the cluster once without its host matrix (the per-pole G0 /
 * Majorana matrices are all a configuration needs) and run the same code as
 * the serial path, so the results are bit-for-bit those of the serial path.
 */
import { availableParallelism } from 'node:os';
import type { LocalMinimum } from '../spins/minimize.js';
import { runPool, type PoolOptions } from '../parallel/pool.js';
import { CancelledError } from '../errors.js';
import { ClusterEnergy } from './freeEnergy.js';
import { clusterObjective, lowestMinimum, planStarts, type ClusterGroundState, type ClusterMinimizeOptions } from './groundState.js';
import { SequenceEnergy } from './sequence.js';
import type { Cluster } from './setup.js';

/** What a cluster worker receives once: the cluster without the host's sparse matrix. */
export function portableCluster(cluster: Cluster): Cluster {
  const { host: _host, ...problem } = cluster.problem;
  return { ...cluster, problem: problem as Cluster['problem'] };
}

export type ClusterTask =
  | { kind: 'energies'; spins: Float64Array; count: number }
  | { kind: 'minimize'; begin: Float64Array; tolerance: number; scale: number; maxIterations: number };

const WORKER = new URL('./worker.js', import.meta.url);
/** Configurations between progress reports and cancellation checks on the serial path. */
const SERIAL_CHUNK = 64;

/**
 * ΔF of a chunk of configurations (3N numbers each): in batches through the
 * low-rank determinants when the cluster has them (a fresh configuration
 * costs less than a Woodbury step there), else a SequenceEnergy that reuses
 * work between neighbours. Serial and worker threads use the same function.
 */
export function chunkEnergies(cluster: Cluster): (spins: Float64Array, count: number) => Float64Array {
  const energy = new ClusterEnergy(cluster);
  const n3 = 3 * cluster.slots.length;
  if (energy.lowRankForm)
    return (spins, count) => {
      const out = new Float64Array(count);
      energy.many(spins, count, out);
      return out;
    };
  const sequence = new SequenceEnergy(cluster);
  return (spins, count) => Float64Array.from({ length: count }, (_, k) => sequence.next(spins.subarray(k * n3, (k + 1) * n3)));
}

/**
 * ΔF of every configuration (3N numbers each, consecutive in `spins`) on
 * `threads` worker threads, in chunks; one thread (or few configurations)
 * runs serially in this thread (chunkEnergies: batched low-rank determinants,
 * else neighbours that differ in a few spins reuse the previous one's inverse).
 */
export async function parallelConfigurationEnergies(cluster: Cluster, spins: Float64Array, options: PoolOptions & { chunk?: number } = {}): Promise<Float64Array> {
  const n3 = 3 * cluster.slots.length;
  const count = spins.length / n3;
  const threads = options.threads ?? availableParallelism();
  if (threads <= 1 || count < 2 * (options.chunk ?? 16)) {
    const out = new Float64Array(count);
    const energies = chunkEnergies(cluster);
    for (let k = 0; k < count; k += SERIAL_CHUNK) {
      if (options.signal?.aborted) throw new CancelledError();
      const m = Math.min(SERIAL_CHUNK, count - k);
      out.set(energies(spins.subarray(k * n3, (k + m) * n3), m), k);
      options.onProgress?.(k + m, count);
    }
    return out;
  }
  const chunk = options.chunk ?? Math.max(16, Math.ceil(count / (4 * threads)));
  const tasks: ClusterTask[] = [];
  for (let k = 0; k < count; k += chunk) {
    const m = Math.min(chunk, count - k);
    tasks.push({ kind: 'energies', spins: spins.slice(k * n3, (k + m) * n3), count: m });
  }
  const parts = await runPool<ClusterTask, Float64Array>(WORKER, portableCluster(cluster), tasks, { ...options, threads });
  const out = new Float64Array(count);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** clusterGroundState with the starts on worker threads (the same minima as the serial search). */
export async function parallelClusterGroundState(cluster: Cluster, options: ClusterMinimizeOptions & PoolOptions = {}): Promise<ClusterGroundState> {
  const plan = planStarts(clusterObjective(cluster), cluster.slots.length, options);
  const tasks: ClusterTask[] = plan.begins.map((begin) => ({ kind: 'minimize', begin, tolerance: plan.tolerance, scale: plan.scale, maxIterations: plan.maxIterations }));
  const results = await runPool<ClusterTask, LocalMinimum>(WORKER, portableCluster(cluster), tasks, { threads: options.threads, onProgress: options.onProgress, signal: options.signal });
  return lowestMinimum(results);
}
