/**
 * Zero-temperature pole expansion of φ_0(x) = |x|/2 (used by poles.ts at T = 0).
 *
 * Scaled problem (x = X s, s ∈ [−1, 1]): approximate |s|/2 by
 *   c̃ s² + Σ_p W̃_p ln(1 + s²/w̃_p²),
 * the same form as at T > 0 (then c = c̃/X, W_p = X W̃_p, w_p = X w̃_p). Its
 * derivative 2s (c̃ + Σ_p W̃_p/(s² + w̃_p²)) must approximate ½ sign(s), a
 * discontinuous target: it is approximated on ℓ ≤ |s| ≤ 1 only, and the gap
 * (−ℓ, ℓ) costs a function error of about 0.04·ℓ (the area between the
 * smooth derivative and the step), which is where ℓ comes from.
 *
 * On [ℓ, 1] the best approximation of sign(s) by s·r(s²), r of type (n, n),
 * is Zolotarev's (1877): with ℓ' = √(1 − ℓ²), K' = K(ℓ'), m = 2n + 1 and
 *   c_i = ℓ² sc²(i K'/m; ℓ'),  i = 1 … 2n,
 *   Z(s) = M s Π_{j=1}^{n} (s² + c_{2j})/(s² + c_{2j−1}),
 * where M makes the error equioscillate [Akhiezer, Theory of Approximation;
 * Nakatsukasa & Freund, SIAM Rev. 58, 461 (2016)]. The poles −c_{2j−1} of r
 * interlace its zeros, so the partial-fraction weights of r are positive:
 * W̃_p > 0, w̃_p² = c_{2p−1}, c̃ = M/4. Its error decays like
 * exp(−π² n / ln(4/ℓ)) (≈ e^{−0.4 n} for ℓ ≈ 1e-10).
 *
 * sc(u; ℓ') for ℓ' → 1 loses all digits in the usual AGM algorithm; instead the
 * Jacobi imaginary transformation sc(u; ℓ') = −i sn(iu; ℓ) and the theta-product
 * of sn for the small modulus ℓ (nome q = e^{−πK'/K}) give
 *   sc(u; ℓ') = (2 q^{1/4}/√ℓ) sinh y Π_{k≥1} (1 − 2q^{2k} cosh 2y + q^{4k})/(1 − 2q^{2k−1} cosh 2y + q^{4k−2}),
 * y = πu/(2K), used for u ≤ K'/2 (a few factors suffice); the upper half
 * follows from c_i c_{2n+1−i} = ℓ².
 *
 * Error criteria (tolerance τ): derivative error ≤ τ on ℓ ≤ |s| ≤ 1. The
 * function error then has a plateau ≈ 0.04ℓ above the gap, which is added
 * back as a constant ã0 (φ_0 ≈ ã0 + c̃ s² + …): levels with |ε| ≫ ℓX are then
 * exact to ≈ τ and only a level inside the gap errs, by at most ≈ 0.04ℓX. Measured node counts for ℓ = 16τ:
 * τ = 1e-10 → 52, τ = 1e-11 → 63, τ = 1e-12 → 75; for ℓ = 1e-6 and τ = 1e-11: 40
 * (X scales out); 0.1–0.3 s to construct (cached by poles.ts).
 */
import type { ScaledExpansion } from './scaled.js';

export interface ZeroTemperatureFit {
  /** In units of X: nodes w̃_p, weights W̃_p, quadratic c̃. */
  expansion: ScaledExpansion;
  /** The lower edge ℓ of the range ℓ ≤ |s| ≤ 1 where the derivative is approximated. */
  lowerEdge: number;
  /** sup over ℓ ≤ s ≤ 1 of |½ − 2s (c̃ + Σ W̃_p/(s² + w̃_p²))|. */
  derivativeError: number;
  /**
   * ã0: the plateau of s/2 − c̃ s² − Σ W̃_p ln(1 + s²/w̃_p²) above the gap (≈ 0.04ℓ), added back as a
   * constant so that levels with |ε| ≫ ℓX are exact and only levels inside the gap err (by ≤ ã0).
   */
  constant: number;
  /** sup over 0 ≤ s ≤ 1 of |s/2 − ã0 − c̃ s² − Σ W̃_p ln(1 + s²/w̃_p²)| (relative to X). */
  functionError: number;
}

