/**
 * Errors that reach the user. Every message is one line that names the
 * offending field (or argument) and what was expected; the CLI prints it
 * as `rkky: <message>` and exits with code 2 (usage) or 1 (computation).
 */

/** Bad input: a model file, a CLI argument or a library argument. */
export class InputError extends Error {
  constructor(
    /** Dotted path of the offending field, e.g. `impurities[1].site`. */
    readonly field: string,
    /** What was expected, e.g. `an integer in 0..20`. */
    readonly expected: string,
  ) {
    super(field ? `${field}: ${expected}` : expected);
    this.name = 'InputError';
  }
}

/** A computation that did not reach its tolerance. */
export class ConvergenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConvergenceError';
  }
}

/** Raised when the user cancels (Ctrl-C) or an AbortSignal fires. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
