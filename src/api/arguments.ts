/**
 * Argument checks of the public library entry points (src/index.ts). The
 * CLI validates its flags itself; a library caller gets the same kind of
 * one-line InputError, naming the argument (`options.threads`, `temperature`,
 * `model`) and what was expected, instead of a TypeError, a NaN or a hang.
 */
import { InputError } from '../errors.js';
import { BravaisLattice } from '../lattice/bravais.js';
import { parseModel, type Model } from '../model/model.js';
import type { ModelFile } from '../model/schema.js';
import { checkPoolOptions, describe } from '../parallel/options.js';

export { describe };

/** Whether a value is a model returned by `parseModel` (rather than model-file JSON). */
export function isParsedModel(value: unknown): value is Model {
  return typeof value === 'object' && value !== null && (value as Model).lattice instanceof BravaisLattice && typeof (value as Model).source === 'object';
}

/**
 * A parsed model from either a `parseModel` result or model-file JSON (an
 * object, validated here): both are accepted wherever a Model is expected.
 */
export function toModel(value: unknown, field = 'model'): Model {
  if (isParsedModel(value)) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(field, `expected a model (parseModel(json)) or a model-file object, got ${describe(value)}`);
  return parseModel(value);
}

/** Model-file JSON from either form (what worker threads receive). */
export function toModelFile(value: unknown, field = 'model'): ModelFile {
  return toModel(value, field).source;
}

/** An options object (`undefined` allowed unless `required`), with its pool options (threads, onProgress, signal) checked. */
export function checkOptions(options: unknown, field = 'options', required = false): Record<string, unknown> {
  if (options === undefined && !required) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new InputError(field, `expected an options object, got ${describe(options)}`);
  checkPoolOptions(options);
  return options as Record<string, unknown>;
}

/** A finite number (optionally ≥ 0 or > 0). */
export function checkNumber(value: unknown, field: string, range: 'any' | 'nonnegative' | 'positive' = 'any'): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (range === 'any' || (range === 'positive' ? value > 0 : value >= 0));
  if (!ok) {
    const what = range === 'any' ? 'a finite number' : range === 'positive' ? 'a finite positive number' : 'a finite number ≥ 0';
    throw new InputError(field, `expected ${what}, got ${describe(value)}`);
  }
  return value as number;
}

/** An optional value that must be one of `choices` (case-sensitive: 'Exact' is not 'exact'). */
export function checkChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value))
    throw new InputError(field, `expected one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}`);
  return value as T;
}

/** An optional boolean flag. */
export function checkBoolean(value: unknown, field: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw new InputError(field, `expected true or false, got ${describe(value)}`);
  return value as boolean | undefined;
}

/** A non-empty array of numbers each passing `each`. */
export function checkNumberList(value: unknown, field: string, each: (x: unknown, field: string) => void, allowEmpty = false): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) throw new InputError(field, `expected an array of numbers, got ${describe(value)}`);
  const list = Array.from(value as ArrayLike<unknown>);
  if (list.length === 0 && !allowEmpty) throw new InputError(field, 'expected at least one value, got an empty array');
  list.forEach((x, k) => each(x, `${field}[${k}]`));
  return list as number[];
}

/** Options shared by the exact engine: tolerance in (0, 1), a pole scheme, a k-mesh. */
export function checkExactOptions(o: Record<string, unknown>, field = 'options'): void {
  if (o.tolerance !== undefined) {
    const t = checkNumber(o.tolerance, `${field}.tolerance`, 'positive');
    if (t >= 1) throw new InputError(`${field}.tolerance`, `expected a number in (0, 1), got ${t}`);
  }
  checkChoice(o.poles, `${field}.poles`, ['rational', 'ozaki', 'matsubara']);
  if (o.greens !== undefined && typeof o.greens !== 'function') throw new InputError(`${field}.greens`, `expected a Green's-function provider (function), got ${describe(o.greens)}`);
  if (o.mesh !== undefined)
    checkNumberList(o.mesh, `${field}.mesh`, (x, f) => {
      if (!(typeof x === 'number' && Number.isInteger(x) && x >= 1)) throw new InputError(f, `expected a positive integer, got ${describe(x)}`);
    });
}