/** Arithmetic–geometric mean. */
function agm(a: number, b: number): number {
  for (let k = 0; k < 64 && Math.abs(a - b) > 1e-16 * a; k++) [a, b] = [(a + b) / 2, Math.sqrt(a * b)];
  return (a + b) / 2;
}

/** The 2n Zolotarev parameters c_1 < … < c_{2n} for the interval [ℓ, 1] (index 0 unused). */
export function zolotarevParameters(edge: number, n: number): Float64Array {
  const complement = Math.sqrt((1 - edge) * (1 + edge));
  const K = Math.PI / (2 * agm(1, complement));
  const Kc = Math.PI / (2 * agm(1, edge));
  const logNome = (-Math.PI * Kc) / K;
  const q = Math.exp(logNome);
  const prefactor = 2 * Math.exp(logNome / 4 - 0.5 * Math.log(edge));
  const sc = (u: number): number => {
    const y = (Math.PI * u) / (2 * K);
    const ch = Math.cosh(2 * y);
    let v = prefactor * Math.sinh(y);
    for (let k = 1; k < 64; k++) {
      const a = Math.pow(q, 2 * k), b = Math.pow(q, 2 * k - 1);
      const f = (1 - 2 * a * ch + a * a) / (1 - 2 * b * ch + b * b);
      v *= f;
      if (Math.abs(f - 1) < 1e-17) break;
    }
    return v;
  };
  const m = 2 * n + 1;
  const c = new Float64Array(m);
  for (let i = 1; i <= n; i++) {
    const s = sc((i * Kc) / m);
    c[i] = edge * edge * s * s;
    c[m - i] = 1 / (s * s);
  }
  return c;
}

/**
 * Zolotarev's expansion with n nodes on [ℓ, 1] in our form, with its errors
 * measured on fine grids.
 */
export function zolotarevExpansion(edge: number, n: number): ZeroTemperatureFit {
  const c = zolotarevParameters(edge, n);
  const poles = new Float64Array(n);
  const residues = new Float64Array(n);
  for (let j = 0; j < n; j++) poles[j] = c[2 * j + 1]!;
  // r(λ) = Π (λ + c_{2i})/(λ + c_{2i−1}) = 1 + Σ_j a_j/(λ + p_j); products of interlacing ratios stay O(1).
  for (let j = 0; j < n; j++) {
    let a = c[2 * j + 2]! - poles[j]!;
    for (let i = 0; i < n; i++) if (i !== j) a *= (c[2 * i + 2]! - poles[j]!) / (poles[i]! - poles[j]!);
    residues[j] = a;
  }
  const g = (s: number): number => {
    const s2 = s * s;
    let sum = 1;
    for (let j = 0; j < n; j++) sum += residues[j]! / (s2 + poles[j]!);
    return s * sum;
  };
  // M from the extremes of g on [ℓ, 1] (log grid, the best points refined by golden section).
  const grid = logGrid(edge, 1, 200 * (n + 1));
  let min = Infinity, max = -Infinity, argMax = 0, argMin = 0;
  grid.forEach((s, i) => {
    const v = g(s);
    if (v > max) [max, argMax] = [v, i];
    if (v < min) [min, argMin] = [v, i];
  });
  max = Math.max(max, refineMax(g, grid, argMax));
  min = Math.min(min, -refineMax((s) => -g(s), grid, argMin));
  const M = 2 / (max + min);
  const expansion: ScaledExpansion = {
    nodes: poles.map(Math.sqrt),
    weights: residues.map((a) => (M * a) / 4),
    quadratic: M / 4,
  };
  const constant = plateau(expansion, edge);
  return { expansion, lowerEdge: edge, constant, ...measureZeroTemperatureErrors(expansion, edge, constant) };
}

