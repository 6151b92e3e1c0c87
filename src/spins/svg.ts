/**
 * A spin configuration as an SVG picture: one arrow per spin at its position, projected onto
 * a plane (xy by default). The arrow shows the in-plane part of S (full length = 0.8 of the
 * nearest-neighbour distance for an in-plane spin); its colour the out-of-plane part, from blue
 * (−1) through grey (0) to red (+1), with a dot for spins pointing straight out of the plane.
 */
import { InputError } from '../errors.js';

export interface SpinSvgOptions {
  /** Projection plane. Default 'xy'. */
  plane?: 'xy' | 'xz' | 'yz';
  title?: string;
  /** Pixels per lattice constant. Default: fitted to ~640 px width, at most 120. */
  scale?: number;
  /** Print the spin index and the in-plane angle under each arrow (default true up to 40 spins). */
  labels?: boolean;
}

const AXIS: Record<'xy' | 'xz' | 'yz', [number, number, number, string]> = {
  xy: [0, 1, 2, 'z'],
  xz: [0, 2, 1, 'y'],
  yz: [1, 2, 0, 'x'],
};

/** Blue–grey–red for c in [−1, 1]. */
function colour(c: number): string {
  const t = Math.max(-1, Math.min(1, c));
  const grey = [120, 120, 120], red = [200, 30, 30], blue = [30, 70, 200];
  const target = t >= 0 ? red : blue;
  const w = Math.abs(t);
  const rgb = grey.map((g, k) => Math.round(g + w * (target[k] - g)));
  return `rgb(${rgb.join(',')})`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * SVG text of the configuration `spins` (3 per spin) at `positions` (3 per spin, lattice
 * constants).
 */
export function spinConfigurationSvg(positions: Float64Array, spins: Float64Array, options: SpinSvgOptions = {}): string {
  const n = spins.length / 3;
  if (!Number.isInteger(n) || n < 1 || positions.length !== spins.length)
    throw new InputError('positions', `expected 3 coordinates per spin for ${n} spins`);
  const plane = options.plane ?? 'xy';
  if (!(plane in AXIS)) throw new InputError('plane', `expected xy, xz or yz, got '${plane}'`);
  const [pu, pv, po, outName] = AXIS[plane];
  const u = Array.from({ length: n }, (_, i) => positions[3 * i + pu]);
  const v = Array.from({ length: n }, (_, i) => positions[3 * i + pv]);
  let nearest = Infinity;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = Math.hypot(u[j] - u[i], v[j] - v[i]);
      if (d > 1e-9) nearest = Math.min(nearest, d);
    }
  if (!Number.isFinite(nearest)) nearest = 1;
  const uMin = Math.min(...u) - nearest, uMax = Math.max(...u) + nearest;
  const vMin = Math.min(...v) - nearest, vMax = Math.max(...v) + nearest;
  const scale = options.scale ?? Math.min(120, 640 / Math.max(uMax - uMin, 1e-9));
  const labels = options.labels ?? n <= 40;
  const top = options.title ? 36 : 12;
  const legend = 28;
  const width = Math.max(260, (uMax - uMin) * scale);
  const plotHeight = (vMax - vMin) * scale;
  const height = top + plotHeight + legend + (labels ? 14 : 0);
  const X = (x: number) => (x - uMin) * scale + (width - (uMax - uMin) * scale) / 2;
  const Y = (y: number) => top + (vMax - y) * scale;
  const arrow = 0.4 * nearest * scale; // half length
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(0)}" height="${height.toFixed(0)}" viewBox="0 0 ${width.toFixed(1)} ${height.toFixed(1)}" font-family="sans-serif">`,
    '<rect width="100%" height="100%" fill="white"/>',
  ];
  if (options.title) parts.push(`<text x="${(width / 2).toFixed(1)}" y="22" font-size="15" text-anchor="middle">${esc(options.title)}</text>`);
  for (let i = 0; i < n; i++) {
    const su = spins[3 * i + pu], sv = spins[3 * i + pv], so = spins[3 * i + po];
    const cx = X(u[i]), cy = Y(v[i]);
    const c = colour(so);
    parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3" fill="#999"/>`);
    const len = Math.hypot(su, sv);
    if (len > 0.05) {
      const dx = su * arrow, dy = -sv * arrow;
      const x1 = cx - dx, y1 = cy - dy, x2 = cx + dx, y2 = cy + dy;
      // Arrow head: two short strokes at ±25° from the shaft.
      const ang = Math.atan2(y2 - y1, x2 - x1), head = Math.max(6, 0.25 * arrow * len);
      const h1x = x2 - head * Math.cos(ang - 0.45), h1y = y2 - head * Math.sin(ang - 0.45);
      const h2x = x2 - head * Math.cos(ang + 0.45), h2y = y2 - head * Math.sin(ang + 0.45);
      parts.push(
        `<path d="M${x1.toFixed(1)},${y1.toFixed(1)} L${x2.toFixed(1)},${y2.toFixed(1)} M${h1x.toFixed(1)},${h1y.toFixed(1)} L${x2.toFixed(1)},${y2.toFixed(1)} L${h2x.toFixed(1)},${h2y.toFixed(1)}" stroke="${c}" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`,
      );
    }
    if (len <= 0.3) parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="7" fill="none" stroke="${c}" stroke-width="2.5"/>`);
    if (labels) {
      const deg = (Math.atan2(sv, su) * 180) / Math.PI;
      parts.push(
        `<text x="${cx.toFixed(1)}" y="${(cy + arrow + 16).toFixed(1)}" font-size="11" text-anchor="middle" fill="#333">${i}: ${len > 0.05 ? `${deg.toFixed(0)}°` : so > 0 ? `+${outName}` : `−${outName}`}</text>`,
      );
    }
  }
  const ly = height - 10;
  parts.push(
    `<text x="8" y="${ly.toFixed(1)}" font-size="11" fill="#333">${plane[0]} →, ${plane[1]} ↑; colour = S_${outName}: </text>`,
    `<text x="150" y="${ly.toFixed(1)}" font-size="11" fill="${colour(-1)}">−1</text>`,
    `<text x="175" y="${ly.toFixed(1)}" font-size="11" fill="${colour(0)}">0</text>`,
    `<text x="192" y="${ly.toFixed(1)}" font-size="11" fill="${colour(1)}">+1</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}
