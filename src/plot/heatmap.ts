/**
 * Heatmaps (a value on an x–y grid) as SVG, rendered headless in Node like the
 * line charts: Vega-Lite `rect` marks with a diverging colour scale centred on
 * zero (blue negative, white zero, red positive), so a sign change is visible.
 */
import type * as vl from 'vega-lite';
import { vegaLiteSvg } from './render.js';
import { InputError } from '../errors.js';
import { CHART_FONT } from './lineChart.js';

export interface Heatmap {
  title?: string;
  xLabel: string;
  yLabel: string;
  /** Title of the colour legend. */
  valueLabel: string;
  /** Cell centres along x and y, increasing (need not be uniform). */
  x: readonly number[];
  y: readonly number[];
  /** values[iy][ix] at (x[ix], y[iy]); non-finite cells are left blank. */
  values: readonly (readonly number[])[];
  /** Plot area size in pixels (default 360 × 360). */
  width?: number;
  height?: number;
}

/** Cell edges: midpoints between neighbouring centres, and half a step beyond the ends. */
function edges(c: readonly number[], name: string): number[] {
  if (c.length === 0 || c.some((v, i) => !Number.isFinite(v) || (i > 0 && v <= c[i - 1]!)))
    throw new InputError(name, 'expected finite, strictly increasing cell centres');
  if (c.length === 1) return [c[0]! - 0.5, c[0]! + 0.5];
  const e = [c[0]! - (c[1]! - c[0]!) / 2];
  for (let i = 1; i < c.length; i++) e.push((c[i - 1]! + c[i]!) / 2);
  e.push(c.at(-1)! + (c.at(-1)! - c.at(-2)!) / 2);
  return e;
}

/** The Vega-Lite specification of a heatmap (exported for callers that want to tweak it). */
export function heatmapSpec(map: Heatmap): vl.TopLevelSpec {
  if (map.values.length !== map.y.length || map.values.some((row) => row.length !== map.x.length))
    throw new InputError('values', `expected ${map.y.length} rows of ${map.x.length} values (values[iy][ix])`);
  const ex = edges(map.x, 'x');
  const ey = edges(map.y, 'y');
  const cells: { x0: number; x1: number; y0: number; y1: number; value: number }[] = [];
  let extent = 0;
  map.values.forEach((row, iy) =>
    row.forEach((value, ix) => {
      if (!Number.isFinite(value)) return;
      extent = Math.max(extent, Math.abs(value));
      cells.push({ x0: ex[ix]!, x1: ex[ix + 1]!, y0: ey[iy]!, y1: ey[iy + 1]!, value });
    }),
  );
  // A symmetric domain keeps zero white even when the data are one-signed.
  const domain = extent > 0 ? [-extent, extent] : [-1, 1];
  const axis = (title: string, centres: readonly number[]) => ({ title, values: [...centres], grid: false });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(map.title ? { title: map.title } : {}),
    width: map.width ?? 360,
    height: map.height ?? 360,
    background: 'white',
    data: { values: cells },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'x0', type: 'quantitative', scale: { domain: [ex[0], ex.at(-1)], nice: false, zero: false }, axis: axis(map.xLabel, map.x) },
      x2: { field: 'x1' },
      y: { field: 'y0', type: 'quantitative', scale: { domain: [ey[0], ey.at(-1)], nice: false, zero: false }, axis: axis(map.yLabel, map.y) },
      y2: { field: 'y1' },
      color: {
        field: 'value',
        type: 'quantitative',
        title: map.valueLabel,
        scale: { scheme: 'redblue', reverse: true, domain, domainMid: 0 },
        legend: { format: '.2e', gradientLength: 240 },
      },
    },
    config: {
      font: CHART_FONT,
      axis: { labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 10, titleFontSize: 11 },
      title: { fontSize: 14 },
    },
  } as vl.TopLevelSpec;
}

/** Render a heatmap to SVG text. */
export async function heatmapSvg(map: Heatmap): Promise<string> {
  return vegaLiteSvg(heatmapSpec(map));
}
