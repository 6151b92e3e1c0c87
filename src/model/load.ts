import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { parseJsonStrict } from './jsonText.js';
import { wannierPaths, type ModelFiles } from '../wannier/resolve.js';
import { parseModel, type Model } from './model.js';

/** Largest file a model may refer to (Wannier90 hr.dat of a few hundred functions). */
export const MAX_REFERENCED_BYTES = 256 * 1024 * 1024;

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
export function readInputText(path: string, what: string, maxBytes = MAX_INPUT_BYTES, field = path): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(field, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(field, `cannot read the ${what}: expected a regular file, got ${kindOf(stats)}`);
    if (stats.size > maxBytes)
      throw new InputError(field, `the ${what} is ${(stats.size / 2 ** 20).toFixed(1)} MB, expected at most ${maxBytes / 2 ** 20} MB`);
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
    throw new InputError(field, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a file a model file refers to (a Wannier90 file): as readInputText, symlinks followed,
 * at most MAX_REFERENCED_BYTES; `field` names the model key in errors.
 */
export function readReferencedFile(path: string, field: string): string {
  return readInputText(path, `file '${path}'`, MAX_REFERENCED_BYTES, field);
}

/** The files a parsed (not yet validated) model file refers to, read relative to its directory. */
function referencedFiles(json: unknown, modelPath: string): ModelFiles {
  const spec = (json as { lattice?: { wannier90?: unknown } } | null)?.lattice?.wannier90;
  if (typeof spec !== 'object' || spec === null) return {};
  const files: Record<string, string> = {};
  for (const p of wannierPaths(spec as Record<string, unknown>)) {
    const key = Object.entries(spec).find(([, v]) => v === p)![0];
    files[p] = readReferencedFile(isAbsolute(p) ? p : resolve(dirname(modelPath), p), `lattice.wannier90.${key}`);
  }
  return files;
}

/** Read and validate a model file (and the files it refers to); every problem is one InputError naming the field. */
export function loadModel(path: string): Model {
  const json = parseJsonStrict(readInputText(path, 'model file'), path);
  const model = parseModel(json, { files: referencedFiles(json, path) });
  const herm = model.wannier?.hermiticity;
  if (herm && herm.deviation > 1e-5)
    process.stderr.write(`rkky: warning: the Wannier Hamiltonian deviates from H(−R) = H(R)† by up to ${herm.deviation.toExponential(2)} eV (R = (${herm.cell.join(', ')}), m = ${herm.m}, n = ${herm.n}); symmetrized\n`);
  return model;
}
