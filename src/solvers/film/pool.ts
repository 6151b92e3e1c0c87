/**
 * Film Green's functions at many energies: worker threads (`filmGreensPool`,
 * Node) or one thread (`serialFilmGreens`, no Node APIs). Both are
 * GreensProviders, so the exact engine's determinant code uses them unchanged.
 */
import type { HostData } from '../../host/host.js';
import { CancelledError } from '../../errors.js';
import type { GreensAtEnergy, GreensProvider } from '../greens.js';
import type { Complex } from '../../math/complex.js';
import { FilmSolver } from './solver.js';

/** What a film worker receives once. */
export interface FilmWorkerData {
  host: HostData;
  kept: number[];
  /** In-plane k∥ mesh (one size per lattice axis, open axes their own size); default the lattice's own. */
  mesh?: number[];
}

const WORKER = new URL('./worker.js', import.meta.url);

/** A provider on the k∥ mesh `mesh` (undefined: the lattice's own, exact for the finite film). */
export function filmGreensPool(mesh?: readonly number[]): GreensProvider {
  return async (host, kept, energies, options = {}) => {
    const { runPool } = await import('../../parallel/pool.js');
    const data: FilmWorkerData = { host, kept: [...kept], mesh: mesh ? [...mesh] : undefined };
    return runPool<Complex, GreensAtEnergy>(WORKER, data, energies, options);
  };
}

/** The one-thread provider on the k∥ mesh `mesh`. */
export function serialFilmGreens(mesh?: readonly number[]): GreensProvider {
  return async (host, kept, energies, options = {}) => {
    const solver = new FilmSolver(host, kept, mesh);
    const out: GreensAtEnergy[] = [];
    for (const z of energies) {
      if (options.signal?.aborted) throw new CancelledError();
      out.push(solver.at(z));
      options.onProgress?.(out.length, energies.length);
      await new Promise((r) => setTimeout(r, 0));
    }
    return out;
  };
}
