/**
 * Data movement of the selected inversion (src/solvers/sparse/selinvWasm.ts)
 * on fronts resident in this module's memory: strided copies, clears and
 * negations, the extend-add of a contribution block into its parent front and
 * its reverse (gathering G_BB from the parent's G), and the transposes and
 * mirrors of the symmetric and antisymmetric recurrences. The O(n³) work is the GEMM and
 * inversion kernels of zgemm.ts/dgemm.ts/zlu.ts/dlu.ts; these are the O(n²)
 * passes around them, plus a complex GEMM by three real products (zgemm3mSub).
 * Addresses are bytes; sizes and leading dimensions are in doubles unless they
 * say elements (ew doubles: 2 complex, 1 real).
 */

import { dgemmSub } from './dgemm';

/** dst[r][0..cols) ← src[r][0..cols) for r < rows (doubles; row strides ldd, lds). */
export function selCopy(dst: usize, ldd: i32, src: usize, lds: i32, rows: i32, cols: i32): void {
  const dStep: usize = (<usize>ldd) << 3, sStep: usize = (<usize>lds) << 3;
  const bytes: usize = (<usize>cols) << 3;
  for (let r = 0; r < rows; r++, dst += dStep, src += sStep) memory.copy(dst, src, bytes);
}

/** dst[r][0..cols) ← 0 for r < rows (doubles, row stride ld). */
export function selZero(dst: usize, ld: i32, rows: i32, cols: i32): void {
  const step: usize = (<usize>ld) << 3;
  const bytes: usize = (<usize>cols) << 3;
  for (let r = 0; r < rows; r++, dst += step) memory.fill(dst, 0, bytes);
}

/** x[0..n) ← −x[0..n) (doubles, contiguous). */
export function selNegate(x: usize, n: i32): void {
  const sign = f64x2.splat(-1);
  let i = 0;
  for (; i + 1 < n; i += 2, x += 16) v128.store(x, f64x2.mul(sign, v128.load(x)));
  if (i < n) store<f64>(x, -load<f64>(x));
}

/** The n diagonal elements of m (element width ew, leading dimension ld elements) += re (+ i·im). */
export function selAddDiagonal(m: usize, ld: i32, n: i32, ew: i32, re: f64, im: f64): void {
  const step: usize = (<usize>(ew * (ld + 1))) << 3;
  for (let i = 0; i < n; i++, m += step) {
    store<f64>(m, load<f64>(m) + re);
    if (ew === 2) store<f64>(m, load<f64>(m, 8) + im, 8);
  }
}

/**
 * work[map(i), map(j)] += cb[i, j] for the qSites·bs square contribution block cb (contiguous),
 * rows by the site map relMap[mapStart ..], columns by runs of consecutive sites (Int32 triples:
 * first site in cb, first site in work, length), runs[run0 .. run1); as extendAdd of multifrontal.ts.
 */
export function selExtendAdd(cb: usize, relMap: usize, mapStart: i32, qSites: i32, runs: usize, run0: i32, run1: i32, bs: i32, ew: i32, work: usize, ld: i32): void {
  const q = qSites * bs;
  const w = ew * bs;
  for (let i = 0; i < qSites; i++) {
    const R = load<i32>(relMap + ((<usize>(mapStart + i)) << 2)) * bs;
    for (let a = 0; a < bs; a++) {
      const srcRow = cb + ((<usize>(ew * (i * bs + a) * q)) << 3);
      const dstRow = work + ((<usize>(ew * (R + a) * ld)) << 3);
      for (let r = run0; r < run1; r++) {
        const t = runs + ((<usize>(3 * r)) << 2);
        addRow(dstRow + ((<usize>(load<i32>(t, 4) * w)) << 3), srcRow + ((<usize>(load<i32>(t) * w)) << 3), load<i32>(t, 8) * w);
      }
    }
  }
}

/**
 * The reverse of selExtendAdd: g[p + i][p + j] ← parent[map(i), map(j)] for the boundary of a
 * front (G_BB from the parent front's G, leading dimensions nf and np elements).
 */
export function selGather(parent: usize, np: i32, relMap: usize, mapStart: i32, qSites: i32, runs: usize, run0: i32, run1: i32, bs: i32, ew: i32, g: usize, nf: i32, p: i32): void {
  const w = ew * bs;
  for (let i = 0; i < qSites; i++) {
    const R = load<i32>(relMap + ((<usize>(mapStart + i)) << 2)) * bs;
    for (let x = 0; x < bs; x++) {
      const dst = g + ((<usize>(ew * ((p + i * bs + x) * nf + p))) << 3);
      const src = parent + ((<usize>(ew * (R + x) * np)) << 3);
      for (let r = run0; r < run1; r++) {
        const t = runs + ((<usize>(3 * r)) << 2);
        memory.copy(dst + ((<usize>(load<i32>(t) * w)) << 3), src + ((<usize>(load<i32>(t, 4) * w)) << 3), (<usize>(load<i32>(t, 8) * w)) << 3);
      }
    }
  }
}

/** dst[0..n) += src[0..n) (doubles). */
@inline function addRow(dst: usize, src: usize, n: i32): void {
  let j = 0;
  for (; j + 1 < n; j += 2, src += 16, dst += 16) v128.store(dst, f64x2.add(v128.load(dst), v128.load(src)));
  if (j < n) store<f64>(dst, load<f64>(dst) + load<f64>(src));
}

/** Tile edge of the transposing passes (both tiles stay in L1). */
const T: i32 = 32;

