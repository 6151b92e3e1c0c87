/**
 * Real matrix update C ← C − A·B (row-major Float64Array): the kernel of the
 * real (Majorana-basis) elimination, see majorana.ts. Same Goto-style packing
 * as the complex gemm.ts; the 3×3 register block measured fastest among
 * 3×3, 3×4, 4×3, 4×2 and 4×4 in V8 (≈ 4.5 GFlop/s on one Zen 4 core).
 */

import { wasmGemmSub } from './wasm/operands.js';

const MR = 3;
const NR = 3;
const KC = 128;
const MC = 192;
const NC = 1536;

const packA = new Float64Array(MC * KC);
let packB = new Float64Array(NC * KC);
const edge = new Float64Array(MR * NR);

/**
 * C[m×n] −= A[m×k]·B[k×n]; offsets and leading dimensions in elements. By
 * the WebAssembly kernel when active (see gemm.ts), else gemmSubRealJs.
 */
export function gemmSubReal(
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
  if (wasmGemmSub('dgemmSub', m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc)) return;
  gemmSubRealJs(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
}

/** The JavaScript kernel (the fallback, and the reference of the tests). */
export function gemmSubRealJs(
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

function packBlockB(b: Float64Array, off: number, ldb: number, kc: number, nc: number): void {
  const strips = Math.ceil(nc / NR);
  const need = strips * NR * kc;
  if (packB.length < need) packB = new Float64Array(need);
  const pb = packB;
  let o = 0;
  for (let s = 0; s < strips; s++) {
    const j0 = s * NR;
    const cols = Math.min(NR, nc - j0);
    for (let p = 0; p < kc; p++) {
      const src = off + p * ldb + j0;
      for (let r = 0; r < NR; r++) pb[o + r] = r < cols ? b[src + r] : 0;
      o += NR;
    }
  }
}

function packBlockA(a: Float64Array, off: number, lda: number, mc: number, kc: number): void {
  const pa = packA;
  const strips = Math.ceil(mc / MR);
  for (let s = 0; s < strips; s++) {
    const i0 = s * MR;
    const rows = Math.min(MR, mc - i0);
    const base = s * MR * kc;
    for (let r = 0; r < MR; r++) {
      let o = base + r;
      if (r < rows) {
        let src = off + (i0 + r) * lda;
        for (let p = 0; p < kc; p++, o += MR, src++) pa[o] = a[src];
      } else {
        for (let p = 0; p < kc; p++, o += MR) pa[o] = 0;
      }
    }
  }
}

function macroKernel(mc: number, nc: number, kc: number, c: Float64Array, cOff: number, ldc: number): void {
  const pa = packA;
  const pb = packB;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const bBase = j0 * kc;
    const cols = Math.min(NR, nc - j0);
    for (let i0 = 0; i0 < mc; i0 += MR) {
      let ao = i0 * kc;
      let bo = bBase;
      let c00 = 0, c01 = 0, c02 = 0, c10 = 0, c11 = 0, c12 = 0, c20 = 0, c21 = 0, c22 = 0;
      for (let p = 0; p < kc; p++) {
        const b0 = pb[bo], b1 = pb[bo + 1], b2 = pb[bo + 2];
        let x = pa[ao];
        c00 += x * b0;
        c01 += x * b1;
        c02 += x * b2;
        x = pa[ao + 1];
        c10 += x * b0;
        c11 += x * b1;
        c12 += x * b2;
        x = pa[ao + 2];
        c20 += x * b0;
        c21 += x * b1;
        c22 += x * b2;
        ao += MR;
        bo += NR;
      }
      const rows = Math.min(MR, mc - i0);
      let r = cOff + i0 * ldc + j0;
      if (rows === MR && cols === NR) {
        c[r] -= c00;
        c[r + 1] -= c01;
        c[r + 2] -= c02;
        r += ldc;
        c[r] -= c10;
        c[r + 1] -= c11;
        c[r + 2] -= c12;
        r += ldc;
        c[r] -= c20;
        c[r + 1] -= c21;
        c[r + 2] -= c22;
      } else {
        edge[0] = c00;
        edge[1] = c01;
        edge[2] = c02;
        edge[3] = c10;
        edge[4] = c11;
        edge[5] = c12;
        edge[6] = c20;
        edge[7] = c21;
        edge[8] = c22;
        for (let i = 0; i < rows; i++, r += ldc) {
          for (let j = 0; j < cols; j++) c[r + j] -= edge[i * NR + j];
        }
      }
    }
  }
}
