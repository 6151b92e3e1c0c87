import { checkBoolean, checkChoice, checkExactOptions, checkNumberList, checkOptions, describe, toModel } from '../api/arguments.js';
import { ConvergenceError, InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import type { ModelInput } from '../model/schema.js';
import { extractCouplings, labelledEnergies, tensorParts, type Couplings, type Mat3, type Vec3 } from './couplings.js';
import { THIRTY_SIX } from './configurations.js';
import { denseConfigurationEnergies } from './denseEngine.js';
import { exactSweep, type ExactOptions, type SplitEnergies } from './exactEngine.js';
import { separationSweep, targetSweep, type Axis, type PairProblem, type Target } from './problem.js';
import type { BravaisLattice } from '../lattice/bravais.js';
import { checkInfiniteHost, infiniteSeparationSweep, infiniteSweep, INFINITE_TOLERANCE, type InfiniteOptions } from './infiniteEngine.js';
import { checkMeshMemory } from './meshError.js';
import { filmSweep, isFilmModel, useFilm, type FilmMode } from './filmEngine.js';

export type EngineName = 'dense' | 'exact' | 'auto';

export interface CouplingRow extends Couplings {
  /** δ of a separation sweep; the 1-based target number for `targets`. */
  separation: number;
  /** Cell coordinates of spin 1 and spin 2. */
  site1: number[];
  site2: number[];
  /** Sublattice (basis entry name) of spin 1 and spin 2. */
  sublattice1?: string;
  sublattice2?: string;
  /** Cartesian r2 − r1 (minimal image on periodic axes) and its length. */
  displacement?: [number, number, number];
  distance?: number;
  /** The 36 free energies keyed "s1,s2" (with `raw: true`). */
  raw?: Record<string, number>;
  /** The second-order (J², LKAG-type) approximation of η, J and D (with `secondOrder: true`; exact engine). */
  secondOrder?: { eta: Mat3; J: Vec3; D: Vec3 };
  /** Infinite host: estimated absolute error of η (largest entry) at this separation. */
  etaError?: number;
}

/** How the infinite-host limit was taken and how accurate it is. */
export interface InfiniteSummary {
  /**
   * 'adaptive': Brillouin-zone quadrature to `tolerance`; 'mesh': an M^d k-mesh, error estimated against the (M/2)^d mesh;
   * 'doubling' (films): the in-plane k∥ mesh doubled until η changes by at most `tolerance` (relative), M the last mesh.
   */
  method: 'adaptive' | 'mesh' | 'doubling';
  /** Requested relative tolerance of η (adaptive, doubling). */
  tolerance?: number;
  /** The mesh size M (mesh). */
  mesh?: number;
  /** Largest estimated relative error of η over the separations (|Δη|_max / |η|_max). */
  estimatedRelativeError: number;
}

export interface CouplingsResult {
  engine: 'dense' | 'exact';
  /** True when the exact engine took G0 from the film solver (docs/films.md). */
  film?: boolean;
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
  /** Separations δ along `direction` (a Bravais vector), or… */
  separations?: readonly number[];
  direction?: Axis;
  /** …explicit target sites of spin 2, in this order. */
  targets?: readonly Target[];
  engine?: EngineName;
  raw?: boolean;
  /** Films with `infinite`: the largest k∥ mesh per in-plane axis tried (default FILM_MESH_AXIS = 4096). */
  maxFilmMesh?: number;
  /** Also report the second-order (J²) tensor from the same Green's functions. */
  secondOrder?: boolean;
  /** Films and slabs: use the film solver 'auto' (when its cost estimate is lower), 'on' (force) or 'off' (real space). */
  film?: FilmMode;
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
  if (o.targets === undefined) checkNumberList(o.separations, 'options.separations', checkSeparation);
  checkBoolean(o.raw, 'options.raw');
  checkBoolean(o.secondOrder, 'options.secondOrder');
  checkBoolean(o.infinite, 'options.infinite');
  checkChoice(o.film, 'options.film', ['auto', 'on', 'off']);
  const film = (options.infinite || options.mesh) && options.film !== 'off' && isFilmModel(model);
  if (options.infinite || options.mesh) {
    if (options.engine === 'dense') throw new InputError('--engine', '--infinite needs the exact engine (dense diagonalizes the finite model); use --engine exact or auto');
    if (options.infinite && options.mesh) throw new InputError('--infinite', 'give either the adaptive limit (no M) or a mesh M, not both');
    if (options.targets && options.infinite) throw new InputError('--infinite', 'without M takes spin 2 along --separations/--direction; use --infinite M with --to or --shells');
    if (!film) checkInfiniteHost(model);
  }
  if (options.infinite && film) return filmLimitCouplings(model, options);
  if (options.infinite) return infiniteCouplings(model, options);
  return finiteOrMeshCouplings(model, options, film === true, true);
}

/** The couplings of the finite host, or on `options.mesh` (with its error against the M/2 mesh when `estimateMeshError`). */
async function finiteOrMeshCouplings(model: Model, options: CouplingsOptions, film: boolean, estimateMeshError: boolean): Promise<CouplingsResult> {
  const problem: PairProblem & { separations?: number[] } = options.targets
    ? targetSweep(model, options.targets)
    : separationSweep(model, options.separations ?? [], options.direction ?? 'x');
  if (options.film === 'on' && options.engine === 'dense') throw new InputError('--film', 'cannot be combined with --engine dense');
  const engine = options.mesh || options.film === 'on' ? 'exact' : resolveEngine(options.engine ?? 'auto', model.lattice.nSites);
  const onFilm = engine === 'exact' && useFilm(model, problem.host, film ? 'on' : options.film ?? 'auto');
  // A film's k∥ mesh spans its periodic axes only; the open axes keep their size.
  const lat0 = model.lattice;
  const filmMesh = (mesh: number[] | undefined) => mesh?.map((M, a) => (lat0.periodic[a] ? M : lat0.shape[a]!));
  const sweepOn = (mesh: number[] | undefined, secondOrder = false) =>
    onFilm ? filmSweep(problem, { ...options, mesh: undefined, filmMesh: filmMesh(mesh) }, THIRTY_SIX, secondOrder) : exactSweep(problem, { ...options, mesh }, THIRTY_SIX, secondOrder);
  if (options.mesh && !onFilm) checkMeshMemory(options.mesh, options.threads);
  let energies: SplitEnergies;
  let second: Mat3[] | undefined;
  if (options.secondOrder) {
    const sweep = await sweepOn(options.mesh, true);
    second = sweep.secondOrder;
    energies = engine === 'exact' ? sweep : await configurationEnergies(problem, engine, options);
  } else energies = engine === 'exact' ? await sweepOn(options.mesh) : await configurationEnergies(problem, engine, options);
  const { reference, deltas } = energies;
  const lat = model.lattice;
  const rows = deltas.map((dF, k): CouplingRow => {
    const couplings = extractCouplings(dF);
    const row: CouplingRow = {
      separation: problem.separations?.[k] ?? k + 1,
      ...placement(lat, problem.site1, problem.sites2[k]!, !options.mesh),
      ...couplings,
      F0: reference + couplings.F0,
    };
    if (options.raw) row.raw = labelledEnergies(dF.map((x) => reference + x));
    if (second) row.secondOrder = tensorParts(second[k]!);
    return row;
  });
  const filmField = onFilm ? { film: true } : {};
  if (!options.mesh || !estimateMeshError) return { engine, ...filmField, rows };
  // The mesh limit's error: the same sweep on the (M/2)^d mesh (a film: in-plane axes only).
  const coarseMesh = options.mesh.map((M, a) => (model.lattice.shape[a]! <= 2 || (onFilm && !lat0.periodic[a]) ? M : Math.floor(M / 2)));
  const coarse = await sweepOn(coarseMesh);
  const worst = etaChange(rows, coarse.deltas.map((d) => extractCouplings(d).eta));
  return { engine, ...filmField, rows, infinite: { method: 'mesh', mesh: Math.max(...options.mesh), estimatedRelativeError: worst } };
}

/**
 * Sets each row's etaError to max_ab |η_ab − η'_ab| against the tensors η' of the same
 * separations, and returns the largest relative change (against max_ab |η_ab| of each row).
 */
function etaChange(rows: CouplingRow[], other: readonly Mat3[]): number {
  let worst = 0;
  rows.forEach((row, k) => {
    const eta = other[k]!;
    let diff = 0, scale = 0;
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        diff = Math.max(diff, Math.abs(eta[a]![b]! - row.eta[a]![b]!));
        scale = Math.max(scale, Math.abs(row.eta[a]![b]!));
      }
    row.etaError = diff;
    worst = Math.max(worst, scale > 0 ? diff / scale : diff === 0 ? 0 : Infinity);
  });
  return worst;
}

