/**
 * The last check before anything is printed: every number of a command's
 * result must be finite. JSON.stringify would print NaN and ±Infinity as
 * null and tables as "NaN"; a non-finite number means an overflow or a
 * failed computation, reported as such (exit code 1) with the field it
 * appeared in.
 */

/** A result holding NaN or ±Infinity. */
export class NonFiniteResultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteResultError';
  }
}

/** The path and value of the first non-finite number in `value` (objects, arrays, typed arrays), or null. */
export function firstNonFinite(value: unknown, path = ''): { path: string; value: number } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : { path, value };
  if (value === null || typeof value !== 'object') return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) return { path: `${path}[${i}]`, value: a[i]! };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = firstNonFinite(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const hit = firstNonFinite(v, path ? `${path}.${k}` : k);
    if (hit) return hit;
  }
  return null;
}

/**
 * Throw NonFiniteResultError if `value` holds NaN or ±Infinity: `what` says
 * which computation produced it (e.g. 'couplings').
 */
export function checkFinite<T>(value: T, what: string): T {
  const hit = firstNonFinite(value);
  if (hit)
    throw new NonFiniteResultError(
      `${what}: ${hit.path || 'the value'} is ${hit.value} (the computation overflowed or did not converge); check the magnitudes of the inputs`,
    );
  return value;
}
