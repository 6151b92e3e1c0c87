/**
 * Self-consistent s-wave gap for an on-site attraction U on every node
 * (DESIGN.md §1, "Self-consistency"): Δ_s(i) = U ⟨c_{i↓} c_{i↑}⟩, entering the
 * host as Δ_ii = −Δ_s(i) iσ2, iterated with Anderson mixing (Walker & Ni,
 * SIAM J. Numer. Anal. 49, 2011) until max_i |Δ_out(i) − Δ_in(i)| ≤ tolerance.
 * The free energy of the solution is F_sc = F(Ĥ[Δ]) + Σ_i |Δ_s(i)|²/U.
 *
 * ⟨c↓c↑⟩ at every node comes from the diagonal blocks of f(Ĥ) by the pole
 * expansion and selected inversion (densityMatrix.ts): one factorization per
 * pole per iteration, the ordering planned once.
 */

import { ConvergenceError, InputError } from '../errors.js';
import type { BlockSparse } from '../hamiltonian/blockSparse.js';
import { spectralBound } from '../hamiltonian/bdg.js';
import type { HostData } from '../host/host.js';
import type { PoolOptions } from '../parallel/pool.js';
import { bulkPreconditioner } from './gapPreconditioner.js';
import { DensitySum, nodeObservables, thermalDensityMatrix, type DensityMatrixBlocks } from './densityMatrix.js';
import { PolesPool } from './polesPool.js';
import { poleExpansion, type PoleExpansion } from './poles.js';
import { planSchur } from './sparse/schur.js';

export interface GapOptions {
  /** On-site attraction U > 0. */
  attraction: number;
  temperature: number;
  /** Initial Δ_s per node, (re, im) interleaved (2·nodes numbers). */
  guess: Float64Array;
  /** On max_i |Δ_out − Δ_in| (default 1e-10). */
  tolerance?: number;
  maxIterations?: number;
  /** Anderson history length (default 8); 0 is plain iteration. */
  history?: number;
  /** Pole-expansion tolerance of the final iterations (default 1e-12). */
  poleTolerance?: number;
  /** Tolerances of the early iterations (default COARSE_POLE_TOLERANCES; [] for none). */
  coarsePoleTolerances?: readonly number[];
  /**
   * Precondition the mixing with the uniform host's linear response (gapPreconditioner.ts;
   * default true, where it applies). Changes the path, not the fixed point.
   */
  precondition?: boolean;
  /** Called after every iteration (progress). */
  onIteration?: (iteration: number, residual: number, poleTolerance: number) => void;
}

export interface GapResult {
  converged: boolean;
  iterations: number;
  /** max_i |Δ_out(i) − Δ_in(i)| of the last iteration. */
  residual: number;
  /** Δ_s per node, (re, im) interleaved. */
  gap: Float64Array;
  /** F(Ĥ[Δ]) + Σ|Δ|²/U. */
  freeEnergy: number;
}

/** The host's matrix with Δ_ii = −Δ_s(i) iσ2 added on every node's diagonal block. */
export function withOnsiteGap(h: BlockSparse, gap: Float64Array): BlockSparse {
  if (h.b !== 4) throw new InputError('host', 'a BdG host with 4×4 blocks');
  const values = h.values.slice();
  for (let i = 0; i < h.nSites; i++) {
    let k = -1;
    for (let t = h.rowPtr[i]!; t < h.rowPtr[i + 1]!; t++) if (h.colIdx[t] === i) k = t;
    if (k < 0) throw new InputError('host', `a stored diagonal block at node ${i}`);
    const [dr, di] = [gap[2 * i]!, gap[2 * i + 1]!];
    const add = (a: number, c: number, re: number, im: number) => {
      values[2 * (16 * k + 4 * a + c)] += re;
      values[2 * (16 * k + 4 * a + c) + 1] += im;
    };
    // −Δ iσ2 = [[0, −Δ], [Δ, 0]] in the (c†↑, c†↓) columns; its adjoint below.
    add(0, 3, -dr, -di);
    add(1, 2, dr, di);
    add(3, 0, -dr, di);
    add(2, 1, dr, -di);
  }
  return { ...h, values };
}

