/**
 * Decay exponent of an oscillating function f(R) ≈ A R^{−α} cos(qR + φ):
 * in windows of one period 2π/q centred at geometrically spaced R_c, fit
 * f ≈ (a + a'u) cos qR + (b + b'u) sin qR + c (u = (R − R_c)q/2π; the
 * linear terms absorb the decay inside the window, c a smooth background),
 * take the amplitude √(a² + b²) at R_c and regress ln amplitude on ln R_c.
 */
import { InputError } from '../errors.js';

export interface EnvelopeFit {
  /** α of the fitted A R^{−α}. */
  exponent: number;
  /** Window centres R_c and the amplitudes found there. */
  centres: number[];
  amplitudes: number[];
}

export interface EnvelopeOptions {
  /** Number of windows (≥ 2). Default 5. */
  windows?: number;
  /** Samples per window (≥ 6). Default 14. */
  samples?: number;
}

/** Solve the small dense normal equations (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/** Local amplitude of the oscillation of wavevector q around R_c. */
export function localAmplitude(f: (R: number) => number, q: number, Rc: number, samples = 14): number {
  const period = (2 * Math.PI) / q;
  const rows: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < samples; i++) {
    const R = Rc + period * ((i + 0.5) / samples - 0.5);
    const u = (R - Rc) / period;
    const c = Math.cos(q * R);
    const s = Math.sin(q * R);
    rows.push([c, u * c, s, u * s, 1]);
    ys.push(f(R));
  }
  const n = 5;
  const ata = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const aty = new Array<number>(n).fill(0);
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < n; j++) {
      aty[j]! += rows[i]![j]! * ys[i]!;
      for (let k = 0; k < n; k++) ata[j]![k]! += rows[i]![j]! * rows[i]![k]!;
    }
  const [a, , b] = solve(ata, aty);
  return Math.hypot(a!, b!);
}

/** Fit the decay exponent α of the envelope of f between Rmin and Rmax (oscillation wavevector q, e.g. 2k_F). */
export function fitDecayExponent(f: (R: number) => number, q: number, Rmin: number, Rmax: number, options: EnvelopeOptions = {}): EnvelopeFit {
  const windows = options.windows ?? 5;
  const samples = options.samples ?? 14;
  if (!(q > 0)) throw new InputError('q', `expected a positive wavevector, got ${q}`);
  if (!(Rmin > (2 * Math.PI) / q) || !(Rmax > Rmin)) throw new InputError('R range', `expected 2π/q < Rmin < Rmax, got ${Rmin}..${Rmax}`);
  if (windows < 2 || samples < 6) throw new InputError('windows', 'expected at least 2 windows of at least 6 samples');
  const centres: number[] = [];
  const amplitudes: number[] = [];
  for (let w = 0; w < windows; w++) {
    const Rc = Rmin * Math.pow(Rmax / Rmin, w / (windows - 1));
    centres.push(Rc);
    amplitudes.push(localAmplitude(f, q, Rc, samples));
  }
  const xs = centres.map(Math.log);
  const ys = amplitudes.map(Math.log);
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return { exponent: -sxy / sxx, centres, amplitudes };
}
