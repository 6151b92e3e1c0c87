import type { z } from 'zod';
import { InputError } from '../errors.js';

/** A zod issue path as a dotted field name: `impurities[1].site`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/**
 * Validate `input` against a zod schema; the first problem becomes one
 * InputError naming its field (`what` names the whole document when the
 * problem is at the top level).
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const res = schema.safeParse(input, { reportInput: true });
  if (res.success) return res.data;
  const issue = res.error.issues[0]!;
  const path = fieldPath(issue.path);
  if (issue.code === 'unrecognized_keys')
    throw new InputError(path || what, `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`);
  if (issue.code === 'invalid_type' && issue.input === undefined) throw new InputError(path || what, 'is required');
  throw new InputError(path || what, issue.message);
}
