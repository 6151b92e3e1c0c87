import { invertN } from './denseComplex.js';
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

/**
 * out = a⁻¹ for a 4×4 block (Gauss–Jordan with partial pivoting, math/denseComplex's
 * invertN); returns ln|det a| (−Infinity, and out untouched, if a is singular).
 * Unlike invertN, `a` is kept.
 */
export function invert4(a: Float64Array, out: Float64Array): number {
  const work = a.slice(0, 32), inverse = new Float64Array(32);
  const logDet = invertN(work, inverse, 4);
  if (logDet !== -Infinity) out.set(inverse);
  return logDet;
}

/** out = 1 − g·v for 4×4 blocks (the impurity's 1 − G0V). */
export function oneMinusProduct4(g: Float64Array, v: Float64Array, out: Float64Array): Float64Array {
  mul4(g, v, out);
  for (let k = 0; k < 32; k++) out[k] = -out[k]!;
  for (let d = 0; d < 4; d++) out[2 * (4 * d + d)] += 1;
  return out;
}

/**
 * ln|det(1 − x)| of a 4×4 block with relative accuracy also when x is tiny:
 * −Re Σ_k Tr(x^k)/k when ‖x‖_F ≤ 1/4 (so a coupling of 1e-12 keeps all its
 * digits), else the determinant of 1 − x directly.
 */
export function logAbsDetOneMinus4(x: Float64Array): number {
  let norm2 = 0;
  for (let k = 0; k < 32; k++) norm2 += x[k]! * x[k]!;
  if (norm2 > 1 / 16) {
    const a = new Float64Array(32);
    for (let k = 0; k < 32; k++) a[k] = -x[k]!;
    for (let d = 0; d < 4; d++) a[2 * (4 * d + d)] += 1;
    return invert4(a, new Float64Array(32));
  }
  // |Tr x^k| ≤ 4‖x‖_F^k bounds the rest of the series.
  const nF = Math.sqrt(norm2);
  let power = x.slice();
  const next = new Float64Array(32);
  let sum = 0;
  let bound = nF;
  for (let k = 1; k <= 64; k++) {
    let tr = 0;
    for (let d = 0; d < 4; d++) tr += power[2 * (4 * d + d)]!;
    sum -= tr / k;
    bound *= nF;
    if ((4 * bound) / (k + 1) <= 1e-17 * Math.abs(sum)) break;
    mul4(power, x, next);
    power = next.slice();
  }
  return sum;
}
