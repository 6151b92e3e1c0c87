/**
 * Film Green's functions at many energies: worker threads (`filmGreensPool`,
 * Node) or one thread (`serialFilmGreens`, no Node APIs). Both are
 * GreensProviders, so the exact engine's determinant code uses them unchanged.
 */
import { serialProvider, type GreensAtEnergy, type GreensProvider } from '../greens.js';
import type { Complex } from '../../math/complex.js';
import { FilmSolver, portablePlan } from './solver.js';
import { planFilm, type FilmPlan } from './plan.js';

/** What a film worker receives once: the plan (built once on the calling thread, without the host matrix) and the kept nodes. */
export interface FilmWorkerData {
  plan: FilmPlan;
  kept: number[];
}

const WORKER = new URL('./worker.js', import.meta.url);

/** A provider on the k∥ mesh `mesh` (undefined: the lattice's own, exact for the finite film). */
export function filmGreensPool(mesh?: readonly number[]): GreensProvider {
  return async (host, kept, energies, options = {}) => {
    const { runPool } = await import('../../parallel/pool.js');
    const data: FilmWorkerData = { plan: portablePlan(planFilm(host, mesh)), kept: [...kept] };
    return runPool<Complex, GreensAtEnergy>(WORKER, data, energies, options);
  };
}

/** The one-thread provider on the k∥ mesh `mesh`. */
export function serialFilmGreens(mesh?: readonly number[]): GreensProvider {
  return serialProvider((host, kept) => new FilmSolver(host, kept, mesh));
}
