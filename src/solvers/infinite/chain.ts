/**
 * The Green's function of an infinite block chain, H_{n,n} = A0,
 * H_{n,n+1} = A+, H_{n+1,n} = A− (n×n blocks), at a complex energy z off the
 * real axis, by Sancho–Rubio decimation [M. P. López Sancho, J. M. López
 * Sancho, J. Rubio, J. Phys. F 15, 851 (1985)]: each step eliminates every
 * other cell, so the couplings α, β shrink like ρ^{2^k} (ρ < 1 the largest
 * |ζ| of the decaying Bloch roots; 1 − ρ ~ Im z / bandwidth), i.e. about
 * log₂(bandwidth/Im z) steps: 40 at Im z = 1e-12.
 *
 * With the surface Green's functions g_R = (z − A0 − A+ g_R A−)⁻¹ (cells
 * 1, 2, … alone) and g_L = (z − A0 − A− g_L A+)⁻¹ (cells −1, −2, …), the
 * column equations of (z − H)G = 1 give
 *   G_{0,0}  = (z − A0 − A+ g_R A− − A− g_L A+)⁻¹,
 *   G_{0,n}  = G_{0,n−1} A+ g_R  (n ≥ 1),   G_{0,−n} = G_{0,−n+1} A− g_L.
 */

import { matMul, maxAbs, shiftedInverse } from './denseComplex.js';

/** Upper bound of decimation steps (2^120 ≫ any bandwidth/Im z in double precision). */
const MAX_STEPS = 120;

export class ChainSolver {
  private readonly buf: Float64Array[];

  constructor(readonly n: number) {
    this.buf = Array.from({ length: 14 }, () => new Float64Array(2 * n * n));
  }

  /**
   * G_{0,s} for s = −left..right written to out at offset 2n²(s + left).
   * Returns false if z is (numerically) in the spectrum.
   */
  solve(a0: Float64Array, ap: Float64Array, am: Float64Array, zr: number, zi: number, left: number, right: number, out: Float64Array): boolean {
    if (this.n === 1) return scalarChain(a0, ap, am, zr, zi, left, right, out);
    const n = this.n, n2 = 2 * n * n;
    const [epsR, epsL, eps, alpha, beta, g, ag, bg, t, alphaNext, betaNext, work, sR, sL] = this.buf as [
      Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
      Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
    ];
    epsR.set(a0);
    epsL.set(a0);
    eps.set(a0);
    alpha.set(ap);
    beta.set(am);
    const scale = Math.max(maxAbs(n, a0), maxAbs(n, ap), maxAbs(n, am), Math.hypot(zr, zi), Number.MIN_VALUE);
    let converged = false;
    for (let step = 0; step < MAX_STEPS; step++) {
      if (!shiftedInverse(n, zr, zi, eps, work, g)) return false;
      const gNorm = maxAbs(n, g), aNorm = maxAbs(n, alpha), bNorm = maxAbs(n, beta);
      if (aNorm * bNorm * gNorm <= 1e-17 * scale) {
        converged = true;
        break;
      }
      matMul(n, alpha, g, ag);
      matMul(n, beta, g, bg);
      matMul(n, ag, beta, t);
      for (let e = 0; e < n2; e++) {
        epsR[e] += t[e]!;
        eps[e] += t[e]!;
      }
      matMul(n, bg, alpha, t);
      for (let e = 0; e < n2; e++) {
        epsL[e] += t[e]!;
        eps[e] += t[e]!;
      }
      matMul(n, ag, alpha, alphaNext);
      matMul(n, bg, beta, betaNext);
      alpha.set(alphaNext);
      beta.set(betaNext);
    }
    if (!converged) return false;
    const g00 = out.subarray(n2 * left, n2 * (left + 1));
    if (!shiftedInverse(n, zr, zi, eps, work, g00)) return false;
    if (right > 0) {
      if (!shiftedInverse(n, zr, zi, epsR, work, g)) return false;
      matMul(n, ap, g, sR);
      for (let s = 1; s <= right; s++) matMul(n, out.subarray(n2 * (left + s - 1), n2 * (left + s)), sR, out.subarray(n2 * (left + s), n2 * (left + s + 1)));
    }
    if (left > 0) {
      if (!shiftedInverse(n, zr, zi, epsL, work, g)) return false;
      matMul(n, am, g, sL);
      for (let s = 1; s <= left; s++) matMul(n, out.subarray(n2 * (left - s + 1), n2 * (left - s + 2)), sL, out.subarray(n2 * (left - s), n2 * (left - s + 1)));
    }
    return true;
  }
}

