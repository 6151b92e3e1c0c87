/**
 * Long-lived workers for the points of a sweep: each worker takes the next
 * pending point as soon as it is free, and every result is handed to
 * `onResult` the moment it arrives (so it is on disk before the next one),
 * unlike parallel/pool.ts, which returns all results at the end.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import type { Json } from './keyPath.js';
import type { PointResult, PointSettings } from './pointTask.js';

const WORKER = new URL('./worker.js', import.meta.url);

export interface PointPoolOptions {
  threads?: number;
  signal?: AbortSignal;
}

type WorkerError = { name: string; message: string; field?: string; expected?: string };

function revive({ name, message, field, expected }: WorkerError): Error {
  if (name === 'InputError') return new InputError(field ?? '', expected ?? message);
  if (name === 'ConvergenceError') return new ConvergenceError(message);
  return Object.assign(new Error(message), { name });
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
  const total = models.length;
  if (total === 0) return Promise.resolve();
  const nThreads = Math.max(1, Math.min(options.threads ?? availableParallelism(), total));
  return new Promise<void>((resolvePool, rejectPool) => {
    const workers: Worker[] = [];
    let next = 0, done = 0, settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (err) rejectPool(err);
      else resolvePool();
    };
    const onAbort = () => finish(new CancelledError());
    if (options.signal?.aborted) return finish(new CancelledError());
    options.signal?.addEventListener('abort', onAbort);
    const feed = (w: Worker) => {
      if (next < total) {
        const id = next++;
        w.postMessage({ id, model: models[id] });
      }
    };
    for (let t = 0; t < nThreads; t++) {
      const w = new Worker(WORKER, { workerData: settings });
      workers.push(w);
      w.on('message', (msg: { id: number; result?: PointResult; error?: WorkerError }) => {
        if (settled) return;
        if (msg.error) return finish(revive(msg.error));
        try {
          onResult(msg.id, msg.result!);
        } catch (err) {
          return finish(err);
        }
        if (++done === total) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      // A worker that dies without a word (e.g. out of memory) must not leave the run waiting forever.
      w.on('exit', (code) => finish(new Error(`a sweep worker stopped unexpectedly (exit code ${code})`)));
      feed(w);
    }
  });
}
