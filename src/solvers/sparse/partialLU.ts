/**
 * Partial LU factorization of one dense front (multifrontal elimination step).
 *
 * The front F (nf×nf, interleaved complex, row-major) is ordered
 * [fully summed variables (p) | boundary variables (q = nf − p)]:
 *
 *   F = [F11 F12]      after the call  F22 ← F22 − F21·F11⁻¹·F12,
 *       [F21 F22]
 *
 * i.e. the Schur complement (contribution block) that the parent front
 * receives. The L and U factors are not kept (the engine needs only the
 * Schur complement on the kept sites and ln|det|, never a solve), so F11, F12
 * and F21 are scratch on exit.
 *
 * Right-looking LU, blocked twice so that nearly all flops run in gemmSub:
 * panels of NB columns update the trailing matrix with one rank-NB product,
 * and inside a panel, sub-panels of IB columns are factored column by column
 * and update the rest of the panel (and the panel's U rows) by rank-IB
 * products. Row pivoting (largest modulus) only among the fully summed rows,
 * which leaves F22 unchanged in exact arithmetic (the Schur complement does
 * not depend on the pivot order inside F11). At z = iw, w > 0, every
 * principal submatrix of z − H0 is invertible (the numerical range of H0 is
 * real), so a zero pivot column can only mean z on the real axis and inside
 * the spectrum.
 */

import { InputError } from '../../errors.js';
import { gemmSubJs as gemmSub } from './gemm.js';
import { wasmKernels } from './wasm/kernels.js';

const NB = 48;
const IB = 8;

/** Square front: returns Σ ln|u_kk| over the p pivots (ln|det F11|). */
export function partialLU(f: Float64Array, nf: number, p: number): number {
  const w = p > 0 ? wasmKernels() : null;
  const at = w ? w.address(f) : -1;
  if (w && at >= 0) return checked(w.zpartialLURect(at, nf, nf, nf, p));
  const s = w?.scratch(2 * nf * nf);
  if (w && s) {
    // Only F22 (rows p.. carry it) is wanted back: F11, F12, F21 are scratch.
    s.heap.set(f.subarray(0, 2 * nf * nf), s.base);
    const logAbsDet = checked(w.zpartialLURect(8 * s.base, nf, nf, nf, p));
    f.set(s.heap.subarray(s.base + 2 * p * nf, s.base + 2 * nf * nf), 2 * p * nf);
    return logAbsDet;
  }
  return partialLURectJs(f, nf, nf, nf, p);
}

function singular(): InputError {
  return new InputError('z', 'a complex energy off the spectrum of H0 (z − H0 is singular or not finite)');
}

/** The WebAssembly kernels return NaN for a singular or non-finite pivot column. */
function checked(logAbsDet: number): number {
  if (Number.isNaN(logAbsDet)) throw singular();
  return logAbsDet;
}

/**
 * The same on a rectangular nRows×nCols front with row stride ld (p ≤ both):
 * on exit rows 0..p−1 of columns p.. hold U12 = L11⁻¹·P·F12, and rows p.. of
 * columns p.. hold the Schur complement.
 */
export function partialLURect(f: Float64Array, ld: number, nRows: number, nCols: number, p: number): number {
  const w = p > 0 ? wasmKernels() : null;
  const at = w ? w.address(f) : -1;
  if (w && at >= 0) return checked(w.zpartialLURect(at, ld, nRows, nCols, p));
  const s = w?.scratch(2 * nRows * ld);
  if (w && s) {
    s.heap.set(f.subarray(0, 2 * nRows * ld), s.base);
    const logAbsDet = checked(w.zpartialLURect(8 * s.base, ld, nRows, nCols, p));
    f.set(s.heap.subarray(s.base, s.base + 2 * nRows * ld));
    return logAbsDet;
  }
  return partialLURectJs(f, ld, nRows, nCols, p);
}