/** Largest in-plane k∥ mesh the film limit tries before reporting non-convergence: points in all, and per axis. */
export const FILM_MESH_BUDGET = 1 << 18;
export const FILM_MESH_AXIS = 4096;

/**
 * A film infinite in-plane without a given mesh: the k∥ mesh M (the same on every periodic axis)
 * starts at twice the largest in-plane size and doubles until η changes by at most
 * `infiniteTolerance` (relative, at every separation) between M/2 and M. The decay length of G0
 * sets M: the coherence length v_F/Δ in a superconductor, v_F/(πT) in a normal metal, so a cold
 * normal film can exceed FILM_MESH_BUDGET and is then reported as not converged.
 */
async function filmLimitCouplings(model: Model, options: CouplingsOptions): Promise<CouplingsResult> {
  const tol = options.infiniteTolerance ?? INFINITE_TOLERANCE;
  if (!(tol > 0 && tol < 1)) throw new InputError('--infinite-tolerance', `expected a number in (0, 1), got ${tol}`);
  const cap = options.maxFilmMesh;
  if (cap !== undefined && !(Number.isInteger(cap) && cap >= 1)) throw new InputError('options.maxFilmMesh', `expected a positive integer, got ${describe(cap)}`);
  const lat = model.lattice;
  const inPlane = lat.shape.filter((_, a) => lat.periodic[a] && lat.shape[a]! > 2);
  const meshOf = (M: number) => lat.shape.map((L, a) => (lat.periodic[a] && L > 2 ? M : L));
  const at = (M: number) => finiteOrMeshCouplings(model, { ...options, infinite: false, film: 'on', mesh: meshOf(M) }, true, false);
  let M = 2 * Math.max(...inPlane);
  let previous = await at(M);
  for (;;) {
    const next = 2 * M;
    if (next ** inPlane.length > FILM_MESH_BUDGET || next > (options.maxFilmMesh ?? FILM_MESH_AXIS))
      throw new ConvergenceError(
        `--infinite: the film's η did not converge to relative ${tol} by a ${M}-point k∥ mesh per axis (the budget is ${options.maxFilmMesh ?? FILM_MESH_AXIS} per axis and ${FILM_MESH_BUDGET} in-plane points; ` +
          `change ${previous.infinite ? previous.infinite.estimatedRelativeError.toExponential(2) : 'not yet measured'} against M/2): G0 decays too slowly in-plane (a normal metal at low T); raise --infinite-tolerance or the temperature, or give --infinite M`,
      );
    const result = await at(next);
    const worst = etaChange(result.rows, previous.rows.map((r) => r.eta));
    result.infinite = { method: 'doubling', tolerance: tol, mesh: next, estimatedRelativeError: worst };
    if (worst <= tol) return result;
    previous = result;
    M = next;
  }
}

