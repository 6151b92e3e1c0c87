/**
 * The real Majorana form M = w·1 − X (majorana.ts, z = iw) made exactly
 * antisymmetric by a per-site time-reversal rotation, so that the selected
 * inversion can run its (anti)symmetric fronts (half the multiply-adds of
 * the general ones, see selectedInverse.ts).
 *
 * Time reversal Θ = iσ_y·K of a spin-½ BdG host (no magnetic field or
 * impurity spin along any axis) is, in the Majorana basis, a real orthogonal
 * per-site matrix S with S² = −1 and S·X·Sᵀ = −X. Then S·M·Sᵀ = Mᵀ and
 *   K = S·M = w·S − S·X,   Kᵀ = Mᵀ·Sᵀ = S·M·Sᵀ·Sᵀ = −K,
 *   M⁻¹ = K⁻¹·S,   |det M| = |det K|.
 * S is a signed permutation (γ↑ ↔ γ↓ of each Majorana pair), so every entry
 * of K is ± an entry of M and every entry of M⁻¹ ± one of K⁻¹: no rounding.
 * Whether the relation holds is checked exactly on every stored entry of K;
 * a host without it (a Zeeman field, b not a multiple of 4) gets null and
 * the general fronts.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import type { SymbolicFactor } from './symbolic.js';

/** Transpose structure of a sector matrix's fronts: +1 Aᵀ = A, −1 Aᵀ = −A, 0 neither. */
export type FrontSymmetry = 0 | 1 | -1;

/**
 * The per-site rotation S as a signed permutation: S[a][perm[a]] = sign[a].
 * Majoranas γ_a = (c_a + c†_a)/√2 and γ_{a+n} (majorana.ts), orbitals in spin
 * pairs (2j ↑, 2j+1 ↓): Θ maps c↑ → c↓, c↓ → −c↑ and conjugates, so
 * γ_{2j} → γ_{2j+1} → −γ_{2j} and, with the sign of the conjugation, the
 * opposite signs on γ_{a+n}.
 */
export interface SiteRotation {
  readonly perm: Int32Array;
  readonly sign: Float64Array;
}

export function timeReversalRotation(b: number): SiteRotation | null {
  const n = b / 2;
  if (b % 4 !== 0) return null;
  const perm = new Int32Array(b);
  const sign = new Float64Array(b);
  for (let a = 0; a < b; a++) {
    perm[a] = a ^ 1;
    sign[a] = (a < n ? 1 : -1) * (a % 2 === 0 ? 1 : -1);
  }
  return { perm, sign };
}

/**
 * Values V of K = S·(w·1 − X) in the sector-matrix convention (front = shift·1 − V, shift 0):
 * V = S·X − w·S on the diagonal blocks, S·X elsewhere; null unless K is exactly antisymmetric
 * (every site has its diagonal block stored, X's diagonal is zero, V_k[r][c] = −V_t(k)[c][r]).
 */
export function antisymmetricMajorana(sym: SymbolicFactor, h: BlockSparse, x: Float64Array, w: number, rot: SiteRotation): Float64Array | null {
  const b = h.b;
  const bb = b * b;
  const { perm, sign } = rot;
  const { rowPtr, colIdx } = h;
  const v = new Float64Array(x.length);
  let diagonals = 0;
  for (let r = 0; r < h.nSites; r++)
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
      const base = k * bb;
      const onSite = colIdx[k] === r;
      for (let a = 0; a < b; a++) {
        const pa = perm[a]!, sa = sign[a]!;
        const src = base + pa * b, dst = base + a * b;
        for (let c = 0; c < b; c++) v[dst + c] = sa * x[src + c]!;
        if (onSite) {
          if (x[src + pa] !== 0) return null;
          v[dst + pa] = -sa * w;
        }
      }
      if (onSite) diagonals++;
    }
  if (diagonals !== h.nSites) return null;
  // Each pair of transposed blocks once (k ≤ t(k); a diagonal block with itself).
  const t = sym.transposeBlock;
  for (let k = 0; k < t.length; k++) {
    const tk = t[k]!;
    const base = k * bb;
    if (tk < 0) {
      for (let i = 0; i < bb; i++) if (v[base + i] !== 0) return null;
      continue;
    }
    if (tk < k && t[tk] === k) continue;
    const tBase = tk * bb;
    for (let r = 0; r < b; r++)
      for (let c = 0; c < b; c++) if (v[base + r * b + c] !== -v[tBase + c * b + r]!) return null;
  }
  return v;
}

/**
 * M⁻¹ = K⁻¹·S as a column map of each b×b block: M⁻¹[a][c] = sign[c]·K⁻¹[a][column[c]]
 * (S[c'][c] ≠ 0 only for c' = perm[c], perm being an involution).
 */
export function rotatedColumns(rot: SiteRotation): { column: Int32Array; sign: Float64Array } {
  const b = rot.perm.length;
  const column = new Int32Array(b);
  const sign = new Float64Array(b);
  for (let c = 0; c < b; c++) {
    column[c] = rot.perm[c]!;
    sign[c] = rot.sign[rot.perm[c]!]!;
  }
  return { column, sign };
}
