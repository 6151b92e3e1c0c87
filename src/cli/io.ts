import { InputError } from '../errors.js';
import { writeFileAtomic, writeFileAtomicSync } from '../plot/files.js';

/**
 * Write a command's output file atomically (temp file + rename, see
 * plot/files.ts), so an interrupted run never leaves a half-written file; a
 * path that cannot be written is a usage error naming it.
 */
export async function writeOutputFile(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (err) {
    throw cannotWrite(path, err);
  }
}

/** Synchronous variant of writeOutputFile. */
export function writeOutputFileSync(path: string, data: string | Uint8Array): void {
  try {
    writeFileAtomicSync(path, data);
  } catch (err) {
    throw cannotWrite(path, err);
  }
}

const cannotWrite = (path: string, err: unknown) =>
  new InputError(path, `cannot write the output file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);

/** An AbortSignal that fires on Ctrl-C (SIGINT) / SIGTERM, for cancelling long computations cleanly. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
