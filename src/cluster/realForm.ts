/**
 * The cluster determinants in real arithmetic (Majorana basis).
 *
 * A particle–hole symmetric BdG H0 (τ_x H0* τ_x = −H0, exactly) is iX with X
 * real antisymmetric in the Majorana basis Ω (per node Ω[a][a] = Ω[a+2][a] =
 * 1/√2, Ω[a][a+2] = −Ω[a+2][a+2] = i/√2; src/solvers/sparse/majorana.ts). On
 * the kept nodes G0(iw) = Ω(−iY)Ω† with Y = (w − X)⁻¹|_KK real, and every
 * exchange block V = Ω(iA)Ω† with A real antisymmetric, so
 *   1 − G0V = Ω(1 − YA)Ω†,   det(1 − G0V) = det(1 − YA) = det Y · det(Y⁻¹ − A).
 * With Y⁻¹ and ln|det Y| stored per pole, a configuration's matrix is Y⁻¹ with
 * the 4×4 diagonal blocks A_i subtracted (no products to form), its
 * determinant a real LU (a quarter of the complex flops), and
 *   ∂ ln|det(1 − G0V)|/∂S_ia = −Tr[(Y⁻¹ − A)⁻¹ ∂A/∂S_ia]
 * needs only the diagonal 4×4 blocks of (Y⁻¹ − A)⁻¹ (= the dressed Green's
 * function (1 − YA)⁻¹Y in the Majorana basis).
 */
import { isParticleHoleSymmetric } from '../solvers/sparse/majorana.js';
import { inverseFromLU, luFactor } from '../math/denseReal.js';

const S = Math.SQRT1_2;

/** T = Ω† M Ω for one 4×4 complex block M (interleaved, 32 numbers); out interleaved. */
function omegaSandwich(m: Float64Array, mOffset: number, mStride: number, out: Float64Array): void {
  // Ω columns: col a (a < 2) = s(e_a + e_{a+2}); col a+2 = i s(e_a − e_{a+2}).
  // MΩ: (MΩ)[r][a] = s(M[r][a] + M[r][a+2]); (MΩ)[r][a+2] = i s(M[r][a] − M[r][a+2]).
  const t = SCRATCH;
  for (let r = 0; r < 4; r++) {
    const o = mOffset + r * mStride;
    for (let a = 0; a < 2; a++) {
      const pr = m[o + 2 * a]!, pi = m[o + 2 * a + 1]!;
      const qr = m[o + 2 * (a + 2)]!, qi = m[o + 2 * (a + 2) + 1]!;
      t[2 * (4 * r + a)] = S * (pr + qr);
      t[2 * (4 * r + a) + 1] = S * (pi + qi);
      t[2 * (4 * r + a + 2)] = -S * (pi - qi);
      t[2 * (4 * r + a + 2) + 1] = S * (pr - qr);
    }
  }
  // Ω†T: (Ω†T)[a][c] = s(T[a][c] + T[a+2][c]); (Ω†T)[a+2][c] = −i s(T[a][c] − T[a+2][c]).
  for (let a = 0; a < 2; a++)
    for (let c = 0; c < 4; c++) {
      const pr = t[2 * (4 * a + c)]!, pi = t[2 * (4 * a + c) + 1]!;
      const qr = t[2 * (4 * (a + 2) + c)]!, qi = t[2 * (4 * (a + 2) + c) + 1]!;
      out[2 * (4 * a + c)] = S * (pr + qr);
      out[2 * (4 * a + c) + 1] = S * (pi + qi);
      out[2 * (4 * (a + 2) + c)] = S * (pi - qi);
      out[2 * (4 * (a + 2) + c) + 1] = -S * (pr - qr);
    }
}
const SCRATCH = new Float64Array(32);

/**
 * A = −iΩ†VΩ of one 4×4 BdG block V (interleaved) as 16 real numbers, or null
 * when V is not particle–hole symmetric to round-off (Re Ω†VΩ ≠ 0).
 */
export function majoranaBlock(v: Float64Array): Float64Array | null {
  const t = new Float64Array(32);
  omegaSandwich(v, 0, 8, t);
  const a = new Float64Array(16);
  let scale = 0, residual = 0;
  for (let k = 0; k < 16; k++) {
    a[k] = t[2 * k + 1]!;
    scale = Math.max(scale, Math.abs(t[2 * k + 1]!));
    residual = Math.max(residual, Math.abs(t[2 * k]!));
  }
  return residual <= 1e-13 * scale ? a : null;
}

/** Per pole, Y = iΩ†G0Ω on the kept nodes (real), its inverse and ln|det Y|. */
export interface MajoranaGreens {
  y: Float64Array[];
  yInverse: Float64Array[];
  logAbsDetY: number[];
}

/**
 * The Majorana form of the kept-node Green's functions (K4 = 4K rows,
 * interleaved complex row-major), or null when the host is not exactly
 * particle–hole symmetric or a G0 is not real in that basis to 1e-10 of its
 * largest entry (then the cluster stays on the complex path).
 */
export function majoranaGreens(matrix: Parameters<typeof isParticleHoleSymmetric>[0], greens: readonly Float64Array[], K4: number): MajoranaGreens | null {
  if (!isParticleHoleSymmetric(matrix)) return null;
  const t = new Float64Array(32);
  const perm = new Int32Array(K4);
  const out: MajoranaGreens = { y: [], yInverse: [], logAbsDetY: [] };
  for (const G of greens) {
    const y = new Float64Array(K4 * K4);
    let scale = 0, residual = 0;
    for (let k = 0; k < K4 / 4; k++)
      for (let l = 0; l < K4 / 4; l++) {
        omegaSandwich(G, 2 * (4 * k * K4 + 4 * l), 2 * K4, t);
        // Y = i T: Re Y = −Im T; Re T must vanish.
        for (let a = 0; a < 4; a++)
          for (let c = 0; c < 4; c++) {
            const v = -t[2 * (4 * a + c) + 1]!;
            y[(4 * k + a) * K4 + 4 * l + c] = v;
            scale = Math.max(scale, Math.abs(v));
            residual = Math.max(residual, Math.abs(t[2 * (4 * a + c)]!));
          }
      }
    if (!(residual <= 1e-10 * scale)) return null;
    const lu = y.slice();
    const logAbsDet = luFactor(lu, K4, perm);
    if (!Number.isFinite(logAbsDet)) return null;
    const inv = new Float64Array(K4 * K4);
    inverseFromLU(lu, K4, perm, inv);
    out.y.push(y);
    out.yInverse.push(inv);
    out.logAbsDetY.push(logAbsDet);
  }
  return out;
}
