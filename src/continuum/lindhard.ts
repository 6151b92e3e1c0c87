/**
 * Static Lindhard susceptibility χ_σ(q) of the free electron gas (one spin
 * species, positive convention, m = ħ = 1; see conventions.ts).
 *
 * T = 0 closed forms with y = q/(2k_F):
 *   1D  χ_σ = (1/(π q)) ln|(1 + y)/(1 − y)|            (log divergence at q = 2k_F)
 *   2D  χ_σ = (1/2π)[1 − Θ(y − 1) √(1 − 1/y²)]          (square-root kink at 2k_F)
 *   3D  χ_σ = (k_F/2π²)[1/2 + (1 − y²)/(4y) ln|(1 + y)/(1 − y)|]  (dχ/dq diverges: Kohn anomaly)
 * Finite T at fixed chemical potential μ = k_F²/2 (Maldague's identity, exact
 * for non-interacting electrons):
 *   χ_σ(q; T, μ) = ∫_0^∞ dμ' χ_σ(q; 0, μ') / (4T cosh²((μ − μ')/2T)).
 */
import { integrate } from '../math/quadrature.js';
import { checkDimension, checkNonNegative, checkPositive, type Dimension } from './conventions.js';

/** ln|(1 + y)/(1 − y)| / 2 = atanh of min(y, 1/y), for y ≥ 0 (∞ at y = 1). */
function halfLogRatio(y: number): number {
  if (y === 1) return Infinity;
  return Math.atanh(y < 1 ? y : 1 / y);
}

/** T = 0 Lindhard function per spin at wavevector q ≥ 0 (Infinity at q = 2k_F in 1D). */
export function lindhardZeroT(dim: Dimension, kF: number, q: number): number {
  const y = Math.abs(q) / (2 * kF);
  if (dim === 1) {
    if (y === 0) return 1 / (Math.PI * kF);
    if (y < 1e-4) return (1 / (Math.PI * kF)) * (1 + (y * y) / 3);
    return (2 * halfLogRatio(y)) / (Math.PI * Math.abs(q));
  }
  if (dim === 2) return y <= 1 ? 1 / (2 * Math.PI) : (1 - Math.sqrt(1 - 1 / (y * y))) / (2 * Math.PI);
  const n = kF / (2 * Math.PI * Math.PI);
  if (y === 0) return n;
  if (y === 1) return n / 2;
  if (y < 1e-4) return n * (1 - (y * y) / 3);
  return n * (0.5 + ((1 - y * y) / (2 * y)) * halfLogRatio(y));
}

/** Window of the Maldague kernel 1/(4T cosh²(x/2T)): beyond ±40T it is below 1e-17 of its peak. */
const KERNEL_WIDTH = 40;

/** The Fermi-derivative kernel −∂f/∂μ' = 1/(4T cosh²((μ − μ')/2T)). */
export function fermiDerivativeKernel(mu: number, muPrime: number, T: number): number {
  const c = Math.cosh((mu - muPrime) / (2 * T));
  return 1 / (4 * T * c * c);
}

/**
 * Average of g(μ') over the Maldague kernel at temperature T around μ,
 * ∫_0^∞ dμ' g(μ') / (4T cosh²((μ − μ')/2T)). `kinks` are μ' values where g
 * is singular or not smooth.
 */
export function thermalAverage(g: (muPrime: number) => number, mu: number, T: number, kinks: number[] = [], relTol = 1e-10): number {
  const lo = Math.max(0, mu - KERNEL_WIDTH * T);
  const hi = mu + KERNEL_WIDTH * T;
  const r = integrate((m) => g(m) * fermiDerivativeKernel(mu, m, T), lo, hi, {
    breakpoints: [mu, ...kinks],
    relTol,
    absTol: 1e-300,
    maxEvaluations: 4e5,
  });
  return r.value;
}

export interface LindhardOptions {
  /** k_B T in units of the energy (m = ħ = 1); 0 (default) uses the closed forms. */
  temperature?: number;
}

/**
 * Static Lindhard susceptibility χ_σ(q) per spin of the d-dimensional free
 * electron gas with chemical potential μ = k_F²/2 (m = ħ = 1).
 */
export function lindhard(dim: Dimension, kF: number, q: number, options: LindhardOptions = {}): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkNonNegative(q, 'q');
  const T = checkNonNegative(options.temperature ?? 0, 'temperature');
  if (T === 0) return lindhardZeroT(dim, kF, q);
  const mu = (kF * kF) / 2;
  // χ(q; 0, μ') is singular where 2k_F(μ') = q, i.e. μ' = q²/8; χ = 0 below the band bottom.
  return thermalAverage((m) => (m > 0 ? lindhardZeroT(dim, Math.sqrt(2 * m), q) : 0), mu, T, [(q * q) / 8]);
}
