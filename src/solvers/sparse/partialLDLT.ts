/**
 * Partial LDLᵀ factorization of one dense complex-symmetric front (Fᵀ = F,
 * no conjugation): the multifrontal step of partialLU.ts at half the flops.
 *
 * A sector matrix A = z·1 − H_s is complex symmetric whenever H_s is real
 * symmetric (real hoppings and real singlet pairing without spin–orbit
 * coupling, e.g. an s-wave host), and every front and every Schur complement
 * of a symmetric matrix is symmetric. With F = [F11 F12; F21 F22] ordered
 * [p fully summed | q boundary] variables and F11 = P L D Lᵀ Pᵀ,
 *   F22 ← F22 − F21 F11⁻¹ F12 = F22 − L21 D L21ᵀ,
 * and only the lower triangle of F is read or written. ln|det F11| = Σ ln|d_k|.
 *
 * Pivots are 1×1 and symmetric (row and column swapped together): the fully
 * summed diagonal entry of largest modulus. For z = iw, Im(z − H_s) = w·1 is
 * positive definite, which every principal submatrix and Schur complement
 * inherits, so no pivot is ever zero (|d_k| ≥ w); what 1×1 pivots cannot
 * bound is growth. A pivot is therefore accepted only when it is at least
 * THRESHOLD = 0.01 times the largest fully summed entry of its column (the test of
 * threshold partial pivoting); otherwise the factorization stops and returns
 * NaN, and the caller redoes the front with the unsymmetric partialLU.
 *
 * Blocking: panels of NB columns are factored left-looking (each column is
 * brought up to date by a matrix–vector product with the panel's finished
 * columns, which are contiguous in row-major storage), then the trailing
 * lower triangle gets the rank-NB update F[k1:, k1:] −= L·(D Lᵀ) as column
 * tiles of width TB, each one gemmSub call (gemm.ts), so that ≈ half of the
 * LU's multiply-adds run in the same kernel.
 */

import { gemmSub } from './gemm.js';

const NB = 48;
const TB = 96;
/** Smallest accepted |d_k| / max_i |F_ik| over the fully summed rows i > k. */
const THRESHOLD = 0.01;

/** D·Lᵀ of the current panel (NB × columns), grown on demand. */
let panelT = new Float64Array(0);
/** d_j·L_kj of the finished panel columns for the column being factored. */
const scaledRow = new Float64Array(2 * NB);
/** Running diagonal of the fully summed variables (see partialLDLT), grown on demand. */
let diag = new Float64Array(0);

/**
 * Partial LDLᵀ of the front f (nf×nf, interleaved complex, row-major, lower
 * triangle significant) over its first p variables. On success returns
 * ln|det F11| and the lower triangle of F22 holds the Schur complement; on a
 * rejected pivot returns NaN with f in an unspecified state.
 */
