import { trace } from '../trace.js';
import { checkExactOptions, checkNumber, checkOptions, toModel } from '../api/arguments.js';
import { checkPairProblem } from '../api/problem.js';
import { matrixBlock, spectralBound } from '../hamiltonian/bdg.js';
import type { BlockSparse } from '../hamiltonian/blockSparse.js';
import type { Complex } from '../math/complex.js';
import type { Model } from '../model/model.js';
import { buildHost } from '../model/host.js';
import type { ModelInput } from '../model/schema.js';
import type { HostData } from '../host/host.js';
import type { PoolOptions } from '../parallel/pool.js';
import { traceProduct4 } from '../math/block4.js';
import type { GreensAtEnergy, GreensProvider } from '../solvers/greens.js';
import { poleExpansion, type PoleExpansion, type PoleKind } from '../solvers/poles.js';
import { THIRTY_SIX, type SpinPair } from './configurations.js';
import type { Mat3 } from './couplings.js';
import { impurityBlock } from './impurity.js';
import { impurityLogDets, type KeptLayout } from './impurityDeterminants.js';
import type { PairProblem } from './problem.js';
import { secondOrderTensor } from './secondOrder.js';
import { checkPeriodicHost } from './infiniteHost.js';

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
export function traceSquare(h: BlockSparse): number {
  const v = h.values;
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
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
export function polesFor(h: { matrix: BlockSparse }, temperature: number, extra: number, options: ExactOptions): PoleExpansion {
  const own = spectralBound(h.matrix);
  const bound = own + extra > 0 ? own + extra : 1;
  return poleExpansion({
    temperature,
    bound,
    tolerance: options.tolerance ?? 1e-11,
    kind: options.poles ?? 'rational',
    resolution: ZERO_MODE_RESOLUTION * (own > 0 ? own : bound),
  });
}

/** The distinct kept nodes of a pair problem and where each spin's nodes sit among them. */
function keptNodes(problem: PairProblem): { kept: number[]; layout: KeptLayout } {
  const kept: number[] = [];
  const slot = new Map<number, number>();
  const place = (k: number) => {
    let s = slot.get(k);
    if (s === undefined) {
      s = kept.length;
      slot.set(k, s);
      kept.push(k);
    }
    return s;
  };
  const first = problem.nodes1.map(place);
  const second = problem.nodes2.map((nodes) => nodes.map(place));
  return { kept, layout: { first, second } };
}

/**
 * F(H) from the determinant form of the pole expansion (DESIGN.md §2):
 * F = −½ [dim·a0 + c Tr H² + Σ_p W_p (2 ln|det(i w_p − H)| − 2 dim ln w_p)]
 * (a0 = T ln 2 at T > 0, the zero-temperature expansion's plateau constant at T = 0).
 */
export function freeEnergyFromDeterminants(p: PoleExpansion, dim: number, trH2: number, logAbsDets: readonly number[]): number {
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
  // A mesh (infinite host) needs a periodic translation-invariant host: say so before any worker starts.
  if (options.mesh) checkPeriodicHost(problem.host);
  const host = problem.host;
  const h0 = host.matrix;
  const dim = 4 * h0.nSites;
  const spinMax = Math.max(...configurations.flat().map((s) => Math.hypot(...s)));
  const J = Math.max(Math.abs(problem.coupling1), Math.abs(problem.coupling2)) * spinMax;
  const { kept, layout } = keptNodes(problem);
  // problem.host is H0 with its fixed spins (impurities 3..): G0, F(H0) and the traces below all use it.
  // The default worker pool plans the solver while this thread fits the poles.
  let poles!: PoleExpansion;
  const energies = () => {
    trace('pole fit');
    const zs = imaginaryEnergies((poles = polesFor(host, problem.temperature, J, options)));
    trace(`pole fit done: ${zs.length} nodes`);
    return zs;
  };
  // Tr H0² (a pass over the whole matrix) once all nodes but the last are in: the workers
  // then leave a core idle, so it is not added after the last node (15 ms on the paper's host).
  let trH2: number | undefined;
  let received = 0;
  const nc = configurations.length;
  const v1 = configurations.map(([s1]) => impurityBlock(problem.coupling1, s1));
  const v2 = configurations.map(([, s2]) => impurityBlock(problem.coupling2, s2));
  // The impurity determinants of each node as it arrives (this thread waits for the workers anyway).
  const perNode: Float64Array[] = [];
  const onResult = (k: number, r: GreensAtEnergy) => {
    perNode[k] = impurityLogDets(r.greens, kept.length, v1, v2, layout);
    trace(`node ${k} reduced`);
    if (++received === poles.nodes.length - 1) trH2 = traceSquare(h0);
  };
  const request = { ...options, onResult };
  const nodes = options.greens
    ? await options.greens(host, kept, energies(), request)
    : await (await import('../solvers/greensPool.js')).greensAtLaterEnergies(host, kept, energies, request);
  if (!poles) throw new Error('exactSweep: the pole expansion was never fitted');
  // A provider that ignores onResult: the determinants now.
  nodes.forEach((r, k) => (perNode[k] ??= impurityLogDets(r.greens, kept.length, v1, v2, layout)));
  // On an enlarged k-mesh (infinite host) the determinants are those of the mesh torus.
  const cells = options.mesh ? options.mesh.reduce((a, b) => a * b, 1) / (h0.nSites / host.geometry.nodesPerCell) : 1;
  const F0 = freeEnergyFromDeterminants(poles, dim * cells, (trH2 ?? traceSquare(h0)) * cells, nodes.map((r) => r.logAbsDet));
  // Tr(H0_II V): V is orbital-diagonal, so only the diagonal node blocks of H0 enter.
  const onsiteTrace = (nodeList: readonly number[], v: Float64Array) => nodeList.reduce((sum, k) => sum + traceProduct4(matrixBlock(h0, k, k), v), 0);
  const deltas = problem.nodes2.map((nodes2, sep) => {
    const F = new Float64Array(nc);
    for (let c = 0; c < nc; c++) {
      const quad =
        onsiteTrace(problem.nodes1, v1[c]!) +
        onsiteTrace(nodes2, v2[c]!) +
        0.5 * (problem.nodes1.length * traceProduct4(v1[c]!, v1[c]!) + nodes2.length * traceProduct4(v2[c]!, v2[c]!));
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
    secondOrder: problem.nodes2.map((_, sep) => secondOrderTensor(poles, nodes, kept.length, sep, problem.coupling1, problem.coupling2, layout)),
  };
}

/** F of a whole model (impurities included) by the exact engine: LU determinants at the pole nodes, no diagonalization. */
export async function exactFreeEnergy(modelArg: ModelInput | Model | HostData, temperature: number, options: ExactOptions = {}): Promise<number> {
  checkNumber(temperature, 'temperature', 'nonnegative');
  checkExactOptions(checkOptions(options));
  const isHost = typeof modelArg === 'object' && modelArg !== null && 'matrix' in modelArg && 'geometry' in modelArg;
  const host = isHost ? (modelArg as HostData) : (() => { const m = toModel(modelArg); return buildHost(m, m.impurities); })();
  const poles = polesFor(host, temperature, 0, options);
  const nodes = await (await provider(options))(host, [], imaginaryEnergies(poles), options);
  return freeEnergyFromDeterminants(poles, 4 * host.matrix.nSites, traceSquare(host.matrix), nodes.map((r) => r.logAbsDet));
}