/**
 * dst[j][i] ← sign·src[i][j] for i < rows, j < cols: the elements (width ew) of a rows×cols block at
 * src (leading dimension lds elements) transposed into dst (leading dimension ldd elements); sign is
 * +1 (G_BI = G_IBᵀ of a symmetric front) or −1 (antisymmetric front), an exact scaling.
 */
export function selTranspose(dst: usize, ldd: i32, src: usize, lds: i32, rows: i32, cols: i32, ew: i32, sign: f64): void {
  const sz: usize = <usize>(ew << 3);
  const sv = f64x2.splat(sign);
  for (let i0 = 0; i0 < rows; i0 += T)
    for (let j0 = 0; j0 < cols; j0 += T) {
      const i1 = min(i0 + T, rows), j1 = min(j0 + T, cols);
      for (let j = j0; j < j1; j++) {
        let d = dst + (<usize>(j * ldd + i0)) * sz;
        let s = src + (<usize>(i0 * lds + j)) * sz;
        const sStep = (<usize>lds) * sz;
        for (let i = i0; i < i1; i++, d += sz, s += sStep) {
          if (ew === 2) v128.store(d, f64x2.mul(sv, v128.load(s)));
          else store<f64>(d, sign * load<f64>(s));
        }
      }
    }
}

/**
 * The n×n block m (leading dimension ld elements, width ew) completed from its lower triangle, in
 * place: m[j][i] ← sign·m[i][j] for j < i. With sign = −1 (an antisymmetric block) the diagonal,
 * exactly zero, is cleared of the products' rounding.
 */
export function selMirrorLower(m: usize, ld: i32, n: i32, ew: i32, sign: f64): void {
  const sz: usize = <usize>(ew << 3);
  const sv = f64x2.splat(sign);
  for (let i0 = 0; i0 < n; i0 += T)
    for (let j0 = 0; j0 <= i0; j0 += T) {
      const i1 = min(i0 + T, n);
      for (let i = i0; i < i1; i++) {
        const j1 = min(j0 + T, i);
        let s = m + (<usize>(i * ld + j0)) * sz;
        let d = m + (<usize>(j0 * ld + i)) * sz;
        const dStep = (<usize>ld) * sz;
        for (let j = j0; j < j1; j++, s += sz, d += dStep) {
          if (ew === 2) v128.store(d, f64x2.mul(sv, v128.load(s)));
          else store<f64>(d, sign * load<f64>(s));
        }
      }
    }
  if (sign < 0) {
    const step: usize = (<usize>(ld + 1)) * sz;
    let d = m;
    for (let i = 0; i < n; i++, d += step) {
      store<f64>(d, 0);
      if (ew === 2) store<f64>(d, 0, 8);
    }
  }
}

/**
 * Complex C[m×n] −= A[m×k]·B[k×n] (interleaved, leading dimensions in complex elements) by three
 * real products instead of four (the 3M form of Gauss's identity): with T1 = A_r·B_r, T2 = A_i·B_i,
 * T3 = (A_r + A_i)(B_r + B_i), Re(AB) = T1 − T2 and Im(AB) = T3 − T1 − T2. The real and imaginary
 * planes and the sums are split out into `work` (3·(mk + kn + mn) doubles), the products run in
 * dgemmSub; the splits and the final combination are O(mk + kn + mn) against 3·mnk multiply-adds.
 * Normwise as accurate as the four-product form (Higham, Accuracy and Stability, §23.2.4).
 */
export function zgemm3mSub(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, work: usize): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  const mk: usize = (<usize>(m * k)) << 3, kn: usize = (<usize>(k * n)) << 3, mn: usize = (<usize>(m * n)) << 3;
  const ar = work, ai = ar + mk, as = ai + mk;
  const br = as + mk, bi = br + kn, bs = bi + kn;
  const p = bs + kn, q = p + mn, r = q + mn;
  splitPlanes(a, lda, m, k, ar, ai, as);
  splitPlanes(b, ldb, k, n, br, bi, bs);
  memory.fill(p, 0, 3 * mn);
  dgemmSub(m, n, k, ar, k, br, n, p, n);
  dgemmSub(m, n, k, ai, k, bi, n, q, n);
  dgemmSub(m, n, k, as, k, bs, n, r, n);
  // P = −T1, Q = −T2, R = −T3: C_r += P − Q, C_i += R − P − Q.
  let o: usize = 0;
  for (let i = 0; i < m; i++) {
    let x = c + ((<usize>(i * ldc)) << 4);
    for (let j = 0; j < n; j++, o += 8, x += 16) {
      const pv = load<f64>(p + o), qv = load<f64>(q + o), rv = load<f64>(r + o);
      v128.store(x, f64x2.add(v128.load(x), f64x2(pv - qv, rv - pv - qv)));
    }
  }
}

/** re, im, re + im of the rows×cols complex matrix at m (leading dimension ld complex) into three contiguous real planes. */
function splitPlanes(m: usize, ld: i32, rows: i32, cols: i32, re: usize, im: usize, sum: usize): void {
  let o: usize = 0;
  for (let i = 0; i < rows; i++) {
    let x = m + ((<usize>(i * ld)) << 4);
    for (let j = 0; j < cols; j++, o += 8, x += 16) {
      const vr = load<f64>(x), vi = load<f64>(x, 8);
      store<f64>(re + o, vr);
      store<f64>(im + o, vi);
      store<f64>(sum + o, vr + vi);
    }
  }
}
