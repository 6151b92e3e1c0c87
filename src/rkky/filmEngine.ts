/**
 * The film engine: the exact engine (exactEngine.ts: pole expansion, F(H0)
 * from ln|det|, the impurity determinants) with G0 from the film solver
 * (src/solvers/film/): Bloch transform along the periodic axes, one
 * block-tridiagonal solve per (pole node, k∥) along the open ones. On the
 * lattice's own k∥ mesh it is the finite film exactly (same numbers as the
 * sparse solver with wrap bonds); on a larger in-plane mesh it is the film
 * infinite in-plane (F0 then per the lattice's in-plane area).
 */
import { InputError } from '../errors.js';
import type { HostData } from '../host/host.js';
import type { Model } from '../model/model.js';
import { filmGreensPool, filmLayout, filmObstacle, serialFilmGreens } from '../solvers/film/index.js';
import { THIRTY_SIX, type SpinPair } from './configurations.js';
import type { Mat3 } from './couplings.js';
import { exactSweep, type ExactOptions, type SplitEnergies } from './exactEngine.js';
import type { PairProblem } from './problem.js';

/** Whether the film path is used: chosen by the cost rule ('auto'), forced ('on'), or never ('off'). */
export type FilmMode = 'auto' | 'on' | 'off';

export interface FilmOptions extends ExactOptions {
  /** In-plane k∥ mesh, one size per lattice axis (open axes: their own size); default the lattice's own (exact). */
  filmMesh?: number[];
  /** One thread, no Node APIs (the browser). */
  serial?: boolean;
}

/**
 * Estimated cost per pole node, in complex multiply-adds of the dominant
 * dense blocks: film N∥ · Σ_groups s³ (s = 4 · nodes per layer group), real
 * space (s_top)³ with s_top = 4N/max(L) the top nested-dissection separator
 * (a lower bound of the sparse factorization).
 */
export function filmCost(host: HostData): { film: number; sparse: number } {
  const layout = filmLayout(host);
  const g = host.geometry;
  const nInPlane = layout.inPlane.reduce((p, a) => p * g.shape[a]!, 1);
  const layers = g.shape[layout.stack]!;
  const film = nInPlane * layers * (4 * layout.layerNodes) ** 3;
  const N = host.matrix.nSites;
  const sparse = ((4 * N) / Math.max(...g.shape)) ** 3;
  return { film, sparse };
}

/**
 * Whether the film solver serves this host. 'auto': it is a film (a periodic
 * axis, an open axis of more than one cell, translation invariant along the
 * periodic axes: at most the two swept spins as impurities, no custom blocks)
 * and its cost estimate is below the real-space one (filmCost).
 * 'on' throws an InputError naming why it cannot.
 */
export function useFilm(model: Model, host: HostData, mode: FilmMode = 'auto'): boolean {
  if (mode === 'off') return false;
  let why = filmObstacle(host);
  if (!why && model.custom.length > 0) why = 'custom blocks (not translation invariant)';
  if (!why && model.impurities.length > 2) why = `${model.impurities.length - 2} fixed impurities (not translation invariant)`;
  if (why) {
    if (mode === 'on') throw new InputError('--film', `needs a film or slab host (periodic along some axes, open along others), but this one has ${why}`);
    return false;
  }
  if (mode === 'on') return true;
  const { film, sparse } = filmCost(host);
  return film < sparse;
}

/** Whether a model is a film for `--infinite`: some axis periodic, some axis of more than two cells open. */
export function isFilmModel(model: Model): boolean {
  const lat = model.lattice;
  const axes = [...Array(lat.dim).keys()];
  return axes.some((a) => lat.periodic[a]) && axes.some((a) => !lat.periodic[a] && lat.size[a]! > 2);
}

/** The exact engine's sweep with G0 from the film solver (same contract as exactSweep). */
export function filmSweep(
  problem: PairProblem,
  options: FilmOptions = {},
  configurations: readonly SpinPair[] = THIRTY_SIX,
  secondOrder = false,
): Promise<SplitEnergies & { secondOrder?: Mat3[] }> {
  const { filmMesh, serial, mesh, ...rest } = options;
  if (mesh) throw new InputError('mesh', 'the film engine takes its in-plane k∥ mesh as filmMesh');
  const greens = serial ? serialFilmGreens(filmMesh) : filmGreensPool(filmMesh);
  return exactSweep(problem, { ...rest, greens }, configurations, secondOrder);
}
