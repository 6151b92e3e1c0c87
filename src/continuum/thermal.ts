/**
 * Temperature in the real-space RKKY interaction (m = ħ = k_B = 1).
 *
 * Exact: at fixed chemical potential μ = k_F²/2 the finite-T susceptibility
 * of free electrons is the T = 0 one averaged over μ' with the Fermi
 * derivative (Maldague's identity, linear in the response so it holds in
 * real space too):
 *   χ_σ(R; T) = ∫_0^∞ dμ' χ_σ(R; 0, k_F' = √(2μ')) / (4T cosh²((μ − μ')/2T)).
 * Universal long-distance form: linearising k_F' ≈ k_F + (μ' − μ)/v_F in the
 * phase 2k_F'R, the kernel's Fourier transform gives
 *   J(R, T) ≈ J(R, 0) · x/sinh x,  x = 2π k_B T R/(ħ v_F),
 * exact to relative order k_B T/ε_F.
 */
import { checkDimension, checkNonNegative, checkPositive, type Dimension } from './conventions.js';
import { thermalAverage } from './lindhard.js';
import { susceptibilityZeroT } from './closedForms.js';

/** x/sinh x (→ 1 as x → 0, ≈ 2x e^{−x} for x ≫ 1). */
export function thermalFactor(x: number): number {
  const a = Math.abs(x);
  if (a < 1e-4) return 1 - (a * a) / 6;
  if (a > 700) return 2 * a * Math.exp(-a);
  return a / Math.sinh(a);
}

/** x = 2π k_B T R/(ħ v_F). */
export function thermalArgument(temperature: number, R: number, fermiVelocity: number): number {
  return (2 * Math.PI * temperature * R) / fermiVelocity;
}

/** Exact finite-temperature χ_σ(R; T) of the free electron gas (Maldague average of the T = 0 closed form). */
export function susceptibilityFiniteT(dim: Dimension, kF: number, R: number, temperature: number): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkPositive(R, 'R');
  const T = checkNonNegative(temperature, 'temperature');
  if (T === 0) return susceptibilityZeroT(dim, kF, R);
  const mu = (kF * kF) / 2;
  return thermalAverage((m) => (m > 0 ? susceptibilityZeroT(dim, Math.sqrt(2 * m), R) : 0), mu, T, [], 1e-11);
}

/** The universal approximation χ_σ(R; 0) · x/sinh x with x = 2πTR/v_F and v_F = k_F. */
export function susceptibilityThermalFactor(dim: Dimension, kF: number, R: number, temperature: number): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkPositive(R, 'R');
  const T = checkNonNegative(temperature, 'temperature');
  return susceptibilityZeroT(dim, kF, R) * thermalFactor(thermalArgument(T, R, kF));
}
