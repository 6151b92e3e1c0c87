/**
 * The bulk of a model's host as Bloch blocks: the translation-invariant
 * terms of one unit cell (hopping, hoppings, on-site, spin–orbit, pairing),
 * without the impurities and custom blocks, independent of lattice.shape and
 * lattice.periodic (bands describe the infinite crystal; model/bloch.ts).
 */
import type { BlochBlocks } from '../host/host.js';
import { blochBlocks } from '../model/bloch.js';
import type { Model } from '../model/model.js';
import type { PathCorner } from './path.js';

export interface BulkHost {
  /** Ĥ(R) in the BdG basis (4m×4m blocks). */
  bdg: BlochBlocks;
  /** Bravais vectors as rows of a 3×3 row-major matrix (HostGeometry.vectors). */
  vectors: Float64Array;
  dim: number;
  /** lattice.preset, or null for a general lattice. */
  preset: string | null;
  /** The kpoint_path of a Wannier90 host's .win file (empty otherwise). */
  kpath: readonly (readonly [PathCorner, PathCorner])[];
  /** Energy unit of the bands: 't' (the hopping), or 'eV' on a Wannier90 host. */
  unit: 't' | 'eV';
}

export function bulkHost(model: Model): BulkHost {
  const { lattice } = model;
  return { bdg: blochBlocks(model, { part: 'bdg' }), vectors: lattice.vectors, dim: lattice.dim, preset: lattice.preset, kpath: model.wannier?.kpath ?? [], unit: model.wannier ? 'eV' : 't' };
}
