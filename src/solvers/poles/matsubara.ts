/**
 * Truncated Matsubara sum (kind 'matsubara', the textbook reference).
 *
 * Scaled units: ½ tanh(s/2) = 2s Σ_{n≥0} 1/(s² + ω_n²), ω_n = (2n+1)π. Keep
 * n < N with weight 1 and move the tail into the quadratic term at s = 0:
 *   c̃ = Σ_{n≥N} 1/ω_n² = ψ′(N + ½)/(4π²)      (ψ′ the trigamma function).
 * The remaining error −2s³ Σ_{n≥N} 1/(ω_n²(s² + ω_n²)) has one sign and grows
 * with s, and so does its integral, the function error
 * −Σ_{n≥N} [s²/ω_n² − ln(1 + s²/ω_n²)]; both are therefore evaluated at s = R
 * only, which keeps N ~ 10⁶ affordable. Convergence is algebraic:
 * error ≈ R³/(3π (2πN)³)·π, so N ≈ R/(2π)·(3π·tol)^{−1/3}.
 */
import type { ScaledExpansion } from './scaled.js';
import type { ScaledFit } from './rational.js';

/** Trigamma ψ′(x) for x > 0: recurrence up to x ≥ 20, then the asymptotic series (next term < 1e-17). */
export function trigamma(x: number): number {
  let sum = 0;
  while (x < 20) {
    sum += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // ψ′(x) ~ 1/x + 1/(2x²) + Σ B_{2k}/x^{2k+1}
  const series = inv * (1 + inv * (0.5 + inv * (1 / 6 + inv2 * (-1 / 30 + inv2 * (1 / 42 + inv2 * (-1 / 30 + inv2 * (5 / 66)))))));
  return sum + series;
}

/**
 * Σ_{n≥N} term(ω_n) for a positive term decaying like ω^{-4}: the first
 * `exact` terms summed directly, the rest as the midpoint-rule integral
 * (1/2π)∫_{2π(N+exact)}^∞ term(ω) dω (spacing 2π, relative error ~ (2π/ω)²/24),
 * computed with ω = Ω/v and 64-point composite midpoint in v on (0, 1].
 */
function matsubaraTail(first: number, term: (omega: number) => number, exact = 200000): number {
  let sum = 0;
  for (let n = first + exact - 1; n >= first; n--) sum += term((2 * n + 1) * Math.PI);
  const omega0 = 2 * Math.PI * (first + exact);
  const panels = 4096;
  let integral = 0;
  for (let i = 0; i < panels; i++) {
    const v = (i + 0.5) / panels;
    integral += (term(omega0 / v) * omega0) / (v * v);
  }
  return sum + integral / panels / (2 * Math.PI);
}

/** The N-term truncation with the tail folded into c̃, and its exact errors on [0, R]. */
export function matsubaraFit(bound: number, terms: number): ScaledFit {
  const nodes = new Float64Array(terms);
  for (let n = 0; n < terms; n++) nodes[n] = (2 * n + 1) * Math.PI;
  const expansion: ScaledExpansion = {
    nodes,
    weights: new Float64Array(terms).fill(1),
    quadratic: trigamma(terms + 0.5) / (4 * Math.PI * Math.PI),
  };
  const r2 = bound * bound;
  const derivativeError = 2 * bound * r2 * matsubaraTail(terms, (w) => 1 / (w * w * (r2 + w * w)));
  const functionError = matsubaraTail(terms, (w) => {
    const q = r2 / (w * w);
    // q − ln(1+q), without cancellation for small q.
    return q < 1e-3 ? q * q * (0.5 - q * (1 / 3 - q * (0.25 - q / 5))) : q - Math.log1p(q);
  });
  return { expansion, derivativeError, functionError };
}

/** Smallest N (capped at maxNodes) whose error at s = R is ≤ tolerance; the capped fit otherwise. */
export function fitMatsubara(bound: number, tolerance: number, maxNodes: number): ScaledFit {
  const estimate = Math.ceil((bound / (2 * Math.PI)) * Math.pow(3 * Math.PI * tolerance, -1 / 3));
  let hi = Math.max(1, Math.min(maxNodes, estimate));
  while (hi < maxNodes && matsubaraFit(bound, hi).derivativeError > tolerance) hi = Math.min(maxNodes, 2 * hi);
  let lo = 0;
  if (matsubaraFit(bound, hi).derivativeError <= tolerance) {
    lo = Math.floor(hi / 2);
    while (lo > 0 && matsubaraFit(bound, lo).derivativeError <= tolerance) {
      hi = lo;
      lo = Math.floor(lo / 2);
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (matsubaraFit(bound, mid).derivativeError <= tolerance) hi = mid;
      else lo = mid;
    }
  }
  return matsubaraFit(bound, hi);
}
