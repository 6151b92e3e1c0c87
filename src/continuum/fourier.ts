/**
 * Numerical Fourier transform of an isotropic function of q in d dimensions,
 *   f(R) = ∫ d^dq/(2π)^d e^{iq·R} f(q):
 *   1D  (1/π) ∫_0^∞ cos(qR) f(q) dq
 *   2D  (1/2π) ∫_0^∞ q J0(qR) f(q) dq
 *   3D  (1/(2π² R)) ∫_0^∞ q sin(qR) f(q) dq
 * integrated between consecutive zeros of the oscillating factor and summed
 * with Wynn's ε acceleration (integrateOscillatory). Used to check the
 * closed forms of χ_σ(R) against the Lindhard function, and for any χ(q)
 * without a closed-form transform.
 */
import { besselJ0, besselJ0Zero } from '../math/special.js';
import { integrateOscillatory, type QuadratureResult } from '../math/quadrature.js';
import { checkDimension, checkPositive, type Dimension } from './conventions.js';

export interface FourierOptions {
  /** q values where f is singular or kinked (e.g. 2k_F). */
  breakpoints?: readonly number[];
  /** Tolerances for the oscillatory integral (defaults 1e-13 absolute, 1e-11 relative). */
  absTol?: number;
  relTol?: number;
}

/** ∫ d^dq/(2π)^d e^{iq·R} f(q) for isotropic f, R > 0, with an error estimate. */
export function radialFourierTransform(dim: Dimension, f: (q: number) => number, R: number, options: FourierOptions = {}): QuadratureResult {
  checkDimension(dim);
  checkPositive(R, 'R');
  const common = {
    breakpoints: options.breakpoints,
    absTol: options.absTol ?? 1e-13,
    relTol: options.relTol ?? 1e-11,
    maxEvaluations: 2e5,
    maxPieces: 2000,
  };
  if (dim === 1) {
    const r = integrateOscillatory((q) => Math.cos(q * R) * f(q), (k) => (k === 0 ? 0 : ((k - 0.5) * Math.PI) / R), common);
    return { ...r, value: r.value / Math.PI, error: r.error / Math.PI };
  }
  if (dim === 2) {
    const zeros: number[] = [0];
    const node = (k: number): number => {
      while (zeros.length <= k) zeros.push(besselJ0Zero(zeros.length) / R);
      return zeros[k]!;
    };
    const r = integrateOscillatory((q) => q * besselJ0(q * R) * f(q), node, common);
    return { ...r, value: r.value / (2 * Math.PI), error: r.error / (2 * Math.PI) };
  }
  const r = integrateOscillatory((q) => q * Math.sin(q * R) * f(q), (k) => (k * Math.PI) / R, common);
  const pre = 1 / (2 * Math.PI * Math.PI * R);
  return { ...r, value: r.value * pre, error: r.error * pre };
}
