import { matrixBlock } from '../hamiltonian/bdg.js';
import type { PoolOptions } from '../parallel/pool.js';
import { freeEnergyFromDeterminants, imaginaryEnergies, polesFor, traceSquare, type ExactOptions } from '../rkky/exactEngine.js';
import type { PoleExpansion } from '../solvers/poles.js';
import type { ClusterProblem } from './problem.js';
import { majoranaGreens, type MajoranaGreens } from './realForm.js';

/** Options of the cluster setup: those of the exact engine. */
export type ClusterOptions = ExactOptions & PoolOptions;

/**
 * Everything a configuration's free energy needs, computed once: the pole
 * expansion, G0(i w_p) on all K impurity nodes ((4K)×(4K) interleaved per
 * pole), the on-site H0 blocks of those nodes and F(H0). `slots[i]` are the
 * positions of spin i's nodes among the K kept nodes.
 */
export interface Cluster {
  problem: ClusterProblem;
  poles: PoleExpansion;
  /** K: number of kept nodes (Σ orbitals of the impurity sites). */
  size: number;
  slots: number[][];
  greens: Float64Array[];
  /** H0 restricted to kept node k (4×4, interleaved), for Tr(H0 V). */
  onsite: Float64Array[];
  /** F(H0): the host without impurities. */
  reference: number;
  /** Largest |S| the pole expansion's spectral bound covers. */
  spinBound: number;
  /** The same G0 in the Majorana basis (real) when H0 is exactly particle–hole symmetric, else null. */
  majorana: MajoranaGreens | null;
}

/**
 * One set of factorizations (one per pole node w_p) gives G0 on the impurity
 * nodes; after that every configuration costs one dense determinant per pole
 * (DESIGN.md §2: F = F(H0) − c(Tr H0V + ½Tr V²) − Σ_p W_p ln|det(1 − G0(i w_p)V)|).
 */
export async function clusterSetup(problem: ClusterProblem, options: ClusterOptions = {}, spinBound = 1): Promise<Cluster> {
  const host = problem.host;
  const J = Math.max(...problem.couplings.map(Math.abs)) * spinBound;
  const poles = polesFor(host, problem.temperature, J, options);
  const kept = problem.nodes.flat();
  let next = 0;
  const slots = problem.nodes.map((n) => n.map(() => next++));
  const provider = options.greens ?? (await import('../solvers/greensPool.js')).greensAtEnergies;
  const results = await provider(host, kept, imaginaryEnergies(poles), options);
  const dim = 4 * host.matrix.nSites;
  const reference = freeEnergyFromDeterminants(poles, dim, traceSquare(host.matrix), results.map((r) => r.logAbsDet));
  const greens = results.map((r) => r.greens);
  return {
    problem,
    poles,
    size: kept.length,
    slots,
    greens,
    onsite: kept.map((k) => matrixBlock(host.matrix, k, k)),
    reference,
    spinBound,
    majorana: majoranaGreens(host.matrix, greens, 4 * kept.length),
  };
}
