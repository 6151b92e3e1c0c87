import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import { commitOutputs, OutputWriteError } from './io.js';
import { NonFiniteResultError } from './finite.js';

/** Exit codes of the CLI. */
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;
export const EXIT_CANCELLED = 130;

/** Print one line on stderr and exit: the only way the CLI reports an error. */
export function die(message: string, code: number): never {
  process.stderr.write(`rkky: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
  process.exit(code);
}

/**
 * Wrap a command's action so that bad input becomes one line on stderr and
 * exit code 2, non-convergence, a non-finite result or a failing write exit
 * code 1, cancellation exit code 130, and an unexpected bug one line (the
 * stack only with RKKY_DEBUG=1). Output files staged by the command are
 * committed only when it succeeded (see io.ts).
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await fn(...args);
      await commitOutputs();
    } catch (err) {
      if (err instanceof InputError) die(err.message, EXIT_USAGE);
      if (err instanceof ConvergenceError) die(`did not converge: ${err.message}`, EXIT_FAILURE);
      if (err instanceof NonFiniteResultError || err instanceof OutputWriteError) die(err.message, EXIT_FAILURE);
      if (err instanceof RangeError && /allocation|Array buffer|Invalid typed array length/i.test(err.message))
        die(`out of memory: ${err.message} (see --max-memory)`, EXIT_FAILURE);
      if (err instanceof CancelledError) die('cancelled', EXIT_CANCELLED);
      if (process.env.RKKY_DEBUG) console.error(err);
      die(`internal error: ${err instanceof Error ? err.message : String(err)}`, EXIT_FAILURE);
    }
  };
}

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
