/**
 * The pole-expansion problem in units of the temperature (s = x/T, R = X/T).
 *
 * With x = T s, w = T w̃, W = T W̃, c = c̃/T the derivative error
 *   ½ tanh(x/2T) − 2x (c + Σ W_p/(x² + w_p²)) = ½ tanh(s/2) − 2s (c̃ + Σ W̃_p/(s² + w̃_p²)),
 * and the function error is T × [ln cosh(s/2) − c̃ s² − Σ W̃_p ln(1 + s²/w̃_p²)],
 * so everything depends only on R = X/T and the tolerance.
 */

/** Scaled expansion: nodes w̃_p, weights W̃_p, quadratic coefficient c̃. */
export interface ScaledExpansion {
  nodes: Float64Array;
  weights: Float64Array;
  quadratic: number;
}

/** ½ tanh(s/2) = φ′ in scaled units (the target of the derivative fit). */
export const halfTanhHalf = (s: number): number => 0.5 * Math.tanh(0.5 * s);

/** ln cosh(s/2), without overflow: |s|/2 + ln(1 + e^{−|s|}) − ln 2. */
export function logCoshHalf(s: number): number {
  const a = Math.abs(s);
  return 0.5 * a + Math.log1p(Math.exp(-a)) - Math.LN2;
}

/** 2s (c̃ + Σ W̃/(s² + w̃²)): the derivative of the scaled expansion. */
export function expansionDerivative(e: ScaledExpansion, s: number): number {
  const s2 = s * s;
  let sum = e.quadratic;
  const { nodes, weights } = e;
  for (let p = 0; p < nodes.length; p++) sum += weights[p] / (s2 + nodes[p] * nodes[p]);
  return 2 * s * sum;
}

/** c̃ s² + Σ W̃ ln(1 + s²/w̃²). */
export function expansionValue(e: ScaledExpansion, s: number): number {
  const s2 = s * s;
  let sum = e.quadratic * s2;
  const { nodes, weights } = e;
  for (let p = 0; p < nodes.length; p++) sum += weights[p] * Math.log1p(s2 / (nodes[p] * nodes[p]));
  return sum;
}

/**
 * Verification grid on [0, R]: uniform points (resolve the top of the range,
 * where the error of a rational fit of a Stieltjes function peaks) plus
 * log-spaced points from 1e-9·R (resolve the low-energy oscillations).
 */
export function verificationGrid(bound: number, perKind = 4000): Float64Array {
  const g = new Float64Array(2 * perKind + 1);
  for (let i = 0; i <= perKind; i++) g[i] = (bound * i) / perKind;
  const lo = Math.log(bound * 1e-9);
  const hi = Math.log(bound);
  for (let i = 0; i < perKind; i++) g[perKind + 1 + i] = Math.exp(lo + ((hi - lo) * i) / (perKind - 1));
  return g;
}

/** Sup-norm derivative and (scaled) function errors of `e` on the verification grid of [0, R]. */
export function measureScaledErrors(e: ScaledExpansion, bound: number): { derivativeError: number; functionError: number } {
  const grid = verificationGrid(bound);
  let derivativeError = 0;
  let functionError = 0;
  for (let i = 0; i < grid.length; i++) {
    const s = grid[i];
    const d = Math.abs(halfTanhHalf(s) - expansionDerivative(e, s));
    const f = Math.abs(logCoshHalf(s) - expansionValue(e, s));
    if (!(d <= derivativeError)) derivativeError = Number.isNaN(d) ? Infinity : d;
    if (!(f <= functionError)) functionError = Number.isNaN(f) ? Infinity : f;
  }
  return { derivativeError, functionError };
}

/** Sup-norm derivative error alone on the verification grid (the cheap half of measureScaledErrors). */
export function maxDerivativeError(e: ScaledExpansion, bound: number): number {
  const grid = verificationGrid(bound);
  let worst = 0;
  for (let i = 0; i < grid.length; i++) {
    const d = Math.abs(halfTanhHalf(grid[i]) - expansionDerivative(e, grid[i]));
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
