/**
 * Parsers of numeric CLI options (A, A:B, A:B:STEP). Pure, with no Node
 * imports, so that the browser explorer validates its fields with the same code.
 */
import { InputError } from '../errors.js';

/** Parse a number-valued CLI option, naming the option when it is not a finite number. */
export function parseNumber(name: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new InputError(name, `expected a number, got '${value}'`);
  return x;
}

/** Parse `A` (one value), `A:B` (integers, step 1) or `A:B:STEP` (numbers) into a list, naming the option on error. */
export function parseRange(name: string, value: string, integer = false): number[] {
  const parts = value.split(':');
  if (parts.length === 1) parts.push(parts[0]!); // a single value A means A:A
  if (parts.length > 3) throw new InputError(name, `expected A, A:B or A:B:STEP, got '${value}'`);
  const [a, b] = [parseNumber(name, parts[0]!), parseNumber(name, parts[1]!)];
  const step = parts.length === 3 ? parseNumber(name, parts[2]!) : 1;
  if (!(step > 0)) throw new InputError(name, `STEP must be positive, got '${value}'`);
  if (b < a) throw new InputError(name, `expected A <= B, got '${value}'`);
  if (integer && (!Number.isInteger(a) || !Number.isInteger(b) || !Number.isInteger(step)))
    throw new InputError(name, `expected integers, got '${value}'`);
  const n = Math.floor((b - a) / step + 1e-9) + 1;
  if (n > 1e6) throw new InputError(name, `too many points (${n}), expected at most 1000000`);
  // 12 significant digits drop the round-off of a + k·step (0.30000000000000004 → 0.3).
  return Array.from({ length: n }, (_, k) => Number((a + k * step).toPrecision(12)));
}
