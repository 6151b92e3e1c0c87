import type { Complex } from '../math/complex.js';
import { parseModel, type Model } from '../model/model.js';
import { InputError } from '../errors.js';
import { planKSpace, kspaceGreens, type KSpacePlan } from './kspace/index.js';
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
  /**
   * Infinite-host limit for periodic hosts: evaluate G0 on a k-mesh of this
   * shape (≥ the lattice) instead of the lattice's own; ln|det| then refers to
   * the mesh torus.
   */
  mesh?: number[];
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

/** Whether a host can use the k-space path: periodic along every axis that has wrap bonds, and translation invariant (no impurities or custom blocks in it). */
export function usesKSpace(m: Model, includeImpurities: boolean): boolean {
  const lat = m.lattice;
  const periodic = lat.size.every((L, a) => L <= 2 || lat.periodic[a]);
  return periodic && m.custom.length === 0 && (!includeImpurities || m.impurities.length === 0);
}

/**
 * H and its solver for the kept sites, built once and reused for every energy:
 * k-space + FFT for translation-invariant periodic hosts, otherwise the sparse
 * nested-dissection Schur complement.
 */
export class GreensSolver {
  readonly h: BdGHamiltonian;
  readonly method: 'kspace' | 'sparse';
  private readonly plan: SchurPlan | null = null;
  private readonly kplan: KSpacePlan | null = null;

  constructor(model: ModelFile, private readonly kept: readonly number[], includeImpurities: boolean, mesh?: number[]) {
    const m = parseModel(model);
    this.h = includeImpurities ? modelHamiltonian(m) : hostHamiltonian(m);
    const lat = m.lattice;
    if (usesKSpace(m, includeImpurities)) {
      this.method = 'kspace';
      this.kplan = planKSpace(this.h, { winding: m.pairing.winding, meshShape: mesh });
    } else {
      if (mesh) throw new InputError('--infinite', 'needs a host that is periodic along every axis and translation invariant');
      this.method = 'sparse';
      this.plan = planSchur(this.h.matrix, { shape: lat.shape, periodic: [...lat.periodic].slice(0, lat.dim) }, kept);
    }
  }

  at(z: Complex): GreensAtEnergy {
    return this.kplan ? kspaceGreens(this.kplan, this.kept, z) : schurGreens(this.plan!, this.h.matrix, z);
  }
}

/** The single-threaded provider (no Node APIs). */
export const serialGreens: GreensProvider = async (model, kept, energies, options = {}) => {
  const solver = new GreensSolver(model, kept, options.includeImpurities ?? false, options.mesh);
  const out: GreensAtEnergy[] = [];
  for (const z of energies) {
    if (options.signal?.aborted) throw new CancelledError();
    out.push(solver.at(z));
    options.onProgress?.(out.length, energies.length);
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
};
