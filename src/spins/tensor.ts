/**
 * 3×3 exchange tensors η of the pair energy S_iᵀ η S_j and their parts (DESIGN.md §1):
 *   η = J_iso·1 + (symmetric traceless part Γ) + (antisymmetric part A),
 *   J_iso = tr η / 3,   Γ = (η + ηᵀ)/2 − J_iso·1,   A = (η − ηᵀ)/2,
 * with S_iᵀ A S_j = D·(S_i × S_j) for D_x = A_yz, D_y = A_zx, D_z = A_xy, i.e.
 * D_i = (η_jk − η_kj)/2 for cyclic (i, j, k). J > 0 favours antiparallel spins.
 */
export type Vec3 = [number, number, number];
/** Row-major 3×3; row = axis of the first spin, column = axis of the second. */
export type Mat3 = [Vec3, Vec3, Vec3];

export const AXES = ['x', 'y', 'z'] as const;

/** η for isotropic (Heisenberg) exchange J, a diagonal J = (Jx, Jy, Jz) and a DMI vector D. */
export function exchangeTensor(J: number | Vec3 = 0, D: Vec3 = [0, 0, 0]): Mat3 {
  const j: Vec3 = typeof J === 'number' ? [J, J, J] : J;
  return [
    [j[0], D[2], -D[1]],
    [-D[2], j[1], D[0]],
    [D[1], -D[0], j[2]],
  ];
}

export function transpose(m: Mat3): Mat3 {
  return [
    [m[0][0], m[1][0], m[2][0]],
    [m[0][1], m[1][1], m[2][1]],
    [m[0][2], m[1][2], m[2][2]],
  ];
}

export interface TensorParts {
  /** J_iso = tr η / 3. */
  isotropic: number;
  /** Diagonal (J_x, J_y, J_z) = (η_xx, η_yy, η_zz). */
  diagonal: Vec3;
  /** D with the antisymmetric part equal to D·(S_i × S_j). */
  dmi: Vec3;
  /** Γ = (η + ηᵀ)/2 − J_iso·1 (symmetric anisotropic exchange, traceless). */
  anisotropic: Mat3;
}

export function tensorParts(m: Mat3): TensorParts {
  const iso = (m[0][0] + m[1][1] + m[2][2]) / 3;
  const g: Mat3 = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) g[a][b] = (m[a][b] + m[b][a]) / 2 - (a === b ? iso : 0);
  return {
    isotropic: iso,
    diagonal: [m[0][0], m[1][1], m[2][2]],
    dmi: [(m[1][2] - m[2][1]) / 2, (m[2][0] - m[0][2]) / 2, (m[0][1] - m[1][0]) / 2],
    anisotropic: g,
  };
}

/** Largest |entry| of a tensor. */
export function maxAbs(m: Mat3): number {
  let x = 0;
  for (const row of m) for (const v of row) x = Math.max(x, Math.abs(v));
  return x;
}

export function norm(v: readonly number[]): number {
  return Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0);
}
