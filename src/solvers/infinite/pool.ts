/**
 * G(R, i w) of an infinite host at many imaginary energies, one energy per
 * task on worker threads (Node), or serially (`serialInfiniteGreens`, no Node
 * APIs: the browser).
 */
import type { PoolOptions } from '../../parallel/pool.js';
import { CancelledError } from '../../errors.js';
import type { BlochBlocks } from './blochBlocks.js';
import { infiniteGreens, type InfiniteGreensResult } from './greens.js';

/** What an infinite-host worker receives once. */
export interface InfiniteWorkerData {
  blocks: BlochBlocks;
  wanted: Int32Array;
  tolerance: number;
  maxEvaluations?: number;
}

export type InfiniteGreensProvider = (data: InfiniteWorkerData, nodes: readonly number[], options?: PoolOptions) => Promise<InfiniteGreensResult[]>;

const WORKER = new URL('./worker.js', import.meta.url);

/** Worker-thread provider (Node). */
export const infiniteGreensPool: InfiniteGreensProvider = async (data, nodes, options = {}) => {
  const { runPool } = await import('../../parallel/pool.js');
  return runPool<number, InfiniteGreensResult>(WORKER, data, nodes, options);
};

/** One-thread provider. */
export const serialInfiniteGreens: InfiniteGreensProvider = async (data, nodes, options = {}) => {
  const out: InfiniteGreensResult[] = [];
  for (const w of nodes) {
    if (options.signal?.aborted) throw new CancelledError();
    out.push(infiniteGreens(data.blocks, data.wanted, { re: 0, im: w }, { tolerance: data.tolerance, maxEvaluations: data.maxEvaluations }));
    options.onProgress?.(out.length, nodes.length);
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
};
