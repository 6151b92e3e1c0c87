import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import { threadsThatFit, WORKER_RESOURCE_LIMITS } from './addressSpace.js';
import { checkPoolOptions } from './options.js';

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
 *
 * `tasks` may be a function returning them: it is called once the workers
 * are spawned, so that work on this thread (e.g. fitting the pole expansion
 * whose nodes are the tasks) overlaps the workers' start-up and planning;
 * the pool then has options.threads (default: the cores) workers.
 */
export async function runPool<T, R>(workerUrl: URL, shared: unknown, tasks: Tasks<T>, options: PoolOptions = {}): Promise<R[]> {
  const results: R[] = [];
  await streamPool<T, R>(workerUrl, shared, tasks, (id, result) => (results[id] = result), options);
  return results;
}

/** Tasks of a pool, or a function returning them once the workers are started. */
export type Tasks<T> = readonly T[] | (() => readonly T[]);

/**
 * As runPool, but each result is handed to `onResult(id, result)` in this
 * thread the moment it arrives (a sweep writes it to disk before the next
 * one), and none is kept. Each worker takes the next pending task as soon as
 * it is free; a throwing `onResult`, the first worker error or an abort
 * terminates all workers (a task in flight is dropped, never half-reported).
 */
export function streamPool<T, R>(workerUrl: URL, shared: unknown, taskList: Tasks<T>, onResult: (id: number, result: R) => void, options: PoolOptions = {}): Promise<void> {
  try {
    checkPoolOptions(options);
  } catch (err) {
    return Promise.reject(err);
  }
  const known = typeof taskList !== 'function';
  if (known && taskList.length === 0) return Promise.resolve();
  let nThreads: number;
  try {
    // Under `ulimit -v` a worker that cannot reserve its address space aborts the whole process: spawn only what fits.
    nThreads = threadsThatFit(Math.max(1, Math.min(options.threads ?? availableParallelism(), known ? taskList.length : Infinity)));
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise<void>((resolvePool, rejectPool) => {
    const workers: Worker[] = [];
    let tasks: readonly T[] = [];
    let total = 0;
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
        w.postMessage({ id, task: tasks[id] });
      }
    };
    for (let k = 0; k < nThreads; k++) {
      const w = new Worker(workerUrl, { workerData: shared, resourceLimits: WORKER_RESOURCE_LIMITS });
      workers.push(w);
      w.on('message', (msg: { id: number; result?: R; error?: { name: string; message: string; field?: string; expected?: string } }) => {
        if (settled) return;
        if (msg.error) {
          const { name, message, field, expected } = msg.error;
          if (name === 'InputError') return finish(new InputError(field ?? '', expected ?? message));
          if (name === 'ConvergenceError') return finish(new ConvergenceError(message));
          return finish(outOfMemory(name, message) ?? Object.assign(new Error(message), { name }));
        }
        done++;
        try {
          onResult(msg.id, msg.result as R);
          options.onProgress?.(done, total);
        } catch (err) {
          // A throwing callback rejects this pool's promise; it must not become an uncaught exception.
          return finish(err);
        }
        if (done === total) finish();
        else feed(w);
      });
      w.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') return finish(outOfMemory('RangeError', 'allocation failed')!);
        finish(outOfMemory(err.name, err.message) ?? err);
      });
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`a worker thread exited early (code ${code})`));
      });
    }
    try {
      tasks = typeof taskList === 'function' ? taskList() : taskList;
    } catch (err) {
      return finish(err);
    }
    total = tasks.length;
    if (total === 0) return finish();
    for (const w of workers) feed(w);
  });
}

/** A worker's failed allocation as a one-line resource error (exit 2), or null for any other error. */
function outOfMemory(name: string, message: string): InputError | null {
  if (name !== 'RangeError' || !/allocation failed|Invalid typed array length|Array buffer|out of memory/i.test(message)) return null;
  return new InputError('memory', `a worker thread could not allocate memory (${message}): use a smaller lattice, fewer --threads, or raise the memory limit (ulimit -v)`);
}

/** Serialize an error for postMessage (InputError fields survive). */
export function serializeError(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { ...err, name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}
