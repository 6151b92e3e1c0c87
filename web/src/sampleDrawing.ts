/**
 * The sample as a picture: every site of the finite lattice (Cartesian
 * positions, projected on the x–y plane with a small oblique offset for z),
 * coloured by sublattice, the nearest-neighbour bonds inside the sample, the
 * impurities (numbered; spin 1 = #1) and, optionally, the sites spin 2 visits
 * in a sweep. The data is plain geometry (HostGeometry-like arrays), read off
 * the library's lattice, so the drawing knows nothing of model files.
 */
import type { Model } from '../../src/model/model.js';
import { svg } from './ui.js';

export interface SampleData {
  dim: number;
  /** x, y, z per site. */
  positions: Float64Array;
  /** Sublattice index of each site. */
  sublattice: Int32Array;
  /** Sublattice names (basis order). */
  names: string[];
  /** Nearest-neighbour bonds inside the sample: site pairs, each once (none for very large samples). */
  bonds: Int32Array;
  /** Impurity sites, spin 1 first. */
  impurities: number[];
  /** Sites spin 2 visits in the sweep (may be empty). */
  targets: number[];
}

/** Above this many sites the bonds are left out (the SVG stays light). */
const MAX_BONDED_SITES = 4000;
/** Above this many sites only the impurities and the sample's outline are drawn. */
export const MAX_DRAWN_SITES = 12000;

/** The geometry of a model's sample, read off its lattice. */
export function sampleData(model: Model, targets: readonly number[] = []): SampleData {
  const lat = model.lattice;
  const n = lat.nSites;
  const positions = new Float64Array(3 * n);
  const sublattice = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    positions.set(lat.position(i), 3 * i);
    sublattice[i] = lat.sublatticeOf(i);
  }
  const bonds: number[] = [];
  if (n <= MAX_BONDED_SITES) for (const b of lat.neighbours(1)) if (b.i < b.j && !b.wraps) bonds.push(b.i, b.j);
  return {
    dim: lat.dim,
    positions,
    sublattice,
    names: lat.basis.map((b) => b.name),
    bonds: Int32Array.from(bonds),
    impurities: model.impurities.map((imp) => imp.site),
    targets: [...targets],
  };
}

export const SUBLATTICE_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

/** Drawing coordinates of site i: x + 0.35 z, −(y + 0.25 z) (SVG y grows downwards). */
function project(p: Float64Array, i: number): [number, number] {
  const [x, y, z] = [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!];
  return [x + 0.35 * z, -(y + 0.25 * z)];
}

/**
 * The sample as an SVG element (width × at most height pixels), with its
 * numbers on the element for tests and users: data-sites, data-sublattices,
 * and on each impurity marker data-site and data-position.
 */
export function drawSample(data: SampleData, width = 420, height = 360): SVGElement {
  const n = data.sublattice.length;
  const pts = Array.from({ length: n }, (_, i) => project(data.positions, i));
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of pts) (x0 = Math.min(x0, x)), (x1 = Math.max(x1, x)), (y0 = Math.min(y0, y)), (y1 = Math.max(y1, y));
  const pad = 1;
  const span = Math.max(x1 - x0 + 2 * pad, 1e-9), spanY = Math.max(y1 - y0 + 2 * pad, 1e-9);
  const scale = Math.min((width - 20) / span, (height - 40) / spanY);
  const [w, hgt] = [span * scale + 20, spanY * scale + 40];
  const X = (x: number) => 10 + (x - x0 + pad) * scale;
  const Y = (y: number) => 10 + (y - y0 + pad) * scale;
  // 3D samples overlap in projection: smaller, translucent sites.
  const r = Math.max(0.8, Math.min(6, (data.dim === 3 ? 0.1 : 0.18) * scale));
  const root = svg('svg', {
    class: 'sample',
    viewBox: `0 0 ${w.toFixed(1)} ${hgt.toFixed(1)}`,
    width: w.toFixed(0),
    height: hgt.toFixed(0),
    role: 'img',
    'aria-label': `sample of ${n} sites`,
    'data-sites': n,
    'data-sublattices': JSON.stringify(data.names),
  });
  const drawSites = n <= MAX_DRAWN_SITES;
  if (drawSites && data.bonds.length) {
    const d: string[] = [];
    for (let b = 0; b < data.bonds.length; b += 2) {
      const [p, q] = [pts[data.bonds[b]!]!, pts[data.bonds[b + 1]!]!];
      d.push(`M${X(p[0]).toFixed(1)} ${Y(p[1]).toFixed(1)}L${X(q[0]).toFixed(1)} ${Y(q[1]).toFixed(1)}`);
    }
    root.append(svg('path', { class: 'bonds', d: d.join(''), stroke: '#a9b3be', 'stroke-width': Math.max(0.8, r / 2.5).toFixed(2), fill: 'none' }));
  }
  if (drawSites) {
    // One path per sublattice (circles as zero-length round-capped lines): light even for thousands of sites.
    data.names.forEach((name, s) => {
      const d: string[] = [];
      for (let i = 0; i < n; i++) if (data.sublattice[i] === s) d.push(`M${X(pts[i]![0]).toFixed(1)} ${Y(pts[i]![1]).toFixed(1)}h0`);
      root.append(svg('path', { class: 'sites', 'data-sublattice': name, d: d.join(''), stroke: SUBLATTICE_COLOURS[s % SUBLATTICE_COLOURS.length]!, 'stroke-width': (2 * r).toFixed(2), 'stroke-linecap': 'round', ...(data.dim === 3 ? { 'stroke-opacity': 0.7 } : {}) }));
    });
  } else {
    root.append(svg('rect', { class: 'outline', x: X(x0).toFixed(1), y: Y(y0).toFixed(1), width: ((x1 - x0) * scale).toFixed(1), height: ((y1 - y0) * scale).toFixed(1), fill: '#eef2f6', stroke: '#9aa7b6' }));
  }
  for (const t of data.targets) {
    const [x, y] = pts[t]!;
    root.append(svg('circle', { class: 'target', cx: X(x).toFixed(1), cy: Y(y).toFixed(1), r: (1.9 * r + 1).toFixed(1), fill: 'none', stroke: '#555', 'stroke-dasharray': '2 2' }));
  }
  data.impurities.forEach((site, k) => {
    const [x, y] = pts[site]!;
    const p = data.positions;
    root.append(
      svg(
        'g',
        { class: 'impurity', 'data-site': site, 'data-position': JSON.stringify([p[3 * site], p[3 * site + 1], p[3 * site + 2]].map((v) => Number(v!.toFixed(9)))) },
        svg('circle', { cx: X(x).toFixed(1), cy: Y(y).toFixed(1), r: (1.6 * r + 2).toFixed(1), fill: '#ffd54a', stroke: '#222', 'stroke-width': 1.2 }),
        svg('text', { x: (X(x) + 1.6 * r + 4).toFixed(1), y: (Y(y) - 1.6 * r - 2).toFixed(1), class: 'impurity-label' }, String(k + 1)),
      ),
    );
  });
  // Legend: one swatch per sublattice.
  data.names.forEach((name, s) => {
    const lx = 10 + 62 * s, ly = hgt - 12;
    root.append(svg('circle', { cx: lx + 5, cy: ly - 4, r: 5, fill: SUBLATTICE_COLOURS[s % SUBLATTICE_COLOURS.length]! }), svg('text', { x: lx + 14, y: ly, class: 'legend' }, name));
  });
  return root;
}
