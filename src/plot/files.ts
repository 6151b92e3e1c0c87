/**
 * Atomic file writes: data goes to a temporary file beside the target and is
 * renamed over it, so an interrupted run (Ctrl-C, crash) never leaves a
 * half-written file. Pending temporary files are removed on process exit.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const pending = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of pending) rmSync(p, { force: true });
  });
}

/** A fresh temporary name beside `path`, removed on exit if still there. */
function tempPathFor(path: string): string {
  installExitHook();
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
  return tmp;
}

/** Write `data` to `path` atomically (temp file in the same directory, then rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    pending.delete(tmp);
  }
}

/** Synchronous variant of writeFileAtomic. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    pending.delete(tmp);
  }
}
