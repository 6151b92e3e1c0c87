/**
 * Long-lived workers for the points of a sweep: each worker takes the next
 * pending point as soon as it is free, and every result is handed to
 * `onResult` the moment it arrives (so it is on disk before the next one)
 * (parallel/pool.ts's streamPool with the sweep's point worker).
 */
import { streamPool } from '../parallel/pool.js';
import type { Json } from './keyPath.js';
import type { PointResult, PointSettings } from './pointTask.js';

const WORKER = new URL('./worker.js', import.meta.url);

export interface PointPoolOptions {
  threads?: number;
  signal?: AbortSignal;
}

/**
 * Compute `models` on min(threads, models) workers; `onResult(k, result)` runs
 * in this thread for model k as soon as it is done. Aborting terminates the
 * workers at once (a point in flight is dropped, never half-reported) and
 * rejects with CancelledError; the first error stops everything likewise.
 */
export function runPoints(
  settings: PointSettings,
  models: readonly Json[],
  onResult: (k: number, result: PointResult) => void,
  options: PointPoolOptions = {},
): Promise<void> {
  return streamPool<Json, PointResult>(WORKER, settings, models, onResult, options);
}