/**
 * Pole tolerances of the early iterations: far from the fixed point the
 * Fermi function need not be exact, so the iteration starts on fewer pole
 * nodes (7 / 9 / 13 instead of 16 at T = 0.01 for 1e-4 / 1e-6 / 1e-9 / 1e-12) and moves
 * to the next tolerance once the residual is within 10·U·tolerance of it —
 * about the shift of the fixed point caused by the coarser expansion. The
 * Anderson history is kept across the switch (the Jacobian barely changes).
 * Convergence is only ever declared on the final tolerance.
 */
export const COARSE_POLE_TOLERANCES = [1e-4, 1e-6, 1e-9] as const;

/**
 * The early tolerances from a good guess (a padded smaller solution, residual
 * ≈ 3e-4 on a clean 101×101 host): the 1e-4 expansion's own error would undo
 * most of the first, preconditioned step (measured: 7 → 6 iterations, 88 → 76
 * selected inversions on a 41×41 host).
 */
export const SEEDED_POLE_TOLERANCES = [1e-6, 1e-9] as const;

/**
 * The fixed-point iteration x ↦ g(x) with Anderson mixing and the staged pole
 * tolerance, independent of how g is evaluated (in-thread or on worker threads).
 */
class GapIteration {
  x: Float64Array;
  private iterations = 0;
  private stage = 0;
  private readonly stages: number[];
  private readonly mixer: AndersonMixer;
  private readonly tolerance: number;
  private readonly maxIterations: number;
  private readonly onIteration: GapOptions['onIteration'];
  constructor(private readonly n: number, private readonly U: number, options: GapOptions, private readonly precondition?: (r: Float64Array) => Float64Array) {
    this.tolerance = options.tolerance ?? 1e-10;
    this.maxIterations = options.maxIterations ?? 200;
    const final = options.poleTolerance ?? 1e-12;
    const coarse = options.coarsePoleTolerances ?? COARSE_POLE_TOLERANCES;
    this.stages = [...coarse.filter((t) => t > final), final];
    this.mixer = new AndersonMixer(2 * n, options.history ?? 8);
    this.x = options.guess.slice();
    this.onIteration = options.onIteration;
  }

  get poleTolerance(): number {
    return this.stages[this.stage]!;
  }

  /** Take g(x) at the current x; the result when finished, else undefined with x advanced. */
  step(out: Float64Array, freeEnergy: number): GapResult | undefined {
    const { n, x } = this;
    this.iterations++;
    const r = new Float64Array(2 * n);
    let residual = 0;
    for (let i = 0; i < 2 * n; i++) r[i] = out[i]! - x[i]!;
    for (let i = 0; i < n; i++) residual = Math.max(residual, Math.hypot(r[2 * i]!, r[2 * i + 1]!));
    if (!Number.isFinite(residual)) throw new ConvergenceError('self-consistent gap: the iteration produced a non-finite Δ');
    const final = this.stage === this.stages.length - 1;
    this.onIteration?.(this.iterations, residual, this.poleTolerance);
    // F_sc at the output gap (the fixed point up to the tolerance).
    if (final && residual <= this.tolerance) return { converged: true, iterations: this.iterations, residual, gap: x, freeEnergy };
    if (this.iterations >= this.maxIterations) return { converged: false, iterations: this.iterations, residual, gap: x, freeEnergy };
    while (this.stage < this.stages.length - 1 && residual <= Math.max(this.tolerance, 10 * this.U * this.stages[this.stage]!)) this.stage++;
    this.x = this.mixer.next(x, this.precondition ? this.precondition(r) : r);
    return undefined;
  }
}

function checkGapOptions(host: HostData, options: GapOptions): number {
  const U = options.attraction;
  if (!(U > 0 && Number.isFinite(U))) throw new InputError('pairing.attraction', 'a positive number (U)');
  const n = host.matrix.nSites;
  if (options.guess.length !== 2 * n) throw new InputError('guess', `2·nodes = ${2 * n} numbers`);
  return n;
}

/**
 * Solve the gap equation on `host` (built without the s-wave term that is
 * being solved for; other terms, impurities and fields included), in this thread.
 */
export function solveGap(host: HostData, options: GapOptions): GapResult {
  const n = checkGapOptions(host, options);
  const U = options.attraction;
  const evaluate = gapMap(host, U, options.temperature);
  const iteration = new GapIteration(n, U, options, preconditioner(host, U, options));
  for (;;) {
    const { out, freeEnergy } = evaluate(iteration.x, iteration.poleTolerance);
    const result = iteration.step(out, freeEnergy);
    if (result) return result;
  }
}

