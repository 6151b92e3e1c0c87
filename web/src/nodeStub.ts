/**
 * Stand-in for the Node-only modules (`node:os`, `node:worker_threads`,
 * `node:fs`, `node:v8`) that the library imports on its worker-pool and file paths.
 * The explorer never takes those paths (it passes `serialGreens`); if it
 * ever did, this says so instead of failing obscurely.
 */
function nodeOnly(): never {
  throw new Error('a Node-only code path was reached in the browser (pass greens: serialGreens)');
}

export const availableParallelism = (): number => 1;
export const readFileSync = nodeOnly;
export const statSync = nodeOnly;
export const parentPort = null;
export const workerData = null;
export const isMainThread = true;
export const threadId = 0;
/** V8 flags (parallel/compilation.ts) do not exist in the browser. */
export const setFlagsFromString = (_flags: string): void => {};
export class Worker {
  constructor() {
    nodeOnly();
  }
}
export default { availableParallelism, readFileSync, statSync, parentPort, workerData, isMainThread, threadId, setFlagsFromString, Worker };
