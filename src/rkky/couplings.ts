import { configIndex, DIRECTION_LABELS, minus, plus } from './configurations.js';

export type Vec3 = [number, number, number];
export type Mat3 = [Vec3, Vec3, Vec3];

/**
 * Couplings between two classical spins, projected exactly from the 36 free
 * energies F(s1, s2), s ∈ {±x, ±y, ±z} (DESIGN.md §1, the paper's definition):
 * F ≈ F0 + μ1·S1 + μ2·S2 + S1ᵀ η S2, with J_a = η_aa and D_i = (η_jk − η_kj)/2.
 */
export interface Couplings {
  /** F0: mean of the 36 free energies. */
  F0: number;
  /** μ_a = [F(+a, +a) − F(−a, −a)]/4 (the quantity the paper plots). */
  mu: Vec3;
  /** μ1_a = (1/12) Σ_{s2} [F(+a, s2) − F(−a, s2)]. */
  mu1: Vec3;
  /** μ2_b = (1/12) Σ_{s1} [F(s1, +b) − F(s1, −b)]. */
  mu2: Vec3;
  /** η_ab = [F(+a,+b) − F(+a,−b) − F(−a,+b) + F(−a,−b)]/4, row a = spin-1 axis. */
  eta: Mat3;
  /** J_a = η_aa (J > 0 favours antiparallel spins). */
  J: Vec3;
  /** D_i = (η_jk − η_kj)/2 for cyclic (i, j, k): the Dzyaloshinskii–Moriya vector, entering as D·(S1 × S2). */
  D: Vec3;
}

/** Extract the couplings from the 36 free energies (index 6·s1 + s2 in the order +x, +y, +z, −x, −y, −z). */
export function extractCouplings(F: ArrayLike<number>): Couplings {
  if (F.length !== 36) throw new Error(`expected 36 free energies, got ${F.length}`);
  const f = (s1: number, s2: number) => F[configIndex(s1, s2)]!;
  let F0 = 0;
  for (let k = 0; k < 36; k++) F0 += F[k]! / 36;
  const mu: Vec3 = [0, 0, 0], mu1: Vec3 = [0, 0, 0], mu2: Vec3 = [0, 0, 0];
  const eta: Mat3 = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let a = 0; a < 3; a++) {
    mu[a] = (f(plus(a), plus(a)) - f(minus(a), minus(a))) / 4;
    for (let s = 0; s < 6; s++) {
      mu1[a] += (f(plus(a), s) - f(minus(a), s)) / 12;
      mu2[a] += (f(s, plus(a)) - f(s, minus(a))) / 12;
    }
    for (let b = 0; b < 3; b++)
      eta[a][b] = (f(plus(a), plus(b)) - f(plus(a), minus(b)) - f(minus(a), plus(b)) + f(minus(a), minus(b))) / 4;
  }
  return { F0, mu, mu1, mu2, ...tensorParts(eta) };
}

/** J_a = η_aa and D_i = (η_jk − η_kj)/2 (cyclic) of an exchange tensor. */
export function tensorParts(eta: Mat3): { eta: Mat3; J: Vec3; D: Vec3 } {
  const J: Vec3 = [eta[0][0], eta[1][1], eta[2][2]];
  const D: Vec3 = [(eta[1][2] - eta[2][1]) / 2, (eta[2][0] - eta[0][2]) / 2, (eta[0][1] - eta[1][0]) / 2];
  return { eta, J, D };
}

/** The 36 free energies as a {"x+,y-": F} record, the references' layout. */
export function labelledEnergies(F: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let s1 = 0; s1 < 6; s1++)
    for (let s2 = 0; s2 < 6; s2++) out[`${DIRECTION_LABELS[s1]},${DIRECTION_LABELS[s2]}`] = F[configIndex(s1, s2)]!;
  return out;
}
