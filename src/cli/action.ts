import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import { commitOutputs, OutputWriteError } from './io.js';
import { ignoreLateSignals } from './signals.js';
import { NonFiniteResultError } from './finite.js';
import { closeWarmWorkers } from '../parallel/pool.js';

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
      try {
        await fn(...args);
      } finally {
        // Workers prestarted for a path the command did not take end before the process exits (pool.ts).
        await closeWarmWorkers();
      }
      await commitOutputs();
      ignoreLateSignals();
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

export { parseNumber, parseRange } from './parse.js';
