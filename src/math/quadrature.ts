/**
 * Numerical integration for the continuum theory.
 *
 * - `integrate` / `integrateVector`: globally adaptive Gauss–Kronrod (G7/K15,
 *   QUADPACK's QAGS without the extrapolation), with user breakpoints and
 *   infinite ends mapped by x = a + t/(1 − t). The vector form integrates
 *   several integrands that share their nodes (e.g. G(R, iω) for many R).
 * - `integrateOscillatory`: ∫_a^∞ of an oscillating integrand as the series of
 *   integrals between consecutive nodes (zeros or half periods), accelerated
 *   by Wynn's ε algorithm (the alternating tails of Fourier and Hankel
 *   transforms converge like 1/k^p; ε turns that into fast convergence).
 * - `gaussLegendre(n)`: nodes and weights on [−1, 1] by Newton's method.
 */
import { ConvergenceError } from '../errors.js';

export interface QuadratureOptions {
  /** Absolute tolerance on the integral (vector: on every component). Default 1e-12. */
  absTol?: number;
  /** Relative tolerance (vector: relative to the largest component). Default 1e-10. */
  relTol?: number;
  /** Budget of integrand evaluations. Default 2e5. */
  maxEvaluations?: number;
  /** Interior points where the integrand is singular or has a kink. */
  breakpoints?: readonly number[];
  /** Return the best estimate instead of throwing ConvergenceError when the tolerance is not met. */
  allowUnconverged?: boolean;
}

export interface QuadratureResult {
  value: number;
  /** Estimated absolute error. */
  error: number;
  evaluations: number;
}

export interface VectorQuadratureResult {
  value: Float64Array;
  error: number;
  evaluations: number;
}

// Gauss–Kronrod 7/15 abscissae and weights (QUADPACK dqk15), shared with the infinite-host quadrature.
export const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
];
export const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
export const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];

/** One vector-valued integrand evaluation: write f(x) into out. */
export type VectorIntegrand = (x: number, out: Float64Array) => void;

interface Interval {
  a: number;
  b: number;
  value: Float64Array;
  error: number;
}

/** Apply G7/K15 on [a, b] for a vector integrand; returns the K15 value and per-interval error (max over components). */
function gk15(f: VectorIntegrand, a: number, b: number, size: number, scratch: Float64Array[]): Interval {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const value = new Float64Array(size);
  const gauss = new Float64Array(size);
  const fc = scratch[0]!;
  f(c, fc);
  for (let i = 0; i < size; i++) {
    value[i] = WGK[7]! * fc[i]!;
    gauss[i] = WG[3]! * fc[i]!;
  }
  const f1 = scratch[1]!;
  const f2 = scratch[2]!;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j]!;
    f(c - dx, f1);
    f(c + dx, f2);
    const wk = WGK[j]!;
    // odd j (1, 3, 5) are the Gauss nodes
    const wg = j % 2 === 1 ? WG[(j - 1) / 2]! : 0;
    for (let i = 0; i < size; i++) {
      const s = f1[i]! + f2[i]!;
      value[i] += wk * s;
      if (wg !== 0) gauss[i] += wg * s;
    }
  }
  let error = 0;
  for (let i = 0; i < size; i++) {
    value[i] *= h;
    const e = Math.abs(value[i]! - h * gauss[i]!);
    if (!Number.isFinite(value[i]!)) {
      error = NaN;
      continue;
    }
    error = Math.max(error, e);
  }
  return { a, b, value, error };
}

/** Binary max-heap of intervals by error. */
class IntervalHeap {
  readonly items: Interval[] = [];
  push(iv: Interval): void {
    const h = this.items;
    h.push(iv);
    let k = h.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!(h[p]!.error < h[k]!.error)) break;
      [h[p], h[k]] = [h[k]!, h[p]!];
      k = p;
    }
  }
  pop(): Interval {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < h.length && h[l]!.error > h[m]!.error) m = l;
        if (r < h.length && h[r]!.error > h[m]!.error) m = r;
        if (m === k) break;
        [h[m], h[k]] = [h[k]!, h[m]!];
        k = m;
      }
    }
    return top;
  }
}

