/**
 * Paper-style line charts for the reproduced figures: the shared line chart
 * with integer ticks on a separation axis and the legend outside the plot
 * area (the curves of Figs. 2 and 3 fill the whole frame).
 */
import { lineChartSvg, type LineChart } from '../plot/index.js';

export interface PaperChartOptions {
  /** The x axis is a lattice separation δ/a: integer ticks only. */
  integerX?: boolean;
}

export function paperChartSvg(chart: LineChart, options: PaperChartOptions = {}): Promise<string> {
  return lineChartSvg({ legend: 'right', ...chart, integerX: options.integerX ?? chart.integerX });
}
