/**
 * Curie and Curie–Weiss laws for the molar susceptibility of local moments:
 *   Curie:        χ(T) = C / T
 *   Curie–Weiss:  χ(T) = C / (T − θ) + χ0   (θ > 0: net ferromagnetic exchange; χ0 a
 *                 temperature-independent background: core diamagnetism, Pauli, Van Vleck)
 *   C = N_A μ0 μ_B² μ_eff² / (3 k_B)  (SI, m³ K mol⁻¹)   = N_A μ_B² μ_eff² / (3 k_B)  (cgs, emu K mol⁻¹)
 * so C_cgs ≈ 0.125049 μ_eff² and μ_eff = √(C / 0.125049) (μ_eff in μ_B, "μ_eff ≈ √(8C)").
 * Constants: CODATA 2018 (N_A, k_B, e exact; μ_B, μ0 measured).
 */
import { InputError } from '../errors.js';

export type SusceptibilityUnits = 'cgs' | 'si';

const N_A = 6.02214076e23;
const K_B = 1.380649e-23; // J/K
const MU_B = 9.2740100783e-24; // J/T
const MU_0 = 1.25663706212e-6; // N/A²

/** C per μ_eff² (μ_eff in μ_B) in the given units. */
export function curieConstantPerMuEff2(units: SusceptibilityUnits = 'cgs'): number {
  const si = (MU_0 * N_A * MU_B * MU_B) / (3 * K_B);
  if (units === 'si') return si;
  if (units === 'cgs') return si / (4 * Math.PI * 1e-6 * (MU_0 / (4 * Math.PI * 1e-7)));
  throw new InputError('units', `expected 'cgs' or 'si', got '${units}'`);
}

/** Molar Curie constant C for moments μ_eff (in μ_B), `ions` magnetic ions per formula unit. */
export function curieConstant(muEff: number, units: SusceptibilityUnits = 'cgs', ions = 1): number {
  if (!(muEff >= 0)) throw new InputError('muEff', `expected a non-negative moment, got ${muEff}`);
  return ions * muEff * muEff * curieConstantPerMuEff2(units);
}

/** μ_eff (μ_B) from a molar Curie constant. */
export function muEffFromCurieConstant(C: number, units: SusceptibilityUnits = 'cgs', ions = 1): number {
  if (!(C >= 0)) throw new InputError('C', `expected a non-negative Curie constant, got ${C}`);
  return Math.sqrt(C / (ions * curieConstantPerMuEff2(units)));
}

/** χ = C/(T − θ) + χ0; θ = 0, χ0 = 0 is Curie's law. Defined for T > θ. */
export function curieWeiss(T: number, C: number, theta = 0, chi0 = 0): number {
  if (!(T > theta)) throw new InputError('T', `the Curie–Weiss law holds for T > θ = ${theta}, got T = ${T}`);
  return C / (T - theta) + chi0;
}
