import type { Complex } from '../math/complex.js';
import { parseModel } from '../model/model.js';
import { hostHamiltonian, modelHamiltonian } from '../model/hamiltonian.js';
import type { ModelFile } from '../model/schema.js';
import { CancelledError } from '../errors.js';
import { planSchur, schurGreens, type SchurPlan } from './sparse/schur.js';
import type { BdGHamiltonian } from '../hamiltonian/bdg.js';

/** G = (z − H)⁻¹ on the kept sites ((4m)×(4m), interleaved complex, row-major, kept order) and ln|det(z − H)|. */
export interface GreensAtEnergy {
  greens: Float64Array;
  logAbsDet: number;
}

export interface GreensRequestOptions {
  /** Include the model's impurities in H (true) or use the host H0 (false, default). */
  includeImpurities?: boolean;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Computes G on a few kept sites at many complex energies. Two implementations:
 * `greensAtEnergies` (worker threads, Node) and `serialGreens` (one thread,
 * no Node APIs: used in the browser's Web Worker).
 */
export type GreensProvider = (model: ModelFile, kept: readonly number[], energies: readonly Complex[], options?: GreensRequestOptions) => Promise<GreensAtEnergy[]>;

/** H and its elimination plan for the kept sites: built once, reused for every energy. */
export class GreensSolver {
  readonly h: BdGHamiltonian;
  private readonly plan: SchurPlan;

  constructor(model: ModelFile, kept: readonly number[], includeImpurities: boolean) {
    const m = parseModel(model);
    this.h = includeImpurities ? modelHamiltonian(m) : hostHamiltonian(m);
    const lat = m.lattice;
    this.plan = planSchur(this.h.matrix, { shape: lat.shape, periodic: [...lat.periodic].slice(0, lat.dim) }, kept);
  }

  at(z: Complex): GreensAtEnergy {
    return schurGreens(this.plan, this.h.matrix, z);
  }
}

/** The single-threaded provider (no Node APIs). */
export const serialGreens: GreensProvider = async (model, kept, energies, options = {}) => {
  const solver = new GreensSolver(model, kept, options.includeImpurities ?? false);
  const out: GreensAtEnergy[] = [];
  for (const z of energies) {
    if (options.signal?.aborted) throw new CancelledError();
    out.push(solver.at(z));
    options.onProgress?.(out.length, energies.length);
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
};
