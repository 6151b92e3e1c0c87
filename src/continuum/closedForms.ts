/**
 * T = 0 closed forms of the real-space susceptibility per spin χ_σ(R) of the
 * free electron gas (m = ħ = 1; conventions.ts), Fourier transforms of the
 * Lindhard function (checked numerically in test/continuum/fourier.test.ts):
 *   1D  χ_σ(R) = (1/π)[π/2 − Si(2k_F R)]
 *   2D  χ_σ(R) = −(k_F²/4π)[J0(k_F R) Y0(k_F R) + J1(k_F R) Y1(k_F R)]
 *   3D  χ_σ(R) = (k_F⁴/π³) F(2k_F R),  F(x) = (sin x − x cos x)/x⁴
 * Long-distance forms (cos(2k_F R)/R^d up to a phase):
 *   1D  cos(2k_F R)/(2π k_F R)
 *   2D  sin(2k_F R)/(4π² R²)
 *   3D  −k_F cos(2k_F R)/(8π³ R³)
 */
import { besselAll, sineIntegral } from '../math/special.js';
import { checkDimension, checkPositive, type Dimension } from './conventions.js';

/** F(x) = (sin x − x cos x)/x⁴, the 3D range function (zeros at tan x = x). Series below x = 0.02 avoids cancellation. */
export function rangeFunction3d(x: number): number {
  if (Math.abs(x) < 0.02) {
    const x2 = x * x;
    // (sin x − x cos x) = x³/3 − x⁵/30 + x⁷/840 − x⁹/45360
    return (1 / 3 - x2 / 30 + (x2 * x2) / 840 - (x2 * x2 * x2) / 45360) / x;
  }
  return (Math.sin(x) - x * Math.cos(x)) / (x * x * x * x);
}

/** T = 0 real-space susceptibility per spin χ_σ(R) of the free electron gas, R > 0. */
export function susceptibilityZeroT(dim: Dimension, kF: number, R: number): number {
  if (dim === 1) return (Math.PI / 2 - sineIntegral(2 * kF * R)) / Math.PI;
  if (dim === 2) {
    const b = besselAll(kF * R);
    return (-(kF * kF) / (4 * Math.PI)) * (b.j0 * b.y0 + b.j1 * b.y1);
  }
  return ((kF * kF * kF * kF) / (Math.PI * Math.PI * Math.PI)) * rangeFunction3d(2 * kF * R);
}

/** Leading long-distance form of χ_σ(R) at T = 0 (see the module comment). */
export function susceptibilityAsymptotic(dim: Dimension, kF: number, R: number): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkPositive(R, 'R');
  const x = 2 * kF * R;
  if (dim === 1) return Math.cos(x) / (2 * Math.PI * kF * R);
  if (dim === 2) return Math.sin(x) / (4 * Math.PI * Math.PI * R * R);
  return (-kF * Math.cos(x)) / (8 * Math.PI * Math.PI * Math.PI * R * R * R);
}

/**
 * Amplitude of the leading oscillation, |χ_σ| envelope ∝ 1/R^d:
 * 1D 1/(2π k_F R), 2D 1/(4π² R²), 3D k_F/(8π³ R³).
 */
export function susceptibilityEnvelope(dim: Dimension, kF: number, R: number): number {
  if (dim === 1) return 1 / (2 * Math.PI * kF * R);
  if (dim === 2) return 1 / (4 * Math.PI * Math.PI * R * R);
  return kF / (8 * Math.PI * Math.PI * Math.PI * R * R * R);
}
