/**
 * RKKY in graphene from the Dirac (continuum) theory, for undoped and doped
 * graphene, in lattice units: carbon–carbon distance a = 1, hopping t, Fermi
 * velocity v = 3ta/2 (ħ = 1), cell area A_c = 3√3 a²/2 (geometry in
 * tightBinding.ts: δ1 = (1, 0), K − K' = (0, 4π/(3√3))).
 *
 * Sublattice Green's functions near the two valleys (k = z/v, z = μ + iω):
 *   G_AA(R, z) = −i A_c (z/4v²) H0⁽¹⁾(kR) Φ_AA,   Φ_AA = e^{iK·R} + e^{iK'·R}
 *   G_AB(R, z) = A_c e^{iπ/6} (z/4v²) H1⁽¹⁾(kR) Φ_AB,  Φ_AB = e^{i(K·R − θ_R)} + e^{i(K'·R + θ_R)}
 * (θ_R the angle of R, from the A site to the B site). On the Matsubara axis
 * (∫_0^∞ t²K0² = π²/32, ∫_0^∞ t²K1² = 3π²/32) and along the real axis from 0
 * to μ (where Im H_ν² = 2 J_ν Y_ν) this gives, per spin and per site pair,
 *   χ_AA(R) =  (A_c² |Φ_AA|²/(8π v R³)) [1/16 − ∫_0^{k_F R} x² J0(x) Y0(x) dx]
 *   χ_AB(R) = −(A_c² |Φ_AB|²/(8π v R³)) [3/16 + ∫_0^{k_F R} x² J1(x) Y1(x) dx]
 * with k_F = |μ|/v, |Φ_AA|² = 2[1 + cos((K − K')·R)], |Φ_AB|² = 2[1 + cos((K − K')·R − 2θ_R)].
 * Undoped: χ_AA = A_c²(1 + cos ΔK·R)/(64π v R³) (ferromagnetic J_AA), χ_AB = −3 χ_AA-type
 * (antiferromagnetic), both 1/R³; doped: ∝ sin(2k_F R)/R² at k_F R ≫ 1.
 * J = −2 J² χ for an on-site coupling J S·σ.
 */
import { besselAll } from '../math/special.js';
import { integrate } from '../math/quadrature.js';
import { checkFinite, checkPositive } from './conventions.js';
import { HONEYCOMB, type SublatticePair } from './tightBinding.js';
import { InputError } from '../errors.js';

export interface GrapheneOptions {
  /** Hopping t (energy unit). Default 1. */
  hopping?: number;
  /** Chemical potential μ measured from the Dirac point. Default 0 (undoped). */
  chemicalPotential?: number;
}

/** ∫_0^X x² J_ν(x) Y_ν(x) dx (ν = 0, 1), by adaptive quadrature split at the half periods. */
export function besselProductIntegral(nu: 0 | 1, X: number): number {
  if (X <= 0) return 0;
  const f = (x: number): number => {
    if (x === 0) return 0;
    const b = besselAll(x);
    return nu === 0 ? x * x * b.j0 * b.y0 : x * x * b.j1 * b.y1;
  };
  const breaks: number[] = [];
  for (let k = 1; (k * Math.PI) / 2 < X; k++) breaks.push((k * Math.PI) / 2);
  return integrate(f, 0, X, { breakpoints: breaks, relTol: 1e-12, absTol: 1e-13, maxEvaluations: 1e6 }).value;
}

/** |Φ|² interference factor of the two valleys for displacement R = (x, y). */
export function valleyFactor(R: readonly [number, number], pair: SublatticePair): number {
  const dK = HONEYCOMB.K[1] - HONEYCOMB.Kprime[1]; // K − K' = (0, dK)
  const phase = dK * R[1] - (pair === 'opposite' ? 2 * Math.atan2(R[1], R[0]) : 0);
  return 2 * (1 + Math.cos(phase));
}

/**
 * Dirac-theory static susceptibility per spin between two carbon sites of
 * graphene separated by R = (x, y) (a = 1; for 'opposite', R points from the
 * A site to the B site).
 */
export function grapheneSusceptibility(R: readonly [number, number], pair: SublatticePair, options: GrapheneOptions = {}): number {
  const t = checkPositive(options.hopping ?? 1, 'hopping');
  const mu = checkFinite(options.chemicalPotential ?? 0, 'chemicalPotential');
  if (pair !== 'same' && pair !== 'opposite') throw new InputError('pair', `expected 'same' or 'opposite', got '${pair}'`);
  const dist = Math.hypot(R[0], R[1]);
  checkPositive(dist, 'R');
  const v = 1.5 * t;
  const Ac = HONEYCOMB.cellArea;
  const kFR = (Math.abs(mu) / v) * dist;
  const pre = (Ac * Ac * valleyFactor(R, pair)) / (8 * Math.PI * v * dist ** 3);
  if (pair === 'same') return pre * (1 / 16 - besselProductIntegral(0, kFR));
  return -pre * (3 / 16 + besselProductIntegral(1, kFR));
}

/** RKKY exchange J(R) = −2 J² χ(R) in graphene (on-site coupling J S·σ, energies in units of t). */
export function grapheneExchange(R: readonly [number, number], pair: SublatticePair, coupling: number, options: GrapheneOptions = {}): number {
  checkFinite(coupling, 'coupling');
  return -2 * coupling * coupling * grapheneSusceptibility(R, pair, options);
}