/** Map a (possibly infinite) interval to a finite one; returns the transformed integrand and the finite ends. */
function mapInfinite(
  f: VectorIntegrand,
  a: number,
  b: number,
  size: number,
): { g: VectorIntegrand; ta: number; tb: number; toT: (x: number) => number } {
  if (Number.isFinite(a) && Number.isFinite(b)) return { g: f, ta: a, tb: b, toT: (x) => x };
  if (Number.isFinite(a) && b === Infinity) {
    // x = a + t/(1 − t), t ∈ [0, 1)
    return {
      g: (t, out) => {
        const u = 1 - t;
        f(a + t / u, out);
        const jac = 1 / (u * u);
        for (let i = 0; i < size; i++) out[i] *= jac;
      },
      ta: 0,
      tb: 1,
      toT: (x) => (x - a) / (1 + x - a),
    };
  }
  if (a === -Infinity && Number.isFinite(b)) {
    // x = b − t/(1 − t)
    return {
      g: (t, out) => {
        const u = 1 - t;
        f(b - t / u, out);
        const jac = 1 / (u * u);
        for (let i = 0; i < size; i++) out[i] *= jac;
      },
      ta: 0,
      tb: 1,
      toT: (x) => (b - x) / (1 + b - x),
    };
  }
  if (a === -Infinity && b === Infinity) {
    // x = t/(1 − t²), t ∈ (−1, 1)
    return {
      g: (t, out) => {
        const u = 1 - t * t;
        f(t / u, out);
        const jac = (1 + t * t) / (u * u);
        for (let i = 0; i < size; i++) out[i] *= jac;
      },
      ta: -1,
      tb: 1,
      toT: (x) => (x === 0 ? 0 : (Math.sqrt(1 + 4 * x * x) - 1) / (2 * x)),
    };
  }
  throw new RangeError(`integrate: bad interval [${a}, ${b}]`);
}

/**
 * ∫_a^b f(x) dx for a vector-valued integrand of `size` components, globally
 * adaptive G7/K15. Converged when the summed error estimate is at most
 * max(absTol, relTol · max_i |I_i|).
 */