export function partialLDLT(f: Float64Array, nf: number, p: number): number {
  let logAbsDet = 0;
  const rowStride = 2 * nf;
  if (diag.length < 2 * p) diag = new Float64Array(2 * p);
  for (let k0 = 0; k0 < p; k0 += NB) {
    const k1 = Math.min(k0 + NB, p);
    // Diagonal entries as they will be once their column is updated (F_rr − Σ_j L_rj² d_j), r ∈ [k0, p).
    for (let r = k0; r < p; r++) {
      const o = r * rowStride + 2 * r;
      diag[2 * r] = f[o];
      diag[2 * r + 1] = f[o + 1];
    }
    for (let k = k0; k < k1; k++) {
      const r = largestDiagonal(p, k);
      if (r !== k) {
        swapSymmetric(f, nf, k0, k, r);
        const xr = diag[2 * k], xi = diag[2 * k + 1];
        diag[2 * k] = diag[2 * r];
        diag[2 * k + 1] = diag[2 * r + 1];
        diag[2 * r] = xr;
        diag[2 * r + 1] = xi;
      }
      // d_j·L_kj, j ∈ [k0, k)
      for (let j = k0; j < k; j++) {
        const lr = f[k * rowStride + 2 * j], li = f[k * rowStride + 2 * j + 1];
        const dr = f[j * rowStride + 2 * j], di = f[j * rowStride + 2 * j + 1];
        scaledRow[2 * (j - k0)] = dr * lr - di * li;
        scaledRow[2 * (j - k0) + 1] = dr * li + di * lr;
      }
      // Column k brought up to date: F_ik −= Σ_j L_ij (d_j L_kj), i ≥ k.
      let colMax = 0;
      for (let i = k; i < nf; i++) {
        const row = i * rowStride;
        let sr = 0, si = 0;
        for (let j = k0, t = 0; j < k; j++, t += 2) {
          const lr = f[row + 2 * j], li = f[row + 2 * j + 1];
          const tr = scaledRow[t], ti = scaledRow[t + 1];
          sr += lr * tr - li * ti;
          si += lr * ti + li * tr;
        }
        const o = row + 2 * k;
        f[o] -= sr;
        f[o + 1] -= si;
        if (i > k && i < p) colMax = Math.max(colMax, f[o] * f[o] + f[o + 1] * f[o + 1]);
      }
      const d = k * rowStride + 2 * k;
      const dr = f[d], di = f[d + 1];
      const dAbs2 = dr * dr + di * di;
      if (!(dAbs2 > 0) || !Number.isFinite(dAbs2) || dAbs2 < THRESHOLD * THRESHOLD * colMax) return NaN;
      logAbsDet += 0.5 * Math.log(dAbs2);
      const invR = dr / dAbs2, invI = -di / dAbs2;
      for (let i = k + 1, o = (k + 1) * rowStride + 2 * k; i < nf; i++, o += rowStride) {
        const xr = f[o], xi = f[o + 1];
        const lr = xr * invR - xi * invI, li = xr * invI + xi * invR;
        f[o] = lr;
        f[o + 1] = li;
        if (i < p) {
          // diag_i −= L_ik² d_k = L_ik · F_ik (F_ik = L_ik d_k before scaling)
          diag[2 * i] -= lr * xr - li * xi;
          diag[2 * i + 1] -= lr * xi + li * xr;
        }
      }
    }
    if (k1 < nf) trailingUpdate(f, nf, k0, k1);
  }
  return logAbsDet;
}

/** Index r ∈ [k, p) of the largest |diag_r|. */
function largestDiagonal(p: number, k: number): number {
  let best = k;
  let bestAbs = -1;
  for (let r = k; r < p; r++) {
    const a = diag[2 * r] * diag[2 * r] + diag[2 * r + 1] * diag[2 * r + 1];
    if (a > bestAbs) {
      bestAbs = a;
      best = r;
    }
  }
  return best;
}

/**
 * Swaps variables k < r in lower-triangular storage (rows and columns
 * together). Columns before the panel (j < k0) hold finished factors that are
 * never read again and are left alone.
 */
function swapSymmetric(f: Float64Array, nf: number, k0: number, k: number, r: number): void {
  const at = (i: number, j: number) => 2 * (i * nf + j);
  const swap = (a: number, b: number) => {
    const x = f[a], y = f[a + 1];
    f[a] = f[b];
    f[a + 1] = f[b + 1];
    f[b] = x;
    f[b + 1] = y;
  };
  swap(at(k, k), at(r, r));
  for (let j = k0; j < k; j++) swap(at(k, j), at(r, j));
  for (let i = k + 1; i < r; i++) swap(at(i, k), at(r, i));
  for (let i = r + 1; i < nf; i++) swap(at(i, k), at(i, r));
}

/** F[i, j] −= Σ_{t∈[k0,k1)} L_it d_t L_jt on the lower triangle i ≥ j ≥ k1 (tiles: diagonal tiles in full). */
function trailingUpdate(f: Float64Array, nf: number, k0: number, k1: number): void {
  const kb = k1 - k0;
  const n = nf - k1;
  if (panelT.length < 2 * kb * n) panelT = new Float64Array(2 * Math.max(kb * n, NB * nf));
  const w = panelT;
  // W[t, j] = d_t L_jt (kb × n, row-major, ld n).
  for (let t = 0; t < kb; t++) {
    const dOff = 2 * ((k0 + t) * nf + k0 + t);
    const dr = f[dOff], di = f[dOff + 1];
    for (let j = 0; j < n; j++) {
      const o = 2 * ((k1 + j) * nf + k0 + t);
      const lr = f[o], li = f[o + 1];
      w[2 * (t * n + j)] = dr * lr - di * li;
      w[2 * (t * n + j) + 1] = dr * li + di * lr;
    }
  }
  for (let j0 = k1; j0 < nf; j0 += TB) {
    const j1 = Math.min(j0 + TB, nf);
    gemmSub(nf - j0, j1 - j0, kb, f, j0 * nf + k0, nf, w, j0 - k1, n, f, j0 * nf + j0, nf);
  }
}
