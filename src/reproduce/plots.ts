/**
 * Paper-style line charts for the reproduced figures: the shared line chart
 * (plot/lineChart.ts) with integer ticks on a separation axis, the legend
 * outside the plot area (curves of Figs. 2 and 3 fill the whole frame), and a
 * log y axis without the `zero` option Vega-Lite rejects on log scales.
 */
import { lineChartSpec, vegaLiteSvg, type LineChart } from '../plot/index.js';

export interface PaperChartOptions {
  /** The x axis is a lattice separation δ/a: integer ticks only. */
  integerX?: boolean;
}

interface MutableSpec {
  encoding: { x: { axis?: Record<string, unknown> }; y: { scale: { zero?: boolean } } };
  config: { legend: Record<string, unknown> };
}

export function paperChartSvg(chart: LineChart, options: PaperChartOptions = {}): Promise<string> {
  const spec = lineChartSpec(chart);
  const s = spec as unknown as MutableSpec;
  if (options.integerX) s.encoding.x.axis = { format: 'd', tickMinStep: 1 };
  if (chart.logY) delete s.encoding.y.scale.zero;
  s.config.legend = { ...s.config.legend, orient: 'right' };
  return vegaLiteSvg(spec);
}
