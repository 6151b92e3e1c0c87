import { checkBoolean, checkChoice, checkExactOptions, checkNumberList, checkOptions, describe, toModel } from '../api/arguments.js';
import { InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import type { ModelInput } from '../model/schema.js';
import { extractCouplings, labelledEnergies, tensorParts, type Couplings, type Mat3, type Vec3 } from './couplings.js';
import { THIRTY_SIX } from './configurations.js';
import { denseConfigurationEnergies } from './denseEngine.js';
import { exactSweep, type ExactOptions, type SplitEnergies } from './exactEngine.js';
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

/** The 36 free energies of every separation, by the chosen engine, as F = reference + delta (dense: reference 0). */
export async function configurationEnergies(problem: PairProblem, engine: 'dense' | 'exact', options: ExactOptions = {}): Promise<SplitEnergies> {
  if (engine === 'exact') return exactSweep(problem, options);
  return { reference: 0, deltas: await denseConfigurationEnergies(problem, options) };
}

/** Check the options of a couplings sweep or an angle scan (everything but the separations); InputErrors name `options.*`. */
export function checkSweepOptions(options: unknown): Record<string, unknown> {
  const o = checkOptions(options, 'options', true);
  checkChoice(o.engine, 'options.engine', ['dense', 'exact', 'auto']);
  checkChoice(o.direction, 'options.direction', ['x', 'y', 'z']);
  checkExactOptions(o);
  return o;
}

/** A separation δ: a non-zero integer. */
export function checkSeparation(x: unknown, field: string): void {
  if (!(typeof x === 'number' && Number.isInteger(x) && x !== 0)) throw new InputError(field, `expected a non-zero integer, got ${describe(x)}`);
}

/**
 * μ, μ1, μ2, η, J and D between spin 1 (the model's first impurity) and spin 2
 * at each separation δ along `direction`, from the 36 exact free energies.
 * `model` is a parsed Model or model-file JSON (validated the same way).
 */
export async function computeCouplings(modelArg: Model | ModelInput, options: CouplingsOptions): Promise<CouplingsResult> {
  const model = toModel(modelArg);
  const o = checkSweepOptions(options);
  checkNumberList(o.separations, 'options.separations', checkSeparation);
  checkBoolean(o.raw, 'options.raw');
  checkBoolean(o.secondOrder, 'options.secondOrder');
  const problem = separationSweep(model, options.separations, options.direction ?? 'x');
  const engine = resolveEngine(options.engine ?? 'auto', model.lattice.nSites);
  let energies: SplitEnergies;
  let second: Mat3[] | undefined;
  if (options.secondOrder) {
    const sweep = await exactSweep(problem, options, THIRTY_SIX, true);
    second = sweep.secondOrder;
    energies = engine === 'exact' ? sweep : await configurationEnergies(problem, engine, options);
  } else energies = await configurationEnergies(problem, engine, options);
  const { reference, deltas } = energies;
  const lat = model.lattice;
  const rows = deltas.map((dF, k): CouplingRow => {
    const couplings = extractCouplings(dF);
    const row: CouplingRow = {
      separation: problem.separations[k]!,
      site1: lat.site(problem.site1).slice(0, lat.dim),
      site2: lat.site(problem.sites2[k]!).slice(0, lat.dim),
      ...couplings,
      F0: reference + couplings.F0,
    };
    if (options.raw) row.raw = labelledEnergies(dF.map((x) => reference + x));
    if (second) row.secondOrder = tensorParts(second[k]!);
    return row;
  });
  return { engine, rows };
}
