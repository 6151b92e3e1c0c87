import { parseModel } from '../model/model.js';
import { modelHamiltonian } from '../model/hamiltonian.js';
import { eigvalsh } from '../math/eigh.js';
import { runPool, type PoolOptions } from '../parallel/pool.js';
import { freeEnergyFromEigenvalues } from '../solvers/freeEnergy.js';
import { DIRECTIONS } from './configurations.js';
import { addOnsiteBlock, impurityBlock } from './impurity.js';
import type { PairProblem } from './problem.js';

/** The host's dense matrix, built once and copied for every configuration. */
export interface DenseHost {
  dense: Float64Array;
  dim: number;
}

export function denseHost(problem: PairProblem): DenseHost {
  const h = modelHamiltonian(parseModel(problem.host));
  return { dense: h.dense(), dim: h.dim };
}

/** F for spin 1 along DIRECTIONS[config / 6] and spin 2 (at sites2[sep]) along DIRECTIONS[config % 6], by dense diagonalization. */
export function denseConfigurationEnergy(problem: PairProblem, host: DenseHost, sep: number, config: number): number {
  const m = host.dense.slice();
  addOnsiteBlock(m, host.dim, problem.site1, impurityBlock(problem.coupling1, DIRECTIONS[Math.floor(config / 6)]!));
  addOnsiteBlock(m, host.dim, problem.sites2[sep]!, impurityBlock(problem.coupling2, DIRECTIONS[config % 6]!));
  return freeEnergyFromEigenvalues(eigvalsh(m, host.dim, { overwrite: true }), problem.temperature);
}

/**
 * The dense reference engine: 36 full diagonalizations per separation,
 * spread over worker threads. Returns, per separation, the 36 free energies
 * (index 6·s1 + s2). Cost O(36·(4N)³) per separation: small lattices only.
 */
export async function denseConfigurationEnergies(problem: PairProblem, options: PoolOptions = {}): Promise<Float64Array[]> {
  const tasks: { sep: number; config: number }[] = [];
  for (let sep = 0; sep < problem.sites2.length; sep++) for (let config = 0; config < 36; config++) tasks.push({ sep, config });
  const values = await runPool<{ sep: number; config: number }, number>(new URL('./denseWorker.js', import.meta.url), problem, tasks, options);
  return problem.sites2.map((_, sep) => Float64Array.from(values.slice(36 * sep, 36 * sep + 36)));
}
