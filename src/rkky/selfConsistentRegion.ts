/**
 * Couplings with a self-consistent gap in a region around the impurities
 * (issue 14, item 5), by exact embedding into the self-consistent clean host.
 *
 * Ĥ0 is the clean host at its own self-consistent gap Δ0; a spin configuration
 * perturbs it on the region's nodes only, δV = V_imp + δΔ with δΔ_i the
 * on-site term −(Δ_i − Δ0_i) iσ2 (DESIGN.md §1). With G0(z) the Green's
 * function of Ĥ0 on the region (one Schur complement per pole node, shared by
 * all configurations), G = (1 − G0 δV)⁻¹ G0 on the region exactly, and the pole
 * expansion of densityMatrix.ts gives ρ_ii = ½ − 2c(Ĥ0 + δV)_ii + Σ_p W_p (G_ii + G_ii†),
 * so Δ_i = U⟨c_{i↓}c_{i↑}⟩ is iterated (Anderson) on the region only while the
 * host outside keeps Δ0. The free-energy change of the self-consistent state is
 *   ΔF_sc = −½ [c Δ Tr Ĥ² + Σ_p W_p 2 ln|det(1 − G0(i w_p) δV)|] + Σ_{i∈R} (|Δ_i|² − |Δ0_i|²)/U,
 * ΔTr Ĥ² = Σ_{i∈R} (‖Ĥ0_ii + δV_i‖² − ‖Ĥ0_ii‖²) (δV is on-site). With a region
 * covering the lattice this is F_sc(config) − F_sc(clean) exactly (up to the
 * pole expansion); J and D follow from the 36 configurations as usual.
 */

import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import { selfConsistentGap } from '../solvers/maps.js';
import { separationSweep, targetSweep, type Axis, type Target } from './problem.js';
import { spectralBound } from '../hamiltonian/bdg.js';
import type { HostData } from '../host/host.js';
import { invertN } from '../math/denseComplex.js';
import { GreensSolver } from '../solvers/greens.js';
import { poleExpansion, type PoleExpansion } from '../solvers/poles.js';
import { AndersonMixer } from '../solvers/selfConsistent.js';
import { extractCouplings, type Couplings } from './couplings.js';
import { THIRTY_SIX } from './configurations.js';
import { impurityBlock } from './impurity.js';

/** The clean self-consistent host seen from a region: G0 on the region at every pole node. */
export interface RegionEmbedding {
  /** Region nodes (indices into the host). */
  readonly nodes: readonly number[];
  /** Δ0 on the region nodes, (re, im) interleaved. */
  readonly gap0: Float64Array;
  /** Ĥ0's diagonal block of every region node (4×4 complex). */
  readonly onsite: Float64Array;
  readonly poles: PoleExpansion;
  /** G0(i w_p) on the region, (4n)×(4n) complex per pole. */
  readonly greens: Float64Array[];
  readonly attraction: number;
}

/**
 * G0 on `nodes` of the self-consistent clean host `host0` (its gap `gap0` on
 * every node already in its matrix) at the pole nodes of temperature T, with
 * the spectral bound widened by `extra` (the impurities' |J| and the change of Δ).
 */
export function embedRegion(host0: HostData, gap0: Float64Array, nodes: readonly number[], U: number, temperature: number, extra: number, poleTolerance = 1e-12): RegionEmbedding {
  if (nodes.length === 0) throw new InputError('--region', 'a region with at least one site');
  const h = host0.matrix;
  const poles = poleExpansion({ temperature, bound: spectralBound(h) + extra, tolerance: poleTolerance });
  const solver = new GreensSolver(host0, nodes);
  const greens = Array.from(poles.nodes, (w) => solver.at({ re: 0, im: w }).greens);
  const onsite = new Float64Array(32 * nodes.length);
  const g = new Float64Array(2 * nodes.length);
  nodes.forEach((i, l) => {
    for (let k = h.rowPtr[i]!; k < h.rowPtr[i + 1]!; k++) if (h.colIdx[k] === i) onsite.set(h.values.subarray(32 * k, 32 * k + 32), 32 * l);
    g[2 * l] = gap0[2 * i]!;
    g[2 * l + 1] = gap0[2 * i + 1]!;
  });
  return { nodes: [...nodes], gap0: g, onsite, poles, greens, attraction: U };
}

