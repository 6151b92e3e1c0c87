import type { Complex } from '../math/complex.js';
import { cexpi, cmul } from '../math/complex.js';
import type { DMatrix } from './dvector.js';
import { add, dotSigma, isigma2, mul, scale, sigma, sigma0, sigma1, sigma2, type Mat2 } from './pauli.js';

/**
 * The physical terms of DESIGN.md §1 as 2×2 spin blocks. Bond vectors δ are
 * r_j − r_i (unit vectors for nearest neighbours, across periodic edges too).
 */

/** On-site normal block H_ii = −μ σ0 − h·σ. */
export function onsite(mu: number, h: readonly number[] = [0, 0, 0]): Mat2 {
  return add(scale(-mu, sigma0), scale(-1, dotSigma(h)));
}

/** Exchange with a classical impurity spin: −(J/2) S·σ. */
export function impurityExchange(J: number, spin: readonly number[]): Mat2 {
  return scale(-J / 2, dotSigma(spin));
}

/** Nearest-neighbour hopping H_ij = −t σ0. */
export function hopping(t: number): Mat2 {
  return scale(-t, sigma0);
}

/**
 * Rashba spin–orbit hopping H_ij += iλ(δ_x σ2 − δ_y σ1), which is
 * 2λ(σ_x sin k_y − σ_y sin k_x) in k-space.
 */
export function rashba(lambda: number, delta: readonly number[]): Mat2 {
  return scale({ re: 0, im: lambda }, add(scale(delta[0] ?? 0, sigma2), scale(-(delta[1] ?? 0), sigma1)));
}

/** s-wave: Δ_ii = −Δ_s e^{iφ_i} iσ2. */
export function swave(deltaS: Complex, phase = 0): Mat2 {
  return scale(cmul({ re: -deltaS.re, im: -deltaS.im }, cexpi(phase)), isigma2);
}

/**
 * p-wave from the d-vector matrix D (rows spin axes, columns momenta):
 * Δ_ij = −Δ_p e^{iφ_ij} Σ_{k,c} ½ D_kc δ_c σ_k iσ2.
 */
export function pwave(deltaP: Complex, D: DMatrix, delta: readonly number[], phase = 0): Mat2 {
  let m: Mat2 = new Float64Array(8);
  for (let k = 0; k < 3; k++) {
    let coef: Complex = { re: 0, im: 0 };
    for (let c = 0; c < 3; c++) {
      const d = D[3 * k + c]!, dc = (delta[c] ?? 0) / 2;
      coef = { re: coef.re + d.re * dc, im: coef.im + d.im * dc };
    }
    if (coef.re !== 0 || coef.im !== 0) m = add(m, scale(coef, mul(sigma[k], isigma2)));
  }
  return scale(cmul({ re: -deltaP.re, im: -deltaP.im }, cexpi(phase)), m);
}

/** d_{x²−y²}: Δ_ij = −Δ_d e^{iφ_ij} (δ_x² − δ_y²)/|δ|² iσ2. */
export function dwave(deltaD: Complex, delta: readonly number[], phase = 0): Mat2 {
  const [dx, dy, dz] = [delta[0] ?? 0, delta[1] ?? 0, delta[2] ?? 0];
  const r2 = dx * dx + dy * dy + dz * dz;
  const form = r2 === 0 ? 0 : (dx * dx - dy * dy) / r2;
  return scale(cmul({ re: -deltaD.re * form, im: -deltaD.im * form }, cexpi(phase)), isigma2);
}
