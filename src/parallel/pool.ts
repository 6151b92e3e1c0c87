import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CancelledError, ConvergenceError, InputError } from '../errors.js';

export interface PoolOptions {
  /** Number of worker threads (default: the machine's cores, at most the number of tasks). */
  threads?: number;
  /** Called after each finished task with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting terminates the workers and rejects with CancelledError. */
  signal?: AbortSignal;
}

/**
 * Run independent tasks on worker threads. The worker script receives
 * `workerData = shared` once, then messages {id, task} and must answer
 * {id, result} or {id, error}. Results come back in task order.
 */
export function runPool<T, R>(workerUrl: URL, shared: unknown, tasks: readonly T[], options: PoolOptions = {}): Promise<R[]> {
  const total = tasks.length;
  const results: R[] = new Array(total);
  if (total === 0) return Promise.resolve(results);
  const nThreads = Math.max(1, Math.min(options.threads ?? availableParallelism(), total));
  return new Promise<R[]>((resolvePool, rejectPool) => {
    const workers: Worker[] = [];
    let next = 0, done = 0, settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (err) rejectPool(err);
      else resolvePool(results);
    };
    const onAbort = () => finish(new CancelledError());
    if (options.signal?.aborted) return finish(new CancelledError());
    options.signal?.addEventListener('abort', onAbort);
    const feed = (w: Worker) => {
      if (next < total) {
        const id = next++;
        w.postMessage({ id, task: tasks[id] });
      }
    };
    for (let k = 0; k < nThreads; k++) {
      const w = new Worker(workerUrl, { workerData: shared });
      workers.push(w);
      w.on('message', (msg: { id: number; result?: R; error?: { name: string; message: string; field?: string; expected?: string } }) => {
        if (settled) return;
        if (msg.error) {
          const { name, message, field, expected } = msg.error;
          if (name === 'InputError') return finish(new InputError(field ?? '', expected ?? message));
          if (name === 'ConvergenceError') return finish(new ConvergenceError(message));
          return finish(Object.assign(new Error(message), { name }));
        }
        results[msg.id] = msg.result as R;
        done++;
        options.onProgress?.(done, total);
        if (done === total) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      feed(w);
    }
  });
}

/** Serialize an error for postMessage (InputError fields survive). */
export function serializeError(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { ...err, name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}
