import { InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import type { PoolOptions } from '../parallel/pool.js';
import { extractCouplings, labelledEnergies, type Couplings } from './couplings.js';
import { denseConfigurationEnergies } from './denseEngine.js';
import { separationSweep, type Axis, type PairProblem } from './problem.js';

export type EngineName = 'dense' | 'exact' | 'auto';

export interface CouplingRow extends Couplings {
  separation: number;
  site1: number[];
  site2: number[];
  /** The 36 free energies keyed "s1,s2" (with `raw: true`). */
  raw?: Record<string, number>;
}

export interface CouplingsResult {
  engine: 'dense' | 'exact';
  rows: CouplingRow[];
}

export interface CouplingsOptions extends PoolOptions {
  separations: readonly number[];
  direction?: Axis;
  engine?: EngineName;
  raw?: boolean;
}

/** Which engine `auto` picks for a problem. */
export function resolveEngine(engine: EngineName, _problem: PairProblem): 'dense' | 'exact' {
  if (engine === 'auto') return 'dense';
  if (engine === 'exact') throw new InputError('--engine', "the exact engine is not available yet; use 'dense'");
  return engine;
}

/**
 * μ, μ1, μ2, η, J and D between spin 1 (the model's first impurity) and spin 2
 * at each separation δ along `direction`, from the 36 exact free energies.
 */
export async function computeCouplings(model: Model, options: CouplingsOptions): Promise<CouplingsResult> {
  const problem = separationSweep(model, options.separations, options.direction ?? 'x');
  const engine = resolveEngine(options.engine ?? 'auto', problem);
  const energies = await denseConfigurationEnergies(problem, options);
  const lat = model.lattice;
  const rows = energies.map((F, k): CouplingRow => {
    const row: CouplingRow = {
      separation: problem.separations[k]!,
      site1: lat.site(problem.site1).slice(0, lat.dim),
      site2: lat.site(problem.sites2[k]!).slice(0, lat.dim),
      ...extractCouplings(F),
    };
    if (options.raw) row.raw = labelledEnergies(F);
    return row;
  });
  return { engine, rows };
}