export function integrateVector(
  f: VectorIntegrand,
  size: number,
  a: number,
  b: number,
  options: QuadratureOptions = {},
): VectorQuadratureResult {
  const absTol = options.absTol ?? 1e-12;
  const relTol = options.relTol ?? 1e-10;
  const maxEval = options.maxEvaluations ?? 2e5;
  if (a === b) return { value: new Float64Array(size), error: 0, evaluations: 0 };
  if (b < a) {
    const r = integrateVector(f, size, b, a, options);
    for (let i = 0; i < size; i++) r.value[i] = -r.value[i]!;
    return r;
  }
  const { g, ta, tb, toT } = mapInfinite(f, a, b, size);
  const cuts = [ta];
  for (const p of [...(options.breakpoints ?? [])].sort((x, y) => x - y)) {
    if (p > a && p < b) {
      const t = toT(p);
      if (t > cuts[cuts.length - 1]! && t < tb) cuts.push(t);
    }
  }
  cuts.push(tb);
  const scratch = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  const heap = new IntervalHeap();
  const total = new Float64Array(size);
  let totalError = 0;
  let evaluations = 0;
  // Σ over intervals of the largest |component|: the scale of ∫|f|, which sets the round-off floor.
  let magnitude = 0;
  const size1 = (iv: Interval) => {
    let m = 0;
    for (let i = 0; i < size; i++) m = Math.max(m, Math.abs(iv.value[i]!));
    return m;
  };
  for (let k = 0; k + 1 < cuts.length; k++) {
    const iv = gk15(g, cuts[k]!, cuts[k + 1]!, size, scratch);
    evaluations += 15;
    heap.push(iv);
    for (let i = 0; i < size; i++) total[i] += iv.value[i]!;
    totalError += iv.error;
    magnitude += size1(iv);
  }
  // No tolerance below the round-off of summing the pieces (a cancelling integral cannot be resolved further).
  const tolerance = () => {
    let m = 0;
    for (let i = 0; i < size; i++) m = Math.max(m, Math.abs(total[i]!));
    return Math.max(absTol, relTol * m, 1024 * Number.EPSILON * magnitude);
  };
  const frozen: Interval[] = []; // intervals too small to split further
  let frozenError = 0;
  while (totalError > tolerance() && heap.items.length > 0) {
    if (evaluations >= maxEval || Number.isNaN(totalError)) break;
    const worst = heap.pop();
    const mid = 0.5 * (worst.a + worst.b);
    if (!(mid > worst.a && mid < worst.b) || worst.b - worst.a < 1e-14 * Math.max(1, Math.abs(mid))) {
      frozen.push(worst);
      frozenError += worst.error;
      if (heap.items.length === 0) break;
      continue;
    }
    const left = gk15(g, worst.a, mid, size, scratch);
    const right = gk15(g, mid, worst.b, size, scratch);
    evaluations += 30;
    for (let i = 0; i < size; i++) total[i] += left.value[i]! + right.value[i]! - worst.value[i]!;
    totalError += left.error + right.error - worst.error;
    magnitude += size1(left) + size1(right) - size1(worst);
    heap.push(left);
    heap.push(right);
    // Recompute the sums now and then to keep rounding from drifting.
    if (evaluations % 3000 < 30) {
      total.fill(0);
      totalError = frozenError;
      for (const iv of [...heap.items, ...frozen]) {
        for (let i = 0; i < size; i++) total[i] += iv.value[i]!;
        totalError += iv.error;
      }
    }
  }
  // Final exact resummation.
  total.fill(0);
  totalError = 0;
  for (const iv of [...heap.items, ...frozen]) {
    for (let i = 0; i < size; i++) total[i] += iv.value[i]!;
    totalError += iv.error;
  }
  if (!(totalError <= tolerance()) && !options.allowUnconverged) {
    throw new ConvergenceError(
      `integral over [${a}, ${b}]: error estimate ${totalError.toExponential(2)} above tolerance ${tolerance().toExponential(2)} after ${evaluations} evaluations`,
    );
  }
  return { value: total, error: totalError, evaluations };
}

/** ∫_a^b f(x) dx (a, b may be ±Infinity), adaptive Gauss–Kronrod. */
export function integrate(f: (x: number) => number, a: number, b: number, options: QuadratureOptions = {}): QuadratureResult {
  const r = integrateVector(
    (x, out) => {
      out[0] = f(x);
    },
    1,
    a,
    b,
    options,
  );
  return { value: r.value[0]!, error: r.error, evaluations: r.evaluations };
}

/**
 * Wynn's ε algorithm on a sequence of partial sums: returns the best
 * extrapolated limit and an error estimate (difference of the last two
 * estimates from the highest even column reached).
 */
export function wynnEpsilon(partialSums: readonly number[]): { value: number; error: number } {
  const n = partialSums.length;
  if (n === 0) return { value: 0, error: Infinity };
  if (n < 3) return { value: partialSums[n - 1]!, error: n > 1 ? Math.abs(partialSums[n - 1]! - partialSums[n - 2]!) : Infinity };
  // eps[k] holds column k; column −1 is zero.
  let prev = new Array<number>(n + 1).fill(0); // ε_{−1}
  let cur = partialSums.slice(); // ε_0
  let best = partialSums[n - 1]!;
  let bestErr = Math.abs(partialSums[n - 1]! - partialSums[n - 2]!);
  for (let k = 1; k < n; k++) {
    const next: number[] = [];
    for (let i = 0; i + 1 < cur.length; i++) {
      const d = cur[i + 1]! - cur[i]!;
      next.push(prev[i + 1]! + (d === 0 ? 1e300 : 1 / d));
    }
    prev = cur;
    cur = next;
    if (k % 2 === 0 && cur.length >= 2) {
      const v = cur[cur.length - 1]!;
      const e = Math.abs(v - cur[cur.length - 2]!);
      if (Number.isFinite(v) && e < bestErr) {
        best = v;
        bestErr = e;
      }
    }
    if (cur.length < 2) break;
  }
  return { value: best, error: bestErr };
}

