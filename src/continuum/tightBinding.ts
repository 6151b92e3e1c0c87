/**
 * Exact static susceptibilities of infinite tight-binding lattices at T = 0
 * (or T > 0), for checking the continuum theory: the 2D square lattice
 * ε_k = −2t(cos k_x + cos k_y) − μ and the graphene honeycomb lattice.
 *
 * χ_ij = −T Σ_n G_ij(iω_n) G_ji(iω_n) → −(1/π) ∫_0^∞ dω Re[G_ij(iω) G_ji(iω)] at T = 0
 * (per spin, positive convention, χ per site: a site potential V_j gives δn_i = −χ_ij V_j).
 * G(iω) = (iω + μ − H)^{-1} comes from a Brillouin-zone integral in which the
 * second momentum is done in closed form (a 1D chain Green's function):
 *   ∫_{−π}^{π} dk/2π e^{−ikn}/(D − C cos k) = ζ^{|n|}/s,  s = √(D² − C²), ζ = C/(D + s), |ζ| ≤ 1,
 * leaving one adaptive integral over k_1 per frequency for all separations at once.
 */
import { InputError } from '../errors.js';
import { integrateVector } from '../math/quadrature.js';
import { checkFinite, checkNonNegative, checkPositive } from './conventions.js';

/**
 * Chain Green's function ζ^{|n|}/s for complex D and real C; writes
 * [re, im] of ζ^{|n|}/s for n = 0..nMax into out (length 2(nMax + 1)).
 */
function chainGreen(dRe: number, dIm: number, C: number, nMax: number, out: Float64Array): void {
  // s = √(D² − C²), branch with Re(s·D̄) ≥ 0 so that |D + s| ≥ |D − s|
  const aRe = dRe * dRe - dIm * dIm - C * C;
  const aIm = 2 * dRe * dIm;
  const mod = Math.hypot(aRe, aIm);
  let sRe = Math.sqrt(Math.max(0, (mod + aRe) / 2));
  let sIm = Math.sqrt(Math.max(0, (mod - aRe) / 2));
  if (aIm < 0) sIm = -sIm;
  if (sRe * dRe + sIm * dIm < 0) {
    sRe = -sRe;
    sIm = -sIm;
  }
  // 1/s
  const sn = sRe * sRe + sIm * sIm;
  let vRe = sRe / sn;
  let vIm = -sIm / sn;
  // ζ = C/(D + s)
  const pRe = dRe + sRe;
  const pIm = dIm + sIm;
  const pn = pRe * pRe + pIm * pIm;
  const zRe = (C * pRe) / pn;
  const zIm = (-C * pIm) / pn;
  for (let n = 0; n <= nMax; n++) {
    out[2 * n] = vRe;
    out[2 * n + 1] = vIm;
    const r = vRe * zRe - vIm * zIm;
    vIm = vRe * zIm + vIm * zRe;
    vRe = r;
  }
}

export interface LatticeOptions {
  /** Hopping t (energy unit). Default 1. */
  hopping?: number;
  /** Chemical potential μ. */
  chemicalPotential: number;
  /** k_B T; 0 (default) integrates over ω, T > 0 sums Matsubara frequencies. */
  temperature?: number;
}

/** Breakpoints of the ω integral: the scales v/R of the oscillations and the band edges. */
function frequencyBreakpoints(velocity: number, distances: number[], bandEdge: number): number[] {
  const pts = new Set<number>();
  for (const R of distances) if (R > 0) for (const f of [0.5, 2, 8]) pts.add((f * velocity) / R);
  for (const f of [0.1, 1, 4, 20]) pts.add(f * bandEdge);
  return [...pts].filter((x) => x > 0).sort((a, b) => a - b);
}

/**
 * −(1/π)∫_0^∞ Re[P(ω)] dω at T = 0, or −2T Σ_{n≥0} Re P(ω_n) at T > 0, for a
 * vector of products P (one per separation).
 */
