/**
 * Sweep axes and their grid. An axis is a key path with a list of values or a
 * range "A:B:STEP" (A:B means step 1); the grid is the Cartesian product of the
 * axes in file order, the last axis varying fastest (point index = row-major).
 */
import { InputError } from '../errors.js';
import type { Json } from './keyPath.js';

export interface SweepAxis {
  /** Key path into the model file, e.g. "pairing.s". */
  path: string;
  values: Json[];
}

/** One grid point: the value of every axis, keyed by its path (in axis order). */
export type PointValues = Record<string, Json>;

/** Most points a sweep may have (a 1000×1000 map). */
export const MAX_POINTS = 1_000_000;

/** "A:B" (integers, step 1) or "A:B:STEP": A, A + STEP, …, ≤ B, rounded to 12 significant digits (0.1-steps stay clean). */
export function parseRangeText(text: string, field: string): number[] {
  const parts = text.split(':');
  const nums = parts.map(Number);
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.trim() === '') || nums.some((x) => !Number.isFinite(x)))
    throw new InputError(field, `expected a list of values or a range 'A:B' / 'A:B:STEP', got '${text}'`);
  const [a, b] = nums as [number, number];
  const step = nums[2] ?? 1;
  if (!(step > 0)) throw new InputError(field, `STEP must be positive, got '${text}'`);
  if (b < a) throw new InputError(field, `expected A <= B, got '${text}'`);
  const n = Math.floor((b - a) / step + 1e-9) + 1;
  if (n > MAX_POINTS) throw new InputError(field, `too many values (${n}), expected at most ${MAX_POINTS}`);
  return Array.from({ length: n }, (_, k) => Number((a + k * step).toPrecision(12)));
}

/** The values of one axis from the sweep file (a non-empty list, or a range text). */
export function axisValues(spec: unknown, field: string): Json[] {
  if (typeof spec === 'string') return parseRangeText(spec, field);
  if (!Array.isArray(spec) || spec.length === 0) throw new InputError(field, "expected a non-empty list of values or a range 'A:B:STEP'");
  spec.forEach((v, k) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new InputError(`${field}[${k}]`, 'expected a finite number');
  });
  const seen = new Set(spec.map((v) => JSON.stringify(v)));
  if (seen.size !== spec.length) throw new InputError(field, 'expected distinct values (a repeated value would compute the same point twice)');
  return spec as Json[];
}

/** Number of points of the product grid. */
export function gridSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** The values at point `index` of the grid (last axis fastest). */
export function pointAt(axes: readonly SweepAxis[], index: number): PointValues {
  const point: PointValues = {};
  let rest = index;
  const picks: number[] = new Array(axes.length);
  for (let a = axes.length - 1; a >= 0; a--) {
    const n = axes[a]!.values.length;
    picks[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  axes.forEach((axis, a) => (point[axis.path] = axis.values[picks[a]!]!));
  return point;
}

/** "pairing.s=0.1, pairing.p.1=0.05": how errors and listings name a point. */
export function describePoint(point: PointValues): string {
  return Object.entries(point)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
}
