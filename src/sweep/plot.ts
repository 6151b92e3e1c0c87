/**
 * `rkky sweep plot`: one coupling component of a merged sweep at one
 * separation, as a heatmap over two axes or as lines over one axis (one line
 * per value of a second axis, if the sweep has one).
 */
import { InputError } from '../errors.js';
import { heatmapSvg, lineChartSvg, type Series } from '../plot/index.js';
import type { Json } from './keyPath.js';
import type { Merged, MergedRow } from './merge.js';

const AX = ['x', 'y', 'z'];

/** The quantities a plot can show: F0, mu_a, mu1_a, mu2_a, J_a, D_a, eta_ab (also written D_z, Dz). */
export function quantityGetter(name: string): (r: MergedRow) => number {
  if (name === 'F0') return (r) => r.F0;
  const m = /^(mu1|mu2|mu|J|D|eta)_?([xyz])([xyz])?$/.exec(name);
  if (m) {
    const [, q, a, b] = m;
    const i = AX.indexOf(a!);
    if (q === 'eta' && b) return (r) => r.eta[i]![AX.indexOf(b)]!;
    if (q !== 'eta' && !b) return (r) => (r[q as 'mu' | 'mu1' | 'mu2' | 'J' | 'D'] as number[])[i]!;
  }
  throw new InputError('--quantity', `expected F0, J_x..J_z, D_x..D_z, mu_x.., mu1_x.., mu2_x.. or eta_xx..eta_zz, got '${name}'`);
}

export interface SweepPlotOptions {
  x: string;
  y?: string;
  quantity: string;
  separation?: number;
  title?: string;
  /** Axis titles (default: the key paths) and the quantity's title. */
  xLabel?: string;
  yLabel?: string;
}

function numericAxis(merged: Merged, path: string, flag: string): number[] {
  const values = merged.axes[path];
  if (!values) throw new InputError(flag, `'${path}' is not an axis of this sweep (axes: ${Object.keys(merged.axes).join(', ')})`);
  if (values.some((v) => typeof v !== 'number')) throw new InputError(flag, `axis '${path}' has non-numeric values; expected numbers to plot against`);
  return [...(values as number[])].sort((a, b) => a - b);
}

/** The SVG of the plot. */
export async function sweepPlotSvg(merged: Merged, o: SweepPlotOptions): Promise<string> {
  const get = quantityGetter(o.quantity);
  const seps = [...new Set(merged.rows.map((r) => r.separation))];
  const separation = o.separation ?? (seps.length === 1 ? seps[0] : undefined);
  if (separation === undefined) throw new InputError('--separation', `expected one of the sweep's separations ${seps.join(', ')}`);
  if (!seps.includes(separation)) throw new InputError('--separation', `expected one of ${seps.join(', ')}, got ${separation}`);
  const rows = merged.rows.filter((r) => r.separation === separation);
  const xs = numericAxis(merged, o.x, '--x');
  const varying = Object.keys(merged.axes).filter((p) => p !== o.x && p !== o.y && merged.axes[p]!.length > 1);
  const series = o.y === undefined && varying.length === 1 ? varying[0] : undefined;
  const fixed = varying.filter((p) => p !== series);
  if (fixed.length) throw new InputError('--x', `axis '${fixed[0]}' also varies; plot one or two axes of a sweep whose other axes have one value each`);
  const title = o.title ?? `${o.quantity} at δ = ${separation}`;
  const key = (v: Json) => JSON.stringify(v);
  if (o.y !== undefined) {
    if (o.y === o.x) throw new InputError('--y', 'expected a different axis than --x');
    const ys = numericAxis(merged, o.y, '--y');
    const cell = new Map(rows.map((r) => [`${key(r.point[o.x]!)}|${key(r.point[o.y!]!)}`, get(r)]));
    const values = ys.map((y) => xs.map((x) => cell.get(`${key(x)}|${key(y)}`) ?? NaN));
    return heatmapSvg({ title, xLabel: o.xLabel ?? o.x, yLabel: o.yLabel ?? o.y, valueLabel: o.quantity, x: xs, y: ys, values });
  }
  const groups = series ? merged.axes[series]! : [null];
  const lines: Series[] = groups.map((g) => {
    const sel = rows.filter((r) => g === null || key(r.point[series!]!) === key(g)).sort((a, b) => (a.point[o.x] as number) - (b.point[o.x] as number));
    return { name: g === null ? o.quantity : `${series} = ${key(g)}`, x: sel.map((r) => r.point[o.x] as number), y: sel.map(get) };
  });
  return lineChartSvg({ title, xLabel: o.xLabel ?? o.x, yLabel: o.yLabel ?? o.quantity, series: lines, points: true });
}