function frequencySum(
  products: (omega: number, out: Float64Array) => void,
  size: number,
  T: number,
  breakpoints: number[],
  bandEdge: number,
): Float64Array {
  if (T === 0) {
    const r = integrateVector(products, size, 0, Infinity, { breakpoints, relTol: 1e-8, absTol: 1e-13, maxEvaluations: 2e4 });
    return r.value.map((v) => -v / Math.PI);
  }
  // Explicit sum up to 40× the band edge, the 1/ω⁴ tail by the midpoint rule.
  const step = 2 * Math.PI * T;
  const nMax = Math.ceil((40 * bandEdge) / step);
  if (nMax > 100000) throw new InputError('temperature', `too small for the Matsubara sum (needs ${nMax} frequencies); use 0`);
  const total = new Float64Array(size);
  const buf = new Float64Array(size);
  for (let n = 0; n < nMax; n++) {
    products((2 * n + 1) * Math.PI * T, buf);
    for (let i = 0; i < size; i++) total[i] += buf[i]!;
  }
  const tail = integrateVector(products, size, nMax * step, Infinity, { relTol: 1e-8, absTol: 1e-14, maxEvaluations: 2e4 }).value;
  return total.map((v, i) => -2 * T * (v + tail[i]! / step));
}

/**
 * Static susceptibility per spin χ(0, r) of the infinite square lattice
 * ε_k = −2t(cos k_x + cos k_y) − μ between the origin and each site r = [x, y]
 * (lattice constant 1). Near the band bottom (μ = −4t + ε_F, ε_F ≪ t) it is the
 * 2D continuum χ_σ(R) with m* = 1/(2t a²) and k_F = √(2m* ε_F).
 */
export function squareLatticeSusceptibility(sites: ReadonlyArray<readonly [number, number]>, options: LatticeOptions): Float64Array {
  const t = checkPositive(options.hopping ?? 1, 'hopping');
  const mu = checkFinite(options.chemicalPotential, 'chemicalPotential');
  const T = checkNonNegative(options.temperature ?? 0, 'temperature');
  for (const [x, y] of sites)
    if (!Number.isInteger(x) || !Number.isInteger(y)) throw new InputError('sites', `expected integer lattice vectors, got [${x}, ${y}]`);
  const m = sites.length;
  const nMax = Math.max(0, ...sites.map(([, y]) => Math.abs(y)));
  const chain = new Float64Array(2 * (nMax + 1));
  // Fermi points of the k_1 integrand: μ + 2t cos k1 = ±2t
  const kBreaks: number[] = [];
  for (const edge of [2 * t, -2 * t]) {
    const c = (edge - mu) / (2 * t);
    if (c > -1 && c < 1) kBreaks.push(Math.acos(c));
  }
  const green = (omega: number, G: Float64Array): void => {
    // G(x, y) = (1/π) ∫_0^π cos(k1 x) ζ^{|y|}/s dk1 with D = iω + μ + 2t cos k1, C = −2t (even in k1)
    const r = integrateVector(
      (k1, o) => {
        chainGreen(mu + 2 * t * Math.cos(k1), omega, -2 * t, nMax, chain);
        for (let i = 0; i < m; i++) {
          const [x, y] = sites[i]!;
          const c = Math.cos(k1 * x);
          const j = Math.abs(y);
          o[2 * i] = c * chain[2 * j]!;
          o[2 * i + 1] = c * chain[2 * j + 1]!;
        }
      },
      2 * m,
      0,
      Math.PI,
      { breakpoints: kBreaks, relTol: 1e-10, absTol: (1e-12 * Math.max(1, t / omega)) / t, maxEvaluations: 2e5 },
    );
    for (let i = 0; i < 2 * m; i++) G[i] = r.value[i]! / Math.PI;
  };
  const G = new Float64Array(2 * m);
  const products = (omega: number, out: Float64Array): void => {
    green(omega, G);
    for (let i = 0; i < m; i++) out[i] = G[2 * i]! * G[2 * i]! - G[2 * i + 1]! * G[2 * i + 1]!;
  };
  const velocity = 2 * t * Math.max(0.05, Math.sqrt(Math.max(0, 1 - ((Math.abs(mu) - 2 * t) / (2 * t)) ** 2)));
  const distances = sites.map(([x, y]) => Math.hypot(x, y));
  return frequencySum(products, m, T, frequencyBreakpoints(velocity, distances, 4 * t + Math.abs(mu)), 4 * t + Math.abs(mu));
}