export interface RegionSolution {
  /** ΔF_sc of the configuration relative to the clean self-consistent host. */
  deltaF: number;
  /** Δ on the region nodes, (re, im) interleaved. */
  gap: Float64Array;
  converged: boolean;
  iterations: number;
  residual: number;
}

/** The 4×4 on-site block −δ iσ2 (+ h.c.) of a gap change δ (DESIGN.md §1's sign, as withOnsiteGap). */
function gapBlock(dr: number, di: number, out: Float64Array, at: number): void {
  out[at + 2 * 3] += -dr;
  out[at + 2 * 3 + 1] += -di;
  out[at + 2 * 6] += dr;
  out[at + 2 * 6 + 1] += di;
  out[at + 2 * 12] += -dr;
  out[at + 2 * 12 + 1] += di;
  out[at + 2 * 9] += dr;
  out[at + 2 * 9 + 1] += -di;
}

/**
 * Solve the region's gap equation for fixed impurity blocks (`impurity[l]`: the
 * 4×4 block on region node l, or undefined) and return ΔF_sc.
 * `selfConsistent` false keeps Δ = Δ0 (the non-self-consistent ΔF on Ĥ0).
 */
export async function solveRegion(
  e: RegionEmbedding,
  impurity: (Float64Array | undefined)[],
  options: { tolerance?: number; maxIterations?: number; selfConsistent?: boolean; signal?: AbortSignal } = {},
): Promise<RegionSolution> {
  const n = e.nodes.length;
  const d = 4 * n;
  const U = e.attraction;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const mixer = new AndersonMixer(2 * n, 8);
  const { poles } = e;
  const x0 = new Float64Array(d * d * 2);
  const inv = new Float64Array(2 * d * d);
  let x: Float64Array = e.gap0.slice();
  for (let it = 1; ; it++) {
    // An iteration is a dense inverse per pole node (up to a second): between iterations a turn of the event
    // loop lets Ctrl-C / SIGTERM handlers run, and an aborted signal stops the solve.
    await new Promise((r) => setImmediate(r));
    if (options.signal?.aborted) throw new CancelledError();
    // δV blocks per node.
    const v = new Float64Array(32 * n);
    for (let l = 0; l < n; l++) {
      const b = impurity[l];
      if (b) for (let k = 0; k < 32; k++) v[32 * l + k] += b[k]!;
      gapBlock(x[2 * l]! - e.gap0[2 * l]!, x[2 * l + 1]! - e.gap0[2 * l + 1]!, v, 32 * l);
    }
    let trH2 = 0;
    for (let k = 0; k < 32 * n; k++) trH2 += (e.onsite[k]! + v[k]!) ** 2 - e.onsite[k]! ** 2;
    let tracePhi = poles.quadratic * trH2;
    const rho = new Float64Array(32 * n);
    for (let q = 0; q < poles.nodes.length; q++) {
      const g0 = e.greens[q]!;
      // M = 1 − G0 δV (δV block-diagonal).
      const m = x0;
      for (let r = 0; r < d; r++)
        for (let l = 0; l < n; l++)
          for (let c = 0; c < 4; c++) {
            let re = 0, im = 0;
            for (let k = 0; k < 4; k++) {
              const a = 2 * (r * d + 4 * l + k), b = 32 * l + 2 * (4 * k + c);
              re += g0[a]! * v[b]! - g0[a + 1]! * v[b + 1]!;
              im += g0[a]! * v[b + 1]! + g0[a + 1]! * v[b]!;
            }
            const o = 2 * (r * d + 4 * l + c);
            m[o] = (r === 4 * l + c ? 1 : 0) - re;
            m[o + 1] = -im;
          }
      const logAbsDet = invertN(m, inv, d);
      if (!Number.isFinite(logAbsDet)) throw new ConvergenceError('self-consistent region: 1 − G0 δV is singular at a pole node');
      const w = poles.weights[q]!;
      tracePhi += w * 2 * logAbsDet;
      // Diagonal blocks of G = M⁻¹ G0, accumulated as W (G + G†).
      for (let l = 0; l < n; l++)
        for (let a = 0; a < 4; a++)
          for (let c = 0; c < 4; c++) {
            let re = 0, im = 0;
            const r = 4 * l + a, col = 4 * l + c;
            for (let k = 0; k < d; k++) {
              const p = 2 * (r * d + k), s = 2 * (k * d + col);
              re += inv[p]! * g0[s]! - inv[p + 1]! * g0[s + 1]!;
              im += inv[p]! * g0[s + 1]! + inv[p + 1]! * g0[s]!;
            }
            rho[32 * l + 2 * (4 * a + c)] += w * re;
            rho[32 * l + 2 * (4 * a + c) + 1] += w * im;
            rho[32 * l + 2 * (4 * c + a)] += w * re;
            rho[32 * l + 2 * (4 * c + a) + 1] -= w * im;
          }
    }
    let condensation = 0;
    const out = new Float64Array(2 * n);
    for (let l = 0; l < n; l++) {
      condensation += (x[2 * l]! ** 2 + x[2 * l + 1]! ** 2 - e.gap0[2 * l]! ** 2 - e.gap0[2 * l + 1]! ** 2) / U;
      // ⟨c↓c↑⟩ = ρ_03 = −2c (Ĥ0 + δV)_03 + Σ W (G + G†)_03 (no ½ off the diagonal).
      const k = 32 * l + 2 * 3;
      out[2 * l] = U * (rho[k]! - 2 * poles.quadratic * (e.onsite[k]! + v[k]!));
      out[2 * l + 1] = U * (rho[k + 1]! - 2 * poles.quadratic * (e.onsite[k + 1]! + v[k + 1]!));
    }
    const deltaF = -0.5 * tracePhi + condensation;
    if (options.selfConsistent === false) return { deltaF, gap: x, converged: true, iterations: it, residual: 0 };
    const r = new Float64Array(2 * n);
    let residual = 0;
    for (let k = 0; k < 2 * n; k++) r[k] = out[k]! - x[k]!;
    for (let l = 0; l < n; l++) residual = Math.max(residual, Math.hypot(r[2 * l]!, r[2 * l + 1]!));
    if (!Number.isFinite(residual)) throw new ConvergenceError('self-consistent region: the iteration produced a non-finite Δ');
    if (residual <= tolerance || it >= maxIterations) return { deltaF, gap: x, converged: residual <= tolerance, iterations: it, residual };
    x = mixer.next(x, r);
  }
}

