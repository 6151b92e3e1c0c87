/**
 * The V8 flags the `rkky` command runs with (the shebang of main.ts, `npm
 * start`, the sweep job lines and the benchmarks' workload processes).
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
 */
export const NODE_FLAGS: readonly string[] = ['--no-concurrent-recompilation'];
