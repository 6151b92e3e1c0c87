/**
 * `DIR/sweep.json`: the definition a result directory belongs to (as a
 * self-contained sweep file) and its hash. Written once, atomically, by the
 * first task to start; every later task (or `--resume`) must match it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomicSync } from '../plot/files.js';
import { definitionHash, parseSweep, sweepFileOf, type SweepDefinition } from './definition.js';

export const MANIFEST = 'sweep.json';

export interface Manifest {
  hash: string;
  definition: SweepDefinition;
}

/** Read DIR/sweep.json (InputError naming DIR if it is missing or damaged). */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new InputError(dir, `not a sweep result directory (no ${MANIFEST}; expected the --out DIR of 'rkky sweep run')`);
  let json: { hash?: unknown; definition?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(path, `not valid JSON: ${(err as Error).message}`);
  }
  const definition = parseSweep(json.definition);
  const hash = definitionHash(definition);
  if (json.hash !== hash) throw new InputError(path, `hash ${String(json.hash)} does not match its definition (${hash}); the file was edited`);
  return { hash, definition };
}

/** Create DIR if needed and write DIR/sweep.json unless it is already there. */
export function writeManifest(dir: string, def: SweepDefinition): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError('--out', `cannot create the directory '${dir}' (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const path = join(dir, MANIFEST);
  if (existsSync(path)) return;
  try {
    writeFileAtomicSync(path, `${JSON.stringify({ hash: definitionHash(def), definition: sweepFileOf(def) }, null, 1)}\n`);
  } catch (err) {
    throw new InputError(path, `cannot write the output file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
