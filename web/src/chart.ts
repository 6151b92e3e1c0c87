/**
 * A small SVG line chart drawn by hand: fast enough to redraw on every slider
 * step (no layout engine), and it keeps the plotted numbers on the element as
 * `data-series` (JSON [{name, x, y}]) so tests and users can read them back.
 */
import { svg } from './ui.js';

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Draw a marker at each point (default: only when there are few points). */
  points?: boolean;
  /** Join the points by a line (default true; false: a scatter plot, e.g. several sites at one distance). */
  line?: boolean;
}

export interface ChartOptions {
  title?: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Clip y to this range (e.g. around a divergence); default: the data range. */
  yRange?: [number, number];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const MARGIN = { left: 64, right: 14, top: 28, bottom: 40 };
let chartCount = 0;

/** "Nice" tick positions covering [lo, hi] (1, 2, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

function formatTick(t: number): string {
  if (t === 0) return '0';
  const a = Math.abs(t);
  return a >= 1e4 || a < 1e-3 ? t.toExponential(1) : String(Number(t.toPrecision(6)));
}

/** Finite data range of the series, padded a little; a flat range is widened. */
function range(values: number[], fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (lo === Infinity) return [0, 1];
  if (hi === lo) return lo === 0 ? [-1, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Draw (or redraw) the chart into `host`, replacing its content. */
export function drawChart(host: HTMLElement, series: Series[], options: ChartOptions): void {
  const width = options.width ?? 560, height = options.height ?? 300;
  const pw = width - MARGIN.left - MARGIN.right, ph = height - MARGIN.top - MARGIN.bottom;
  const xs: number[] = [], ys: number[] = [];
  for (const s of series) for (let i = 0; i < s.x.length; i++) if (Number.isFinite(s.y[i]!)) (xs.push(s.x[i]!), ys.push(s.y[i]!));
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys, options.yRange);
  const X = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * pw;
  // Values outside the y-range (a clipped divergence) are held just beyond the frame, where the clip path hides them.
  const Y = (y: number) => MARGIN.top + (1 - Math.min(Math.max((y - y0) / (y1 - y0), -1), 2)) * ph;

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  if (options.title) root.append(svg('text', { x: MARGIN.left, y: 16, class: 'chart-title' }, options.title));
  const grid = svg('g', { class: 'chart-grid' });
  for (const t of niceTicks(x0, x1)) {
    grid.append(svg('line', { x1: X(t), x2: X(t), y1: MARGIN.top, y2: MARGIN.top + ph }));
    grid.append(svg('text', { x: X(t), y: MARGIN.top + ph + 15, class: 'tick', 'text-anchor': 'middle' }, formatTick(t)));
  }
  for (const t of niceTicks(y0, y1, 5)) {
    grid.append(svg('line', { x1: MARGIN.left, x2: MARGIN.left + pw, y1: Y(t), y2: Y(t), class: t === 0 ? 'zero' : '' }));
    grid.append(svg('text', { x: MARGIN.left - 6, y: Y(t) + 4, class: 'tick', 'text-anchor': 'end' }, formatTick(t)));
  }
  root.append(grid);
  root.append(svg('rect', { x: MARGIN.left, y: MARGIN.top, width: pw, height: ph, class: 'chart-frame' }));
  const clipId = `plot-clip-${++chartCount}`;
  root.append(svg('clipPath', { id: clipId }, svg('rect', { x: MARGIN.left, y: MARGIN.top, width: pw, height: ph })));
  root.append(svg('text', { x: MARGIN.left + pw / 2, y: height - 6, class: 'axis-label', 'text-anchor': 'middle' }, options.xLabel));
  root.append(
    svg('text', { x: 14, y: MARGIN.top + ph / 2, class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 14 ${MARGIN.top + ph / 2})` }, options.yLabel),
  );

  series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    // Break the line at non-finite values (divergences, points that failed).
    let d = '', pen = false;
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i]!;
      if (!Number.isFinite(y)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${X(s.x[i]!).toFixed(1)},${Y(y).toFixed(1)}`;
      pen = true;
    }
    const g = svg('g', { class: 'series', 'data-name': s.name, 'clip-path': `url(#${clipId})` });
    if (s.line ?? true) g.append(svg('path', { d, fill: 'none', stroke: colour, 'stroke-width': 1.7 }));
    if (s.points ?? (s.line === false || s.x.length <= 40))
      for (let i = 0; i < s.x.length; i++)
        if (Number.isFinite(s.y[i]!)) g.append(svg('circle', { cx: X(s.x[i]!), cy: Y(s.y[i]!), r: 2.6, fill: colour }, svg('title', {}, `${s.name}(${s.x[i]}) = ${s.y[i]}`)));
    root.append(g);
    if (series.length > 1) {
      const lx = MARGIN.left + pw - 70, ly = MARGIN.top + 12 + 15 * k;
      if (s.line ?? true) root.append(svg('line', { x1: lx, x2: lx + 16, y1: ly - 4, y2: ly - 4, stroke: colour, 'stroke-width': 2 }));
      else root.append(svg('circle', { cx: lx + 8, cy: ly - 4, r: 3, fill: colour }));
      root.append(svg('text', { x: lx + 20, y: ly, class: 'legend' }, s.name));
    }
  });
  host.replaceChildren(root);
  host.dataset.series = JSON.stringify(series.map((s) => ({ name: s.name, x: Array.from(s.x), y: Array.from(s.y, (v) => (Number.isFinite(v) ? v : null)) })));
}
