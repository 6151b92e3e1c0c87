/**
 * Kondo scale and the Doniach comparison with RKKY (m = ħ = k_B = 1 unless
 * the caller uses its own consistent units).
 *
 * For H' = J_sd S·σ (σ the Pauli matrices, so J_sd S·σ = 2J_sd S·s) and a
 * flat band of half-width D with density of states ρ_σ per spin, one-loop
 * poor man's scaling gives
 *   T_K ≈ D exp(−1/(2 J_sd ρ_σ))  (= D exp(−1/(J ρ_σ)) for H' = J S·s),
 * for antiferromagnetic J_sd > 0; a ferromagnetic coupling scales to zero
 * (no Kondo screening), returned as T_K = 0.
 * Doniach: the moments order (RKKY) where |J_RKKY(R)| > k_B T_K, are screened
 * (Kondo) where it is smaller. With the envelope |J| ≈ 2 J_sd² A_d/R^d the
 * crossover distance is R* = (2 J_sd² A_d / T_K)^{1/d}.
 */
import { InputError } from '../errors.js';
import { checkDimension, checkFinite, checkPositive, densityOfStatesPerSpin, type Dimension } from './conventions.js';
import { susceptibilityEnvelope, susceptibilityZeroT } from './closedForms.js';

/** T_K = D exp(−1/(2 J_sd ρ_σ)) for J_sd > 0, 0 for J_sd ≤ 0. */
export function kondoTemperature(bandwidth: number, coupling: number, dosPerSpin: number): number {
  checkPositive(bandwidth, 'bandwidth');
  checkFinite(coupling, 'coupling');
  checkPositive(dosPerSpin, 'dosPerSpin');
  if (coupling <= 0) return 0;
  return bandwidth * Math.exp(-1 / (2 * coupling * dosPerSpin));
}

export interface DoniachRow {
  R: number;
  /** J_RKKY(R) = −2 J_sd² χ_σ(R). */
  J: number;
  /** k_B T_K of a single impurity. */
  kondoTemperature: number;
  /** Which scale wins at this R: 'rkky' if |J| > T_K. */
  winner: 'rkky' | 'kondo';
}

export interface DoniachResult {
  kondoTemperature: number;
  /** R* where the RKKY envelope equals T_K (Infinity if T_K = 0). */
  crossoverDistance: number;
  rows: DoniachRow[];
}

/**
 * Doniach comparison for a free-electron host (m = ħ = 1): T_K with ρ_σ =
 * N_σ(ε_F) and bandwidth D (default ε_F), |J_RKKY(R)| vs T_K at each R.
 */
export function doniachComparison(dim: Dimension, kF: number, coupling: number, distances: readonly number[], bandwidth?: number): DoniachResult {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkFinite(coupling, 'coupling');
  const D = bandwidth ?? (kF * kF) / 2;
  checkPositive(D, 'bandwidth');
  const TK = kondoTemperature(D, coupling, densityOfStatesPerSpin(dim, kF));
  const amplitude = 2 * coupling * coupling * susceptibilityEnvelope(dim, kF, 1); // |J| envelope at R = 1
  const crossoverDistance = TK > 0 ? Math.pow(amplitude / TK, 1 / dim) : Infinity;
  const rows = distances.map((R) => {
    if (!(R > 0)) throw new InputError('R', `expected positive distances, got ${R}`);
    const J = -2 * coupling * coupling * susceptibilityZeroT(dim, kF, R);
    return { R, J, kondoTemperature: TK, winner: Math.abs(J) > TK ? ('rkky' as const) : ('kondo' as const) };
  });
  return { kondoTemperature: TK, crossoverDistance, rows };
}
