/**
 * Validation of the explorer's non-model inputs with the CLI's exact
 * messages: the same helpers (`parseNumber`, `parseRange` from the CLI) and
 * the same option names (`--kf`, `--separations`, …), so an error reads the
 * same in the browser as after `rkky: ` on the command line.
 */
import { InputError } from '../../src/errors.js';
import { parseNumber, parseRange } from '../../src/cli/parse.js';
import type { Dimension } from '../../src/continuum/index.js';

export { parseNumber, parseRange };

/** `--dim` of `rkky continuum`. */
export function parseDim(value: string): Dimension {
  const d = parseNumber('--dim', value);
  if (d !== 1 && d !== 2 && d !== 3) throw new InputError('--dim', `expected 1, 2 or 3, got '${value}'`);
  return d;
}

export function parsePositive(name: string, value: string): number {
  const x = parseNumber(name, value);
  if (!(x > 0)) throw new InputError(name, `expected a positive number, got '${value}'`);
  return x;
}

export function parseNonNegative(name: string, value: string): number {
  const x = parseNumber(name, value);
  if (!(x >= 0)) throw new InputError(name, `expected a number >= 0, got '${value}'`);
  return x;
}

/** `--mean-free-path`; an empty field, "inf" or "∞" is the clean host (the CLI's default when the option is absent). */
export function parseMeanFreePath(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'inf' || v === 'infinity' || v === '∞') return Infinity;
  return parsePositive('--mean-free-path', value);
}

/** `--dispersion-power`: 1 ≤ z ≤ 3. */
export function parseDispersionPower(value: string): number {
  const z = parseNumber('--dispersion-power', value);
  if (!(z >= 1 && z <= 3)) throw new InputError('--dispersion-power', `expected a number in [1, 3], got '${value}'`);
  return z;
}

/** `--r` of `rkky continuum range`: A:B:STEP with A > 0. */
export function parseDistances(name: string, value: string): number[] {
  const r = parseRange(name, value);
  if (!(r[0]! > 0)) throw new InputError(name, `expected positive distances, got '${value}'`);
  return r;
}

/** `--site` of `rkky ldos`: comma-separated coordinates. */
export function parseSite(value: string, dim: number): number[] {
  const coords = value.split(',').map((c) => parseNumber('--site', c));
  if (coords.length !== dim) throw new InputError('--site', `expected ${dim} coordinates, got '${value}'`);
  return coords;
}

/** `--direction` of `rkky couplings`. */
export function parseDirection(value: string): 'x' | 'y' | 'z' {
  if (value !== 'x' && value !== 'y' && value !== 'z') throw new InputError('--direction', `expected x, y or z, got '${value}'`);
  return value;
}
