/**
 * Phase timestamps for profiling (RKKY_TRACE=1): `trace('label')` writes
 * "rkky-trace <ms since the process started> <thread> <label>" to stderr, on
 * the main thread and in workers alike (performance.timeOrigin is per thread,
 * so times are taken from the wall clock against the process start that the
 * main thread passes on in RKKY_TRACE_START). A no-op without the variable,
 * and in the browser.
 */
import { isMainThread, threadId } from 'node:worker_threads';

const env = typeof process !== 'undefined' ? process.env : undefined;
const enabled = Boolean(env?.RKKY_TRACE);
if (enabled && isMainThread && env) env.RKKY_TRACE_START = String(performance.timeOrigin);
// A start inherited from the environment that is not a time (set by hand) falls back to this thread's own origin.
const inherited = Number(env?.RKKY_TRACE_START);
const start = enabled ? (Number.isFinite(inherited) && inherited > 0 ? inherited : performance.timeOrigin) : 0;

export function trace(label: string): void {
  if (!enabled) return;
  const ms = performance.timeOrigin + performance.now() - start;
  process.stderr.write(`rkky-trace ${ms.toFixed(1)} ${isMainThread ? 'main' : `w${threadId}`} ${label}\n`);
}
