import { InputError } from '../errors.js';

/**
 * A configurations file: a JSON list of configurations (or {"configurations": [...]}),
 * each a list of N spin vectors [x, y, z] (any non-zero length).
 */
export function parseConfigurations(json: unknown, n: number, field = '--configurations'): number[][][] {
  const list = Array.isArray(json) ? json : json && typeof json === 'object' && Array.isArray((json as { configurations?: unknown }).configurations) ? (json as { configurations: unknown[] }).configurations : null;
  if (!list) throw new InputError(field, 'expected a JSON list of configurations (each a list of spin vectors), or {"configurations": [...]}');
  if (list.length === 0) throw new InputError(field, 'expected at least one configuration');
  return list.map((c, k) => {
    if (!Array.isArray(c) || c.length !== n) throw new InputError(`${field}[${k}]`, `expected a list of ${n} spin vectors (one per impurity)`);
    return c.map((s, i) => {
      if (!Array.isArray(s) || s.length !== 3 || !s.every((x) => typeof x === 'number' && Number.isFinite(x)) || Math.hypot(...(s as number[])) === 0)
        throw new InputError(`${field}[${k}][${i}]`, 'expected a non-zero vector of three finite numbers');
      return [...(s as number[])];
    });
  });
}