/** The same decimation for 1×1 blocks in scalar complex arithmetic (the sectors of hosts without pairing or spin–orbit coupling). */
function scalarChain(a0: Float64Array, ap: Float64Array, am: Float64Array, zr: number, zi: number, left: number, right: number, out: Float64Array): boolean {
  let er = a0[0]!, ei = a0[1]!, rr = er, ri = ei, lr = er, li = ei;
  let ar = ap[0]!, ai = ap[1]!, br = am[0]!, bi = am[1]!;
  const scale = Math.max(Math.hypot(er, ei), Math.hypot(ar, ai), Math.hypot(br, bi), Math.hypot(zr, zi), Number.MIN_VALUE);
  let converged = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const dr = zr - er, di = zi - ei, dm = dr * dr + di * di;
    if (!(dm > 0)) return false;
    const gr = dr / dm, gi = -di / dm;
    if (Math.hypot(ar, ai) * Math.hypot(br, bi) * Math.hypot(gr, gi) <= 1e-17 * scale) {
      converged = true;
      break;
    }
    // ab g: the scalar α g β = β g α
    const abr = ar * br - ai * bi, abi = ar * bi + ai * br;
    const tr = abr * gr - abi * gi, ti = abr * gi + abi * gr;
    rr += tr;
    ri += ti;
    lr += tr;
    li += ti;
    er += 2 * tr;
    ei += 2 * ti;
    const agr = ar * gr - ai * gi, agi = ar * gi + ai * gr;
    const bgr = br * gr - bi * gi, bgi = br * gi + bi * gr;
    const nar = agr * ar - agi * ai, nai = agr * ai + agi * ar;
    const nbr = bgr * br - bgi * bi, nbi = bgr * bi + bgi * br;
    ar = nar;
    ai = nai;
    br = nbr;
    bi = nbi;
  }
  if (!converged) return false;
  const inv = (xr: number, xi: number): [number, number] => {
    const dr = zr - xr, di = zi - xi, dm = dr * dr + di * di;
    return [dr / dm, -di / dm];
  };
  const [g0r, g0i] = inv(er, ei);
  if (!Number.isFinite(g0r) || !Number.isFinite(g0i)) return false;
  out[2 * left] = g0r;
  out[2 * left + 1] = g0i;
  if (right > 0) {
    const [gr, gi] = inv(rr, ri);
    const sr = ap[0]! * gr - ap[1]! * gi, si = ap[0]! * gi + ap[1]! * gr;
    for (let s = 1; s <= right; s++) {
      const p = 2 * (left + s - 1), vr = out[p]!, vi = out[p + 1]!;
      out[p + 2] = vr * sr - vi * si;
      out[p + 3] = vr * si + vi * sr;
    }
  }
  if (left > 0) {
    const [gr, gi] = inv(lr, li);
    const sr = am[0]! * gr - am[1]! * gi, si = am[0]! * gi + am[1]! * gr;
    for (let s = 1; s <= left; s++) {
      const p = 2 * (left - s + 1), vr = out[p]!, vi = out[p + 1]!;
      out[p - 2] = vr * sr - vi * si;
      out[p - 1] = vr * si + vi * sr;
    }
  }
  return true;
}
