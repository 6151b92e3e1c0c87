/** 4×4 complex blocks (one BdG site block), interleaved, row-major: 32 numbers. */

/** out = a·b. */
export function mul4(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      let re = 0, im = 0;
      for (let k = 0; k < 4; k++) {
        const p = 2 * (4 * i + k), q = 2 * (4 * k + j);
        re += a[p]! * b[q]! - a[p + 1]! * b[q + 1]!;
        im += a[p]! * b[q + 1]! + a[p + 1]! * b[q]!;
      }
      out[2 * (4 * i + j)] = re;
      out[2 * (4 * i + j) + 1] = im;
    }
  return out;
}

/** Re Tr(a·b) (the trace itself when a·b is Hermitian-traced, e.g. Tr(H V)). */
export function traceProduct4(a: Float64Array, b: Float64Array): number {
  let t = 0;
  for (let i = 0; i < 4; i++)
    for (let k = 0; k < 4; k++) {
      const p = 2 * (4 * i + k), q = 2 * (4 * k + i);
      t += a[p]! * b[q]! - a[p + 1]! * b[q + 1]!;
    }
  return t;
}

/** Copy the 4×4 block of kept sites (r, c) out of a dense (4m)×(4m) matrix. */
export function extractBlock4(dense: Float64Array, m: number, r: number, c: number, out = new Float64Array(32)): Float64Array {
  const n = 4 * m;
  for (let a = 0; a < 4; a++)
    for (let b = 0; b < 4; b++) {
      const x = 2 * ((4 * r + a) * n + 4 * c + b);
      out[2 * (4 * a + b)] = dense[x]!;
      out[2 * (4 * a + b) + 1] = dense[x + 1]!;
    }
  return out;
}
