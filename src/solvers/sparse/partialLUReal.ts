/**
 * Real counterpart of partialLU.ts (same blocking, same pivoting rule, same
 * layout without the interleaved imaginary parts), for the real
 * Majorana-basis matrices w·1 − X of majorana.ts.
 */

import { InputError } from '../../errors.js';
import { gemmSubRealJs as gemmSubReal } from './gemmReal.js';
import { wasmKernels } from './wasm/kernels.js';

const NB = 48;
const IB = 8;

/** Square front: F22 ← F22 − F21·F11⁻¹·F12; returns Σ ln|u_kk| over p pivots. */
export function partialLUReal(f: Float64Array, nf: number, p: number): number {
  const w = p > 0 ? wasmKernels() : null;
  const at = w ? w.address(f) : -1;
  if (w && at >= 0) return checked(w.dpartialLURect(at, nf, nf, nf, p));
  const s = w?.scratch(nf * nf);
  if (w && s) {
    // Only F22 (rows p.. carry it) is wanted back (see partialLU).
    s.heap.set(f.subarray(0, nf * nf), s.base);
    const logAbsDet = checked(w.dpartialLURect(8 * s.base, nf, nf, nf, p));
    f.set(s.heap.subarray(s.base + p * nf, s.base + nf * nf), p * nf);
    return logAbsDet;
  }
  return partialLURealRectJs(f, nf, nf, nf, p);
}

function singular(): InputError {
  return new InputError('z', 'a complex energy off the spectrum of H0 (z − H0 is singular or not finite)');
}

/** The WebAssembly kernels return NaN for a singular or non-finite pivot column. */
function checked(logAbsDet: number): number {
  if (Number.isNaN(logAbsDet)) throw singular();
  return logAbsDet;
}

/** Rectangular nRows×nCols front with row stride ld (see partialLURect). */
export function partialLURealRect(f: Float64Array, ld: number, nRows: number, nCols: number, p: number): number {
  const w = p > 0 ? wasmKernels() : null;
  const at = w ? w.address(f) : -1;
  if (w && at >= 0) return checked(w.dpartialLURect(at, ld, nRows, nCols, p));
  const s = w?.scratch(nRows * ld);
  if (w && s) {
    s.heap.set(f.subarray(0, nRows * ld), s.base);
    const logAbsDet = checked(w.dpartialLURect(8 * s.base, ld, nRows, nCols, p));
    f.set(s.heap.subarray(s.base, s.base + nRows * ld));
    return logAbsDet;
  }
  return partialLURealRectJs(f, ld, nRows, nCols, p);
}

/** The JavaScript partialLURealRect (the fallback, and the reference of the tests). */
export function partialLURealRectJs(f: Float64Array, ld: number, nRows: number, nCols: number, p: number): number {
  let logAbsDet = 0;
  for (let k0 = 0; k0 < p; k0 += NB) {
    const kEnd = Math.min(k0 + NB, p);
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = Math.min(j0 + IB, kEnd);
      logAbsDet += factorColumns(f, ld, nRows, nCols, p, j0, j1, k0);
      if (j1 < kEnd) {
        solveUnitLower(f, ld, j0, j1, j1, kEnd);
        gemmSubReal(nRows - j1, kEnd - j1, j1 - j0, f, j1 * ld + j0, ld, f, j0 * ld + j1, ld, f, j1 * ld + j1, ld);
      }
    }
    if (kEnd === nCols) continue;
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = Math.min(j0 + IB, kEnd);
      solveUnitLower(f, ld, j0, j1, kEnd, nCols);
      if (j1 < kEnd) {
        gemmSubReal(kEnd - j1, nCols - kEnd, j1 - j0, f, j1 * ld + j0, ld, f, j0 * ld + kEnd, ld, f, j1 * ld + kEnd, ld);
      }
    }
    gemmSubReal(nRows - kEnd, nCols - kEnd, kEnd - k0, f, kEnd * ld + k0, ld, f, k0 * ld + kEnd, ld, f, kEnd * ld + kEnd, ld);
  }
  return logAbsDet;
}

/** In-place inverse of [S | 1] (n×2n, see invertBordered); returns ln|det S|. */
export function invertBorderedReal(f: Float64Array, n: number): number {
  const w = n > 0 ? wasmKernels() : null;
  const at = w ? w.address(f) : -1;
  if (w && at >= 0) return checked(w.dinvertBordered(at, n));
  const s = w?.scratch(2 * n * n);
  if (w && s) {
    s.heap.set(f.subarray(0, 2 * n * n), s.base);
    const logAbsDet = checked(w.dinvertBordered(8 * s.base, n));
    f.set(s.heap.subarray(s.base, s.base + 2 * n * n));
    return logAbsDet;
  }
  return invertBorderedRealJs(f, n);
}

/** The JavaScript invertBorderedReal (the fallback, and the reference of the tests). */
export function invertBorderedRealJs(f: Float64Array, n: number): number {
  const ld = 2 * n;
  const logAbsDet = partialLURealRectJs(f, ld, n, ld, n);
  for (let j1 = n; j1 > 0; j1 -= NB) {
    const j0 = Math.max(0, j1 - NB);
    solveUpper(f, ld, j0, j1, n, ld);
    gemmSubReal(j0, n, j1 - j0, f, j0, ld, f, j0 * ld + n, ld, f, n, ld);
  }
  return logAbsDet;
}

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
  for (let k = j0; k < j1; k++) {
    const diag = k * nf + k;
    let best = k;
    let bestAbs = Math.abs(f[diag]);
    for (let r = k + 1, o = diag + nf; r < p; r++, o += nf) {
      const a = Math.abs(f[o]);
      if (a > bestAbs) {
        bestAbs = a;
        best = r;
      }
    }
    if (!(bestAbs > 0) || !Number.isFinite(bestAbs)) throw singular();
    if (best !== k) swapRows(f, nf, k, best, swapFrom, nCols);
    logAbsDet += Math.log(bestAbs);
    const inv = 1 / f[diag];
    const uRow = k * nf;
    for (let i = k + 1; i < nRows; i++) {
      const ik = i * nf + k;
      if (f[ik] === 0) continue;
      const l = f[ik] * inv;
      f[ik] = l;
      const iRow = i * nf;
      for (let j = k + 1; j < j1; j++) f[iRow + j] -= l * f[uRow + j];
    }
  }
  return logAbsDet;
}

function solveUnitLower(f: Float64Array, nf: number, j0: number, j1: number, c0: number, c1: number): void {
  for (let k = j0; k < j1; k++) {
    const kRow = k * nf;
    for (let i = k + 1; i < j1; i++) {
      const l = f[i * nf + k];
      if (l === 0) continue;
      const iRow = i * nf;
      for (let j = c0; j < c1; j++) f[iRow + j] -= l * f[kRow + j];
    }
  }
}

function solveUpper(f: Float64Array, nf: number, j0: number, j1: number, c0: number, c1: number): void {
  for (let k = j1 - 1; k >= j0; k--) {
    const kRow = k * nf;
    const inv = 1 / f[kRow + k];
    for (let j = c0; j < c1; j++) f[kRow + j] *= inv;
    for (let i = j0; i < k; i++) {
      const u = f[i * nf + k];
      if (u === 0) continue;
      const iRow = i * nf;
      for (let j = c0; j < c1; j++) f[iRow + j] -= u * f[kRow + j];
    }
  }
}

function swapRows(f: Float64Array, nf: number, r: number, s: number, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const t = f[r * nf + j];
    f[r * nf + j] = f[s * nf + j];
    f[s * nf + j] = t;
  }
}
