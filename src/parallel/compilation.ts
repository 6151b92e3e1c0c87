/**
 * V8 optimizes hot functions on background compiler threads. When the worker
 * threads of a pool keep every core busy, those compile jobs wait for a core
 * while the workers go on running unoptimized code: the paper workload
 * (bench geometry, 2 cores, 2 workers) took a median 2.28 s with concurrent
 * recompilation and 1.96 s with each worker optimizing on its own thread
 * (interleaved runs). A thread reads the flag when its isolate is created,
 * so it is off while pools that fill the machine start their workers and on
 * again when no such pool (or its prestarted workers) is left; the main
 * thread keeps its background compiler.
 */
import { setFlagsFromString } from 'node:v8';

let holders = 0;
/** A process started with the flag off (the rkky command, src/cli/nodeFlags.ts) keeps it off after the holds. */
const startedSynchronous = typeof process !== 'undefined' && process.execArgv.includes('--no-concurrent-recompilation');

/**
 * Workers started until the returned release is called optimize on their own
 * threads (counted: the flag returns when every holder has released).
 */
export function holdSynchronousOptimization(): () => void {
  if (holders++ === 0) setFlagsFromString('--no-concurrent-recompilation');
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0 && !startedSynchronous) setFlagsFromString('--concurrent-recompilation');
  };
}
