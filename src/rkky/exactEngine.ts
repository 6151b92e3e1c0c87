import { checkExactOptions, checkNumber, checkOptions, toModelFile } from '../api/arguments.js';
import { checkPairProblem } from '../api/problem.js';
import type { BdGHamiltonian } from '../hamiltonian/bdg.js';
import type { Complex } from '../math/complex.js';
import { parseModel, type Model } from '../model/model.js';
import { modelHamiltonian } from '../model/hamiltonian.js';
import type { ModelFile, ModelInput } from '../model/schema.js';
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

/**
 * Zero-mode resolution of the T = 0 expansion, relative to the Gershgorin bound X0 of the matrix
 * that is factorized: levels with |ε| ≥ 1e-6·X0 are treated exactly (derivative error ≤ tolerance),
 * closer ones err by ≤ 0.04·1e-6·X0 each (3e-7 for X0 = 8) whatever the exchange J.
 * Why not finer: on hosts with exact zero modes (a bipartite lattice at half filling) the
 * nested-dissection LU of (i w − H0) loses ≈ 1e-16·(X0/w)² relative accuracy in ln|det| and G0
 * (measured on 7×7 at μ = 0: 6e-6 at w = 1e-6·X0, 4e-2 at 1e-8·X0, zero pivots below 1e-9·X0),
 * so nodes w ≪ 1e-6·X0 would cost more accuracy than they resolve.
 */
export const ZERO_MODE_RESOLUTION = 1e-6;

/**
 * The pole expansion for a Hamiltonian: X = Gershgorin bound of h widened by the impurity terms
 * (any X > 0 bounds H = 0, e.g. a flat band); at T = 0 the zero modes are resolved to
 * ZERO_MODE_RESOLUTION of h's own bound, the matrix that is factorized.
 */
export function polesFor(h: BdGHamiltonian, temperature: number, extra: number, options: ExactOptions): PoleExpansion {
  const own = h.spectralBound();
  const bound = own + extra > 0 ? own + extra : 1;
  return poleExpansion({
    temperature,
    bound,
    tolerance: options.tolerance ?? 1e-11,
    kind: options.poles ?? 'rational',
    resolution: ZERO_MODE_RESOLUTION * (own > 0 ? own : bound),
  });
}

/**
 * F(H) from the determinant form of the pole expansion (DESIGN.md §2):
 * F = −½ [dim·a0 + c Tr H² + Σ_p W_p (2 ln|det(i w_p − H)| − 2 dim ln w_p)]
 * (a0 = T ln 2 at T > 0, the zero-temperature expansion's plateau constant at T = 0).
 */
function freeEnergyFromDeterminants(p: PoleExpansion, dim: number, trH2: number, logAbsDets: readonly number[]): number {
  let s = dim * p.constant + p.quadratic * trH2;
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
  checkPairProblem(problem, configurations);
  checkExactOptions(checkOptions(options));
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
  const h0 = modelHamiltonian(parseModel(problem.host));
  const spinMax = Math.max(...configurations.flat().map((s) => Math.hypot(...s)));
  const J = Math.max(Math.abs(problem.coupling1), Math.abs(problem.coupling2)) * spinMax;
  const poles = polesFor(h0, problem.temperature, J, options);
  const kept = [problem.site1, ...problem.sites2];
  // H0 is the host with its fixed spins (impurities 3..): G0, F(H0) and the traces below all use the same h0.
  const nodes = await (await provider(options))(problem.host, kept, imaginaryEnergies(poles), { ...options, includeImpurities: true });
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
export async function exactFreeEnergy(modelArg: ModelInput | Model, temperature: number, options: ExactOptions = {}): Promise<number> {
  const model = toModelFile(modelArg);
  checkNumber(temperature, 'temperature', 'nonnegative');
  checkExactOptions(checkOptions(options));
  const h = modelHamiltonian(parseModel(model));
  const poles = polesFor(h, temperature, 0, options);
  const nodes = await (await provider(options))(model, [], imaginaryEnergies(poles), { ...options, includeImpurities: true });
  return freeEnergyFromDeterminants(poles, h.dim, traceSquare(h), nodes.map((r) => r.logAbsDet));
}
