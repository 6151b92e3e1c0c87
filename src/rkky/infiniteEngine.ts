/**
 * The exact engine on an infinite periodic host (`--infinite`): the same
 * determinant form as exactEngine.ts,
 *   ΔF(S1, S2) = −c(Tr H0V + ½Tr V²) − Σ_p W_p ln|det(1 − G0(i w_p) V)|,
 * with G0 of the infinite lattice on the impurity sites from adaptive
 * Brillouin-zone quadrature (solvers/infinite). F(H0) of an infinite host is
 * extensive and irrelevant for couplings: the reported F0 is the free energy
 * relative to the clean host (reference 0).
 *
 * Error control on η: every G0(R, i w_p) is integrated to a relative
 * tolerance q; η is computed at q and at q/8, and q is tightened until the
 * two agree to the requested tolerance at every separation (relative to the
 * largest |η_ab| there). The difference is reported as the estimated error.
 */
import { ConvergenceError, InputError } from '../errors.js';
import { traceProduct4 } from '../math/block4.js';
import { parseModel, type Model } from '../model/model.js';
import { buildHost } from '../model/host.js';
import type { ModelFile } from '../model/schema.js';

export { checkInfiniteHost };
import type { GreensAtEnergy } from '../solvers/greens.js';
import { checkInfiniteHost } from './infiniteHost.js';
import { cubicInfiniteHost, infiniteGreensPool, physicalBlock, type InfiniteGreensProvider } from '../solvers/infinite/index.js';
import { THIRTY_SIX, type SpinPair } from './configurations.js';
import { extractCouplings, type Mat3 } from './couplings.js';
import { polesFor, type ExactOptions, type SplitEnergies } from './exactEngine.js';
import { impurityBlock } from './impurity.js';
import { impurityLogDets } from './impurityDeterminants.js';
import { exchangeLogDets } from './exchangeLogDets.js';
import type { Axis } from './problem.js';
import { secondOrderTensor } from './secondOrder.js';

/** Default relative tolerance of η at each separation. */
export const INFINITE_TOLERANCE = 1e-6;
/** Smallest per-pole quadrature tolerance tried before giving up. */
const FINEST_QUADRATURE = 1e-13;

export interface InfiniteOptions extends ExactOptions {
  /** Relative tolerance of η at each separation (default 1e-6). */
  infiniteTolerance?: number;
  /** G0 provider (default: worker threads; `serialInfiniteGreens` in a browser). */
  infiniteGreens?: InfiniteGreensProvider;
  /** Budget of chain solves per pole and pass (default 4e6). */
  maxEvaluations?: number;
}

/** Spin 1 at a lattice position, spin 2 at positions anywhere in the infinite host. */
export interface InfinitePairProblem {
  host: ModelFile;
  position1: number[];
  positions2: number[][];
  coupling1: number;
  coupling2: number;
  temperature: number;
}

/** The separation sweep in the infinite host: spin 2 at position1 + δ·direction, not limited by lattice.shape. */
export function infiniteSeparationSweep(model: Model, separations: readonly number[], direction: Axis = 'x'): InfinitePairProblem & { separations: number[] } {
  if (model.impurities.length === 0) throw new InputError('impurities', 'expected at least one impurity: spin 1 sits at the first impurity site');
  if (model.impurities.length > 2) throw new InputError('--infinite', `needs a translation-invariant host: only the first two impurities (spin 1 and 2) may be given, got ${model.impurities.length}`);
  checkInfiniteHost(model);
  const lat = model.lattice;
  const axis = 'xyz'.indexOf(direction);
  if (axis < 0) throw new InputError('--direction', `expected x, y or z, got '${direction}'`);
  if (axis >= lat.dim) throw new InputError('--direction', `axis ${direction} does not exist on a ${lat.dim}D lattice`);
  const [first, second] = model.impurities;
  const position1 = lat.site(first!.site).slice(0, lat.dim);
  const positions2 = separations.map((d) => {
    if (!Number.isInteger(d) || d === 0) throw new InputError('--separations', `expected non-zero integer separations, got ${d}`);
    const r = [...position1];
    r[axis]! += d;
    return r;
  });
  return {
    host: { ...model.source, impurities: [] },
    position1,
    positions2,
    coupling1: first!.coupling,
    coupling2: (second ?? first)!.coupling,
    temperature: model.temperature,
    separations: [...separations],
  };
}