/** The couplings in the infinite host (adaptive Brillouin-zone quadrature), validated on the main thread before any worker starts. */
async function infiniteCouplings(model: Model, options: CouplingsOptions): Promise<CouplingsResult> {
  const problem = infiniteSeparationSweep(model, options.separations ?? [], options.direction ?? 'x');
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

/**
 * Where the two spins sit: cells, sublattice names, Cartesian displacement and
 * distance (the minimal image on periodic axes; the plain difference in the
 * infinite host of a k-mesh, where the torus plays no role).
 */
export function placement(lat: BravaisLattice, site1: number, site2: number, minimalImage = true) {
  const displacement = lat.displacement(site1, site2, minimalImage).map((x) => x + 0) as [number, number, number];
  return {
    site1: lat.site(site1).slice(0, lat.dim),
    site2: lat.site(site2).slice(0, lat.dim),
    sublattice1: lat.basis[lat.sublatticeOf(site1)]!.name,
    sublattice2: lat.basis[lat.sublatticeOf(site2)]!.name,
    displacement,
    distance: Math.hypot(...displacement),
  };
}

/** Every site within distance R of spin 1 (the model's first impurity), nearest first (minimal image on periodic axes). */
export function shellTargets(model: Model, R: number): Target[] {
  if (model.impurities.length === 0) throw new InputError('impurities', 'expected at least one impurity: spin 1 sits at the first impurity site');
  const lat = model.lattice;
  const s1 = model.impurities[0]!.site;
  const out: { t: Target; d: number; s: number }[] = [];
  for (let s = 0; s < lat.nSites; s++) {
    if (s === s1) continue;
    const d = lat.distance(s1, s);
    if (d <= R * (1 + 1e-9)) out.push({ t: { cell: lat.site(s).slice(0, lat.dim), sublattice: lat.sublatticeOf(s) }, d, s });
  }
  if (out.length === 0) throw new InputError('--shells', `no site within distance ${R} of spin 1 (the nearest neighbour distance is ${lat.shellDistance(1)})`);
  return out.sort((a, b) => a.d - b.d || a.s - b.s).map((x) => x.t);
}

/**
 * Parse `--to "n1,n2[,n3][,sublattice]; …"`: the first d items are the cell
 * (d the lattice dimension), an optional (d+1)-th names the sublattice (as
 * written, even when it looks like a number); default the first.
 */
export function parseTargets(lat: BravaisLattice, text: string, field = '--to'): Target[] {
  const items = text.split(';').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new InputError(field, 'expected at least one site "n1,n2[,sublattice]"');
  return items.map((item) => {
    const parts = item.split(',').map((s) => s.trim());
    if (parts.length !== lat.dim && parts.length !== lat.dim + 1)
      throw new InputError(field, `expected ${lat.dim} cell coordinates and an optional sublattice in '${item}'`);
    const cell = parts.slice(0, lat.dim).map((p) => {
      const v = Number(p);
      if (!/^[-+]?\d+$/.test(p) || !Number.isInteger(v)) throw new InputError(field, `expected integer cell coordinates in '${item}', got '${p}'`);
      return v;
    });
    const sublattice = parts.length > lat.dim ? lat.sublatticeIndex(parts[lat.dim]!, field) : 0;
    return { cell, sublattice };
  });
}
