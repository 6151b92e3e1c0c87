/**
 * Complex C ← C − A·B on interleaved row-major storage (16-byte elements),
 * SIMD128 version of src/solvers/sparse/gemm.ts: the same Goto blocking and
 * zero-padded packing. One complex number fills one v128 [re, im]; the 2×2
 * micro-kernel keeps, per C entry, two accumulators Σ a_re·[b_re, b_im] and
 * Σ a_im·[b_re, b_im] (a_re, a_im broadcast by load64_splat) and combines them
 * once per block: c −= acc_re + [−acc_im.im, acc_im.re]. Its 8 accumulators
 * plus two B operands and one broadcast stay in registers; a 3×2 block (12
 * accumulators, at V8's limit of 15 usable xmm registers) measured 1.3–1.6×
 * slower. KC = 128 halves the accumulator write-backs of KC = 64.
 */

import { packA, packB } from './layout';

const MR: i32 = 2;
const NR: i32 = 2;
const KC: i32 = 128;
const MC: i32 = 96;
const NC: i32 = 768;

@inline function at(base: usize, i: i32, ld: i32, j: i32): usize {
  return base + ((<usize>(i * ld + j)) << 4);
}

/** C[m×n] −= A[m×k]·B[k×n]; a, b, c point at element (0, 0), leading dimensions in complex elements. */
export function zgemmSub(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  for (let kk = 0; kk < k; kk += KC) {
    const kc = min(KC, k - kk);
    for (let jj = 0; jj < n; jj += NC) {
      const nc = min(NC, n - jj);
      packBlockB(at(b, kk, ldb, jj), ldb, kc, nc);
      for (let ii = 0; ii < m; ii += MC) {
        const mc = min(MC, m - ii);
        packBlockA(at(a, ii, lda, kk), lda, mc, kc);
        macroKernel(mc, nc, kc, at(c, ii, ldc, jj), ldc);
      }
    }
  }
}

function packBlockB(b: usize, ldb: i32, kc: i32, nc: i32): void {
  const zero = f64x2.splat(0);
  let o = packB;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const full = j0 + NR <= nc;
    let src = b + ((<usize>j0) << 4);
    const step = (<usize>ldb) << 4;
    for (let p = 0; p < kc; p++) {
      v128.store(o, v128.load(src));
      v128.store(o, full ? v128.load(src, 16) : zero, 16);
      o += 32;
      src += step;
    }
  }
}

function packBlockA(a: usize, lda: i32, mc: i32, kc: i32): void {
  const zero = f64x2.splat(0);
  const stride: usize = <usize>MR << 4;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    const base = packA + ((<usize>(i0 * kc)) << 4);
    for (let r = 0; r < MR; r++) {
      let o = base + ((<usize>r) << 4);
      if (r < rows) {
        let src = at(a, i0 + r, lda, 0);
        for (let p = 0; p < kc; p++) {
          v128.store(o, v128.load(src));
          o += stride;
          src += 16;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          v128.store(o, zero);
          o += stride;
        }
      }
    }
  }
}

/** acc_re + i·acc_im as one interleaved complex: [re.re − im.im, re.im + im.re]. */
@inline function combine(re: v128, im: v128): v128 {
  return f64x2.add(re, f64x2.shuffle(f64x2.neg(im), im, 1, 2));
}

@inline function subStore(p: usize, v: v128): void {
  v128.store(p, f64x2.sub(v128.load(p), v));
}

function macroKernel(mc: i32, nc: i32, kc: i32, c: usize, ldc: i32): void {
  const row: usize = (<usize>ldc) << 4;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const bBase = packB + ((<usize>(j0 * kc)) << 4);
    const cols = min(NR, nc - j0);
    for (let i0 = 0; i0 < mc; i0 += MR) {
      let ao = packA + ((<usize>(i0 * kc)) << 4);
      let bo = bBase;
      let r00 = f64x2.splat(0), i00 = f64x2.splat(0), r01 = f64x2.splat(0), i01 = f64x2.splat(0);
      let r10 = f64x2.splat(0), i10 = f64x2.splat(0), r11 = f64x2.splat(0), i11 = f64x2.splat(0);
      for (let p = 0; p < kc; p++) {
        const b0 = v128.load(bo);
        const b1 = v128.load(bo, 16);
        let x = v128.load64_splat(ao);
        r00 = f64x2.add(r00, f64x2.mul(x, b0));
        r01 = f64x2.add(r01, f64x2.mul(x, b1));
        x = v128.load64_splat(ao, 8);
        i00 = f64x2.add(i00, f64x2.mul(x, b0));
        i01 = f64x2.add(i01, f64x2.mul(x, b1));
        x = v128.load64_splat(ao, 16);
        r10 = f64x2.add(r10, f64x2.mul(x, b0));
        r11 = f64x2.add(r11, f64x2.mul(x, b1));
        x = v128.load64_splat(ao, 24);
        i10 = f64x2.add(i10, f64x2.mul(x, b0));
        i11 = f64x2.add(i11, f64x2.mul(x, b1));
        ao += 32;
        bo += 32;
      }
      const rows = min(MR, mc - i0);
      const c0 = at(c, i0, ldc, j0);
      subStore(c0, combine(r00, i00));
      if (cols > 1) subStore(c0 + 16, combine(r01, i01));
      if (rows > 1) {
        const c1 = c0 + row;
        subStore(c1, combine(r10, i10));
        if (cols > 1) subStore(c1 + 16, combine(r11, i11));
      }
    }
  }
}
