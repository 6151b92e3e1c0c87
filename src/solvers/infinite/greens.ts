/**
 * G(R, z) of an infinite periodic host (blochBlocks.ts) for a few
 * displacements R at one complex energy z, by Brillouin-zone quadrature with
 * error control: the innermost axis is done exactly by the chain Green's
 * function (chain.ts: the contour integral over e^{2πik} of (z − H(k))⁻¹,
 * summed by decimation), the remaining d − 1 axes by iterated adaptive
 * Gauss–Kronrod (adaptive.ts). The chain handles the peak of width ~Im z at
 * the Fermi surface analytically, so that what is left for the quadrature is
 * smooth apart from the (integrable, square-root) band edges of the chains,
 * and Im z may be as small as ~1e-12 of the bandwidth.
 *
 * Error control: a pilot (fixed composite rule) gives |G(R)| per displacement,
 * then every G(R) is integrated to `tolerance` relative to its own size (the
 * far blocks matter for the exchange however small they are), repeated if the
 * pilot overestimated |G(R)|.
 */

import type { Complex } from '../../math/complex.js';
import { ConvergenceError, InputError } from '../../errors.js';
import { GroupQuadrature } from './adaptive.js';
import { blockCount, componentSectors, type BlochBlocks } from './blochBlocks.js';
import { ChainSolver } from './chain.js';

export interface InfiniteGreensOptions {
  /** Relative accuracy of each G(R) (default 1e-8). */
  tolerance?: number;
  /** Budget of chain solves (default 4e6). */
  maxEvaluations?: number;
}

export interface InfiniteGreensResult {
  /** G(R_i, z) for each requested displacement: 2N² interleaved numbers each (N×N, row-major). */
  greens: Float64Array;
  /** Estimated absolute error of each G(R_i) (largest entry). */
  error: Float64Array;
  /** Chain solves used. */
  evaluations: number;
}

/** Equal initial intervals per quadrature axis (resolves the oscillations e^{−2πik·R} up to |R| ~ 10 before any bisection). */
const INITIAL_INTERVALS = 16;

/** The axis solved as a chain: couplings reach at most the neighbouring cell along it; prefer the one with the largest requested extent. */
function innerAxis(b: BlochBlocks, wanted: Int32Array): number {
  const d = b.dim;
  let best = -1, bestExtent = -1;
  for (let a = d - 1; a >= 0; a--) {
    let range = 0;
    for (let j = 0; j < blockCount(b); j++) range = Math.max(range, Math.abs(b.displacements[3 * j + a]!));
    if (range > 1) continue;
    let extent = 0;
    for (let i = 0; i < wanted.length / 3; i++) extent = Math.max(extent, Math.abs(wanted[3 * i + a]!));
    if (extent > bestExtent) {
      best = a;
      bestExtent = extent;
    }
  }
  if (best < 0) throw new InputError('blocks.displacements', 'couplings reach beyond the neighbouring cell along every axis; the infinite-host solver needs one axis with range 1 (use a larger unit cell)');
  return best;
}

/**
 * G(R_i, z) = ∫ d^dk e^{−2πik·R_i} (z − H(k))⁻¹ for the displacements R_i
 * (3 integers each in `wanted`, the first d used), each to `tolerance` relative to its largest
 * entry. Throws ConvergenceError when the budget is spent first.
 */
