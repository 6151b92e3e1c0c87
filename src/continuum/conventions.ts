/**
 * Conventions of the continuum module (stated once, used everywhere).
 *
 * - Units m = ħ = k_B = 1 unless a function says otherwise, so ε_F = k_F²/2
 *   and v_F = k_F. Temperatures are energies k_B T.
 * - χ is the static susceptibility of ONE spin species (the Lindhard
 *   function per spin) with the sign that makes it positive at q = 0:
 *   χ_σ(q) = −(1/V) Σ_k [f(ε_k) − f(ε_{k+q})]/[ε_k − ε_{k+q}], χ_σ(0) = N_σ(ε_F),
 *   and χ_σ(R) = ∫ d^dq/(2π)^d e^{iq·R} χ_σ(q). A potential V_σ(r) on spin σ
 *   induces δn_σ = −χ_σ ∗ V_σ.
 * - RKKY: for H' = J_sd Σ_i S_i·σ(R_i) (σ the Pauli matrices of the
 *   conduction electron at R_i, J_sd a contact coupling, energy × volume),
 *   second order gives H_RKKY = J(R) S_1·S_2 with J(R) = −2 J_sd² χ_σ(R).
 *   J < 0 is ferromagnetic; at short range (χ_σ > 0) RKKY is ferromagnetic.
 *   This is the Ruderman–Kittel formula of the encyclopedia entry with
 *   |Δ|² = 4 J_sd² (their H = Δ I·s couples to s = σ/2).
 */
import { InputError } from '../errors.js';

export type Dimension = 1 | 2 | 3;

/** Check that `dim` is 1, 2 or 3; `field` names the option in the message. */
export function checkDimension(dim: number, field = 'dim'): Dimension {
  if (dim !== 1 && dim !== 2 && dim !== 3) throw new InputError(field, `expected 1, 2 or 3, got ${dim}`);
  return dim;
}

/** Check a strictly positive finite number. */
export function checkPositive(value: number, field: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new InputError(field, `expected a positive number, got ${value}`);
  return value;
}

/** Check a finite number ≥ 0. */
export function checkNonNegative(value: number, field: string): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new InputError(field, `expected a number >= 0, got ${value}`);
  return value;
}

/** Check ℓ > 0 (Infinity allowed: clean host). */
export function checkMeanFreePath(value: number, field = 'meanFreePath'): number {
  if (!(value > 0)) throw new InputError(field, `expected a positive length (or Infinity), got ${value}`);
  return value;
}

/** Check a finite number. */
export function checkFinite(value: number, field: string): number {
  if (!Number.isFinite(value)) throw new InputError(field, `expected a finite number, got ${value}`);
  return value;
}

/** Fermi energy ε_F = k_F²/2 (m = ħ = 1). */
export const fermiEnergy = (kF: number): number => (kF * kF) / 2;

/**
 * Density of states per spin and per volume at the Fermi level, N_σ(ε_F)
 * (= χ_σ(q → 0)): 1D 1/(π k_F), 2D 1/(2π), 3D k_F/(2π²) (m = ħ = 1).
 */
export function densityOfStatesPerSpin(dim: Dimension, kF: number): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  if (dim === 1) return 1 / (Math.PI * kF);
  if (dim === 2) return 1 / (2 * Math.PI);
  return kF / (2 * Math.PI * Math.PI);
}

/**
 * Fermi wavevector from the total carrier density n (both spins) of a
 * free-electron gas: 1D n = 2k_F/π, 2D n = k_F²/(2π), 3D n = k_F³/(3π²).
 */
export function fermiWavevectorFromDensity(dim: Dimension, density: number): number {
  checkDimension(dim);
  checkPositive(density, 'density');
  if (dim === 1) return (Math.PI * density) / 2;
  if (dim === 2) return Math.sqrt(2 * Math.PI * density);
  return Math.cbrt(3 * Math.PI * Math.PI * density);
}
