import type { BdGHamiltonian } from '../hamiltonian/bdg.js';
import type { Complex } from '../math/complex.js';
import { parseModel } from '../model/model.js';
import { modelHamiltonian } from '../model/hamiltonian.js';
import type { ModelFile } from '../model/schema.js';
import type { PoolOptions } from '../parallel/pool.js';
import { traceProduct4 } from '../math/block4.js';
import type { GreensProvider } from '../solvers/greens.js';
import { poleExpansion, type PoleExpansion, type PoleKind } from '../solvers/poles.js';
import { THIRTY_SIX, type SpinPair } from './configurations.js';
import type { Mat3 } from './couplings.js';
import { impurityBlock } from './impurity.js';
import { impurityLogDets } from './impurityDeterminants.js';
import type { PairProblem } from './problem.js';
import { secondOrderTensor } from './secondOrder.js';
import { checkInfiniteHost } from './infiniteHost.js';

/** Options of the exact engine. */
export interface ExactOptions extends PoolOptions {
  /** Accuracy of the pole expansion (error of the Fermi function on the spectrum; default 1e-11). */
  tolerance?: number;
  /** Pole scheme: 'rational' (few nodes, default) or the 'ozaki' / 'matsubara' cross-checks. */
  poles?: PoleKind;
  /** How G0 is computed (default: worker threads in Node; `serialGreens` in a browser). */
  greens?: GreensProvider;
  /** Infinite-host limit of a periodic host: the k-mesh shape (F0 then refers to the mesh torus). */
  mesh?: number[];
}

/** The Green's-function provider of the options, or the Node worker pool (loaded lazily so browsers never import it). */
async function provider(options: ExactOptions): Promise<GreensProvider> {
  return options.greens ?? (await import('../solvers/greensPool.js')).greensAtEnergies;
}

/** The energies z_p = i w_p of the pole nodes. */
export const imaginaryEnergies = (p: PoleExpansion): Complex[] => Array.from(p.nodes, (w: number) => ({ re: 0, im: w }));

/** Σ |H_ij|² = Tr H² of a Hermitian matrix. */
function traceSquare(h: BdGHamiltonian): number {
  let s = 0;
  for (const v of h.matrix.values) s += v * v;
  return s;
}

/** The pole expansion for a Hamiltonian (Gershgorin bound, widened by the impurity terms). */
export function polesFor(h: BdGHamiltonian, temperature: number, extra: number, options: ExactOptions): PoleExpansion {
  return poleExpansion({ temperature, bound: h.spectralBound() + extra, tolerance: options.tolerance ?? 1e-11, kind: options.poles ?? 'rational' });
}

/**
 * F(H) from the determinant form of the pole expansion (DESIGN.md §2):
 * F = −½ [dim·T ln 2 + c Tr H² + Σ_p W_p (2 ln|det(i w_p − H)| − 2 dim ln w_p)].
 */
function freeEnergyFromDeterminants(p: PoleExpansion, dim: number, trH2: number, logAbsDets: readonly number[]): number {
  let s = dim * p.effectiveTemperature * Math.LN2 + p.quadratic * trH2;
  for (let k = 0; k < p.nodes.length; k++) s += p.weights[k]! * (2 * logAbsDets[k]! - 2 * dim * Math.log(p.nodes[k]!));
  return -0.5 * s;
}

/**
 * The exact engine: free energies of every separation and spin configuration
 * (default: the 36 of the coupling extraction) from the host's Green's function
 * on the impurity sites,
 * F(S1, S2) = F(H0) − c(Tr H0V + ½Tr V²) − Σ_p W_p ln|det(1 − G0(i w_p) V)|,
 * with one sparse factorization per node w_p serving all separations and
 * configurations; nodes are spread over worker threads.
 */
export async function exactConfigurationEnergies(
  problem: PairProblem,
  options: ExactOptions = {},
  configurations: readonly SpinPair[] = THIRTY_SIX,
): Promise<Float64Array[]> {
  const { reference, deltas } = await exactSweep(problem, options, configurations);
  return deltas.map((d) => d.map((x) => reference + x));
}

/**
 * Free energies of a sweep as F = reference + delta: keeping the large
 * configuration-independent reference F(H0) apart lets the couplings be
 * projected from the deltas without losing digits to |F|.
 */
export interface SplitEnergies {
  reference: number;
  deltas: Float64Array[];
}

/** The exact engine's free energies (F(H0) and ΔF per separation and configuration) and, with `secondOrder`, the J² (LKAG-type) tensor of every separation from the same Green's functions. */
export async function exactSweep(
  problem: PairProblem,
  options: ExactOptions = {},
  configurations: readonly SpinPair[] = THIRTY_SIX,
  secondOrder = false,
): Promise<SplitEnergies & { secondOrder?: Mat3[] }> {
  // A mesh (infinite host) needs a periodic translation-invariant host: say so before any worker starts.
  if (options.mesh) checkInfiniteHost(problem.host);
  const h0 = modelHamiltonian(parseModel(problem.host));
  const spinMax = Math.max(...configurations.flat().map((s) => Math.hypot(...s)));
  const J = Math.max(Math.abs(problem.coupling1), Math.abs(problem.coupling2)) * spinMax;
  const poles = polesFor(h0, problem.temperature, J, options);
  const kept = [problem.site1, ...problem.sites2];
  const nodes = await (await provider(options))(problem.host, kept, imaginaryEnergies(poles), options);
  // On an enlarged k-mesh (infinite host) the determinants are those of the mesh torus.
  const cells = options.mesh ? options.mesh.reduce((a, b) => a * b, 1) / h0.matrix.nSites : 1;
  const F0 = freeEnergyFromDeterminants(poles, h0.dim * cells, traceSquare(h0) * cells, nodes.map((r) => r.logAbsDet));
  const nc = configurations.length;
  const v1 = configurations.map(([s1]) => impurityBlock(problem.coupling1, s1));
  const v2 = configurations.map(([, s2]) => impurityBlock(problem.coupling2, s2));
  const perNode = nodes.map((r) => impurityLogDets(r.greens, kept.length, v1, v2));
  const h11 = h0.block(problem.site1, problem.site1);
  const deltas = problem.sites2.map((site2, sep) => {
    const h22 = h0.block(site2, site2);
    const F = new Float64Array(nc);
    for (let c = 0; c < nc; c++) {
      const quad = traceProduct4(h11, v1[c]!) + traceProduct4(h22, v2[c]!) + 0.5 * (traceProduct4(v1[c]!, v1[c]!) + traceProduct4(v2[c]!, v2[c]!));
      let sum = 0;
      for (let k = 0; k < perNode.length; k++) sum += poles.weights[k]! * perNode[k]![nc * sep + c]!;
      F[c] = -poles.quadratic * quad - sum;
    }
    return F;
  });
  if (!secondOrder) return { reference: F0, deltas };
  return {
    reference: F0,
    deltas,
    secondOrder: problem.sites2.map((_, sep) => secondOrderTensor(poles, nodes, kept.length, sep, problem.coupling1, problem.coupling2)),
  };
}

/** F of a whole model (impurities included) by the exact engine: LU determinants at the pole nodes, no diagonalization. */
export async function exactFreeEnergy(model: ModelFile, temperature: number, options: ExactOptions = {}): Promise<number> {
  const h = modelHamiltonian(parseModel(model));
  const poles = polesFor(h, temperature, 0, options);
  const nodes = await (await provider(options))(model, [], imaginaryEnergies(poles), { ...options, includeImpurities: true });
  return freeEnergyFromDeterminants(poles, h.dim, traceSquare(h), nodes.map((r) => r.logAbsDet));
}
