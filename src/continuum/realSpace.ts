/**
 * Real-space static susceptibility χ_σ(R) of a free-electron host with
 * temperature, disorder and dispersion options, and the RKKY exchange
 * J(R) = −2 J_sd² χ_σ(R) (conventions.ts; m = ħ = 1). The T = 0 closed forms
 * live in closedForms.ts.
 */
import { susceptibilityZeroT } from './closedForms.js';
import {
  checkDimension,
  checkFinite,
  checkMeanFreePath,
  checkNonNegative,
  checkPositive,
  type Dimension,
} from './conventions.js';
import { susceptibilityFiniteT } from './thermal.js';
import { susceptibilityPowerLaw } from './powerLaw.js';

export interface SusceptibilityOptions {
  /** k_B T (energy units, m = ħ = 1). Default 0. */
  temperature?: number;
  /** Elastic mean free path ℓ: multiplies by e^{−R/ℓ}. Default Infinity (clean). */
  meanFreePath?: number;
  /** Power z of the dispersion ε = ε_F (k/k_F)^z, 1 ≤ z ≤ 3. Default 2 (free electrons). */
  dispersionPower?: number;
}

/** Disorder damping e^{−R/ℓ} of the impurity-averaged RKKY coupling (de Gennes). */
export function disorderFactor(R: number, meanFreePath: number): number {
  return meanFreePath === Infinity ? 1 : Math.exp(-R / meanFreePath);
}

/**
 * Real-space static susceptibility per spin χ_σ(R) of a free-electron host
 * with Fermi wavevector k_F (m = ħ = 1), optionally at temperature T (exact,
 * Maldague), with disorder damping e^{−R/ℓ}, and for a power-law dispersion
 * ε ∝ k^z (Matsubara-axis transform, powerLaw.ts).
 */
export function susceptibility(dim: Dimension, kF: number, R: number, options: SusceptibilityOptions = {}): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkPositive(R, 'R');
  const T = checkNonNegative(options.temperature ?? 0, 'temperature');
  const ell = checkMeanFreePath(options.meanFreePath ?? Infinity);
  const z = options.dispersionPower ?? 2;
  let chi: number;
  if (z !== 2) chi = susceptibilityPowerLaw(dim, kF, z, R, { temperature: T });
  else if (T > 0) chi = susceptibilityFiniteT(dim, kF, R, T);
  else chi = susceptibilityZeroT(dim, kF, R);
  return chi * disorderFactor(R, ell);
}

/** RKKY exchange J(R) = −2 J_sd² χ_σ(R) of a free-electron host in d dimensions, units m = ħ = 1 (v_F = k_F). */
export function rkkyExchange(dim: 1 | 2 | 3, kF: number, R: number, coupling = 1): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkPositive(R, 'R');
  checkFinite(coupling, 'coupling');
  return -2 * coupling * coupling * susceptibilityZeroT(dim, kF, R);
}

export interface CouplingOptions extends SusceptibilityOptions {
  /** Contact s–d coupling J_sd of H' = J_sd S·σ (energy × volume). Default 1. */
  coupling?: number;
}

/** RKKY exchange J(R) = −2 J_sd² χ_σ(R) with temperature, disorder and dispersion options. */
export function rkkyCoupling(dim: Dimension, kF: number, R: number, options: CouplingOptions = {}): number {
  const J = options.coupling ?? 1;
  checkFinite(J, 'coupling');
  return -2 * J * J * susceptibility(dim, kF, R, options);
}
