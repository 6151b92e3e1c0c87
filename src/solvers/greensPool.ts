import type { Complex } from '../math/complex.js';
import { runPool } from '../parallel/pool.js';
import type { GreensAtEnergy, GreensProvider } from './greens.js';
import type { ModelFile } from '../model/schema.js';

/** What a Green's-function worker receives once: the model and the kept sites. */
export interface GreensWorkerData {
  model: ModelFile;
  includeImpurities: boolean;
  kept: number[];
  mesh?: number[];
}

const WORKER = new URL('./greensWorker.js', import.meta.url);

/**
 * The Green's function on the kept sites at many complex energies, one sparse
 * factorization per energy (DESIGN.md §2), spread over worker threads; each
 * worker builds H and the elimination plan once.
 */
export const greensAtEnergies: GreensProvider = (model, kept, energies, options = {}) => {
  const data: GreensWorkerData = { model, includeImpurities: options.includeImpurities ?? false, kept: [...kept], mesh: options.mesh };
  return runPool<Complex, GreensAtEnergy>(WORKER, data, energies, options);
};
