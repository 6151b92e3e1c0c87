/**
 * The V8 flags the `rkky` command runs with (the shebang of main.ts, `npm
 * start`, the sweep job lines, `npm run bench` and its workload processes).
 *
 * --no-concurrent-recompilation: the main thread optimizes a hot function on
 * its own thread instead of queueing it for V8's background compiler. The
 * main thread's work is one-shot (building the host, fitting the poles): while
 * a background job waits for a core, which the worker pool keeps busy, it runs
 * on in unoptimized code. Measured on the paper workload (2 cores,
 * interleaved runs): building the 101×101 host 142 ms instead of 184 ms alone
 * and 247 ms instead of 282 ms beside the starting workers; the whole workload
 * about 5 % faster. The workers already optimize on their own threads
 * (src/parallel/compilation.ts); the flag must be given at start, for a
 * running thread keeps the mode it started with.
 *
 * --single-threaded-gc: each thread collects its own garbage without helper
 * threads. A parallel scavenge waits for its helpers, which wait for a core
 * the other threads hold: with one worker thread merely computing on the
 * second core, building the 101×101 host took 290 ms instead of 219 ms; the
 * paper workload with both flags a median 1.36 s instead of 1.43 s with the
 * first alone (10 interleaved runs each). GC flags cannot change in a
 * running process (V8 aborts), hence the command line.
 */
export const NODE_FLAGS: readonly string[] = ['--no-concurrent-recompilation', '--single-threaded-gc'];
