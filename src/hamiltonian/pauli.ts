import type { Complex } from '../math/complex.js';

/**
 * 2×2 complex matrices (spin space) as Float64Array(8): interleaved complex,
 * row-major, i.e. [re00, im00, re01, im01, re10, im10, re11, im11].
 */
export type Mat2 = Float64Array;

/** A 2×2 matrix from its entries, each a number or a Complex. */
export function mat2(a: number | Complex, b: number | Complex, c: number | Complex, d: number | Complex): Mat2 {
  const m = new Float64Array(8);
  [a, b, c, d].forEach((v, k) => {
    if (typeof v === 'number') m[2 * k] = v;
    else {
      m[2 * k] = v.re;
      m[2 * k + 1] = v.im;
    }
  });
  return m;
}

const I: Complex = { re: 0, im: 1 };
const mI: Complex = { re: 0, im: -1 };
/** σ0 = 1 */
export const sigma0: Mat2 = mat2(1, 0, 0, 1);
/** σ1 = σx */
export const sigma1: Mat2 = mat2(0, 1, 1, 0);
/** σ2 = σy = [[0, −i], [i, 0]] */
export const sigma2: Mat2 = mat2(0, mI, I, 0);
/** σ3 = σz */
export const sigma3: Mat2 = mat2(1, 0, 0, -1);
/** iσ2 = [[0, 1], [−1, 0]]: the spin-singlet pairing matrix (bodge's jσ2). */
export const isigma2: Mat2 = mat2(0, 1, -1, 0);
/** The Pauli vector (σ1, σ2, σ3). */
export const sigma: readonly [Mat2, Mat2, Mat2] = [sigma1, sigma2, sigma3];

/** s·m for a real or complex scalar s. */
export function scale(s: number | Complex, m: Mat2): Mat2 {
  const out = new Float64Array(8);
  const [sr, si] = typeof s === 'number' ? [s, 0] : [s.re, s.im];
  for (let k = 0; k < 4; k++) {
    const re = m[2 * k]!, im = m[2 * k + 1]!;
    out[2 * k] = sr * re - si * im;
    out[2 * k + 1] = sr * im + si * re;
  }
  return out;
}

/** Sum of 2×2 matrices. */
export function add(...ms: Mat2[]): Mat2 {
  const out = new Float64Array(8);
  for (const m of ms) for (let k = 0; k < 8; k++) out[k] += m[k]!;
  return out;
}

/** Matrix product a·b. */
export function mul(a: Mat2, b: Mat2): Mat2 {
  const out = new Float64Array(8);
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++) {
      let re = 0, im = 0;
      for (let k = 0; k < 2; k++) {
        const ar = a[2 * (2 * i + k)]!, ai = a[2 * (2 * i + k) + 1]!;
        const br = b[2 * (2 * k + j)]!, bi = b[2 * (2 * k + j) + 1]!;
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      out[2 * (2 * i + j)] = re;
      out[2 * (2 * i + j) + 1] = im;
    }
  return out;
}

/** v·σ = v_x σ1 + v_y σ2 + v_z σ3 for a real vector v. */
export function dotSigma(v: readonly number[]): Mat2 {
  return add(scale(v[0] ?? 0, sigma1), scale(v[1] ?? 0, sigma2), scale(v[2] ?? 0, sigma3));
}

/** Largest absolute entry difference between two 2×2 matrices. */
export function maxDiff(a: Mat2, b: Mat2): number {
  let d = 0;
  for (let k = 0; k < 4; k++) d = Math.max(d, Math.hypot(a[2 * k]! - b[2 * k]!, a[2 * k + 1]! - b[2 * k + 1]!));
  return d;
}