/** Mid-range of s/2 − (expansion) over 30ℓ ≤ s ≤ 1, where it is flat to about the derivative error. */
function plateau(e: ScaledExpansion, edge: number): number {
  let lo = Infinity, hi = -Infinity;
  for (const s of logGrid(Math.min(0.5, 30 * edge), 1, 2000)) {
    const v = 0.5 * s - value(e, s);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return (lo + hi) / 2;
}

/** c̃ s² + Σ W̃_p ln(1 + s²/w̃_p²). */
function value(e: ScaledExpansion, s: number): number {
  const s2 = s * s;
  let v = e.quadratic * s2;
  for (let p = 0; p < e.nodes.length; p++) v += e.weights[p]! * Math.log1p(s2 / (e.nodes[p]! * e.nodes[p]!));
  return v;
}

/** Golden-section refinement of the maximum of f near grid point i (bracketed by its neighbours). */
function refineMax(f: (s: number) => number, grid: Float64Array, i: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = grid[Math.max(0, i - 1)]!, b = grid[Math.min(grid.length - 1, i + 1)]!;
  let best = f(grid[i]!);
  for (let k = 0; k < 80 && b - a > 1e-14 * b; k++) {
    const x1 = b - r * (b - a), x2 = a + r * (b - a);
    const [f1, f2] = [f(x1), f(x2)];
    best = Math.max(best, f1, f2);
    if (f1 > f2) b = x2;
    else a = x1;
  }
  return best;
}

/** count points log-spaced from lo to hi (both included). */
function logGrid(lo: number, hi: number, count: number): Float64Array {
  const g = new Float64Array(count);
  const span = Math.log(hi / lo);
  for (let i = 0; i < count; i++) g[i] = lo * Math.exp((span * i) / (count - 1));
  g[count - 1] = hi;
  return g;
}

/**
 * Derivative error on [ℓ, 1] and function error on [0, 1] of a scaled
 * zero-temperature expansion: 4000 log-spaced points over [ℓ, 1] plus 4000
 * uniform ones, and for the function 1000 more log-spaced points down to 1e-4·ℓ.
 */
export function measureZeroTemperatureErrors(e: ScaledExpansion, edge: number, constant: number): { derivativeError: number; functionError: number } {
  const { nodes, weights, quadratic } = e;
  let derivativeError = 0, functionError = 0;
  const check = (s: number, derivative: boolean) => {
    const s2 = s * s;
    let slope = quadratic, value = quadratic * s2;
    for (let p = 0; p < nodes.length; p++) {
      const w2 = nodes[p]! * nodes[p]!;
      slope += weights[p]! / (s2 + w2);
      value += weights[p]! * Math.log1p(s2 / w2);
    }
    const f = Math.abs(0.5 * s - constant - value);
    if (!(f <= functionError)) functionError = Number.isNaN(f) ? Infinity : f;
    if (!derivative) return;
    const d = Math.abs(0.5 - 2 * s * slope);
    if (!(d <= derivativeError)) derivativeError = Number.isNaN(d) ? Infinity : d;
  };
  for (const s of logGrid(edge, 1, 4000)) check(s, true);
  for (let i = 1; i <= 4000; i++) check(Math.max(edge, i / 4000), true);
  for (const s of logGrid(1e-4 * edge, edge, 1000)) check(s, false);
  return { derivativeError, functionError };
}

/**
 * ℓ = τ·EDGE_PER_TOLERANCE is the widest gap that keeps the function error ≤ τ: once the derivative
 * is accurate the function error is ≈ 0.04–0.05·ℓ (a larger ℓ saves nodes but soon fails it).
 */
export const EDGE_PER_TOLERANCE = 16;

/**
 * Fewest-node zero-temperature expansion with derivative error ≤ τ on
 * [ℓ, 1] (the function error, ≈ 0.05ℓ or below, is measured and returned). The search
 * starts from Zolotarev's error law, error ≈ 1.6 exp(−π² n / ln(4/ℓ)), and
 * steps n by one (the error decreases with n at fixed ℓ). Returns the best
 * error reached when maxNodes are not enough.
 */
export function fitZeroTemperature(tolerance: number, edge: number, maxNodes: number): ZeroTemperatureFit | { bestError: number } {
  const ok = (f: ZeroTemperatureFit) => f.derivativeError <= tolerance;
  const estimate = Math.ceil((Math.log(1.6 / tolerance) * Math.log(4 / edge)) / (Math.PI * Math.PI));
  let n = Math.max(1, Math.min(maxNodes, estimate));
  let fit = zolotarevExpansion(edge, n);
  if (ok(fit)) {
    while (n > 1) {
      const fewer = zolotarevExpansion(edge, n - 1);
      if (!ok(fewer)) break;
      [n, fit] = [n - 1, fewer];
    }
    return fit;
  }
  while (!ok(fit) && n < maxNodes) fit = zolotarevExpansion(edge, ++n);
  return ok(fit) ? fit : { bestError: fit.derivativeError };
}
