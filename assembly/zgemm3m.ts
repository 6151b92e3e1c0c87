/**
 * Complex C ← C − A·B (interleaved row-major, 16-byte elements) by three real
 * products instead of four: the 3M form of Gauss's identity, with
 * T1 = A_r·B_r, T2 = A_i·B_i, T3 = (A_r + A_i)(B_r + B_i),
 * Re(AB) = T1 − T2 and Im(AB) = T3 − T1 − T2 (Higham, Accuracy and Stability
 * of Numerical Algorithms, §23.2.4: normwise stable, but the imaginary part's
 * error is bounded by u·(|A_r| + |A_i|)(|B_r| + |B_i|) rather than u·|A||B|).
 *
 * Unlike selinv.ts's zgemm3mSub (whole planes in a work area, then dgemmSub)
 * the split into the three real planes happens while packing, inside the Goto
 * blocking of zgemm.ts/dgemm.ts, so no work area beyond the packing buffers
 * is needed and the planes stay in cache. Each 4×4 C tile runs the real 4×4
 * micro-kernel of dgemm.ts three times (T1, T2, T3 into a 384-byte tile
 * buffer) and is combined and interleaved once per block: 3/4 of zgemmSub's
 * multiply-adds at the same rate per real multiply-add.
 */

import { packA, packB } from './layout';

const MR: i32 = 4;
const NR: i32 = 4;
const KC: i32 = 128;
/** The three planes fit layout.ts's buffers: 3·MC·KC·8 = 196 608 = PACK_A_BYTES, 3·NC·KC·8 = 1 548 288 ≤ PACK_B_BYTES. */
const MC: i32 = 64;
const NC: i32 = 504;

const A_PLANE: usize = <usize>(MC * KC) << 3;
const B_PLANE: usize = <usize>(NC * KC) << 3;

/** T1, T2, T3 of one 4×4 tile, row-major, 128 bytes each. */
const tileT: usize = memory.data(3 * 128, 16);

@inline function at(base: usize, i: i32, ld: i32, j: i32): usize {
  return base + ((<usize>(i * ld + j)) << 4);
}

/** C[m×n] −= A[m×k]·B[k×n] by 3M; a, b, c point at element (0, 0), leading dimensions in complex elements. */
export function zgemm3mPackedSub(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  for (let kk = 0; kk < k; kk += KC) {
    const kc = min(KC, k - kk);
    for (let jj = 0; jj < n; jj += NC) {
      const nc = min(NC, n - jj);
      packPlanesB(at(b, kk, ldb, jj), ldb, kc, nc);
      for (let ii = 0; ii < m; ii += MC) {
        const mc = min(MC, m - ii);
        packPlanesA(at(a, ii, lda, kk), lda, mc, kc);
        macroKernel(mc, nc, kc, at(c, ii, ldc, jj), ldc);
      }
    }
  }
}

/** [x0.re, x1.re], [x0.im, x1.im], their sum, stored at re, re + plane, re + 2·plane. */
@inline function storePlanes(o: usize, plane: usize, x0: v128, x1: v128): void {
  const re = f64x2.shuffle(x0, x1, 0, 2);
  const im = f64x2.shuffle(x0, x1, 1, 3);
  v128.store(o, re);
  v128.store(o + plane, im);
  v128.store(o + 2 * plane, f64x2.add(re, im));
}

/** The kc×nc block of B into three planes of NR-column panels (element (p, c) of panel j0 at (j0·kc + p·NR + c)), zero-padded. */
function packPlanesB(b: usize, ldb: i32, kc: i32, nc: i32): void {
  const zero = f64x2.splat(0);
  const step: usize = (<usize>ldb) << 4;
  let o = packB;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    let src = b + ((<usize>j0) << 4);
    for (let p = 0; p < kc; p++, o += 32, src += step) {
      const x0 = v128.load(src);
      const x1 = cols > 1 ? v128.load(src, 16) : zero;
      const x2 = cols > 2 ? v128.load(src, 32) : zero;
      const x3 = cols > 3 ? v128.load(src, 48) : zero;
      storePlanes(o, B_PLANE, x0, x1);
      storePlanes(o + 16, B_PLANE, x2, x3);
    }
  }
}

