/**
 * Output files of the CLI (-o, --plot, reproduce --out).
 *
 * Paths are checked before the computation (checkOutputPath): not empty, not a
 * directory, not one of the inputs (also through symlinks), writable. Results
 * are then staged while the command runs (regular files as temporary files
 * beside their target, devices and FIFOs in memory) and committed together,
 * synchronously, once the command has finished (commitOutputs, called by
 * action()): an interrupted or failed run leaves no output file at all, and
 * no temporary file either (plot/files.ts removes them on exit).
 */
import { accessSync, constants, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { registerTemp, releaseTemp, tempPathBeside, writeTarget, type WriteTarget } from '../plot/files.js';
import { svgToPng } from '../plot/writeFigure.js';

/** A write that failed for a reason other than the path (disk full, I/O error): exit code 1. */
export class OutputWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputWriteError';
  }
}

/** Errors that mean "this path cannot be written" (a usage error) rather than a failing device. */
const PATH_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'ELOOP', 'EEXIST', 'ETXTBSY']);

function writeError(flag: string, path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  if (PATH_ERRORS.has(code)) return new InputError(flag, `cannot write '${path}' (${code})`);
  const reason = code === 'ENOSPC' ? 'no space left on device' : code === 'EFBIG' ? 'file too large' : code === 'EIO' ? 'I/O error' : 'write failed';
  return new OutputWriteError(`cannot write '${path}': ${reason} (${code})`);
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * Check an output path before any work: a usage error naming `flag` if it is
 * empty, a directory (unless `directory`), the same file as one of `inputs`,
 * or not writable. Does nothing for an absent option.
 */
export function checkOutputPath(flag: string, path: unknown, inputs: readonly string[] = [], directory = false): void {
  if (path === undefined || path === false) return;
  if (typeof path !== 'string' || path === '') throw new InputError(flag, 'expected a file name, got an empty string');
  if (directory) return checkOutputDirectory(flag, path);
  let target: WriteTarget;
  try {
    target = writeTarget(path);
  } catch (err) {
    throw writeError(flag, path, err);
  }
  const real = realOrNull(target.path);
  for (const input of inputs) {
    const r = realOrNull(input);
    if (real && r && real === r) throw new InputError(flag, `'${path}' is the input file ${input}; choose another output file`);
  }
  try {
    if (target.exists) accessSync(target.path, constants.W_OK);
    if (target.atomic) {
      const dir = dirname(target.path);
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      accessSync(dir, constants.W_OK);
    }
  } catch (err) {
    throw writeError(flag, path, err);
  }
}

function checkOutputDirectory(flag: string, dir: string): void {
  try {
    const s = statSync(dir);
    if (!s.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(flag, dir, err);
    // A new directory: its nearest existing ancestor must be writable.
    let parent = dirname(resolve(dir));
    for (;;) {
      try {
        if (!statSync(parent).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
        accessSync(parent, constants.W_OK);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(parent) === parent) throw writeError(flag, dir, e);
        parent = dirname(parent);
      }
    }
  }
}

/** One staged output: a temporary file to rename, data to write directly, or a directory to move into place. */
type Staged =
  | { kind: 'file'; flag: string; path: string; target: string; tmp: string }
  | { kind: 'direct'; flag: string; path: string; target: string; data: string | Uint8Array }
  | { kind: 'dir'; flag: string; path: string; tmp: string };

const staged: Staged[] = [];

/** Stage `data` for `path` (written now to a temporary file, or kept for a device); committed by commitOutputs. */
export function stageOutput(flag: string, path: string, data: string | Uint8Array): void {
  let target: WriteTarget;
  try {
    target = writeTarget(path);
  } catch (err) {
    throw writeError(flag, path, err);
  }
  if (!target.atomic) {
    staged.push({ kind: 'direct', flag, path, target: target.path, data });
    return;
  }
  const tmp = tempPathBeside(target.path);
  registerTemp(tmp);
  try {
    writeFileSync(tmp, data);
  } catch (err) {
    rmSync(tmp, { force: true });
    releaseTemp(tmp);
    throw writeError(flag, path, err);
  }
  staged.push({ kind: 'file', flag, path, target: target.path, tmp });
}

/** Stage a command's output file (`-o`). */
export async function writeOutputFile(path: string, data: string | Uint8Array, flag = '-o'): Promise<void> {
  stageOutput(flag, path, data);
}

/** Synchronous variant of writeOutputFile. */
export function writeOutputFileSync(path: string, data: string | Uint8Array, flag = '-o'): void {
  stageOutput(flag, path, data);
}

/** Stage a figure (`--plot`): .svg as text, .png rasterised. */
export async function writeFigureFile(path: string, svg: string, flag = '--plot'): Promise<void> {
  const ext = path.toLowerCase().slice(path.lastIndexOf('.'));
  if (ext !== '.svg' && ext !== '.png') throw new InputError(flag, `expected a file name ending in .svg or .png, got '${path}'`);
  stageOutput(flag, path, ext === '.svg' ? svg : svgToPng(svg));
}

/**
 * Stage an output directory: returns a fresh temporary directory beside `dir`
 * to write into; commitOutputs moves its files into `dir` (created if needed),
 * so an interrupted run leaves neither an empty nor a partial directory.
 */
export function stageDirectory(flag: string, dir: string): string {
  const real = realOrNull(dir) ?? resolve(dir);
  try {
    mkdirSync(dirname(real), { recursive: true });
  } catch (err) {
    throw writeError(flag, dir, err);
  }
  const tmp = tempPathBeside(real, 'tmpdir');
  registerTemp(tmp);
  try {
    mkdirSync(tmp);
  } catch (err) {
    releaseTemp(tmp);
    throw writeError(flag, dir, err);
  }
  staged.push({ kind: 'dir', flag, path: real, tmp });
  return tmp;
}

/**
 * Commit every staged output: one turn of the event loop first, so that a
 * pending Ctrl-C ends the run before anything is in place, then renames and
 * direct writes without yielding.
 */
export async function commitOutputs(): Promise<void> {
  if (staged.length === 0) return;
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  for (const s of staged.splice(0)) {
    try {
      if (s.kind === 'file') {
        renameSync(s.tmp, s.target);
        releaseTemp(s.tmp);
      } else if (s.kind === 'direct') writeDirect(s.target, s.data);
      else commitDirectory(s.tmp, s.path);
    } catch (err) {
      throw writeError(s.flag, s.path, err);
    }
  }
}

/** The file descriptor a path names (/dev/stdout, /dev/fd/N, /proc/self/fd/N), or null. */
function descriptorOf(path: string): number | null {
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : null;
}

/**
 * Write to a device or FIFO. Standard output and error go through the open
 * descriptors (re-opening /proc/self/fd/1 fails for sockets, ENXIO, and would
 * truncate a redirected file); anything else is opened for appending.
 */
function writeDirect(path: string, data: string | Uint8Array): void {
  const fd = descriptorOf(path);
  if (fd === 1) process.stdout.write(data);
  else if (fd === 2) process.stderr.write(data);
  else if (fd !== null) writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
  else writeFileSync(path, data, { flag: 'a' });
}

function commitDirectory(tmp: string, dir: string): void {
  let exists = false;
  try {
    exists = statSync(dir).isDirectory();
  } catch {
    exists = false;
  }
  if (!exists) renameSync(tmp, dir);
  else {
    for (const name of readdirSync(tmp)) renameSync(join(tmp, name), join(dir, name));
    rmSync(tmp, { recursive: true, force: true });
  }
  releaseTemp(tmp);
}