/**
 * solveGap with the pole nodes of every iteration spread over worker threads
 * (`threads`, default all cores); hosts below `PARALLEL_MIN_NODES` nodes are
 * solved in this thread (thread start-up would dominate).
 */
export async function solveGapParallel(host: HostData, options: GapOptions & PoolOptions): Promise<GapResult> {
  const n = checkGapOptions(host, options);
  if (n < PARALLEL_MIN_NODES || options.threads === 1) return solveGap(host, options);
  const U = options.attraction;
  const polesFor = gapPoles(host, options.temperature);
  const iteration = new GapIteration(n, U, options, preconditioner(host, U, options));
  const pool = new PolesPool(host, { threads: options.threads, signal: options.signal });
  try {
    for (;;) {
      const gap = iteration.x;
      const poles = polesFor(gap, iteration.poleTolerance);
      const inverses = await pool.inverses(gap, Array.from(poles.nodes));
      const sum = new DensitySum(withOnsiteGap(host.matrix, gap), poles, false);
      inverses.forEach((g, q) => sum.add(q, g));
      const { out, freeEnergy } = gapFromDensity(sum.finish(), gap, U);
      const result = iteration.step(out, freeEnergy);
      if (result) return result;
    }
  } finally {
    await pool.close();
  }
}

/** The bulk preconditioner at the guess (final pole expansion), unless switched off or inapplicable. */
function preconditioner(host: HostData, U: number, options: GapOptions): ((r: Float64Array) => Float64Array) | undefined {
  if (options.precondition === false || (options.history ?? 8) === 0) return undefined;
  const poles = gapPoles(host, options.temperature)(options.guess, options.poleTolerance ?? 1e-12);
  return bulkPreconditioner(host.matrix, host.geometry, options.guess, U, poles);
}

/** Below this many nodes the self-consistent iteration stays in one thread. */
export const PARALLEL_MIN_NODES = 400;

/** The pole expansion for a gap on `host` at temperature T, on a coarse grid of spectral bounds (fits cached across iterations). */
function gapPoles(host: HostData, temperature: number): (gap: Float64Array, tolerance: number) => PoleExpansion {
  const n = host.matrix.nSites;
  const base = spectralBound(host.matrix);
  return (gap, tolerance) => {
    let maxGap = 0;
    for (let i = 0; i < n; i++) maxGap = Math.max(maxGap, Math.hypot(gap[2 * i]!, gap[2 * i + 1]!));
    const bound = Math.ceil(4 * (base + maxGap) + 1) / 4;
    return poleExpansion({ temperature, bound, tolerance });
  };
}

/** Δ_out(i) = U⟨c_{i↓}c_{i↑}⟩ from ρ's diagonal, and F_sc = F + Σ|Δ_in|²/U. */
function gapFromDensity(rho: DensityMatrixBlocks, gap: Float64Array, U: number): { out: Float64Array; freeEnergy: number } {
  const n = gap.length / 2;
  const out = new Float64Array(2 * n);
  let condensation = 0;
  for (let i = 0; i < n; i++) {
    const [re, im] = nodeObservables(rho.diagonal, i).pairing;
    out[2 * i] = U * re;
    out[2 * i + 1] = U * im;
    condensation += (gap[2 * i]! ** 2 + gap[2 * i + 1]! ** 2) / U;
  }
  return { out, freeEnergy: rho.freeEnergy + condensation };
}

/**
 * The gap map Δ_in ↦ Δ_out(i) = U⟨c_{i↓}c_{i↑}⟩[Ĥ(Δ_in)] on `host` at
 * temperature T, with F_sc(Δ_in) = F(Ĥ(Δ_in)) + Σ|Δ_in|²/U; the ordering is
 * planned once for all calls.
 */
export function gapMap(host: HostData, U: number, temperature: number, poleTolerance = 1e-12): (gap: Float64Array, tolerance?: number) => { out: Float64Array; freeEnergy: number } {
  const plan = planSchur(host.matrix, host.geometry, []);
  const polesFor = gapPoles(host, temperature);
  return (gap: Float64Array, tolerance = poleTolerance) => {
    const rho = thermalDensityMatrix({ ...host, matrix: withOnsiteGap(host.matrix, gap) }, polesFor(gap, tolerance), plan);
    return gapFromDensity(rho, gap, U);
  };
}

