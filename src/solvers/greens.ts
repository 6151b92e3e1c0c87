import type { Complex } from '../math/complex.js';
import { CancelledError, InputError } from '../errors.js';
import type { HostData } from '../host/host.js';
import { planKSpace, kspaceGreens, type KSpacePlan } from './kspace/index.js';
import { adoptPlanValues, completePlan, exportPlanPart, importPlanPart, planParts, planSchur, preparePartValues, schurGreens, type SchurPlan } from './sparse/schur.js';
import type { BlockSparse } from '../hamiltonian/blockSparse.js';
import type { PortableReduction } from './sparse/mirrorTree.js';

/** G = (z − H)⁻¹ on the kept nodes ((4m)×(4m), interleaved complex, row-major, kept order) and ln|det(z − H)|. */
export interface GreensAtEnergy {
  greens: Float64Array;
  logAbsDet: number;
}

export interface GreensRequestOptions {
  /**
   * Infinite-host limit for periodic hosts: evaluate G0 on a k-mesh of this
   * shape (≥ the lattice) instead of the lattice's own; ln|det| then refers to
   * the mesh torus.
   */
  mesh?: number[];
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called with each energy's result the moment it is computed (index into
   * the energies), before onProgress: a caller can reduce it while the other
   * energies are still being computed. Providers may ignore it.
   */
  onResult?: (index: number, result: GreensAtEnergy) => void;
  signal?: AbortSignal;
}

/**
 * Computes G on a few kept nodes of a built host at many complex energies
 * (solvers receive a finalized host, never a model file). Two
 * implementations: `greensAtEnergies` (worker threads, Node; the host is
 * posted once as typed arrays) and `serialGreens` (one thread, no Node APIs:
 * used in the browser's Web Worker).
 */
export type GreensProvider = (host: HostData, kept: readonly number[], energies: readonly Complex[], options?: GreensRequestOptions) => Promise<GreensAtEnergy[]>;

/** Whether every axis of more than two cells is periodic (the k-space path's first condition; it also needs translation invariance). */
export function periodicEverywhere(host: HostData): boolean {
  const g = host.geometry;
  return g.shape.every((L, a) => L <= 2 || g.periodic[a]);
}

/**
 * The solver for the kept nodes, planned once and reused for every energy:
 * k-space + FFT for translation-invariant periodic hosts (any unit cell),
 * otherwise the sparse nested-dissection Schur complement. The sparse path
 * keeps a copy of the host's values, taken when the solver is built: a later
 * change of host.matrix does not reach it (build a new solver for new values).
 */
export class GreensSolver {
  readonly method: 'kspace' | 'sparse';
  private readonly plan: SchurPlan | null = null;
  private readonly kplan: KSpacePlan | null = null;
  /** The sparse path's H0, with values of its own (adoptPlanValues): no node re-checks them against a copy. */
  private readonly matrix: BlockSparse | null = null;

  /**
   * `lazy`: the sparse plan's dissections are left for completePlan (or for
   * threads that complete its parts and exchange them: exportPart,
   * importPart); otherwise the solver is planned completely now.
   * `fixedValues`: the caller guarantees that host.matrix.values never
   * changes while the solver lives (a worker's read-only shared copy,
   * sharedArrays.ts), so the solver uses them without its own copy.
   */
  constructor(readonly host: HostData, private readonly kept: readonly number[], mesh?: number[], lazy = false, fixedValues = false) {
    let kplan: KSpacePlan | null = null;
    if (periodicEverywhere(host)) {
      try {
        kplan = planKSpace(host, { meshShape: mesh });
      } catch (err) {
        // Not translation invariant (impurities, custom blocks): real space, which has no infinite-host limit.
        if (!(err instanceof InputError) || err.field !== 'hamiltonian') throw err;
      }
    }
    if (kplan) {
      this.method = 'kspace';
      this.kplan = kplan;
    } else {
      if (mesh) throw new InputError('--infinite', 'needs a host that is periodic along every axis and translation invariant');
      this.method = 'sparse';
      this.plan = planSchur(host.matrix, host.geometry, kept, { lazy });
      // 12.6 MB on the paper's lattice: copying and first touching it took a worker 10–25 ms.
      this.matrix = fixedValues ? host.matrix : { ...host.matrix, values: host.matrix.values.slice() };
      adoptPlanValues(this.plan, this.matrix.values);
      if (!lazy) completePlan(this.plan);
    }
  }

  /** Independently completed parts of the sparse plan (schur.ts planParts); 0 for k-space, planned whole at construction. */
  planParts(): number {
    return this.plan ? planParts(this.plan) : 0;
  }

  /** Part k of the sparse plan completed, as data for another thread's solver of the same host (importPart). */
  exportPart(k: number): PortableReduction {
    if (!this.plan) throw new InputError('part', 'a part of a sparse plan (this solver is k-space)');
    return exportPlanPart(this.plan, k);
  }

  /** Install part k exported by another thread's solver of the same host and kept nodes. */
  importPart(k: number, part: PortableReduction): void {
    if (!this.plan) throw new InputError('part', 'a part of a sparse plan (this solver is k-space)');
    importPlanPart(this.plan, k, part);
  }

  /**
   * Derive now what the first energy on the imaginary axis would derive from
   * H0's values for part k of the sparse plan (schur.ts preparePartValues);
   * nothing for k-space.
   */
  prepareValues(k: number): void {
    if (this.plan) preparePartValues(this.plan, this.matrix!, k);
  }

  /** Build whatever of the plan is still lazy. */
  complete(): void {
    if (this.plan) completePlan(this.plan);
  }

  at(z: Complex): GreensAtEnergy {
    return this.kplan ? kspaceGreens(this.kplan, this.kept, z) : schurGreens(this.plan!, this.matrix!, z);
  }
}

/**
 * A single-threaded provider (no Node APIs) from a solver planned once per call:
 * the energies one after another, yielding to the event loop between them so
 * that progress is drawn and an abort is seen.
 */
export function serialProvider(build: (host: HostData, kept: readonly number[], options: GreensRequestOptions) => { at(z: Complex): GreensAtEnergy }): GreensProvider {
  return async (host, kept, energies, options = {}) => {
    const solver = build(host, kept, options);
    const out: GreensAtEnergy[] = [];
    for (const z of energies) {
      if (options.signal?.aborted) throw new CancelledError();
      out.push(solver.at(z));
      options.onResult?.(out.length - 1, out[out.length - 1]!);
      options.onProgress?.(out.length, energies.length);
      await new Promise((r) => setTimeout(r, 0));
    }
    return out;
  };
}

/** The single-threaded provider of the sparse / k-space solver. */
export const serialGreens: GreensProvider = serialProvider((host, kept, options) => new GreensSolver(host, kept, options.mesh));
