/**
 * Writing output files safely.
 *
 * - A regular file (or a path that does not exist yet) is written atomically:
 *   data goes to a temporary file beside the target and is renamed over it, so
 *   an interrupted run never leaves a half-written file. A symlink is resolved
 *   first, so the link stays and its target gets the data.
 * - Anything else (`/dev/stdout`, `/dev/null`, a FIFO, paths under /dev and
 *   /proc) is opened and written directly: renaming over a device would
 *   replace the device node by a regular file.
 * - Temporary files and directories are removed on process exit (a CLI that
 *   handles SIGINT/SIGTERM must exit through process.exit for that; see
 *   src/cli/signals.ts).
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

const pending = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of pending) rmSync(p, { force: true, recursive: true });
  });
}

/** Track a temporary path (file or directory): removed on exit unless released. */
export function registerTemp(path: string): void {
  installExitHook();
  pending.add(path);
}

/** Stop tracking a temporary path (it was renamed into place or removed). */
export function releaseTemp(path: string): void {
  pending.delete(path);
}

/** Whether temporary outputs exist (then a signal must run the exit hook rather than kill the process outright). */
export function hasPendingTemps(): boolean {
  return pending.size > 0;
}

/** A fresh temporary name beside `path` (same directory, so a rename is atomic). */
export function tempPathBeside(path: string, suffix = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
}

/** Where a write to `path` lands, and how. */
export interface WriteTarget {
  /** The path to write: a symlink's final target for regular files, the path as given otherwise. */
  path: string;
  /** True: temp file + rename (regular file or new file); false: open and write directly. */
  atomic: boolean;
  /** Whether something exists at the target already. */
  exists: boolean;
}

/** Resolve `path` for writing (symlinks followed, also dangling ones); throws the fs error for a directory. */
export function writeTarget(path: string): WriteTarget {
  const abs = resolve(path);
  if (abs.startsWith('/dev/') || abs.startsWith('/proc/')) return { path: abs, atomic: false, exists: true };
  let stats;
  try {
    stats = statSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return { path: newFileTarget(abs), atomic: true, exists: false };
  }
  if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: is a directory, '${path}'`), { code: 'EISDIR' });
  if (!stats.isFile()) return { path: abs, atomic: false, exists: true };
  return { path: realpathSync(abs), atomic: true, exists: true };
}

/** The file a new path creates: the end of a (dangling) symlink chain, in the real parent directory. */
function newFileTarget(abs: string): string {
  let p = abs;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(p).isSymbolicLink()) break;
      link = readlinkSync(p);
    } catch {
      break;
    }
    p = resolve(dirname(p), link);
  }
  let dir = dirname(p);
  try {
    dir = realpathSync(dir);
  } catch {
    // A missing directory fails at the write with ENOENT.
  }
  return join(dir, basename(p));
}

/** Write `data` to `path`: atomically for regular files, directly for devices and FIFOs (see the module comment). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = writeTarget(path);
  if (!target.atomic) return writeFile(target.path, data, { flag: 'a' });
  const tmp = tempPathBeside(target.path);
  registerTemp(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target.path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    releaseTemp(tmp);
  }
}

/** Synchronous variant of writeFileAtomic. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const target = writeTarget(path);
  if (!target.atomic) return writeFileSync(target.path, data, { flag: 'a' });
  const tmp = tempPathBeside(target.path);
  registerTemp(tmp);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target.path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    releaseTemp(tmp);
  }
}
