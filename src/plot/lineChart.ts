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
  /** Legend position (default inside, top right; 'right' puts it outside when curves fill the frame). */
  legend?: 'top-right' | 'right';
  /** Plot area size in pixels (default 520 × 320). */
  width?: number;
  height?: number;
}

/** Font used in every chart: DejaVu Sans is what resvg finds on most Linux systems. */
export const CHART_FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** The Vega-Lite specification of a line chart (exported for callers that want to tweak it). */
export function lineChartSpec(chart: LineChart): vl.TopLevelSpec {
  if (!Array.isArray(chart.series) || chart.series.length === 0) throw new InputError('series', 'expected at least one series');
  const values: { x: number; y: number; series: string; order: number }[] = [];
  for (const s of chart.series) {
    if (s.x.length !== s.y.length) throw new InputError(`series '${s.name}'`, `x and y lengths differ (${s.x.length} vs ${s.y.length})`);
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!;
      const y = s.y[i]!;
      // Vega cannot place non-finite values, nor non-positive ones on a log axis.
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if ((chart.logX && x <= 0) || (chart.logY && y <= 0)) continue;
      values.push({ x, y, series: s.name, order: i });
    }
  }
  const multi = chart.series.length > 1;
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(chart.title ? { title: chart.title } : {}),
    width: chart.width ?? 520,
    height: chart.height ?? 320,
    background: 'white',
    data: { values },
    mark: { type: 'line', point: chart.points ?? false, clip: true, strokeWidth: 1.6 },
    encoding: {
      // Vega-Lite rejects `zero` on log scales, so it is set on linear axes only.
      x: {
        field: 'x',
        type: 'quantitative',
        title: chart.xLabel,
        scale: chart.logX ? { type: 'log' } : { type: 'linear', zero: false, nice: true },
        ...(chart.integerX ? { axis: { format: 'd', tickMinStep: 1 } } : {}),
      },
      y: { field: 'y', type: 'quantitative', title: chart.yLabel, scale: chart.logY ? { type: 'log' } : { type: 'linear', zero: false } },
      order: { field: 'order', type: 'quantitative' },
      color: multi
        ? { field: 'series', type: 'nominal', title: null, sort: chart.series.map((s) => s.name) }
        : { value: '#1f77b4' },
    },
    config: {
      font: CHART_FONT,
      axis: { grid: true, gridOpacity: 0.35, labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 11, orient: chart.legend ?? 'top-right' },
      title: { fontSize: 14 },
    },
  } as vl.TopLevelSpec;
  return spec;
}

/** Render a line chart to SVG text. */
export async function lineChartSvg(chart: LineChart): Promise<string> {
  return vegaLiteSvg(lineChartSpec(chart));
}
