import type { Model } from '../model/model.js';
import { extractCouplings, labelledEnergies, tensorParts, type Couplings, type Mat3, type Vec3 } from './couplings.js';
import { THIRTY_SIX } from './configurations.js';
import { denseConfigurationEnergies } from './denseEngine.js';
import { exactConfigurationEnergies, exactSweep, type ExactOptions } from './exactEngine.js';
import { separationSweep, type Axis, type PairProblem } from './problem.js';

export type EngineName = 'dense' | 'exact' | 'auto';

export interface CouplingRow extends Couplings {
  separation: number;
  site1: number[];
  site2: number[];
  /** The 36 free energies keyed "s1,s2" (with `raw: true`). */
  raw?: Record<string, number>;
  /** The second-order (J², LKAG-type) approximation of η, J and D (with `secondOrder: true`; exact engine). */
  secondOrder?: { eta: Mat3; J: Vec3; D: Vec3 };
}

export interface CouplingsResult {
  engine: 'dense' | 'exact';
  rows: CouplingRow[];
}

export interface CouplingsOptions extends ExactOptions {
  separations: readonly number[];
  direction?: Axis;
  engine?: EngineName;
  raw?: boolean;
  /** Also report the second-order (J²) tensor from the same Green's functions. */
  secondOrder?: boolean;
}

/** Lattices up to this many sites count as tiny: `auto` diagonalizes them densely. */
export const DENSE_AUTO_MAX_SITES = 64;

/** Which engine `auto` picks: dense for tiny lattices, exact otherwise. */
export function resolveEngine(engine: EngineName, nSites: number): 'dense' | 'exact' {
  if (engine !== 'auto') return engine;
  return nSites <= DENSE_AUTO_MAX_SITES ? 'dense' : 'exact';
}

/** The 36 free energies of every separation, by the chosen engine. */
export function configurationEnergies(problem: PairProblem, engine: 'dense' | 'exact', options: ExactOptions = {}): Promise<Float64Array[]> {
  return engine === 'dense' ? denseConfigurationEnergies(problem, options) : exactConfigurationEnergies(problem, options);
}

/**
 * μ, μ1, μ2, η, J and D between spin 1 (the model's first impurity) and spin 2
 * at each separation δ along `direction`, from the 36 exact free energies.
 */
export async function computeCouplings(model: Model, options: CouplingsOptions): Promise<CouplingsResult> {
  const problem = separationSweep(model, options.separations, options.direction ?? 'x');
  const engine = resolveEngine(options.engine ?? 'auto', model.lattice.nSites);
  let energies: Float64Array[];
  let second: Mat3[] | undefined;
  if (options.secondOrder) {
    const sweep = await exactSweep(problem, options, THIRTY_SIX, true);
    second = sweep.secondOrder;
    energies = engine === 'exact' ? sweep.energies : await denseConfigurationEnergies(problem, options);
  } else energies = await configurationEnergies(problem, engine, options);
  const lat = model.lattice;
  const rows = energies.map((F, k): CouplingRow => {
    const row: CouplingRow = {
      separation: problem.separations[k]!,
      site1: lat.site(problem.site1).slice(0, lat.dim),
      site2: lat.site(problem.sites2[k]!).slice(0, lat.dim),
      ...extractCouplings(F),
    };
    if (options.raw) row.raw = labelledEnergies(F);
    if (second) row.secondOrder = tensorParts(second[k]!);
    return row;
  });
  return { engine, rows };
}
