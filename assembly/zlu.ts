/**
 * Complex partial LU of a front and the bordered inverse, SIMD128 versions of
 * src/solvers/sparse/partialLU.ts (same blocking NB/IB, same pivot rule, same
 * in-place layout: interleaved complex, row-major, row stride ld complex).
 * A singular or non-finite pivot column returns NaN; the host turns that into
 * its error.
 */

import { zgemmSub } from './zgemm';
import { zgemm3mPackedSub } from './zgemm3m';

const NB: i32 = 48;
const IB: i32 = 8;
/**
 * Depth k from which a Schur-complement update of the 3M variants runs by
 * three real products (zgemm3m.ts): measured 1.1–1.3× zgemmSub's rate from
 * k = 12 at every m, n ≥ 4 (k = 48: 1.2–1.3×), 0.95× at k = 8. So the panel
 * updates of depth IB stay on zgemmSub and the trailing updates of depth NB
 * take the 3M form.
 *
 * The 3M variants (zpartialLURect3m, zinvertBordered3m: the module's front
 * loop) are normwise as accurate, but their error constant is larger (up to
 * 2× on nearly real fronts, whose imaginary parts 3M computes by cancellation);
 * zpartialLURect and zinvertBordered keep the four-product form, for callers
 * compared elementwise with the JavaScript kernels (the selected inversion).
 */
const GEMM3M_MIN_K: i32 = 12;

/** C −= A·B (zgemmSub's arguments); with `gauss`, by 3M from depth GEMM3M_MIN_K. */
@inline function update(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, gauss: bool): void {
  if (gauss && k >= GEMM3M_MIN_K) zgemm3mPackedSub(m, n, k, a, lda, b, ldb, c, ldc);
  else zgemmSub(m, n, k, a, lda, b, ldb, c, ldc);
}

@inline function at(f: usize, i: i32, ld: i32, j: i32): usize {
  return f + ((<usize>(i * ld + j)) << 4);
}

/** [−x.im, x.re]·s for s = [v, v]: multiplies by i·v. */
@inline function timesI(x: v128): v128 {
  return f64x2.shuffle(f64x2.neg(x), x, 1, 2);
}

/** dst[0..n) −= l·src[0..n) (complex l = lr + i·li, n complex entries). */
@inline function axpySub(dst: usize, src: usize, n: i32, lr: v128, li: v128): void {
  for (let j = 0; j < n; j++) {
    const u = v128.load(src);
    const t = f64x2.add(f64x2.mul(lr, u), f64x2.mul(li, timesI(u)));
    v128.store(dst, f64x2.sub(v128.load(dst), t));
    src += 16;
    dst += 16;
  }
}

/** Rows j0..j1−1 of columns p.. as in partialLURect; returns Σ ln|u_kk| (NaN when singular). */
export function zpartialLURect(f: usize, ld: i32, nRows: i32, nCols: i32, p: i32): f64 {
  return partialLU(f, ld, nRows, nCols, p, false);
}

/** zpartialLURect with its trailing updates by three real products (see GEMM3M_MIN_K). */
export function zpartialLURect3m(f: usize, ld: i32, nRows: i32, nCols: i32, p: i32): f64 {
  return partialLU(f, ld, nRows, nCols, p, true);
}

function partialLU(f: usize, ld: i32, nRows: i32, nCols: i32, p: i32, gauss: bool): f64 {
  let logAbsDet: f64 = 0;
  for (let k0 = 0; k0 < p; k0 += NB) {
    const kEnd = min(k0 + NB, p);
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = min(j0 + IB, kEnd);
      const d = factorColumns(f, ld, nRows, nCols, p, j0, j1, k0);
      if (isNaN(d)) return d;
      logAbsDet += d;
      if (j1 < kEnd) {
        solveUnitLower(f, ld, j0, j1, j1, kEnd);
        update(nRows - j1, kEnd - j1, j1 - j0, at(f, j1, ld, j0), ld, at(f, j0, ld, j1), ld, at(f, j1, ld, j1), ld, gauss);
      }
    }
    if (kEnd === nCols) continue;
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = min(j0 + IB, kEnd);
      solveUnitLower(f, ld, j0, j1, kEnd, nCols);
      if (j1 < kEnd) {
        update(kEnd - j1, nCols - kEnd, j1 - j0, at(f, j1, ld, j0), ld, at(f, j0, ld, kEnd), ld, at(f, j1, ld, kEnd), ld, gauss);
      }
    }
    update(nRows - kEnd, nCols - kEnd, kEnd - k0, at(f, kEnd, ld, k0), ld, at(f, k0, ld, kEnd), ld, at(f, kEnd, ld, kEnd), ld, gauss);
  }
  return logAbsDet;
}

/** In-place inverse of [S | 1] (n×2n), see invertBordered; returns ln|det S| (NaN when singular). */
export function zinvertBordered(f: usize, n: i32): f64 {
  return invertBordered(f, n, false);
}

