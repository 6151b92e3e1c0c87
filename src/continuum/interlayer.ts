/**
 * Interlayer exchange coupling between two magnetic layers across a
 * free-electron (3D) metallic spacer of thickness L: summing the 3D RKKY
 * coupling over a plane of moments,
 *   χ_plane(L) = ∫ d²ρ χ_σ(√(ρ² + L²)) = (k_F²/2π²) ∫_X^∞ (sin x − x cos x)/x³ dx
 *              = (k_F²/2π²) [ (π/2 − Si X)/2 − cos X/(2X) + sin X/(2X²) ],  X = 2k_F L,
 * → sin(2k_F L)/(8π² L²): period π/k_F (the Fermi-surface spanning vector
 * 2k_F along the layer normal) and 1/L² decay. Energy per area:
 *   E/A = J_IEC(L) m̂1·m̂2 S², J_IEC = −2 J_sd² n_s² χ_plane(L)  (n_s moments per area).
 * For a real Fermi surface the period is 2π/q with q an extremal spanning
 * vector along the normal, aliased by the discrete spacer (Bruno–Chappert).
 */
import { sineIntegral } from '../math/special.js';
import { checkFinite, checkPositive } from './conventions.js';

/** Plane-summed susceptibility per spin χ_plane(L) of the 3D free electron gas (m = ħ = 1). */
export function interlayerSusceptibility(kF: number, L: number): number {
  checkPositive(kF, 'kF');
  checkPositive(L, 'L');
  const X = 2 * kF * L;
  let integral: number;
  if (X < 0.05) {
    // ∫_0^∞ = π/4 minus ∫_0^X (1/3 − x²/30 + …) dx
    integral = Math.PI / 4 - X / 3 + (X * X * X) / 90;
  } else {
    integral = (Math.PI / 2 - sineIntegral(X)) / 2 - Math.cos(X) / (2 * X) + Math.sin(X) / (2 * X * X);
  }
  return ((kF * kF) / (2 * Math.PI * Math.PI)) * integral;
}

export interface InterlayerOptions {
  /** Contact coupling J_sd of H' = J_sd S·σ. Default 1. */
  coupling?: number;
  /** Areal density n_s of moments in each layer. Default 1. */
  arealDensity?: number;
}

/** Interlayer coupling per area J_IEC(L) = −2 J_sd² n_s² χ_plane(L) (negative: ferromagnetic). */
export function interlayerCoupling(kF: number, L: number, options: InterlayerOptions = {}): number {
  const J = checkFinite(options.coupling ?? 1, 'coupling');
  const n = checkPositive(options.arealDensity ?? 1, 'arealDensity');
  return -2 * J * J * n * n * interlayerSusceptibility(kF, L);
}

/** Oscillation period 2π/q for a spanning vector q (free electrons: q = 2k_F, period π/k_F). */
export function interlayerPeriod(spanningVector: number): number {
  checkPositive(spanningVector, 'spanningVector');
  return (2 * Math.PI) / spanningVector;
}

/**
 * Period seen on a spacer made of discrete monolayers of spacing d: q is
 * folded into (−π/d, π/d] (aliasing), period 2π/|q − 2πn/d|.
 */
export function aliasedPeriod(spanningVector: number, layerSpacing: number): number {
  checkPositive(spanningVector, 'spanningVector');
  checkPositive(layerSpacing, 'layerSpacing');
  const g = (2 * Math.PI) / layerSpacing;
  const folded = spanningVector - g * Math.round(spanningVector / g);
  return folded === 0 ? Infinity : (2 * Math.PI) / Math.abs(folded);
}