/** Which two sites of the honeycomb lattice: same sublattice (A–A) or opposite (A–B). */
export type SublatticePair = 'same' | 'opposite';

/**
 * Geometry of the honeycomb lattice used throughout: carbon–carbon distance
 * a = 1, A sites at m1 a1 + m2 a2 with a1 = (3/2, √3/2), a2 = (3/2, −√3/2),
 * B sites at A + δ1, δ1 = (1, 0). Valleys K = (2π/3, 2π/(3√3)), K' = (2π/3, −2π/(3√3)).
 */
export const HONEYCOMB = {
  a1: [1.5, Math.sqrt(3) / 2] as const,
  a2: [1.5, -Math.sqrt(3) / 2] as const,
  delta1: [1, 0] as const,
  K: [(2 * Math.PI) / 3, (2 * Math.PI) / (3 * Math.sqrt(3))] as const,
  Kprime: [(2 * Math.PI) / 3, -(2 * Math.PI) / (3 * Math.sqrt(3))] as const,
  /** Unit-cell area 3√3/2 (a = 1). */
  cellArea: (3 * Math.sqrt(3)) / 2,
};

/** Displacement vector from the A site of cell 0 to the site of the pair in cell m. */
export function honeycombDisplacement(cell: readonly [number, number], pair: SublatticePair): [number, number] {
  const [m1, m2] = cell;
  const x = m1 * HONEYCOMB.a1[0] + m2 * HONEYCOMB.a2[0] + (pair === 'opposite' ? HONEYCOMB.delta1[0] : 0);
  const y = m1 * HONEYCOMB.a1[1] + m2 * HONEYCOMB.a2[1];
  return [x, y];
}

/**
 * Static susceptibility per spin χ between the A site of cell 0 and the A
 * (pair 'same') or B (pair 'opposite') site of cell m = [m1, m2] of infinite
 * graphene, nearest-neighbour hopping t, chemical potential μ (0 = undoped).
 * With k1 = k·a1, k2 = k·a2: |g|² = 3 + 2cos k1 + 4cos(k1/2) cos(k2 − k1/2),
 * g = 1 + e^{−ik1} + e^{−ik2}, H_AB(k) = −t g, and the k2 integral is a chain.
 */
