/**
 * Band-structure charts as SVG (headless Vega-Lite, like the line charts):
 * every band ε_n against the distance along a k path, vertical rules and
 * axis labels at the named points (G drawn as Γ), a dashed line at E = 0
 * (the chemical potential, which H(k) already contains).
 */
import type * as vl from 'vega-lite';
import { InputError } from '../errors.js';
import { CHART_FONT } from './lineChart.js';
import { vegaLiteSvg } from './render.js';

export interface BandsChart {
  title?: string;
  yLabel: string;
  /** Position of each k point along the path. */
  x: readonly number[];
  /** energies[q][n]: band n at k point q. */
  energies: readonly ArrayLike<number>[];
  /** Named points: a rule and an axis label each; without them the x axis counts k points. */
  labels?: readonly { name: string; x: number }[];
  width?: number;
  height?: number;
}

const display = (name: string) => (name === 'G' ? 'Γ' : name);

/** The Vega-Lite specification of a band chart. */
export function bandsChartSpec(chart: BandsChart): vl.TopLevelSpec {
  if (chart.x.length !== chart.energies.length || chart.x.length === 0)
    throw new InputError('energies', `expected one row of band energies per k point (${chart.x.length})`);
  const values: { x: number; y: number; band: number }[] = [];
  chart.energies.forEach((row, q) => {
    for (let n = 0; n < row.length; n++) if (Number.isFinite(row[n]!)) values.push({ x: chart.x[q]!, y: row[n]!, band: n });
  });
  const labels = chart.labels ?? [];
  // A label lookup in Vega's expression language: nearest named position within round-off.
  const labelExpr = labels.reduceRight(
    (rest, l) => `abs(datum.value - ${l.x}) < 1e-9 ? ${JSON.stringify(display(l.name))} : ${rest}`,
    "''",
  );
  const xScale = { domain: [chart.x[0]!, chart.x.at(-1)!], nice: false, zero: false };
  const x: Record<string, unknown> = {
    field: 'x',
    type: 'quantitative',
    title: labels.length ? null : 'k point',
    scale: xScale,
    ...(labels.length ? { axis: { values: labels.map((l) => l.x), labelExpr, grid: false, labelFontSize: 13 } } : {}),
  };
  const layers: unknown[] = [
    {
      data: { values },
      mark: { type: 'line', clip: true, strokeWidth: 1.6, color: '#1f77b4' },
      encoding: { x, y: { field: 'y', type: 'quantitative', title: chart.yLabel, scale: { zero: false } }, detail: { field: 'band', type: 'nominal' } },
    },
    { data: { values: [{ y: 0 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
  ];
  if (labels.length)
    layers.push({
      data: { values: labels.map((l) => ({ x: l.x })) },
      mark: { type: 'rule', color: '#bbb', strokeWidth: 1 },
      encoding: { x: { field: 'x', type: 'quantitative', scale: xScale } },
    });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(chart.title ? { title: chart.title } : {}),
    width: chart.width ?? 420,
    height: chart.height ?? 320,
    background: 'white',
    layer: layers,
    config: { font: CHART_FONT, axis: { gridOpacity: 0.35, labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 14 } },
  } as vl.TopLevelSpec;
}

/** Render a band chart to SVG text. */
export function bandsChartSvg(chart: BandsChart): Promise<string> {
  return vegaLiteSvg(bandsChartSpec(chart));
}
