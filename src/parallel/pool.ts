import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import { threadsThatFit, WORKER_RESOURCE_LIMITS } from './addressSpace.js';
import { checkPoolOptions } from './options.js';
import { holdSynchronousOptimization } from './compilation.js';
import { CLOSE_MESSAGE, DEFERRED_DATA } from './taskPort.js';

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

/** Workers started ahead of their pool (prestartWorkers), by script URL; unreferenced until a pool takes them. */
const warm = new Map<string, Worker[]>();
/** Releases of the compile-mode holds of prestarted workers that fill the machine (compilation.ts), by script URL. */
const warmHolds = new Map<string, () => void>();

/** End the compile-mode hold of a script's prestarted workers (taken by a pool, which holds its own, or closed). */
function releaseWarmHold(href: string): void {
  warmHolds.get(href)?.();
  warmHolds.delete(href);
}

/**
 * Start `count` workers of a script whose next pool has not got its shared
 * data yet (its host is still being built): they load their modules
 * meanwhile, and the next streamPool/runPool of that script takes them
 * (the script reads its data with taskPort.ts withSharedData). Workers that
 * no pool takes are ended by closeWarmWorkers (the CLI calls it after every
 * command) and never keep the process alive. Capped by the address-space
 * limit like any pool. Returns how many wait now.
 */
export function prestartWorkers(workerUrl: URL, count: number): number {
  const list = warm.get(workerUrl.href) ?? [];
  const wanted = threadsThatFit(Math.max(1, count)) - list.length;
  if (wanted > 0 && list.length + wanted >= availableParallelism() && !warmHolds.has(workerUrl.href)) warmHolds.set(workerUrl.href, holdSynchronousOptimization());
  for (let k = 0; k < wanted; k++) {
    const w = new Worker(workerUrl, { workerData: DEFERRED_DATA, resourceLimits: WORKER_RESOURCE_LIMITS });
    w.unref();
    // A warm worker that fails before any pool took it is dropped; the pool then starts a fresh one.
    const drop = () => {
      const at = list.indexOf(w);
      if (at >= 0) list.splice(at, 1);
    };
    w.once('error', drop);
    w.once('exit', drop);
    list.push(w);
  }
  warm.set(workerUrl.href, list);
  return list.length;
}

/** How many prestarted workers of this script wait for a pool. */
export const warmWorkers = (workerUrl: URL): number => warm.get(workerUrl.href)?.length ?? 0;

/** A prestarted worker of this script, referenced again and given its shared data, or undefined. */
function takeWarm(workerUrl: URL, shared: unknown): Worker | undefined {
  const w = warm.get(workerUrl.href)?.shift();
  if (!w) return undefined;
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  w.ref();
  w.postMessage({ shared });
  return w;
}

/** End the prestarted workers no pool took: each closes its port and exits by itself (bounded by `timeoutMs`, then terminated). */
export async function closeWarmWorkers(timeoutMs = 5000): Promise<void> {
  const all = [...warm.values()].flat();
  warm.clear();
  for (const href of [...warmHolds.keys()]) releaseWarmHold(href);
  await Promise.all(
    all.map(
      (w) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => void w.terminate().then(() => resolve()), timeoutMs);
          timer.unref();
          w.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          // Referenced again: an unreferenced worker's exit would not keep this wait alive.
          w.ref();
          w.postMessage(CLOSE_MESSAGE);
        }),
    ),
  );
}

/** Tasks of a pool, or a function returning them once the workers are started. */
export type Tasks<T> = readonly T[] | (() => readonly T[]);

/**
 * `shareSetup`: worker k of n gets the shared object with `setupRank: k,
 * setupRanks: n` (taskPort.ts SetupRank) and the workers divide their common
 * set-up (e.g. the parts of a solver's plan) among themselves: whatever one
 * posts as {setup} is relayed to all the others (taskPort.ts onSetup). Tasks
 * are handed out at once; a worker answers them when its set-up is complete.
 * The script reads its data with taskPort.ts withSharedData.
 */
export interface SetupSharing {
  shareSetup?: boolean;
}

/**
 * As runPool, but each result is handed to `onResult(id, result)` in this
 * thread the moment it arrives (a sweep writes it to disk before the next
 * one), and none is kept. Each worker takes the next pending task as soon as
 * it is free; a throwing `onResult`, the first worker error or an abort
 * terminates all workers (a task in flight is dropped, never half-reported).
 */
export function streamPool<T, R>(workerUrl: URL, shared: unknown, taskList: Tasks<T>, onResult: (id: number, result: R) => void, options: PoolOptions = {}, sharing: SetupSharing = {}): Promise<void> {
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
  // A pool that fills the machine starts its workers optimizing on their own threads (compilation.ts).
  const release = nThreads >= availableParallelism() ? holdSynchronousOptimization() : () => {};
  releaseWarmHold(workerUrl.href);
  return new Promise<void>((resolvePool, rejectPool) => {
    const workers: Worker[] = [];
    let tasks: readonly T[] = [];
    let total = 0;
    let next = 0, done = 0, settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      release();
      options.signal?.removeEventListener('abort', onAbort);
      // Finished workers are idle and exit by themselves (taskPort.ts); only a failed or aborted pool terminates them.
      for (const w of workers) {
        if (err) void w.terminate();
        else w.postMessage(CLOSE_MESSAGE);
      }
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
    const share = sharing.shareSetup === true && nThreads > 1 && typeof shared === 'object' && shared !== null;
    /** A prestarted worker given `data`, or a new one started with it. */
    const open = (data: unknown) => takeWarm(workerUrl, data) ?? new Worker(workerUrl, { workerData: data, resourceLimits: WORKER_RESOURCE_LIMITS });
    for (let k = 0; k < nThreads; k++) {
      const w = open(share ? { ...shared, setupRank: k, setupRanks: nThreads } : shared);
      workers.push(w);
      w.on('message', (msg: { id: number; result?: R; setup?: unknown; error?: { name: string; message: string; field?: string; expected?: string } }) => {
        if (settled) return;
        if ('setup' in msg) {
          for (const other of workers) if (other !== w) other.postMessage({ setup: msg.setup });
          return;
        }
        if (msg.error) {
          const { name, message, field, expected } = msg.error;
          if (name === 'InputError') return finish(new InputError(field ?? '', expected ?? message));
          if (name === 'ConvergenceError') return finish(new ConvergenceError(message));
          return finish(outOfMemory(name, message) ?? Object.assign(new Error(message), { name }));
        }
        done++;
        // The worker's next task goes out before this thread handles the result, so the worker never waits for it.
        feed(w);
        try {
          onResult(msg.id, msg.result as R);
          options.onProgress?.(done, total);
        } catch (err) {
          // A throwing callback rejects this pool's promise; it must not become an uncaught exception.
          return finish(err);
        }
        if (done === total) finish();
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
