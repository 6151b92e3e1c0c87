/**
 * `rkky sweep merge`: all result files of a directory as one table, in grid
 * order, one row per point and separation. Points without a result are listed
 * as missing; a point found more than once is a duplicate (identical rows:
 * harmless, e.g. after re-sharding) or a conflict (different rows).
 */
import { InputError } from '../errors.js';
import type { CouplingRow } from '../rkky/sweep.js';
import { describePoint, gridSize, pointAt, type PointValues } from './axes.js';
import { pointHash } from './definition.js';
import { readJournals, type ResultLine } from './journal.js';
import type { Json } from './keyPath.js';
import { readManifest } from './manifest.js';

/** One row of the merged table: the point's axis values and one separation's couplings. */
export interface MergedRow extends Omit<CouplingRow, 'raw'> {
  point: PointValues;
  engine: 'dense' | 'exact';
}

export interface Merged {
  sweep: string;
  axes: Record<string, Json[]>;
  rows: MergedRow[];
}

export interface MergeReport {
  merged: Merged;
  points: number;
  /** Grid indices of points without a result. */
  missing: number[];
  /** Points written more than once with identical rows / with different rows. */
  duplicates: number[];
  conflicts: number[];
  /** Result files whose last line is torn (its point counts as missing until recomputed). */
  torn: string[];
}

export function mergeDirectory(dir: string): MergeReport {
  const { hash, definition } = readManifest(dir);
  const n = gridSize(definition.axes);
  const byIndex = new Map<number, ResultLine>();
  const duplicates = new Set<number>(), conflicts = new Set<number>();
  const journals = readJournals(dir);
  for (const j of journals)
    for (const line of j.lines) {
      if (line.sweep !== hash) throw new InputError(j.path, `holds results of a different sweep definition (hash ${line.sweep}, ${dir}/sweep.json has ${hash})`);
      const expected = Number.isInteger(line.index) && line.index >= 0 && line.index < n ? pointHash(hash, pointAt(definition.axes, line.index)) : undefined;
      if (expected !== line.point) throw new InputError(j.path, `point ${line.index} has hash ${line.point}, expected ${expected ?? 'an index of the grid'}`);
      const seen = byIndex.get(line.index);
      if (!seen) byIndex.set(line.index, line);
      else if (JSON.stringify(seen.rows) === JSON.stringify(line.rows)) duplicates.add(line.index);
      else conflicts.add(line.index);
    }
  const rows: MergedRow[] = [];
  const missing: number[] = [];
  for (let index = 0; index < n; index++) {
    const line = byIndex.get(index);
    if (!line) {
      missing.push(index);
      continue;
    }
    for (const { raw: _raw, ...r } of line.rows) rows.push({ point: line.values, engine: line.engine, ...r });
  }
  return {
    merged: { sweep: hash, axes: Object.fromEntries(definition.axes.map((a) => [a.path, a.values])), rows },
    points: n,
    missing,
    duplicates: [...duplicates].sort((a, b) => a - b),
    conflicts: [...conflicts].sort((a, b) => a - b),
    torn: journals.filter((j) => j.torn).map((j) => j.path),
  };
}

/** "3 missing: point 4 (pairing.s=0.1, …), …" with at most `limit` points named. */
export function listPoints(report: MergeReport, indices: readonly number[], what: string, limit = 5): string {
  const axes = readManifestAxes(report);
  const named = indices.slice(0, limit).map((i) => `point ${i} (${describePoint(pointAt(axes, i))})`);
  return `${indices.length} ${what}: ${named.join('; ')}${indices.length > limit ? `; … ${indices.length - limit} more` : ''}`;
}

const readManifestAxes = (report: MergeReport) => Object.entries(report.merged.axes).map(([path, values]) => ({ path, values }));

const AX = ['x', 'y', 'z'];

/** The merged table as CSV: axis columns (array values flattened to path_0, path_1), then the couplings. */
export function mergedCsv(merged: Merged): string {
  const axisCols = Object.entries(merged.axes).flatMap(([path, values]) =>
    Array.isArray(values[0]) ? (values[0] as Json[]).map((_, k) => `${path}_${k}`) : [path],
  );
  const dim = merged.rows[0]?.site1.length ?? 0;
  const vec = (name: string) => AX.map((a) => `${name}_${a}`);
  const header = [
    ...axisCols, 'separation',
    ...AX.slice(0, dim).map((a) => `site1_${a}`), ...AX.slice(0, dim).map((a) => `site2_${a}`),
    'F0', ...vec('mu'), ...vec('mu1'), ...vec('mu2'), ...AX.flatMap((a) => AX.map((b) => `eta_${a}${b}`)), ...vec('J'), ...vec('D'), 'engine',
  ];
  const cell = (v: Json) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = merged.rows.map((r) => {
    const axisCells = Object.keys(merged.axes).flatMap((path) => {
      const v = r.point[path]!;
      return Array.isArray(v) ? v.map(cell) : [cell(v)];
    });
    return [...axisCells, r.separation, ...r.site1, ...r.site2, r.F0, ...r.mu, ...r.mu1, ...r.mu2, ...r.eta.flat(), ...r.J, ...r.D, r.engine].join(',');
  });
  return [header.map((h) => cell(h)).join(','), ...lines].join('\n') + '\n';
}