export interface OscillatoryOptions extends QuadratureOptions {
  /** Maximum number of node-to-node pieces summed. Default 400. */
  maxPieces?: number;
  /** Minimum number of pieces before extrapolation is trusted. Default 8. */
  minPieces?: number;
}

/**
 * ∫_{nodes(0)}^∞ f(x) dx where `nodes(k)`, k = 0, 1, …, increases to ∞ and
 * splits the integrand into pieces of alternating sign (zeros of the
 * oscillating factor). The partial sums are extrapolated with Wynn's ε.
 */
export function integrateOscillatory(
  f: (x: number) => number,
  nodes: (k: number) => number,
  options: OscillatoryOptions = {},
): QuadratureResult {
  const absTol = options.absTol ?? 1e-12;
  const relTol = options.relTol ?? 1e-10;
  const maxPieces = options.maxPieces ?? 400;
  const minPieces = options.minPieces ?? 8;
  const sums: number[] = [];
  let s = 0;
  let evaluations = 0;
  let last = { value: NaN, error: Infinity };
  let lastChange = Infinity;
  // Extrapolate only past the last breakpoint: before it the partial sums of a
  // smooth stretch converge (spuriously) long before the singular part is reached.
  const lastBreak = Math.max(-Infinity, ...(options.breakpoints ?? []));
  let firstRegular = -1; // index of the first partial sum whose piece starts beyond every breakpoint
  for (let k = 0; k < maxPieces; k++) {
    const a = nodes(k);
    const b = nodes(k + 1);
    const piece = integrate(f, a, b, {
      ...options,
      absTol: absTol / 10,
      relTol: relTol / 10,
      breakpoints: options.breakpoints?.filter((p) => p > a && p < b),
    });
    evaluations += piece.evaluations;
    s += piece.value;
    sums.push(s);
    if (firstRegular < 0 && a >= lastBreak) firstRegular = sums.length - 1;
    if (firstRegular >= 0 && sums.length - firstRegular >= minPieces) {
      // Extrapolate on the most recent window (old terms only add rounding).
      const window = sums.slice(Math.max(firstRegular, sums.length - 24));
      const est = wynnEpsilon(window);
      const change = Math.abs(est.value - last.value);
      const tol = Math.max(absTol, relTol * Math.abs(est.value));
      if (change <= tol && lastChange <= tol) return { value: est.value, error: Math.max(change, est.error * 0), evaluations };
      lastChange = change;
      last = est;
    }
  }
  if (options.allowUnconverged) return { value: last.value, error: lastChange, evaluations };
  throw new ConvergenceError(`oscillatory integral: no convergence after ${maxPieces} pieces (last change ${lastChange.toExponential(2)})`);
}

const legendreCache = new Map<number, { x: Float64Array; w: Float64Array }>();

/** P_n(z) and its derivative P_n'(z) by the three-term recurrence. */
function legendre(n: number, z: number): { p: number; dp: number } {
  let p0 = 1;
  let p1 = z;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  return { p: p1, dp: n === 1 ? 1 : (n * (z * p1 - p0)) / (z * z - 1) };
}

/** n-point Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n, cached). */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const cached = legendreCache.get(n);
  if (cached) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      const { p, dp } = legendre(n, z);
      const dz = p / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    // the derivative at the converged node gives the weight
    const { dp } = legendre(n, z);
    x[i] = -z;
    x[n - 1 - i] = z;
    const wi = 2 / ((1 - z * z) * dp * dp);
    w[i] = wi;
    w[n - 1 - i] = wi;
  }
  if (n % 2 === 1) x[(n - 1) / 2] = 0;
  const rule = { x, w };
  legendreCache.set(n, rule);
  return rule;
}
