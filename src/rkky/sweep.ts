import type { Model } from '../model/model.js';
import { extractCouplings, labelledEnergies, tensorParts, type Couplings, type Mat3, type Vec3 } from './couplings.js';
import { THIRTY_SIX } from './configurations.js';
import { denseConfigurationEnergies } from './denseEngine.js';
import { exactSweep, type ExactOptions, type SplitEnergies } from './exactEngine.js';
import { separationSweep, type Axis, type PairProblem } from './problem.js';
import { InputError } from '../errors.js';
import { checkInfiniteHost, infiniteSeparationSweep, infiniteSweep, INFINITE_TOLERANCE, type InfiniteOptions } from './infiniteEngine.js';
import { checkMeshMemory } from './meshError.js';

export type EngineName = 'dense' | 'exact' | 'auto';

export interface CouplingRow extends Couplings {
  separation: number;
  site1: number[];
  site2: number[];
  /** The 36 free energies keyed "s1,s2" (with `raw: true`). */
  raw?: Record<string, number>;
  /** The second-order (J², LKAG-type) approximation of η, J and D (with `secondOrder: true`; exact engine). */
  secondOrder?: { eta: Mat3; J: Vec3; D: Vec3 };
  /** Infinite host: estimated absolute error of η (largest entry) at this separation. */
  etaError?: number;
}

/** How the infinite-host limit was taken and how accurate it is. */
export interface InfiniteSummary {
  /** 'adaptive': Brillouin-zone quadrature to `tolerance`; 'mesh': an M^d k-mesh, error estimated against the (M/2)^d mesh. */
  method: 'adaptive' | 'mesh';
  /** Requested relative tolerance of η (adaptive). */
  tolerance?: number;
  /** The mesh size M (mesh). */
  mesh?: number;
  /** Largest estimated relative error of η over the separations (|Δη|_max / |η|_max). */
  estimatedRelativeError: number;
}

export interface CouplingsResult {
  engine: 'dense' | 'exact';
  rows: CouplingRow[];
  /** With `infinite` or `mesh`: the thermodynamic-limit method and its estimated error. */
  infinite?: InfiniteSummary;
}

export interface CouplingsOptions extends InfiniteOptions {
  /**
   * Thermodynamic limit of a periodic host by adaptive Brillouin-zone
   * quadrature to `infiniteTolerance` (separations not limited by
   * lattice.shape; F0 is relative to the clean host).
   */
  infinite?: boolean;
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

/**
 * μ, μ1, μ2, η, J and D between spin 1 (the model's first impurity) and spin 2
 * at each separation δ along `direction`, from the 36 exact free energies.
 */
export async function computeCouplings(model: Model, options: CouplingsOptions): Promise<CouplingsResult> {
  if (options.infinite || options.mesh) {
    if (options.engine === 'dense') throw new InputError('--engine', '--infinite needs the exact engine (dense diagonalizes the finite model); use --engine exact or auto');
    if (options.infinite && options.mesh) throw new InputError('--infinite', 'give either the adaptive limit (no M) or a mesh M, not both');
  }
  if (options.infinite) return infiniteCouplings(model, options);
  const problem = separationSweep(model, options.separations, options.direction ?? 'x');
  const engine = options.mesh ? 'exact' : resolveEngine(options.engine ?? 'auto', model.lattice.nSites);
  if (options.mesh) {
    checkInfiniteHost(problem.host);
    checkMeshMemory(options.mesh, options.threads);
  }
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
  if (!options.mesh) return { engine, rows };
  // The mesh limit's error: the same sweep on the (M/2)^d mesh.
  const coarseMesh = options.mesh.map((M, a) => (model.lattice.shape[a]! <= 2 ? M : Math.floor(M / 2)));
  const coarse = await exactSweep(problem, { ...options, mesh: coarseMesh });
  let worst = 0;
  rows.forEach((row, k) => {
    const eta = extractCouplings(coarse.deltas[k]!).eta;
    let diff = 0, scale = 0;
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        diff = Math.max(diff, Math.abs(eta[a]![b]! - row.eta[a]![b]!));
        scale = Math.max(scale, Math.abs(row.eta[a]![b]!));
      }
    row.etaError = diff;
    worst = Math.max(worst, scale > 0 ? diff / scale : diff === 0 ? 0 : Infinity);
  });
  return { engine, rows, infinite: { method: 'mesh', mesh: Math.max(...options.mesh), estimatedRelativeError: worst } };
}

/** The couplings in the infinite host (adaptive Brillouin-zone quadrature), validated on the main thread before any worker starts. */
async function infiniteCouplings(model: Model, options: CouplingsOptions): Promise<CouplingsResult> {
  const problem = infiniteSeparationSweep(model, options.separations, options.direction ?? 'x');
  checkInfiniteHost(problem.host);
  const sweep = await infiniteSweep(problem, options, THIRTY_SIX, options.secondOrder);
  let worst = 0;
  const rows = sweep.deltas.map((dF, k): CouplingRow => {
    // η (and J, D) from the exchange part: equal to ΔF's, without its rounding.
    const couplings = { ...extractCouplings(dF), ...tensorParts(extractCouplings(sweep.exchange[k]!).eta) };
    const row: CouplingRow = { separation: problem.separations[k]!, site1: problem.position1, site2: problem.positions2[k]!, ...couplings, etaError: sweep.etaError[k]! };
    if (options.raw) row.raw = labelledEnergies(dF);
    if (sweep.secondOrder) row.secondOrder = tensorParts(sweep.secondOrder[k]!);
    const scale = Math.max(...couplings.eta.flat().map(Math.abs));
    worst = Math.max(worst, scale > 0 ? row.etaError! / scale : 0);
    return row;
  });
  return { engine: 'exact', rows, infinite: { method: 'adaptive', tolerance: options.infiniteTolerance ?? INFINITE_TOLERANCE, estimatedRelativeError: worst } };
}
