import type { Complex } from '../math/complex.js';
import type { ModelFile } from '../model/schema.js';
import { runPool, type PoolOptions } from '../parallel/pool.js';

/** What a Green's-function worker receives once: the model and the kept sites. */
export interface GreensWorkerData {
  model: ModelFile;
  /** Include the model's impurities in H (true) or use the host H0 (false). */
  includeImpurities: boolean;
  kept: number[];
}

/** G = (z − H)⁻¹ on the kept sites ((4m)×(4m), interleaved complex, row-major, kept order) and ln|det(z − H)|. */
export interface GreensAtEnergy {
  greens: Float64Array;
  logAbsDet: number;
}

const WORKER = new URL('./greensWorker.js', import.meta.url);

/**
 * The Green's function of a model on a few kept sites at many complex
 * energies, one sparse factorization per energy (DESIGN.md §2), spread over
 * worker threads. Each worker builds the Hamiltonian and the elimination plan
 * once and reuses them for every energy it gets.
 */
export function greensAtEnergies(model: ModelFile, kept: readonly number[], energies: readonly Complex[], options: PoolOptions & { includeImpurities?: boolean } = {}): Promise<GreensAtEnergy[]> {
  const data: GreensWorkerData = { model, includeImpurities: options.includeImpurities ?? false, kept: [...kept] };
  return runPool<Complex, GreensAtEnergy>(WORKER, data, energies, options);
}
