import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from '../errors.js';
import { parseJsonStrict } from './jsonText.js';
import { parseModel, type Model } from './model.js';

/** Largest input file accepted (a 101×101 model with a custom block per bond is well under 1 MB). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Read a text input file: a regular file of at most MAX_INPUT_BYTES. Directories,
 * FIFOs and devices (`/dev/zero`) are refused before anything is read (O_NONBLOCK
 * keeps the open of a FIFO without writer from hanging); `what` names the file in errors.
 */
export function readInputText(path: string, what: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(path, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(path, `cannot read the ${what}: expected a regular file, got ${kindOf(stats)}`);
    if (stats.size > MAX_INPUT_BYTES)
      throw new InputError(path, `the ${what} is ${(stats.size / 2 ** 20).toFixed(1)} MB, expected at most ${MAX_INPUT_BYTES / 2 ** 20} MB`);
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

/** Read and validate a model file; every problem is one InputError naming the field. */
export function loadModel(path: string): Model {
  return parseModel(parseJsonStrict(readInputText(path, 'model file'), path));
}