/**
 * Critical temperature of a uniform host by bisection on the linearized gap
 * equation: λ(T) = Δ_out/Δ_in for a uniform δ = 1e-7 (linear response, error
 * O(δ²)) decreases through 1 at T_c. Returns undefined when λ(T_lo) ≤ 1 (no
 * superconductivity above T_lo).
 */
export function criticalTemperature(host: HostData, U: number, options: { low?: number; high?: number; tolerance?: number } = {}): number | undefined {
  const n = host.matrix.nSites;
  const delta = 1e-7;
  const lambda = (T: number) => {
    const out = gapMap(host, U, T)(new Float64Array(2 * n).map((_, k) => (k % 2 === 0 ? delta : 0))).out;
    let s = 0;
    for (let i = 0; i < n; i++) s += out[2 * i]!;
    return s / (n * delta);
  };
  let lo = options.low ?? 1e-3;
  let hi = options.high ?? 2;
  const tol = options.tolerance ?? 1e-9;
  if (lambda(lo) <= 1) return undefined;
  while (lambda(hi) > 1) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > tol * hi) {
    const mid = 0.5 * (lo + hi);
    if (lambda(mid) > 1) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Anderson mixing (type II): x_{k+1} = x_k + r_k − (ΔX + ΔR)·γ with
 * γ = argmin ‖r_k − ΔR γ‖ over the last m differences (normal equations with
 * a relative Tikhonov floor; m = 0 is plain iteration x ← g(x)).
 */
export class AndersonMixer {
  private readonly dx: Float64Array[] = [];
  private readonly dr: Float64Array[] = [];
  private prevX: Float64Array | undefined;
  private prevR: Float64Array | undefined;
  constructor(private readonly size: number, private readonly history: number) {}

  next(x: Float64Array, r: Float64Array): Float64Array {
    if (this.prevX && this.prevR && this.history > 0) {
      const dx = new Float64Array(this.size), dr = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) {
        dx[i] = x[i]! - this.prevX[i]!;
        dr[i] = r[i]! - this.prevR[i]!;
      }
      this.dx.push(dx);
      this.dr.push(dr);
      if (this.dx.length > this.history) {
        this.dx.shift();
        this.dr.shift();
      }
    }
    this.prevX = x.slice();
    this.prevR = r.slice();
    const m = this.dx.length;
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = x[i]! + r[i]!;
    if (m === 0) return out;
    const a = new Float64Array(m * m), rhs = new Float64Array(m);
    for (let p = 0; p < m; p++) {
      for (let q = 0; q <= p; q++) {
        let s = 0;
        for (let i = 0; i < this.size; i++) s += this.dr[p]![i]! * this.dr[q]![i]!;
        a[p * m + q] = a[q * m + p] = s;
      }
      let s = 0;
      for (let i = 0; i < this.size; i++) s += this.dr[p]![i]! * r[i]!;
      rhs[p] = s;
    }
    let trace = 0;
    for (let p = 0; p < m; p++) trace += a[p * m + p]!;
    for (let p = 0; p < m; p++) a[p * m + p] += 1e-14 * trace;
    const gamma = solveSymmetric(a, rhs, m);
    for (let p = 0; p < m; p++)
      for (let i = 0; i < this.size; i++) out[i] -= gamma[p]! * (this.dx[p]![i]! + this.dr[p]![i]!);
    return out;
  }
}

/** Gaussian elimination with partial pivoting on a small dense system. */
function solveSymmetric(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const x = b.slice();
  const w = a.slice();
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(w[r * m + c]!) > Math.abs(w[p * m + c]!)) p = r;
    if (p !== c) {
      for (let k = 0; k < m; k++) [w[c * m + k], w[p * m + k]] = [w[p * m + k]!, w[c * m + k]!];
      [x[c], x[p]] = [x[p]!, x[c]!];
    }
    const d = w[c * m + c]!;
    if (d === 0) continue;
    for (let r = c + 1; r < m; r++) {
      const f = w[r * m + c]! / d;
      for (let k = c; k < m; k++) w[r * m + k] -= f * w[c * m + k]!;
      x[r] -= f * x[c]!;
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < m; k++) s -= w[c * m + k]! * x[k]!;
    const d = w[c * m + c]!;
    x[c] = d === 0 ? 0 : s / d;
  }
  return x;
}
