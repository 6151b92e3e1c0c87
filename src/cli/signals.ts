/**
 * Ctrl-C (SIGINT) and SIGTERM in every phase of a CLI run.
 *
 * While the event loop runs (worker threads computing, files being written),
 * the handler installed here ends the process at once with exit code 130
 * (SIGINT) or 143 (SIGTERM) through process.exit, so the exit hook of
 * plot/files.ts removes every temporary file; staged outputs are never
 * committed (io.ts). A long synchronous phase on the main thread (dense
 * diagonalization, spin-model runs, rasterising a plot) would delay that
 * handler until it ends, so it runs under {@link withDefaultSignals}: the
 * default disposition then kills the process immediately (the shell reports
 * 130/143 the same way); this is safe because no temporary file exists then.
 */
import { hasPendingTemps } from '../plot/files.js';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Sig = keyof typeof EXIT_CODES;
const SIGNALS = Object.keys(EXIT_CODES) as Sig[];

function onSignal(signal: Sig): void {
  process.stderr.write('rkky: cancelled\n');
  process.exit(EXIT_CODES[signal]);
}

let installed = false;

/** Install the SIGINT/SIGTERM handlers (once, at startup). */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

/**
 * Run a synchronous phase with the default signal disposition (an immediate
 * kill), unless temporary outputs exist, which the handler must remove.
 */
export async function withDefaultSignals<T>(fn: () => T): Promise<T> {
  // A signal that arrived while earlier synchronous work blocked the loop is still queued in
  // libuv: one turn of the loop delivers it to the handler before the listeners are removed.
  await new Promise((r) => setImmediate(r));
  if (!installed || hasPendingTemps()) return fn();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  try {
    return fn();
  } finally {
    for (const s of SIGNALS) process.on(s, onSignal);
  }
}

/**
 * The command has finished and its outputs are in place: a signal from now on (while worker
 * threads and streams close) must not turn the completed run into a cancelled one, so it is ignored.
 */
export function ignoreLateSignals(): void {
  if (!installed) return;
  for (const s of SIGNALS) {
    process.removeListener(s, onSignal);
    process.on(s, () => {});
  }
}
