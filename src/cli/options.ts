import { InputError } from '../errors.js';
import type { EngineName } from '../rkky/sweep.js';

const ENGINES = ['dense', 'exact', 'auto'] as const;

/** Validate `--engine`. */
export function parseEngine(value: string): EngineName {
  if (!(ENGINES as readonly string[]).includes(value)) throw new InputError('--engine', `expected dense, exact or auto, got '${value}'`);
  return value as EngineName;
}

/** Validate `--threads`. */
export function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError('--threads', `expected a positive integer, got '${value}'`);
  return n;
}