/** The mc×kc block of A into three planes of MR-row panels (element (r, p) of panel i0 at (i0·kc + p·MR + r)), zero-padded. */
function packPlanesA(a: usize, lda: i32, mc: i32, kc: i32): void {
  const zero = f64x2.splat(0);
  const row: usize = (<usize>lda) << 4;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    let o = packA + ((<usize>(i0 * kc)) << 3);
    let src = at(a, i0, lda, 0);
    for (let p = 0; p < kc; p++, o += 32, src += 16) {
      const x0 = v128.load(src);
      const x1 = rows > 1 ? v128.load(src + row) : zero;
      const x2 = rows > 2 ? v128.load(src + 2 * row) : zero;
      const x3 = rows > 3 ? v128.load(src + 3 * row) : zero;
      storePlanes(o, A_PLANE, x0, x1);
      storePlanes(o + 16, A_PLANE, x2, x3);
    }
  }
}

/** The 4×4 real product of packed panels a (MR·kc) and b (kc·NR), row-major into out (16 doubles). */
function tile(a: usize, b: usize, kc: i32, out: usize): void {
  let c0l = f64x2.splat(0), c0h = f64x2.splat(0), c1l = f64x2.splat(0), c1h = f64x2.splat(0);
  let c2l = f64x2.splat(0), c2h = f64x2.splat(0), c3l = f64x2.splat(0), c3h = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const bl = v128.load(b);
    const bh = v128.load(b, 16);
    let x = v128.load64_splat(a);
    c0l = f64x2.add(c0l, f64x2.mul(x, bl));
    c0h = f64x2.add(c0h, f64x2.mul(x, bh));
    x = v128.load64_splat(a, 8);
    c1l = f64x2.add(c1l, f64x2.mul(x, bl));
    c1h = f64x2.add(c1h, f64x2.mul(x, bh));
    x = v128.load64_splat(a, 16);
    c2l = f64x2.add(c2l, f64x2.mul(x, bl));
    c2h = f64x2.add(c2h, f64x2.mul(x, bh));
    x = v128.load64_splat(a, 24);
    c3l = f64x2.add(c3l, f64x2.mul(x, bl));
    c3h = f64x2.add(c3h, f64x2.mul(x, bh));
    a += 32;
    b += 32;
  }
  v128.store(out, c0l);
  v128.store(out, c0h, 16);
  v128.store(out, c1l, 32);
  v128.store(out, c1h, 48);
  v128.store(out, c2l, 64);
  v128.store(out, c2h, 80);
  v128.store(out, c3l, 96);
  v128.store(out, c3h, 112);
}

@inline function subStore(p: usize, v: v128): void {
  v128.store(p, f64x2.sub(v128.load(p), v));
}

/** C row (cols ≤ 4 complex from p) −= re + i·im, re and im two lanes each of the tile row at offset o of tileT. */
@inline function combineRow(p: usize, o: usize, cols: i32): void {
  for (let h: usize = 0; h < 32; h += 16) {
    const t1 = v128.load(tileT + o + h);
    const t2 = v128.load(tileT + 128 + o + h);
    const t3 = v128.load(tileT + 256 + o + h);
    const re = f64x2.sub(t1, t2);
    const im = f64x2.sub(f64x2.sub(t3, t1), t2);
    const j = <i32>(h >> 3);
    if (cols > j) subStore(p + (h << 1), f64x2.shuffle(re, im, 0, 2));
    if (cols > j + 1) subStore(p + (h << 1) + 16, f64x2.shuffle(re, im, 1, 3));
  }
}

function macroKernel(mc: i32, nc: i32, kc: i32, c: usize, ldc: i32): void {
  const row: usize = (<usize>ldc) << 4;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const bo = packB + ((<usize>(j0 * kc)) << 3);
    const cols = min(NR, nc - j0);
    for (let i0 = 0; i0 < mc; i0 += MR) {
      const ao = packA + ((<usize>(i0 * kc)) << 3);
      tile(ao, bo, kc, tileT);
      tile(ao + A_PLANE, bo + B_PLANE, kc, tileT + 128);
      tile(ao + 2 * A_PLANE, bo + 2 * B_PLANE, kc, tileT + 256);
      const rows = min(MR, mc - i0);
      let r = at(c, i0, ldc, j0);
      for (let i = 0; i < rows; i++, r += row) combineRow(r, (<usize>i) << 5, cols);
    }
  }
}