/** The JavaScript partialLURect (the fallback, and the reference of the tests). */
export function partialLURectJs(f: Float64Array, ld: number, nRows: number, nCols: number, p: number): number {
  let logAbsDet = 0;
  for (let k0 = 0; k0 < p; k0 += NB) {
    const kEnd = Math.min(k0 + NB, p);
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = Math.min(j0 + IB, kEnd);
      logAbsDet += factorColumns(f, ld, nRows, nCols, p, j0, j1, k0);
      if (j1 < kEnd) {
        // Rest of the panel: U rows j0..j1, then rank-IB update below.
        solveUnitLower(f, ld, j0, j1, j1, kEnd);
        gemmSub(nRows - j1, kEnd - j1, j1 - j0, f, j1 * ld + j0, ld, f, j0 * ld + j1, ld, f, j1 * ld + j1, ld);
      }
    }
    if (kEnd === nCols) continue;
    // U block row of the panel (columns kEnd..nCols−1), blocked by IB.
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = Math.min(j0 + IB, kEnd);
      solveUnitLower(f, ld, j0, j1, kEnd, nCols);
      if (j1 < kEnd) {
        gemmSub(kEnd - j1, nCols - kEnd, j1 - j0, f, j1 * ld + j0, ld, f, j0 * ld + kEnd, ld, f, j1 * ld + kEnd, ld);
      }
    }
    // Trailing update: F[kEnd:, kEnd:] −= L[kEnd:, k0:kEnd] · U[k0:kEnd, kEnd:].
    gemmSub(nRows - kEnd, nCols - kEnd, kEnd - k0, f, kEnd * ld + k0, ld, f, k0 * ld + kEnd, ld, f, kEnd * ld + kEnd, ld);
  }
  return logAbsDet;
}

/**
 * Dense inverse in place of the leading n×n block of an n×2n array (row stride
 * 2n) whose right half the caller has set to the identity: LU with partial
 * pivoting of [S | 1] gives [U | L⁻¹P], then back substitution leaves S⁻¹ in
 * the right half. ≈ 4n³/3 complex multiply-adds. Returns ln|det S|.
 */
export function invertBordered(f: Float64Array, n: number): number {
  const w = n > 0 ? wasmKernels() : null;
  const at = w ? w.address(f) : -1;
  if (w && at >= 0) return checked(w.zinvertBordered(at, n));
  const s = w?.scratch(4 * n * n);
  if (w && s) {
    s.heap.set(f.subarray(0, 4 * n * n), s.base);
    const logAbsDet = checked(w.zinvertBordered(8 * s.base, n));
    f.set(s.heap.subarray(s.base, s.base + 4 * n * n));
    return logAbsDet;
  }
  return invertBorderedJs(f, n);
}

/** The JavaScript invertBordered (the fallback, and the reference of the tests). */
export function invertBorderedJs(f: Float64Array, n: number): number {
  const ld = 2 * n;
  const logAbsDet = partialLURectJs(f, ld, n, ld, n);
  // Backward substitution U·X = Y by blocks of NB rows, bottom-up.
  for (let j1 = n; j1 > 0; j1 -= NB) {
    const j0 = Math.max(0, j1 - NB);
    solveUpper(f, ld, j0, j1, n, ld);
    gemmSub(j0, n, j1 - j0, f, j0, ld, f, j0 * ld + n, ld, f, n, ld);
  }
  return logAbsDet;
}

/**
 * Unblocked LU of columns j0..j1−1 over rows j0..nf−1 (pivot rows < p), with
 * rank-1 updates confined to those columns. Row swaps cover columns from
 * `swapFrom` (the panel start) to the end. Returns Σ ln|pivot|.
 */