export function honeycombLatticeSusceptibility(
  cells: ReadonlyArray<readonly [number, number]>,
  pair: SublatticePair,
  options: LatticeOptions,
): Float64Array {
  const t = checkPositive(options.hopping ?? 1, 'hopping');
  const mu = checkFinite(options.chemicalPotential, 'chemicalPotential');
  const T = checkNonNegative(options.temperature ?? 0, 'temperature');
  if (pair !== 'same' && pair !== 'opposite') throw new InputError('pair', `expected 'same' or 'opposite', got '${pair}'`);
  for (const [a, b] of cells)
    if (!Number.isInteger(a) || !Number.isInteger(b)) throw new InputError('cells', `expected integer cell vectors, got [${a}, ${b}]`);
  const m = cells.length;
  const nMax = Math.max(0, ...cells.map(([, b]) => Math.abs(b) + 1));
  const chain = new Float64Array(2 * (nMax + 1));
  const t2 = t * t;
  // k1 projections of the Dirac points (K·a1 = −2π/3 mod 2π, K'·a1 = 2π/3) and of the Fermi surface edges
  const kBreaks = [(-2 * Math.PI) / 3, (2 * Math.PI) / 3, 0];
  // size: per cell, [G(0→m) re, im, G(m→0) re, im]
  const green = (omega: number, Gout: Float64Array): void => {
    // ζ² with ζ = μ + iω
    const z2Re = mu * mu - omega * omega;
    const z2Im = 2 * mu * omega;
    const r = integrateVector(
      (k1, o) => {
        const D0 = z2Re - t2 * (3 + 2 * Math.cos(k1));
        const C = 4 * t2 * Math.cos(k1 / 2);
        chainGreen(D0, z2Im, C, nMax, chain);
        for (let i = 0; i < m; i++) {
          const [m1, m2] = cells[i]!;
          const j = Math.abs(m2);
          if (pair === 'same') {
            // G_AA(0→m) = ∫ e^{−ik1 m1} e^{−i m2 k1/2} ζ I_{m2}; G_AA(m→0) is the same with k → −k, equal by symmetry
            const ph = -k1 * (m1 + m2 / 2);
            const cr = Math.cos(ph);
            const ci = Math.sin(ph);
            // ζ I
            const iRe = chain[2 * j]!;
            const iIm = chain[2 * j + 1]!;
            const zr = mu * iRe - omega * iIm;
            const zi = mu * iIm + omega * iRe;
            o[4 * i] = cr * zr - ci * zi;
            o[4 * i + 1] = cr * zi + ci * zr;
            // reverse direction: phase +ph
            o[4 * i + 2] = cr * zr + ci * zi;
            o[4 * i + 3] = cr * zi - ci * zr;
          } else {
            // I_{m2} and I_{m2+1} (I_n = I_{|n|})
            const j0 = Math.abs(m2);
            const j1 = Math.abs(m2 + 1);
            const a0r = chain[2 * j0]!;
            const a0i = chain[2 * j0 + 1]!;
            const a1r = chain[2 * j1]!;
            const a1i = chain[2 * j1 + 1]!;
            // forward: e^{−ik1 m1} e^{−i m2 k1/2} [−t(1 + e^{−ik1}) I_{m2} − t e^{−ik1/2} I_{m2+1}]
            {
              const ph = -k1 * (m1 + m2 / 2);
              // u = −t(1 + e^{−ik1})
              const ur = -t * (1 + Math.cos(k1));
              const ui = t * Math.sin(k1);
              const vr = -t * Math.cos(k1 / 2);
              const vi = t * Math.sin(k1 / 2);
              const sr = ur * a0r - ui * a0i + vr * a1r - vi * a1i;
              const si = ur * a0i + ui * a0r + vr * a1i + vi * a1r;
              const cr = Math.cos(ph);
              const ci = Math.sin(ph);
              o[4 * i] = cr * sr - ci * si;
              o[4 * i + 1] = cr * si + ci * sr;
            }
            // backward: e^{ik1 m1} [−t(1 + e^{ik1}) e^{i m2 k1/2} I_{m2} − t e^{i(m2+1)k1/2} I_{m2+1}]
            {
              const ph = k1 * (m1 + m2 / 2);
              const ur = -t * (1 + Math.cos(k1));
              const ui = -t * Math.sin(k1);
              const vr = -t * Math.cos(k1 / 2);
              const vi = -t * Math.sin(k1 / 2);
              const sr = ur * a0r - ui * a0i + vr * a1r - vi * a1i;
              const si = ur * a0i + ui * a0r + vr * a1i + vi * a1r;
              const cr = Math.cos(ph);
              const ci = Math.sin(ph);
              o[4 * i + 2] = cr * sr - ci * si;
              o[4 * i + 3] = cr * si + ci * sr;
            }
          }
        }
      },
      4 * m,
      -Math.PI,
      Math.PI,
      { breakpoints: kBreaks, relTol: 1e-10, absTol: (1e-12 * Math.max(1, t / omega)) / t, maxEvaluations: 4e5 },
    );
    for (let i = 0; i < 4 * m; i++) Gout[i] = r.value[i]! / (2 * Math.PI);
  };
  const G = new Float64Array(4 * m);
  const products = (omega: number, out: Float64Array): void => {
    green(omega, G);
    for (let i = 0; i < m; i++) out[i] = G[4 * i]! * G[4 * i + 2]! - G[4 * i + 1]! * G[4 * i + 3]!;
  };
  const distances = cells.map((c) => Math.hypot(...honeycombDisplacement(c, pair)));
  const velocity = 1.5 * t;
  return frequencySum(products, m, T, frequencyBreakpoints(velocity, distances, 3 * t + Math.abs(mu)), 3 * t + Math.abs(mu));
}
