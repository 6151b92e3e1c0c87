import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * Write a file atomically: to a temporary name beside it, then rename, so an
 * interrupted run (Ctrl-C) never leaves a half-written output file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new InputError(path, `cannot write the output file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** An AbortSignal that fires on Ctrl-C (SIGINT) / SIGTERM, for cancelling long computations cleanly. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
