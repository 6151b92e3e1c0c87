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
  invertWork.set(a.subarray(0, 32));
  const logDet = invertN(invertWork, invertOut, 4);
  if (logDet !== -Infinity) out.set(invertOut);
  return logDet;
}
const invertWork = new Float64Array(32);
const invertOut = new Float64Array(32);

/** out = 1 − g·v for 4×4 blocks (the impurity's 1 − G0V). */
export function oneMinusProduct4(g: Float64Array, v: Float64Array, out: Float64Array): Float64Array {
  mul4(g, v, out);
  for (let k = 0; k < 32; k++) out[k] = -out[k]!;
  for (let d = 0; d < 4; d++) out[2 * (4 * d + d)] += 1;
  return out;
}

/**
 * ln|det(1 − x)| of a 4×4 block with relative accuracy also when x is tiny.
 * For ‖x‖_F ≤ 1/4: det(1 − x) = 1 + c with c = −e1 + e2 − e3 + e4, the
 * elementary symmetric functions of x's eigenvalues from the power traces
 * p_k = Tr x^k by Newton's identities (k e_k = Σ_{i=1..k} (−1)^{i−1} e_{k−i} p_i),
 * and ln|1 + c| = ½ log1p(2 Re c + |c|²): every term carries an absolute error
 * ε·‖x‖^k, so a coupling of 1e-12 keeps all its digits (as the series
 * −Re Σ Tr(x^k)/k would, at a tenth of the work). Larger x: the determinant of
 * 1 − x by pivoted elimination.
 */
export function logAbsDetOneMinus4(x: Float64Array): number {
  let norm2 = 0;
  for (let k = 0; k < 32; k++) norm2 += x[k]! * x[k]!;
  if (norm2 > 1 / 16) {
    const a = oneMinusWork;
    for (let k = 0; k < 32; k++) a[k] = -x[k]!;
    for (let d = 0; d < 4; d++) a[2 * (4 * d + d)] += 1;
    return invert4(a, oneMinusOut);
  }
  const x2 = squareWork;
  mul4(x, x, x2);
  let p1r = 0, p1i = 0, p2r = 0, p2i = 0;
  for (let d = 0; d < 4; d++) {
    p1r += x[2 * (4 * d + d)]!;
    p1i += x[2 * (4 * d + d) + 1]!;
    p2r += x2[2 * (4 * d + d)]!;
    p2i += x2[2 * (4 * d + d) + 1]!;
  }
  // p3 = Tr(x²·x), p4 = Tr(x²·x²) without forming the products.
  let p3r = 0, p3i = 0, p4r = 0, p4i = 0;
  for (let i = 0; i < 4; i++)
    for (let k = 0; k < 4; k++) {
      const u = 2 * (4 * i + k), v = 2 * (4 * k + i);
      const ar = x2[u]!, ai = x2[u + 1]!;
      p3r += ar * x[v]! - ai * x[v + 1]!;
      p3i += ar * x[v + 1]! + ai * x[v]!;
      p4r += ar * x2[v]! - ai * x2[v + 1]!;
      p4i += ar * x2[v + 1]! + ai * x2[v]!;
    }
  const e1r = p1r, e1i = p1i;
  const e2r = 0.5 * (e1r * p1r - e1i * p1i - p2r), e2i = 0.5 * (e1r * p1i + e1i * p1r - p2i);
  const e3r = (e2r * p1r - e2i * p1i - (e1r * p2r - e1i * p2i) + p3r) / 3;
  const e3i = (e2r * p1i + e2i * p1r - (e1r * p2i + e1i * p2r) + p3i) / 3;
  const e4r = 0.25 * (e3r * p1r - e3i * p1i - (e2r * p2r - e2i * p2i) + (e1r * p3r - e1i * p3i) - p4r);
  const e4i = 0.25 * (e3r * p1i + e3i * p1r - (e2r * p2i + e2i * p2r) + (e1r * p3i + e1i * p3r) - p4i);
  const cr = -e1r + e2r - e3r + e4r, ci = -e1i + e2i - e3i + e4i;
  return 0.5 * Math.log1p(2 * cr + cr * cr + ci * ci);
}
const oneMinusWork = new Float64Array(32);
const oneMinusOut = new Float64Array(32);
const squareWork = new Float64Array(32);
