/**
 * Line charts as SVG, rendered headless in Node with Vega-Lite → Vega
 * (`View.toSVG()` with renderer 'none': no canvas package needed).
 */
import type * as vl from 'vega-lite';
import { vegaLiteSvg } from './render.js';
import { InputError } from '../errors.js';

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Draw the line dashed (tells apart curves that coincide, e.g. J_x = J_y). */
  dash?: boolean;
  /** false: markers only, not joined by lines (e.g. points left out of a fit). */
  lines?: boolean;
  /** Error bars: y ± errors[i] (statistical errors of a Monte Carlo estimate). */
  errors?: ArrayLike<number>;
}

export interface LineChart {
  title?: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  logX?: boolean;
  logY?: boolean;
  /** Draw a marker at every data point. */
  points?: boolean;
  /** The x axis counts something (a lattice separation δ/a): integer ticks only. */
  integerX?: boolean;
  /** Legend position (default 'right': outside the plot area, so it never covers data). */
  legend?: 'top-right' | 'right';
  /**
   * Values with |y| below this are drawn as exactly 0: a quantity that vanishes
   * by symmetry (μ of a time-reversal-invariant host) shows as zero instead of
   * autoscaled ±1e-17 round-off.
   */
  roundOff?: number;
  /** Plot area size in pixels (default 520 × 320). */
  width?: number;
  height?: number;
}

/** Font used in every chart: DejaVu Sans is what resvg finds on most Linux systems. */
export const CHART_FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

interface Datum {
  x: number;
  y: number;
  series: string;
  order: number;
  dash: 'solid' | 'dashed';
  lines: boolean;
  lo?: number;
  hi?: number;
}

/** The Vega-Lite specification of a line chart (exported for callers that want to tweak it). */
export function lineChartSpec(chart: LineChart): vl.TopLevelSpec {
  if (!Array.isArray(chart.series) || chart.series.length === 0) throw new InputError('series', 'expected at least one series');
  const values: Datum[] = [];
  for (const s of chart.series) {
    if (s.x.length !== s.y.length) throw new InputError(`series '${s.name}'`, `x and y lengths differ (${s.x.length} vs ${s.y.length})`);
    if (s.errors && s.errors.length !== s.y.length) throw new InputError(`series '${s.name}'`, `errors and y lengths differ (${s.errors.length} vs ${s.y.length})`);
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!;
      let y = s.y[i]!;
      // Vega cannot place non-finite values, nor non-positive ones on a log axis.
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (chart.roundOff !== undefined && Math.abs(y) < chart.roundOff) y = 0;
      if ((chart.logX && x <= 0) || (chart.logY && y <= 0)) continue;
      const d: Datum = { x, y, series: s.name, order: i, dash: s.dash ? 'dashed' : 'solid', lines: s.lines ?? true };
      const e = s.errors?.[i];
      if (e !== undefined && Number.isFinite(e) && e > 0 && !(chart.logY && y - e <= 0)) Object.assign(d, { lo: y - e, hi: y + e });
      values.push(d);
    }
  }
  const multi = chart.series.length > 1;
  const color = multi ? { field: 'series', type: 'nominal', title: null, sort: chart.series.map((s) => s.name) } : { value: '#1f77b4' };
  // Vega-Lite rejects `zero` on log scales, so it is set on linear axes only.
  const x = {
    field: 'x',
    type: 'quantitative',
    title: chart.xLabel,
    scale: chart.logX ? { type: 'log' } : { type: 'linear', zero: false, nice: true },
    ...(chart.integerX ? { axis: { format: 'd', tickMinStep: 1 } } : {}),
  };
  const y = { field: 'y', type: 'quantitative', title: chart.yLabel, scale: chart.logY ? { type: 'log' } : { type: 'linear', zero: false } };
  const layer: unknown[] = [
    {
      transform: [{ filter: 'datum.lines' }],
      mark: { type: 'line', point: chart.points ?? false, clip: true, strokeWidth: 1.6 },
      encoding: {
        order: { field: 'order', type: 'quantitative' },
        strokeDash: { field: 'dash', type: 'nominal', scale: { domain: ['solid', 'dashed'], range: [[1, 0], [6, 4]] }, legend: null },
      },
    },
  ];
  if (values.some((d) => !d.lines)) layer.push({ transform: [{ filter: '!datum.lines' }], mark: { type: 'point', filled: true, clip: true, size: 36 } });
  if (values.some((d) => d.lo !== undefined))
    layer.push({
      transform: [{ filter: 'isValid(datum.lo)' }],
      mark: { type: 'rule', clip: true, strokeWidth: 1.2 },
      encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
    });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(chart.title ? { title: chart.title } : {}),
    width: chart.width ?? 520,
    height: chart.height ?? 320,
    background: 'white',
    data: { values },
    encoding: { x, y, color },
    layer,
    config: {
      font: CHART_FONT,
      axis: { grid: true, gridOpacity: 0.35, labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 11, orient: chart.legend ?? 'right' },
      title: { fontSize: 14 },
    },
  };
  return spec as unknown as vl.TopLevelSpec;
}

/** Render a line chart to SVG text. */
export async function lineChartSvg(chart: LineChart): Promise<string> {
  return vegaLiteSvg(lineChartSpec(chart));
}
