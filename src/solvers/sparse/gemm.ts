/**
 * Complex matrix update C ← C − A·B on interleaved row-major storage: the
 * kernel that carries almost all the flops of the multifrontal factorization
 * (the Schur-complement updates of the largest fronts).
 *
 * Goto-style blocking: B is packed into strips of NR columns (kc × NR complex,
 * k-major), A into strips of MR rows (kc × MR complex, k-major), and an MR×NR
 * register-blocked micro-kernel accumulates over kc. MR = 3, NR = 2 keeps the
 * 12 accumulators plus the operands in the 16 x64 float registers that V8 can
 * allocate; measured ≈ 5–6 GFlop/s on one Zen 4 core (scalar, no SIMD in JS).
 * Packing pads the ragged last strips with zeros, so the micro-kernel never
 * branches on the edge; only the write-back does.
 */

import { wasmGemmSub } from './wasm/operands.js';

const MR = 3;
const NR = 2;
/** Inner dimension per packed block: keeps one B strip (KC·NR complex) in L1. */
const KC = 64;
/** Rows per packed A block: MC·KC complex ≈ 200 KB stays in L2. */
const MC = 192;
/** Columns per packed B block. */
const NC = 1536;

const packA = new Float64Array(2 * MC * KC);
let packB = new Float64Array(2 * NC * KC);

/**
 * C[m×n] −= A[m×k] · B[k×n]. Offsets are in complex elements (not doubles),
 * leading dimensions in complex elements; all three matrices may live in the
 * same array (they must not overlap).
 *
 * Runs the WebAssembly SIMD kernel when it is active and the product
 * is large enough to repay copying the operands into its memory (O(mk + kn +
 * mn) against O(mnk)), else in JavaScript.
 */