export function infiniteGreens(b: BlochBlocks, wanted: Int32Array, z: Complex, options: InfiniteGreensOptions = {}): InfiniteGreensResult {
  const d = b.dim, N = b.size, N2 = N * N;
  if (!(z && Number.isFinite(z.re) && Number.isFinite(z.im) && z.im !== 0)) throw new InputError('z', 'a finite complex energy off the real axis');
  const q = options.tolerance ?? 1e-8;
  if (!(q > 0 && q < 1)) throw new InputError('tolerance', `a number in (0, 1), got ${q}`);
  const budget = options.maxEvaluations ?? 4e6;
  if (wanted.length % 3 !== 0) throw new InputError('wanted', '3 integers per displacement');
  const nWanted = wanted.length / 3;
  const inner = innerAxis(b, wanted);
  const outer = Array.from({ length: d }, (_, a) => a).filter((a) => a !== inner);
  const sectors = componentSectors(b);
  const solvers = sectors.map((s) => new ChainSolver(s.length));
  const count = blockCount(b);
  // A sector whose blocks equal an earlier sector's (e↑ and e↓ without spin-dependent terms) reuses its chain.
  const sameAs = sectors.map((sec, s) => {
    for (let t = 0; t < s; t++) {
      const other = sectors[t]!;
      if (other.length !== sec.length) continue;
      let equal = true;
      for (let j = 0; j < count && equal; j++)
        for (let x = 0; x < sec.length && equal; x++)
          for (let y = 0; y < sec.length && equal; y++) {
            const p = 2 * (N2 * j + sec[x]! * N + sec[y]!), q2 = 2 * (N2 * j + other[x]! * N + other[y]!);
            equal = b.blocks[p] === b.blocks[q2] && b.blocks[p + 1] === b.blocks[q2 + 1];
          }
      if (equal) return t;
    }
    return -1;
  });
  let left = 0, right = 0;
  for (let i = 0; i < nWanted; i++) {
    left = Math.max(left, -wanted[3 * i + inner]!);
    right = Math.max(right, wanted[3 * i + inner]!);
  }
  // Packed layout of one displacement: the sectors' blocks one after the other.
  const sectorOffset: number[] = [];
  let groupLength = 0;
  for (const s of sectors) {
    sectorOffset.push(groupLength);
    groupLength += 2 * s.length * s.length;
  }
  const size = groupLength * nWanted;
  const chainA = sectors.map((s) => [0, 1, 2].map(() => new Float64Array(2 * s.length * s.length)));
  const chainG = sectors.map((s) => new Float64Array(2 * s.length * s.length * (left + right + 1)));
  const k = new Float64Array(3);

  /** The packed G_chain(R_in) e^{−2πik_⊥·R_⊥} of every displacement at the outer momenta k. */
  const chainPoint = (out: Float64Array): void => {
    for (let s = 0; s < sectors.length; s++) {
      if (sameAs[s]! >= 0) continue;
      const sec = sectors[s]!, ns = sec.length;
      const [a0, ap, am] = chainA[s]! as [Float64Array, Float64Array, Float64Array];
      a0.fill(0);
      ap.fill(0);
      am.fill(0);
      for (let j = 0; j < count; j++) {
        let angle = 0;
        for (const a of outer) angle += 2 * Math.PI * k[a]! * b.displacements[3 * j + a]!;
        const cr = Math.cos(angle), ci = Math.sin(angle);
        const r = b.displacements[3 * j + inner]!;
        const target = r === 0 ? a0 : r === 1 ? ap : am;
        for (let x = 0; x < ns; x++)
          for (let y = 0; y < ns; y++) {
            const p = 2 * (N2 * j + sec[x]! * N + sec[y]!);
            const vr = b.blocks[p]!, vi = b.blocks[p + 1]!;
            if (vr === 0 && vi === 0) continue;
            const t = 2 * (x * ns + y);
            target[t] += vr * cr - vi * ci;
            target[t + 1] += vr * ci + vi * cr;
          }
      }
      if (!solvers[s]!.solve(a0, ap, am, z.re, z.im, left, right, chainG[s]!))
        throw new InputError('z', `z = ${z.re} + ${z.im}i is (numerically) in the spectrum of H; use Im z ≠ 0`);
    }
    for (let i = 0; i < nWanted; i++) {
      let angle = 0;
      for (const a of outer) angle -= 2 * Math.PI * k[a]! * wanted[3 * i + a]!;
      const cr = Math.cos(angle), ci = Math.sin(angle);
      const r = wanted[3 * i + inner]!;
      for (let s = 0; s < sectors.length; s++) {
        const ns2 = 2 * sectors[s]!.length ** 2;
        const src = chainG[sameAs[s]! >= 0 ? sameAs[s]! : s]!, o = groupLength * i + sectorOffset[s]!, from = ns2 * (r + left);
        for (let e = 0; e < ns2; e += 2) {
          const vr = src[from + e]!, vi = src[from + e + 1]!;
          out[o + e] = vr * cr - vi * ci;
          out[o + e + 1] = vr * ci + vi * cr;
        }
      }
    }
  };

  // One GroupQuadrature per outer axis level (they run nested).
  const levels = outer.map(() => new GroupQuadrature(size, groupLength));
  const levelOut = outer.map(() => new Float64Array(size));
  let evaluations = 0;
  const integrateFrom = (level: number, out: Float64Array, tolerance: Float64Array | null, error: Float64Array): number => {
    if (level === outer.length) {
      chainPoint(out);
      evaluations++;
      return 0;
    }
    const axis = outer[level]!;
    const next = level + 1;
    const innerError = new Float64Array(nWanted);
    const res = levels[level]!.integrate(
      (x, o) => {
        k[axis] = x;
        integrateFrom(next, o, tolerance, innerError);
        if (evaluations > budget) throw new ConvergenceError(budgetMessage());
      },
      out,
      INITIAL_INTERVALS,
      tolerance,
      Infinity,
    );
    for (let g = 0; g < nWanted; g++) error[g] = res.error[g]! + innerError[g]!;
    return res.unresolved;
  };
  const budgetMessage = () =>
    `infinite host: Brillouin-zone quadrature at z = ${z.re} + ${z.im.toExponential(3)}i did not reach relative tolerance ${q} within ${budget} chain solves`;

  const packed = new Float64Array(size);
  const error = new Float64Array(nWanted);
  const magnitude = (v: Float64Array) => {
    const m = new Float64Array(nWanted);
    for (let i = 0; i < nWanted; i++)
      for (let e = 0; e < groupLength; e += 2) m[i] = Math.max(m[i]!, Math.hypot(v[groupLength * i + e]!, v[groupLength * i + e + 1]!));
    return m;
  };
  if (outer.length > 0) {
    integrateFrom(0, packed, null, error);
    let scale = magnitude(packed);
    for (let round = 0; ; round++) {
      const tol = scale.map((m) => q * Math.max(m, 1e-300));
      integrateFrom(0, packed, tol, error);
      const got = magnitude(packed);
      // The pilot may overestimate |G(R)| (cancelling oscillations): tighten and redo.
      if (got.every((m, i) => m >= 0.5 * scale[i]!) || round >= 3) break;
      scale = got.map((m, i) => Math.min(m, scale[i]!));
    }
  } else chainPoint(packed);
  for (let i = 0; i < size; i++) if (!Number.isFinite(packed[i]!)) throw new ConvergenceError(`infinite host: non-finite Green's function at z = ${z.re} + ${z.im}i`);

  const greens = new Float64Array(2 * N2 * nWanted);
  for (let i = 0; i < nWanted; i++)
    sectors.forEach((sec, s) => {
      const ns = sec.length;
      for (let x = 0; x < ns; x++)
        for (let y = 0; y < ns; y++) {
          const src = groupLength * i + sectorOffset[s]! + 2 * (x * ns + y);
          const dst = 2 * (N2 * i + sec[x]! * N + sec[y]!);
          greens[dst] = packed[src]!;
          greens[dst + 1] = packed[src + 1]!;
        }
    });
  return { greens, error, evaluations };
}
