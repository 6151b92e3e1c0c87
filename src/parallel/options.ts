import { InputError } from '../errors.js';

/**
 * Check the options every parallel entry point shares: `threads` a positive
 * integer, `onProgress` a function, `signal` an AbortSignal. A NaN thread
 * count would otherwise spawn no worker and wait forever.
 */
export function checkPoolOptions(options: unknown): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new InputError('options', `expected an object, got ${describe(options)}`);
  const { threads, onProgress, signal } = options as Record<string, unknown>;
  if (threads !== undefined && !(typeof threads === 'number' && Number.isInteger(threads) && threads >= 1))
    throw new InputError('options.threads', `expected a positive integer, got ${describe(threads)}`);
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw new InputError('options.onProgress', `expected a function (done, total) => void, got ${describe(onProgress)}`);
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new InputError('options.signal', `expected an AbortSignal, got ${describe(signal)}`);
}

/** A short, one-line description of a value for an error message: `'2' (a string)`, `NaN`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)} (a string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