export function gemmSub(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOff: number,
  lda: number,
  b: Float64Array,
  bOff: number,
  ldb: number,
  c: Float64Array,
  cOff: number,
  ldc: number,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  if (wasmGemmSub('zgemmSub', m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc)) return;
  gemmSubJs(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
}

/** The JavaScript kernel (the fallback, and the reference of the tests). */
export function gemmSubJs(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOff: number,
  lda: number,
  b: Float64Array,
  bOff: number,
  ldb: number,
  c: Float64Array,
  cOff: number,
  ldc: number,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  for (let kk = 0; kk < k; kk += KC) {
    const kc = Math.min(KC, k - kk);
    for (let jj = 0; jj < n; jj += NC) {
      const nc = Math.min(NC, n - jj);
      packBlockB(b, bOff + kk * ldb + jj, ldb, kc, nc);
      for (let ii = 0; ii < m; ii += MC) {
        const mc = Math.min(MC, m - ii);
        packBlockA(a, aOff + ii * lda + kk, lda, mc, kc);
        macroKernel(mc, nc, kc, c, cOff + ii * ldc + jj, ldc);
      }
    }
  }
}

/** Packs B[kc×nc] (row stride ldb) into NR-column strips, zero-padded. */
function packBlockB(b: Float64Array, off: number, ldb: number, kc: number, nc: number): void {
  const strips = Math.ceil(nc / NR);
  const need = 2 * strips * NR * kc;
  if (packB.length < need) packB = new Float64Array(need);
  const pb = packB;
  let o = 0;
  for (let s = 0; s < strips; s++) {
    const j0 = s * NR;
    const full = j0 + NR <= nc;
    for (let p = 0; p < kc; p++) {
      const src = 2 * (off + p * ldb + j0);
      if (full) {
        pb[o] = b[src];
        pb[o + 1] = b[src + 1];
        pb[o + 2] = b[src + 2];
        pb[o + 3] = b[src + 3];
      } else {
        pb[o] = b[src];
        pb[o + 1] = b[src + 1];
        pb[o + 2] = 0;
        pb[o + 3] = 0;
      }
      o += 4;
    }
  }
}

/** Packs A[mc×kc] (row stride lda) into MR-row strips, zero-padded. */
function packBlockA(a: Float64Array, off: number, lda: number, mc: number, kc: number): void {
  const pa = packA;
  const strips = Math.ceil(mc / MR);
  for (let s = 0; s < strips; s++) {
    const i0 = s * MR;
    const rows = Math.min(MR, mc - i0);
    const base = 2 * s * MR * kc;
    for (let r = 0; r < MR; r++) {
      let o = base + 2 * r;
      if (r < rows) {
        let src = 2 * (off + (i0 + r) * lda);
        for (let p = 0; p < kc; p++) {
          pa[o] = a[src];
          pa[o + 1] = a[src + 1];
          o += 2 * MR;
          src += 2;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          pa[o] = 0;
          pa[o + 1] = 0;
          o += 2 * MR;
        }
      }
    }
  }
}

/** C[mc×nc] −= packed A · packed B with the 3×2 micro-kernel. */
function macroKernel(mc: number, nc: number, kc: number, c: Float64Array, cOff: number, ldc: number): void {
  const pa = packA;
  const pb = packB;
  const ld2 = 2 * ldc;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const bBase = 2 * j0 * kc;
    const cols = Math.min(NR, nc - j0);
    for (let i0 = 0; i0 < mc; i0 += MR) {
      let ao = 2 * i0 * kc;
      let bo = bBase;
      let c00r = 0, c00i = 0, c01r = 0, c01i = 0;
      let c10r = 0, c10i = 0, c11r = 0, c11i = 0;
      let c20r = 0, c20i = 0, c21r = 0, c21i = 0;
      for (let p = 0; p < kc; p++) {
        const b0r = pb[bo], b0i = pb[bo + 1], b1r = pb[bo + 2], b1i = pb[bo + 3];
        let ar = pa[ao], ai = pa[ao + 1];
        c00r += ar * b0r - ai * b0i;
        c00i += ar * b0i + ai * b0r;
        c01r += ar * b1r - ai * b1i;
        c01i += ar * b1i + ai * b1r;
        ar = pa[ao + 2];
        ai = pa[ao + 3];
        c10r += ar * b0r - ai * b0i;
        c10i += ar * b0i + ai * b0r;
        c11r += ar * b1r - ai * b1i;
        c11i += ar * b1i + ai * b1r;
        ar = pa[ao + 4];
        ai = pa[ao + 5];
        c20r += ar * b0r - ai * b0i;
        c20i += ar * b0i + ai * b0r;
        c21r += ar * b1r - ai * b1i;
        c21i += ar * b1i + ai * b1r;
        ao += 6;
        bo += 4;
      }
      const rows = Math.min(MR, mc - i0);
      const r0 = 2 * (cOff + i0 * ldc + j0);
      if (rows === MR && cols === NR) {
        c[r0] -= c00r;
        c[r0 + 1] -= c00i;
        c[r0 + 2] -= c01r;
        c[r0 + 3] -= c01i;
        const r1 = r0 + ld2;
        c[r1] -= c10r;
        c[r1 + 1] -= c10i;
        c[r1 + 2] -= c11r;
        c[r1 + 3] -= c11i;
        const r2 = r1 + ld2;
        c[r2] -= c20r;
        c[r2 + 1] -= c20i;
        c[r2 + 2] -= c21r;
        c[r2 + 3] -= c21i;
      } else {
        c[r0] -= c00r;
        c[r0 + 1] -= c00i;
        if (cols > 1) {
          c[r0 + 2] -= c01r;
          c[r0 + 3] -= c01i;
        }
        if (rows > 1) {
          const r1 = r0 + ld2;
          c[r1] -= c10r;
          c[r1 + 1] -= c10i;
          if (cols > 1) {
            c[r1 + 2] -= c11r;
            c[r1 + 3] -= c11i;
          }
        }
        if (rows > 2) {
          const r2 = r0 + 2 * ld2;
          c[r2] -= c20r;
          c[r2 + 1] -= c20i;
          if (cols > 1) {
            c[r2 + 2] -= c21r;
            c[r2 + 3] -= c21i;
          }
        }
      }
    }
  }
}
