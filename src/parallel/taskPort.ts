/**
 * The worker side of the pool's protocol (pool.ts): tasks arrive as
 * {id, task}; the answer is {id, result} or {id, error}. After the last task
 * the pool sends CLOSE_MESSAGE and the worker closes its port, so its event
 * loop empties and the thread exits by itself: terminating a worker whose
 * isolate still has background compile jobs can abort Node 20
 * (`NodePlatform::ForIsolate` assertion), so a finished pool never terminates.
 */
import { parentPort, workerData } from 'node:worker_threads';

/** What the pool posts when no task is left. */
export const CLOSE_MESSAGE = { close: true } as const;

/** Serve the pool's tasks on this worker thread: `handle(id, task)` posts the answer itself (setup messages, onSetup, are not tasks). */
export function onTask<T>(handle: (id: number, task: T) => void): void {
  parentPort!.on('message', (msg: { id: number; task: T } | typeof CLOSE_MESSAGE | { setup: unknown }) => {
    if ('close' in msg) {
      parentPort!.close();
      return;
    }
    if ('setup' in msg) return;
    handle(msg.id, msg.task);
  });
}

/**
 * A worker of a pool with shared setup (pool.ts SetupSharing) posts
 * {setup: x} to share x with the pool's other workers; each of them receives
 * it as {setup: x} here. Returns a function that stops listening.
 */
export function onSetup<T>(handle: (setup: T) => void): () => void {
  const listener = (msg: { setup?: T }) => {
    if (typeof msg === 'object' && msg !== null && 'setup' in msg) handle(msg.setup as T);
  };
  parentPort!.on('message', listener);
  return () => parentPort!.off('message', listener);
}

/** What a worker of a pool with shared setup learns with its data: its rank among the pool's `setupRanks` workers. */
export interface SetupRank {
  setupRank?: number;
  setupRanks?: number;
}

/** The workerData of a worker started before its pool (pool.ts prestartWorkers): the shared data follows as {shared}. */
export const DEFERRED_DATA = { deferred: true } as const;

/**
 * Run `start` with the pool's shared data: workerData, or for a prestarted
 * worker the first message {shared} (CLOSE_MESSAGE instead ends the worker
 * unused). `start` must register its task handler before it returns.
 */
export function withSharedData<T>(start: (shared: T) => void): void {
  const data = workerData as unknown;
  if (!(typeof data === 'object' && data !== null && (data as { deferred?: unknown }).deferred === true)) return start(data as T);
  const first = (msg: { shared: T } | typeof CLOSE_MESSAGE) => {
    parentPort!.off('message', first);
    if ('close' in msg) parentPort!.close();
    else start(msg.shared);
  };
  parentPort!.on('message', first);
}
