import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { wannierPaths, type ModelFiles } from '../wannier/resolve.js';
import { parseModel, type Model } from './model.js';

/** Largest file a model may refer to (Wannier90 hr.dat of a few hundred functions). */
export const MAX_REFERENCED_BYTES = 256 * 1024 * 1024;

/**
 * Read a file a model file refers to (paths relative to the model file): a
 * regular file (symlinks followed) of at most MAX_REFERENCED_BYTES; FIFOs and
 * devices are refused before anything is read. `field` names the model key in errors.
 */
export function readReferencedFile(path: string, field: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(field, `cannot read '${path}' (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(field, `'${path}' is not a regular file`);
    if (stats.size > MAX_REFERENCED_BYTES) throw new InputError(field, `'${path}' is ${(stats.size / 2 ** 20).toFixed(0)} MB, expected at most ${MAX_REFERENCED_BYTES / 2 ** 20} MB`);
    return readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(field, `cannot read '${path}' (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read the model file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(path, `not valid JSON: ${(err as Error).message}`);
  }
  const model = parseModel(json, { files: referencedFiles(json, path) });
  const herm = model.wannier?.hermiticity;
  if (herm && herm.deviation > 1e-5)
    process.stderr.write(`rkky: warning: the Wannier Hamiltonian deviates from H(−R) = H(R)† by up to ${herm.deviation.toExponential(2)} eV (R = (${herm.cell.join(', ')}), m = ${herm.m}, n = ${herm.n}); symmetrized\n`);
  return model;
}