export interface InfiniteSweepResult extends SplitEnergies {
  /**
   * The spin-coupling part of ΔF alone (same layout as deltas): its η equals
   * that of ΔF exactly, without the rounding ε·|ΔF| (exchangeLogDets.ts).
   */
  exchange: Float64Array[];
  /** Estimated absolute error of η (largest entry) per separation. */
  etaError: number[];
  /** The per-pole quadrature tolerance of the reported result. */
  quadratureTolerance: number;
  /** Chain solves spent (all passes). */
  evaluations: number;
  secondOrder?: Mat3[];
}

/** Largest |η_ab| difference and the scale max|η_ab| of two 36-energy sets. */
function etaDifference(a: Float64Array, b: Float64Array): { diff: number; scale: number } {
  const ea = extractCouplings(a).eta, eb = extractCouplings(b).eta;
  let diff = 0, scale = 0;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      diff = Math.max(diff, Math.abs(ea[i]![j]! - eb[i]![j]!));
      scale = Math.max(scale, Math.abs(eb[i]![j]!));
    }
  return { diff, scale };
}

/** Free-energy changes of every separation and configuration in the infinite host, with the error control described above. */
export async function infiniteSweep(
  problem: InfinitePairProblem,
  options: InfiniteOptions = {},
  configurations: readonly SpinPair[] = THIRTY_SIX,
  secondOrder = false,
): Promise<InfiniteSweepResult> {
  const tol = options.infiniteTolerance ?? INFINITE_TOLERANCE;
  if (!(tol > 0 && tol < 1)) throw new InputError('--infinite-tolerance', `expected a number in (0, 1), got ${tol}`);
  const h0 = buildHost(checkInfiniteHost(parseModel(problem.host)), []);
  const host = cubicInfiniteHost(h0);
  const spinMax = Math.max(...configurations.flat().map((s) => Math.hypot(...s)));
  const J = Math.max(Math.abs(problem.coupling1), Math.abs(problem.coupling2)) * spinMax;
  const poles = polesFor(h0, problem.temperature, J, options);
  const d = host.blocks.dim;
  const nSep = problem.positions2.length;
  // Displacements: 0, then r2 − r1 and r1 − r2 for each separation.
  const wanted = new Int32Array(3 * (1 + 2 * nSep));
  problem.positions2.forEach((r2, s) => {
    for (let a = 0; a < d; a++) {
      wanted[3 * (1 + 2 * s) + a] = r2[a]! - problem.position1[a]!;
      wanted[3 * (2 + 2 * s) + a] = problem.position1[a]! - r2[a]!;
    }
  });
  const provider = options.infiniteGreens ?? infiniteGreensPool;
  const kept = 1 + nSep, n = 4 * kept;
  const x1 = problem.position1[0]!;

  /** G0 on the kept positions [r1, r2...] in the exact engine's layout (only the blocks the determinants use). */
  const assemble = (g: Float64Array): Float64Array => {
    const dense = new Float64Array(2 * n * n);
    const put = (row: number, col: number, displacement: number, xi: number, xj: number) =>
      physicalBlock(host, g, 32 * displacement, xi, xj, dense, 2 * (4 * row * n + 4 * col), n);
    put(0, 0, 0, x1, x1);
    problem.positions2.forEach((r2, s) => {
      const x2 = r2[0]!;
      put(1 + s, 1 + s, 0, x2, x2);
      put(0, 1 + s, 1 + 2 * s, x1, x2);
      put(1 + s, 0, 2 + 2 * s, x2, x1);
    });
    return dense;
  };

  const nc = configurations.length;
  const v1 = configurations.map(([s1]) => impurityBlock(problem.coupling1, s1));
  const v2 = configurations.map(([, s2]) => impurityBlock(problem.coupling2, s2));
  const zeroIndex = (() => {
    for (let c = 0; c < host.blocks.displacements.length / 3; c++)
      if (Array.from(host.blocks.displacements.subarray(3 * c, 3 * c + 3)).every((x) => x === 0)) return c;
    return -1;
  })();
  const h00 = zeroIndex >= 0 ? host.blocks.blocks.subarray(32 * zeroIndex, 32 * zeroIndex + 32) : new Float64Array(32);
  let evaluations = 0;
  const pass = async (q: number) => {
    const results = await provider({ blocks: host.blocks, wanted, tolerance: q, maxEvaluations: options.maxEvaluations }, Array.from(poles.nodes), options);
    // The quadrature's own relative error estimate of the blocks each separation uses (largest over the poles).
    const relative = new Float64Array(nSep);
    const nodes: GreensAtEnergy[] = results.map((r) => {
      evaluations += r.evaluations;
      const rel = (i: number) => {
        let size = 0;
        for (let e = 0; e < 32; e += 2) size = Math.max(size, Math.hypot(r.greens[32 * i + e]!, r.greens[32 * i + e + 1]!));
        return size > 0 ? r.error[i]! / size : 0;
      };
      for (let s = 0; s < nSep; s++) relative[s] = Math.max(relative[s]!, rel(0), rel(1 + 2 * s), rel(2 + 2 * s));
      return { greens: assemble(r.greens), logAbsDet: 0 };
    });
    const perNode = nodes.map((r) => impurityLogDets(r.greens, kept, v1, v2));
    const perNodeExchange = nodes.map((r) => exchangeLogDets(r.greens, kept, v1, v2));
    const exchange = problem.positions2.map((_, sep) => {
      const F = new Float64Array(nc);
      for (let c = 0; c < nc; c++) for (let k = 0; k < perNode.length; k++) F[c] -= poles.weights[k]! * perNodeExchange[k]![nc * sep + c]!;
      return F;
    });
    const deltas = problem.positions2.map((_, sep) => {
      const F = new Float64Array(nc);
      for (let c = 0; c < nc; c++) {
        // The on-site electron/hole blocks of H0 are gauge invariant: Tr(H0_ii V) uses h(0) at every site.
        const quad = traceProduct4(h00, v1[c]!) + traceProduct4(h00, v2[c]!) + 0.5 * (traceProduct4(v1[c]!, v1[c]!) + traceProduct4(v2[c]!, v2[c]!));
        let sum = 0;
        for (let k = 0; k < perNode.length; k++) sum += poles.weights[k]! * perNode[k]![nc * sep + c]!;
        F[c] = -poles.quadratic * quad - sum;
      }
      return F;
    });
    return { nodes, deltas, exchange, relative };
  };

  let q = tol;
  let coarse = await pass(q);
  for (;;) {
    const fineQ = q / 8;
    const fine = await pass(fineQ);
    // Estimated error: the change between the two tolerances, or (when both passes met their
    // tolerance on the same intervals) the quadrature's own estimate, 2·relative error of G0 times |η|.
    const errors = fine.deltas.map((F, s) => {
      const e = nc === 36 ? etaDifference(coarse.exchange[s]!, fine.exchange[s]!) : { diff: maxDiff(coarse.deltas[s]!, F), scale: maxAbs(F) };
      return { diff: Math.max(e.diff, 2 * fine.relative[s]! * e.scale), scale: e.scale };
    });
    const failing = errors.flatMap((e, s) => (e.diff <= tol * e.scale || e.diff === 0 ? [] : [s]));
    if (failing.length === 0) {
      const result: InfiniteSweepResult = { reference: 0, deltas: fine.deltas, exchange: fine.exchange, etaError: errors.map((e) => e.diff), quadratureTolerance: fineQ, evaluations };
      if (secondOrder)
        result.secondOrder = problem.positions2.map((_, sep) => secondOrderTensor(poles, fine.nodes, kept, sep, problem.coupling1, problem.coupling2));
      return result;
    }
    if (fineQ / 8 < FINEST_QUADRATURE) {
      const worst = failing.map((s) => ({ s, rel: errors[s]!.diff / errors[s]!.scale })).sort((a, b) => b.rel - a.rel)[0]!;
      throw new ConvergenceError(
        `--infinite: η did not converge to relative ${tol} at ${failing.length} separation(s) (worst: spin 2 at [${problem.positions2[worst.s]!.join(', ')}], ` +
          `change ${worst.rel.toExponential(2)} between quadrature tolerances ${q.toExponential(1)} and ${fineQ.toExponential(1)}); raise --infinite-tolerance`,
      );
    }
    q = fineQ;
    coarse = fine;
  }
}

const maxAbs = (a: Float64Array) => a.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
