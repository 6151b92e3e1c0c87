/**
 * Real C ← C − A·B (row-major f64), SIMD128 version of
 * src/solvers/sparse/gemmReal.ts: Goto blocking with zero-padded packing and a
 * 4×4 micro-kernel whose rows are two v128 accumulators each (8 in all), fed
 * by one broadcast of A (load64_splat) and two loads of B per step.
 */

import { packA, packB } from './layout';

const MR: i32 = 4;
const NR: i32 = 4;
const KC: i32 = 128;
const MC: i32 = 96;
const NC: i32 = 1536;

@inline function at(base: usize, i: i32, ld: i32, j: i32): usize {
  return base + ((<usize>(i * ld + j)) << 3);
}

/** C[m×n] −= A[m×k]·B[k×n]; a, b, c point at element (0, 0), leading dimensions in elements. */
export function dgemmSub(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  for (let kk = 0; kk < k; kk += KC) {
    const kc = min(KC, k - kk);
    for (let jj = 0; jj < n; jj += NC) {
      const nc = min(NC, n - jj);
      packBlockB(at(b, kk, ldb, jj), ldb, kc, nc);
      for (let ii = 0; ii < m; ii += MC) {
        const mc = min(MC, m - ii);
        packBlockA(at(a, ii, lda, kk), lda, mc, kc);
        macroKernel(mc, nc, kc, at(c, ii, ldc, jj), ldc, nc);
      }
    }
  }
}

/**
 * The lower triangle of C[n×n] −= A[n×k]·B[k×n] (the 4×4 micro-tiles on and below the diagonal,
 * so a few entries just above it are updated too): half the multiply-adds of dgemmSub for a
 * result known to be symmetric or antisymmetric, whose upper triangle the caller mirrors.
 * Each computed entry is exactly the one dgemmSub gives.
 */
export function dgemmSubLower(n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  if (n <= 0 || k <= 0) return;
  for (let kk = 0; kk < k; kk += KC) {
    const kc = min(KC, k - kk);
    for (let jj = 0; jj < n; jj += NC) {
      const nc = min(NC, n - jj);
      packBlockB(at(b, kk, ldb, jj), ldb, kc, nc);
      for (let ii = max(0, jj - MR + 1) & ~(MR - 1); ii < n; ii += MC) {
        const mc = min(MC, n - ii);
        packBlockA(at(a, ii, lda, kk), lda, mc, kc);
        macroKernel(mc, nc, kc, at(c, ii, ldc, jj), ldc, ii - jj + MR - 1);
      }
    }
  }
}

function packBlockB(b: usize, ldb: i32, kc: i32, nc: i32): void {
  let o = packB;
  const step: usize = (<usize>ldb) << 3;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    let src = b + ((<usize>j0) << 3);
    if (cols === NR) {
      for (let p = 0; p < kc; p++) {
        v128.store(o, v128.load(src));
        v128.store(o, v128.load(src, 16), 16);
        o += 32;
        src += step;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < NR; r++) store<f64>(o + ((<usize>r) << 3), r < cols ? load<f64>(src + ((<usize>r) << 3)) : 0);
        o += 32;
        src += step;
      }
    }
  }
}

function packBlockA(a: usize, lda: i32, mc: i32, kc: i32): void {
  const stride: usize = <usize>MR << 3;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    const base = packA + ((<usize>(i0 * kc)) << 3);
    for (let r = 0; r < MR; r++) {
      let o = base + ((<usize>r) << 3);
      if (r < rows) {
        let src = at(a, i0 + r, lda, 0);
        for (let p = 0; p < kc; p++) {
          store<f64>(o, load<f64>(src));
          o += stride;
          src += 8;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          store<f64>(o, 0);
          o += stride;
        }
      }
    }
  }
}

@inline function subStore(p: usize, v: v128): void {
  v128.store(p, f64x2.sub(v128.load(p), v));
}

/** Edge write-back: the first `cols` (≤ 4) entries of one C row. */
@inline function subRow(p: usize, lo: v128, hi: v128, cols: i32): void {
  store<f64>(p, load<f64>(p) - f64x2.extract_lane(lo, 0));
  if (cols > 1) store<f64>(p, load<f64>(p, 8) - f64x2.extract_lane(lo, 1), 8);
  if (cols > 2) store<f64>(p, load<f64>(p, 16) - f64x2.extract_lane(hi, 0), 16);
  if (cols > 3) store<f64>(p, load<f64>(p, 24) - f64x2.extract_lane(hi, 1), 24);
}

/** The micro-tiles (i0, j0) of the mc×nc block with j0 ≤ i0 + diag (diag ≥ nc: all of them). */
function macroKernel(mc: i32, nc: i32, kc: i32, c: usize, ldc: i32, diag: i32): void {
  const row: usize = (<usize>ldc) << 3;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const bBase = packB + ((<usize>(j0 * kc)) << 3);
    const cols = min(NR, nc - j0);
    for (let i0 = 0; i0 < mc; i0 += MR) {
      if (j0 > i0 + diag) continue;
      let ao = packA + ((<usize>(i0 * kc)) << 3);
      let bo = bBase;
      let c0l = f64x2.splat(0), c0h = f64x2.splat(0), c1l = f64x2.splat(0), c1h = f64x2.splat(0);
      let c2l = f64x2.splat(0), c2h = f64x2.splat(0), c3l = f64x2.splat(0), c3h = f64x2.splat(0);
      for (let p = 0; p < kc; p++) {
        const bl = v128.load(bo);
        const bh = v128.load(bo, 16);
        let x = v128.load64_splat(ao);
        c0l = f64x2.add(c0l, f64x2.mul(x, bl));
        c0h = f64x2.add(c0h, f64x2.mul(x, bh));
        x = v128.load64_splat(ao, 8);
        c1l = f64x2.add(c1l, f64x2.mul(x, bl));
        c1h = f64x2.add(c1h, f64x2.mul(x, bh));
        x = v128.load64_splat(ao, 16);
        c2l = f64x2.add(c2l, f64x2.mul(x, bl));
        c2h = f64x2.add(c2h, f64x2.mul(x, bh));
        x = v128.load64_splat(ao, 24);
        c3l = f64x2.add(c3l, f64x2.mul(x, bl));
        c3h = f64x2.add(c3h, f64x2.mul(x, bh));
        ao += 32;
        bo += 32;
      }
      const rows = min(MR, mc - i0);
      let r = at(c, i0, ldc, j0);
      if (rows === MR && cols === NR) {
        subStore(r, c0l);
        subStore(r + 16, c0h);
        r += row;
        subStore(r, c1l);
        subStore(r + 16, c1h);
        r += row;
        subStore(r, c2l);
        subStore(r + 16, c2h);
        r += row;
        subStore(r, c3l);
        subStore(r + 16, c3h);
      } else {
        subRow(r, c0l, c0h, cols);
        if (rows > 1) subRow(r + row, c1l, c1h, cols);
        if (rows > 2) subRow(r + 2 * row, c2l, c2h, cols);
        if (rows > 3) subRow(r + 3 * row, c3l, c3h, cols);
      }
    }
  }
}