/** Region nodes: every node of every site within `radius` of one of `sites` (lattice distance). */
export function regionNodes(lattice: { nSites: number; distance(i: number, j: number): number; siteNodes(n: number): number[] }, sites: readonly number[], radius: number): number[] {
  if (!(radius >= 0 && Number.isFinite(radius))) throw new InputError('--region', `a non-negative radius, got ${radius}`);
  const nodes: number[] = [];
  for (let s = 0; s < lattice.nSites; s++) if (sites.some((c) => lattice.distance(s, c) <= radius + 1e-9)) nodes.push(...lattice.siteNodes(s));
  return nodes;
}

/**
 * J, D of two spins (couplings J1, J2 on nodes1, nodes2 of the region, as
 * local indices) from the 36 self-consistent ΔF_sc, and the largest residual.
 */
export async function regionCouplings(
  e: RegionEmbedding,
  local1: readonly number[],
  local2: readonly number[],
  J1: number,
  J2: number,
  options: { tolerance?: number; maxIterations?: number; selfConsistent?: boolean; signal?: AbortSignal } = {},
): Promise<Couplings & { converged: boolean; maxIterations: number; fixedGap: Couplings }> {
  const F: number[] = [];
  const F0: number[] = [];
  let converged = true, maxIt = 0;
  for (const [s1, s2] of THIRTY_SIX) {
    const blocks: (Float64Array | undefined)[] = new Array(e.nodes.length);
    const add = (l: number, b: Float64Array) => {
      const cur = blocks[l] ?? new Float64Array(32);
      for (let k = 0; k < 32; k++) cur[k] += b[k]!;
      blocks[l] = cur;
    };
    for (const l of local1) add(l, impurityBlock(J1, s1));
    for (const l of local2) add(l, impurityBlock(J2, s2));
    const sol = await solveRegion(e, blocks, options);
    F0.push((await solveRegion(e, blocks, { selfConsistent: false, signal: options.signal })).deltaF);
    converged &&= sol.converged;
    maxIt = Math.max(maxIt, sol.iterations);
    F.push(sol.deltaF);
  }
  return { ...extractCouplings(F), converged, maxIterations: maxIt, fixedGap: extractCouplings(F0) };
}

