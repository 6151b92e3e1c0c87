/**
 * Copies of strided matrix operands between the callers' Float64Arrays and
 * the WebAssembly memory (contiguous there, leading dimension = columns).
 */

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