/** zinvertBordered with its updates of depth ≥ GEMM3M_MIN_K by three real products. */
export function zinvertBordered3m(f: usize, n: i32): f64 {
  return invertBordered(f, n, true);
}

function invertBordered(f: usize, n: i32, gauss: bool): f64 {
  const ld = 2 * n;
  const logAbsDet = partialLU(f, ld, n, ld, n, gauss);
  if (isNaN(logAbsDet)) return logAbsDet;
  for (let j1 = n; j1 > 0; j1 -= NB) {
    const j0 = max(0, j1 - NB);
    solveUpper(f, ld, j0, j1, n, ld);
    update(j0, n, j1 - j0, at(f, 0, ld, j0), ld, at(f, j0, ld, n), ld, at(f, 0, ld, n), ld, gauss);
  }
  return logAbsDet;
}

function factorColumns(f: usize, ld: i32, nRows: i32, nCols: i32, p: i32, j0: i32, j1: i32, swapFrom: i32): f64 {
  let logAbsDet: f64 = 0;
  const row: usize = (<usize>ld) << 4;
  for (let k = j0; k < j1; k++) {
    const diag = at(f, k, ld, k);
    let best = k;
    let bestAbs = load<f64>(diag) * load<f64>(diag) + load<f64>(diag, 8) * load<f64>(diag, 8);
    let o = diag + row;
    for (let r = k + 1; r < p; r++) {
      const re = load<f64>(o), im = load<f64>(o, 8);
      const a = re * re + im * im;
      if (a > bestAbs) {
        bestAbs = a;
        best = r;
      }
      o += row;
    }
    if (!(bestAbs > 0) || !isFinite(bestAbs)) return NaN;
    if (best !== k) swapRows(f, ld, k, best, swapFrom, nCols);
    logAbsDet += 0.5 * Math.log(bestAbs);
    const invR = load<f64>(diag) / bestAbs;
    const invI = -load<f64>(diag, 8) / bestAbs;
    const uRow = at(f, k, ld, k + 1);
    let ik = diag + row;
    for (let i = k + 1; i < nRows; i++, ik += row) {
      const xr = load<f64>(ik), xi = load<f64>(ik, 8);
      if (xr === 0 && xi === 0) continue;
      const lr = xr * invR - xi * invI;
      const li = xr * invI + xi * invR;
      store<f64>(ik, lr);
      store<f64>(ik, li, 8);
      axpySub(ik + 16, uRow, j1 - k - 1, f64x2.splat(lr), f64x2.splat(li));
    }
  }
  return logAbsDet;
}

/** Rows j0..j1−1, columns c0..c1−1 ← L⁻¹·(same), L unit lower in rows/columns j0..j1−1. */
function solveUnitLower(f: usize, ld: i32, j0: i32, j1: i32, c0: i32, c1: i32): void {
  for (let k = j0; k < j1; k++) {
    const kRow = at(f, k, ld, c0);
    for (let i = k + 1; i < j1; i++) {
      const ik = at(f, i, ld, k);
      const lr = load<f64>(ik), li = load<f64>(ik, 8);
      if (lr === 0 && li === 0) continue;
      axpySub(at(f, i, ld, c0), kRow, c1 - c0, f64x2.splat(lr), f64x2.splat(li));
    }
  }
}

/** Rows j0..j1−1, columns c0..c1−1 ← U⁻¹·(same), U upper (with diagonal) in rows/columns j0..j1−1. */
function solveUpper(f: usize, ld: i32, j0: i32, j1: i32, c0: i32, c1: i32): void {
  for (let k = j1 - 1; k >= j0; k--) {
    const dk = at(f, k, ld, k);
    const dr = load<f64>(dk), di = load<f64>(dk, 8);
    const d = dr * dr + di * di;
    const invR = f64x2.splat(dr / d);
    const invI = f64x2.splat(-di / d);
    const kRow = at(f, k, ld, c0);
    let x = kRow;
    for (let j = c0; j < c1; j++, x += 16) {
      const v = v128.load(x);
      v128.store(x, f64x2.add(f64x2.mul(invR, v), f64x2.mul(invI, timesI(v))));
    }
    for (let i = j0; i < k; i++) {
      const ik = at(f, i, ld, k);
      const ur = load<f64>(ik), ui = load<f64>(ik, 8);
      if (ur === 0 && ui === 0) continue;
      axpySub(at(f, i, ld, c0), kRow, c1 - c0, f64x2.splat(ur), f64x2.splat(ui));
    }
  }
}

function swapRows(f: usize, ld: i32, r: i32, s: i32, from: i32, to: i32): void {
  let a = at(f, r, ld, from);
  let b = at(f, s, ld, from);
  for (let j = from; j < to; j++, a += 16, b += 16) {
    const t = v128.load(a);
    v128.store(a, v128.load(b));
    v128.store(b, t);
  }
}