export interface SelfConsistentCouplingRow {
  /** δ for --separations, else undefined. */
  separation?: number;
  /** Spin 2's site label. */
  site2: string;
  /** Region radius R and its node count. */
  region: number;
  regionNodes: number;
  J: [number, number, number];
  D: [number, number, number];
  /** J and D on the self-consistent clean host with Δ held at Δ0 (no self-consistency around the spins). */
  fixedGap: { J: [number, number, number]; D: [number, number, number] };
  converged: boolean;
  /** Most iterations any of the 36 configurations needed. */
  iterations: number;
}

/**
 * J and D of the model's two spins with the gap solved self-consistently on
 * the sites within each radius of `radii` of either spin (the host outside at
 * its own self-consistent clean solution), for every separation or target:
 * the rows for R and the next R show the convergence in R.
 */
export async function selfConsistentCouplings(
  model: Model,
  request: { separations?: readonly number[]; targets?: readonly Target[]; direction?: Axis },
  radii: readonly number[],
  options: { tolerance?: number; maxIterations?: number; threads?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<SelfConsistentCouplingRow[]> {
  const U = model.pairing.attraction;
  if (!(U > 0)) throw new InputError('pairing.attraction', 'a positive on-site attraction U for --self-consistent');
  if (model.impurities.length > 2) throw new InputError('impurities', `at most two (the pair) with --self-consistent, got ${model.impurities.length}`);
  if (radii.length === 0) throw new InputError('--region', 'at least one radius');
  for (const R of radii) if (!(R >= 0 && Number.isFinite(R))) throw new InputError('--region', `non-negative radii, got ${R}`);
  const problem = request.separations ? separationSweep(model, request.separations, request.direction ?? 'x') : targetSweep(model, request.targets ?? []);
  const clean = await selfConsistentGap(model, { impurities: false, tolerance: options.tolerance, maxIterations: options.maxIterations, threads: options.threads, signal: options.signal });
  if (!clean.converged) throw new ConvergenceError(`self-consistent clean host: residual ${clean.residual.toExponential(2)} after ${clean.iterations} iterations`);
  const extra = Math.abs(problem.coupling1) + Math.abs(problem.coupling2) + 1;
  const rows: SelfConsistentCouplingRow[] = [];
  const total = problem.sites2.length * radii.length;
  for (let k = 0; k < problem.sites2.length; k++) {
    for (const R of radii) {
      if (options.signal?.aborted) throw new CancelledError();
      const nodes = regionNodes(model.lattice, [problem.site1, problem.sites2[k]!], R);
      const local = new Map(nodes.map((node, l) => [node, l]));
      const e = embedRegion(clean.host, clean.gap, nodes, U, problem.temperature, extra);
      const c = await regionCouplings(e, problem.nodes1.map((i) => local.get(i)!), problem.nodes2[k]!.map((i) => local.get(i)!), problem.coupling1, problem.coupling2, options);
      rows.push({
        separation: 'separations' in problem ? (problem as { separations: number[] }).separations[k] : undefined,
        site2: model.lattice.label(problem.sites2[k]!),
        region: R,
        regionNodes: nodes.length,
        J: c.J,
        D: c.D,
        fixedGap: { J: c.fixedGap.J, D: c.fixedGap.D },
        converged: c.converged,
        iterations: c.maxIterations,
      });
      options.onProgress?.(rows.length, total);
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  return rows;
}

/** CSV text of the rows (one per separation and radius). */
export function selfConsistentCouplingsText(rows: readonly SelfConsistentCouplingRow[]): string {
  const head = 'separation,site2,region,regionNodes,Jx,Jy,Jz,Dx,Dy,Dz,Jx_fixed,Jy_fixed,Jz_fixed,Dx_fixed,Dy_fixed,Dz_fixed,converged,iterations';
  return [head, ...rows.map((r) => [r.separation ?? '', `"${r.site2}"`, r.region, r.regionNodes, ...r.J, ...r.D, ...r.fixedGap.J, ...r.fixedGap.D, r.converged, r.iterations].join(','))].join('\n') + '\n';
}
