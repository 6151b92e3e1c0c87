/**
 * Ozaki's continued-fraction poles of the Fermi function (kind 'ozaki', a cross-check).
 *
 * T. Ozaki, Phys. Rev. B 75, 035123 (2007): the M×M symmetric tridiagonal
 * matrix with zero diagonal and off-diagonal 1/(2√((2m−1)(2m+1))), m = 1…M−1,
 * has eigenvalues ±b_p; with z_p = 1/b_p and R_p = v_{1p}²/(4 b_p²) (v_{1p} the
 * first eigenvector component)
 *   tanh(s/2) = 4s Σ_p R_p/(s² + z_p²)   (scaled units, s = x/T),
 * i.e. nodes w̃_p = z_p and weights W̃_p = R_p of our form; the first poles
 * converge to the Matsubara ones with R_p → 1. The continued fraction's
 * convergents are Padé approximants at s = 0, so c̃ = 1/8 − Σ R_p/z_p² is ~0
 * and only removes rounding.
 */
import { symmetricTridiagonalEigen } from './tridiagonal.js';
import { measureScaledErrors, type ScaledExpansion } from './scaled.js';
import type { ScaledFit } from './rational.js';

/** Expansion from the (2·poles)×(2·poles) Ozaki matrix. */
export function ozakiExpansion(poles: number): ScaledExpansion {
  const size = 2 * poles;
  const off = new Float64Array(size - 1);
  for (let m = 1; m < size; m++) off[m - 1] = 1 / (2 * Math.sqrt((2 * m - 1) * (2 * m + 1)));
  const { values, firstComponents } = symmetricTridiagonalEigen(new Float64Array(size), off);
  // Ascending eigenvalues: the positive half is the upper half; largest b ↔ smallest pole.
  const nodes = new Float64Array(poles);
  const weights = new Float64Array(poles);
  let curvature = 0;
  for (let p = 0; p < poles; p++) {
    const b = values[size - 1 - p];
    const v = firstComponents[size - 1 - p];
    nodes[p] = 1 / b;
    weights[p] = (v * v) / (4 * b * b);
    curvature += weights[p] / (nodes[p] * nodes[p]);
  }
  return { nodes, weights, quadratic: 0.125 - curvature };
}

/**
 * Fewest Ozaki poles (doubling, then bisection) with verified derivative error ≤
 * tolerance on [0, R]; the smallest error reached if maxNodes poles are not enough.
 */
export function fitOzaki(bound: number, tolerance: number, maxNodes: number): ScaledFit | { bestError: number } {
  const attempt = (poles: number): ScaledFit => {
    const expansion = ozakiExpansion(poles);
    return { expansion, ...measureScaledErrors(expansion, bound) };
  };
  let lo = 0;
  let hi = Math.min(8, maxNodes);
  let fit = attempt(hi);
  while (fit.derivativeError > tolerance) {
    if (hi >= maxNodes) return { bestError: fit.derivativeError };
    lo = hi;
    hi = Math.min(2 * hi, maxNodes);
    fit = attempt(hi);
  }
  // Error decreases with the pole count: bisect on (lo, hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const trial = attempt(mid);
    if (trial.derivativeError <= tolerance) {
      hi = mid;
      fit = trial;
    } else lo = mid;
  }
  return fit;
}
