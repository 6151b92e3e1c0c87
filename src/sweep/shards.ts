/**
 * Deterministic, cost-balanced shards: shard I of N gets the same points on
 * every machine and every run (a requeued SLURM task resumes the same set),
 * and the estimated work is spread evenly even when points differ in cost
 * (lattice size, temperature, engine).
 */
import { InputError } from '../errors.js';
import type { PointInfo } from './definition.js';

export interface Shard {
  index: number;
  count: number;
}

/** Parse "I/N" (0 ≤ I < N). */
export function parseShard(text: string, field = '--shard'): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (!m || !(count >= 1) || !(index < count)) throw new InputError(field, `expected I/N with 0 <= I < N, got '${text}'`);
  return { index, count };
}

/**
 * Relative cost of one point. Exact engine: one sparse factorization per pole
 * node, ~N^1.5 for a 2D lattice of N sites, with a node count growing like
 * log(bandwidth/T); dense engine: 36 diagonalizations of the 4N×4N BdG matrix
 * per separation, ~36·(4N)³ (scaled to match the exact engine near 64 sites).
 * Only ratios matter.
 */
export function pointCost(p: PointInfo, separations: number): number {
  if (p.engine === 'dense') return 36 * separations * (4 * p.nSites) ** 3 * 1e-5;
  return p.nSites ** 1.5 * Math.log(10 + 10 / Math.max(p.temperature, 1e-6));
}

/**
 * Longest-processing-time assignment: points by decreasing cost (ties by
 * index) each go to the least-loaded shard (ties to the lower shard). Returns
 * the shard number of every point, in the order of `points`.
 */
export function assignShards(points: readonly PointInfo[], count: number, separations: number): number[] {
  const costs = points.map((p) => pointCost(p, separations));
  const order = points.map((_, k) => k).sort((a, b) => costs[b]! - costs[a]! || points[a]!.index - points[b]!.index);
  const load = new Float64Array(count);
  const shard = new Array<number>(points.length);
  for (const k of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
    shard[k] = best;
    load[best]! += costs[k]!;
  }
  return shard;
}

/** The points of one shard, in grid order. */
export function shardPoints(points: readonly PointInfo[], shard: Shard, separations: number): PointInfo[] {
  const owner = assignShards(points, shard.count, separations);
  return points.filter((_, k) => owner[k] === shard.index);
}
