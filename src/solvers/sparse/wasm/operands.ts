/**
 * Copies of strided matrix operands between the callers' Float64Arrays and
 * the WebAssembly memory (contiguous there, leading dimension = columns), and
 * the dispatch of C −= A·B to the WebAssembly GEMM kernels.
 */
import { wasmKernels } from './kernels.js';

/** Multiply-adds below which the copies into WebAssembly memory cost more than they save. */
const WASM_MIN_WORK = 4096;

/**
 * C[m×n] −= A[m×k]·B[k×n] by the WebAssembly kernel `zgemmSub` (complex, ew = 2
 * doubles per element) or `dgemmSub` (real, ew = 1), offsets and leading dimensions
 * in elements. Operands already in the module memory are used in place; operands
 * all outside are copied in and C out. Returns false (nothing done) when WebAssembly
 * is not active, the product is too small to repay the copies, or the operands are
 * partly in the module memory (growing it for the copies would detach them): the
 * caller then runs its JavaScript kernel.
 */
export function wasmGemmSub(
  kernel: 'zgemmSub' | 'dgemmSub',
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
): boolean {
  const w = m * n * k >= WASM_MIN_WORK ? wasmKernels() : null;
  if (!w) return false;
  const ew = kernel === 'zgemmSub' ? 2 : 1;
  const at = [w.address(a), w.address(b), w.address(c)];
  if (at[0]! >= 0 && at[1]! >= 0 && at[2]! >= 0) {
    w[kernel](m, n, k, at[0]! + 8 * ew * aOff, lda, at[1]! + 8 * ew * bOff, ldb, at[2]! + 8 * ew * cOff, ldc);
    return true;
  }
  const s = at[0]! < 0 && at[1]! < 0 && at[2]! < 0 ? w.scratch(ew * (m * k + k * n + m * n)) : null;
  if (!s) return false;
  const { heap, base } = s;
  const pb = base + ew * m * k;
  const pc = pb + ew * k * n;
  copyIn(heap, base, a, aOff, lda, m, k, ew);
  copyIn(heap, pb, b, bOff, ldb, k, n, ew);
  copyIn(heap, pc, c, cOff, ldc, m, n, ew);
  w[kernel](m, n, k, 8 * base, k, 8 * pb, n, 8 * pc, n);
  copyOut(heap, pc, c, cOff, ldc, m, n, ew);
  return true;
}

/** heap[dst ..] ← rows×cols elements of width ew from src at element offset off, row stride ld (elements). */
export function copyIn(heap: Float64Array, dst: number, src: Float64Array, off: number, ld: number, rows: number, cols: number, ew: number): void {
  const w = ew * cols;
  if (ld === cols) {
    heap.set(src.subarray(ew * off, ew * off + rows * w), dst);
    return;
  }
  for (let i = 0, s = ew * off; i < rows; i++, s += ew * ld, dst += w) heap.set(src.subarray(s, s + w), dst);
}

/** The reverse of copyIn. */
export function copyOut(heap: Float64Array, src: number, dst: Float64Array, off: number, ld: number, rows: number, cols: number, ew: number): void {
  const w = ew * cols;
  if (ld === cols) {
    dst.set(heap.subarray(src, src + rows * w), ew * off);
    return;
  }
  for (let i = 0, d = ew * off; i < rows; i++, d += ew * ld, src += w) dst.set(heap.subarray(src, src + w), d);
}
