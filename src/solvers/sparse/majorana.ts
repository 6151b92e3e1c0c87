/**
 * Real (Majorana-basis) form of a BdG matrix on the imaginary axis.
 *
 * A BdG matrix in the site basis (c_1..c_n, c†_1..c†_n), b = 2n, obeys
 * particle–hole symmetry τ_x H* τ_x = −H, τ_x swapping orbital a and a + n.
 * With the Majorana operators c_a = (γ_a + iγ_{a+n})/√2 the basis change
 * Ω (Ω[a][a] = Ω[a+n][a] = 1/√2, Ω[a][a+n] = −Ω[a+n][a+n] = i/√2) satisfies
 * Ω* = τ_x Ω, so H_M = Ω†HΩ = iX with X real antisymmetric. At z = iw:
 *
 *   z − H_M = i(w·1 − X),   |det(z − H)| = |det(w·1 − X)|,
 *   G = Ω·(−i (w·1 − X)⁻¹)·Ω†  (Ω is block-diagonal per site, so this holds
 *   block by block on the kept sites).
 *
 * The real matrix w − X costs a quarter of the complex flops: this is how a
 * BdG matrix without orbital sectors (spin–orbit coupling, triplet pairing
 * with general d-vectors) is eliminated.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';

/** Whether τ_x H* τ_x = −H holds exactly (bitwise) on every stored block. */
export function isParticleHoleSymmetric(h: BlockSparse): boolean {
  const b = h.b;
  if (b % 2 !== 0) return false;
  const n = b / 2;
  const v = h.values;
  const nBlocks = h.colIdx.length;
  for (let k = 0; k < nBlocks; k++) {
    const base = 2 * k * b * b;
    for (let a = 0; a < b; a++) {
      const ta = (a + n) % b;
      for (let c = 0; c < b; c++) {
        const o = base + 2 * (a * b + c);
        const t = base + 2 * (ta * b + ((c + n) % b));
        // H[τa, τc] = −conj(H[a, c]): real part negated, imaginary part equal.
        if (v[t] !== -v[o] || v[t + 1] !== v[o + 1]) return false;
      }
    }
  }
  return true;
}

/** X = Im(Ω†HΩ) block by block (b×b real per stored block). */
export function majoranaValues(h: BlockSparse): Float64Array {
  const b = h.b;
  const n = b / 2;
  const s = Math.SQRT1_2;
  const v = h.values;
  const nBlocks = h.colIdx.length;
  const out = new Float64Array(nBlocks * b * b);
  const t = new Float64Array(2 * b * b); // T = H·Ω
  for (let k = 0; k < nBlocks; k++) {
    const base = 2 * k * b * b;
    for (let r = 0; r < b; r++) {
      for (let a = 0; a < n; a++) {
        const hr = v[base + 2 * (r * b + a)], hi = v[base + 2 * (r * b + a) + 1];
        const gr = v[base + 2 * (r * b + a + n)], gi = v[base + 2 * (r * b + a + n) + 1];
        // (HΩ)[r][a] = s(H[r][a] + H[r][a+n]);  (HΩ)[r][a+n] = i·s(H[r][a] − H[r][a+n])
        t[2 * (r * b + a)] = s * (hr + gr);
        t[2 * (r * b + a) + 1] = s * (hi + gi);
        t[2 * (r * b + a + n)] = -s * (hi - gi);
        t[2 * (r * b + a + n) + 1] = s * (hr - gr);
      }
    }
    const o = k * b * b;
    for (let a = 0; a < n; a++) {
      for (let c = 0; c < b; c++) {
        // (Ω†T)[a][c] = s(T[a][c] + T[a+n][c]);  (Ω†T)[a+n][c] = −i·s(T[a][c] − T[a+n][c])
        const ti = t[2 * (a * b + c) + 1], ui = t[2 * ((a + n) * b + c) + 1];
        const tr = t[2 * (a * b + c)], ur = t[2 * ((a + n) * b + c)];
        out[o + a * b + c] = s * (ti + ui);
        out[o + (a + n) * b + c] = -s * (tr - ur);
      }
    }
  }
  return out;
}

/**
 * G_KK from Y = (w·1 − X)⁻¹ restricted to the kept sites (real M×M, M = b·m):
 * G_kl = Ω·(−i Y_kl)·Ω† for every pair of kept sites; interleaved output.
 */
export function greensFromMajorana(y: Float64Array, m: number, b: number, out: Float64Array): void {
  const n = b / 2;
  const s = Math.SQRT1_2;
  const M = b * m;
  // Ω as interleaved b×b.
  const om = new Float64Array(2 * b * b);
  for (let a = 0; a < n; a++) {
    om[2 * (a * b + a)] = s;
    om[2 * ((a + n) * b + a)] = s;
    om[2 * (a * b + a + n) + 1] = s;
    om[2 * ((a + n) * b + a + n) + 1] = -s;
  }
  const t = new Float64Array(2 * b * b); // T = Ω·Y_kl
  for (let k = 0; k < m; k++) {
    for (let l = 0; l < m; l++) {
      for (let a = 0; a < b; a++) {
        for (let c = 0; c < b; c++) {
          let re = 0, im = 0;
          for (let r = 0; r < b; r++) {
            const yv = y[(k * b + r) * M + l * b + c];
            re += om[2 * (a * b + r)] * yv;
            im += om[2 * (a * b + r) + 1] * yv;
          }
          t[2 * (a * b + c)] = re;
          t[2 * (a * b + c) + 1] = im;
        }
      }
      for (let a = 0; a < b; a++) {
        for (let c = 0; c < b; c++) {
          // (T·Ω†)[a][c] = Σ_r T[a][r]·conj(Ω[c][r]), then × (−i).
          let re = 0, im = 0;
          for (let r = 0; r < b; r++) {
            const tr = t[2 * (a * b + r)], ti = t[2 * (a * b + r) + 1];
            const or = om[2 * (c * b + r)], oi = -om[2 * (c * b + r) + 1];
            re += tr * or - ti * oi;
            im += tr * oi + ti * or;
          }
          const dst = 2 * ((k * b + a) * M + l * b + c);
          out[dst] = im;
          out[dst + 1] = -re;
        }
      }
    }
  }
}
