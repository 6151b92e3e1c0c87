import { denseMatrix } from '../hamiltonian/bdg.js';
import { eigvalsh } from '../math/eigh.js';
import { runPool, type PoolOptions } from '../parallel/pool.js';
import { freeEnergyFromEigenvalues } from '../solvers/freeEnergy.js';
import { THIRTY_SIX, type SpinPair } from './configurations.js';
import { addOnsiteBlock, impurityBlock } from './impurity.js';
import type { PairProblem } from './problem.js';

/** The host's dense matrix, built once and copied for every configuration. */
export interface DenseHost {
  dense: Float64Array;
  dim: number;
}

export function denseHost(problem: PairProblem): DenseHost {
  return { dense: denseMatrix(problem.host.matrix), dim: 4 * problem.host.matrix.nSites };
}

/** F for spin 1 along S1 and spin 2 (on nodes2[sep]) along S2, by dense diagonalization. */
export function denseConfigurationEnergy(problem: PairProblem, host: DenseHost, sep: number, [s1, s2]: SpinPair): number {
  const m = host.dense.slice();
  const [v1, v2] = [impurityBlock(problem.coupling1, s1), impurityBlock(problem.coupling2, s2)];
  for (const k of problem.nodes1) addOnsiteBlock(m, host.dim, k, v1);
  for (const k of problem.nodes2[sep]!) addOnsiteBlock(m, host.dim, k, v2);
  return freeEnergyFromEigenvalues(eigvalsh(m, host.dim, { overwrite: true }), problem.temperature);
}

/**
 * The dense reference engine: one full diagonalization per separation and
 * configuration (default: the 36, index 6·s1 + s2), spread over worker
 * threads. Cost O((4N)³) each: small lattices only.
 */
export async function denseConfigurationEnergies(
  problem: PairProblem,
  options: PoolOptions = {},
  configurations: readonly SpinPair[] = THIRTY_SIX,
): Promise<Float64Array[]> {
  const nc = configurations.length;
  const tasks: { sep: number; spins: SpinPair }[] = [];
  for (let sep = 0; sep < problem.sites2.length; sep++) for (const spins of configurations) tasks.push({ sep, spins });
  const values = await runPool<{ sep: number; spins: SpinPair }, number>(new URL('./denseWorker.js', import.meta.url), problem, tasks, options);
  return problem.sites2.map((_, sep) => Float64Array.from(values.slice(nc * sep, nc * sep + nc)));
}