function factorColumns(
  f: Float64Array,
  nf: number,
  nRows: number,
  nCols: number,
  p: number,
  j0: number,
  j1: number,
  swapFrom: number,
): number {
  let logAbsDet = 0;
  const row2 = 2 * nf;
  for (let k = j0; k < j1; k++) {
    const diag = 2 * (k * nf + k);
    let best = k;
    let bestAbs = f[diag] * f[diag] + f[diag + 1] * f[diag + 1];
    for (let r = k + 1, o = diag + row2; r < p; r++, o += row2) {
      const a = f[o] * f[o] + f[o + 1] * f[o + 1];
      if (a > bestAbs) {
        bestAbs = a;
        best = r;
      }
    }
    if (!(bestAbs > 0) || !Number.isFinite(bestAbs)) throw singular();
    if (best !== k) swapRows(f, nf, k, best, swapFrom, nCols);
    logAbsDet += 0.5 * Math.log(bestAbs);
    const invR = f[diag] / bestAbs;
    const invI = -f[diag + 1] / bestAbs;
    const uRow = 2 * k * nf;
    for (let i = k + 1; i < nRows; i++) {
      const ik = 2 * (i * nf + k);
      const xr = f[ik];
      const xi = f[ik + 1];
      if (xr === 0 && xi === 0) continue;
      const lr = xr * invR - xi * invI;
      const li = xr * invI + xi * invR;
      f[ik] = lr;
      f[ik + 1] = li;
      const iRow = 2 * i * nf;
      for (let j = k + 1; j < j1; j++) {
        const u = uRow + 2 * j;
        const ur = f[u];
        const ui = f[u + 1];
        const t = iRow + 2 * j;
        f[t] -= lr * ur - li * ui;
        f[t + 1] -= lr * ui + li * ur;
      }
    }
  }
  return logAbsDet;
}

/**
 * Rows j0..j1−1, columns c0..c1−1 ← L⁻¹ · (same), L the unit lower triangle
 * stored in rows/columns j0..j1−1 (forward substitution).
 */
function solveUnitLower(f: Float64Array, nf: number, j0: number, j1: number, c0: number, c1: number): void {
  for (let k = j0; k < j1; k++) {
    const kRow = 2 * k * nf;
    for (let i = k + 1; i < j1; i++) {
      const ik = 2 * (i * nf + k);
      const lr = f[ik];
      const li = f[ik + 1];
      if (lr === 0 && li === 0) continue;
      const iRow = 2 * i * nf;
      for (let j = 2 * c0; j < 2 * c1; j += 2) {
        const ur = f[kRow + j];
        const ui = f[kRow + j + 1];
        f[iRow + j] -= lr * ur - li * ui;
        f[iRow + j + 1] -= lr * ui + li * ur;
      }
    }
  }
}

/**
 * Rows j0..j1−1, columns c0..c1−1 ← U⁻¹ · (same), U the upper triangle (with
 * its diagonal) stored in rows/columns j0..j1−1 (backward substitution).
 */
function solveUpper(f: Float64Array, nf: number, j0: number, j1: number, c0: number, c1: number): void {
  for (let k = j1 - 1; k >= j0; k--) {
    const kRow = 2 * k * nf;
    const dr = f[kRow + 2 * k];
    const di = f[kRow + 2 * k + 1];
    const d = dr * dr + di * di;
    const invR = dr / d;
    const invI = -di / d;
    for (let j = 2 * c0; j < 2 * c1; j += 2) {
      const xr = f[kRow + j];
      const xi = f[kRow + j + 1];
      f[kRow + j] = xr * invR - xi * invI;
      f[kRow + j + 1] = xr * invI + xi * invR;
    }
    for (let i = j0; i < k; i++) {
      const ik = 2 * (i * nf + k);
      const ur = f[ik];
      const ui = f[ik + 1];
      if (ur === 0 && ui === 0) continue;
      const iRow = 2 * i * nf;
      for (let j = 2 * c0; j < 2 * c1; j += 2) {
        const xr = f[kRow + j];
        const xi = f[kRow + j + 1];
        f[iRow + j] -= ur * xr - ui * xi;
        f[iRow + j + 1] -= ur * xi + ui * xr;
      }
    }
  }
}

/** Swaps rows r and s of F over columns from..to−1. */
function swapRows(f: Float64Array, nf: number, r: number, s: number, from: number, to: number): void {
  let a = 2 * (r * nf + from);
  let b = 2 * (s * nf + from);
  const end = 2 * (r * nf + to);
  for (; a < end; a++, b++) {
    const t = f[a];
    f[a] = f[b];
    f[b] = t;
  }
}
