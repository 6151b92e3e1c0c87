/**
 * The bulk of a model's host as Bloch blocks: the translation-invariant
 * terms of one unit cell (hopping, on-site, spin–orbit, pairing), without the
 * impurities and custom blocks, independent of lattice.shape and
 * lattice.periodic (bands describe the infinite crystal).
 */
import type { BlochBlocks } from '../host/host.js';
import { parseModel, type Model } from '../model/model.js';
import { hostHamiltonian } from '../model/hamiltonian.js';
import { extractUnitCell } from '../solvers/kspace/unitCell.js';

export interface BulkHost {
  /** Ĥ(R) in the BdG basis (4m×4m blocks). */
  bdg: BlochBlocks;
  /** Bravais vectors as rows of a 3×3 row-major matrix (HostGeometry.vectors). */
  vectors: Float64Array;
  dim: number;
  /** lattice.preset, or null for a general lattice. */
  preset: string | null;
}

/** Cells per axis of the periodic copy the blocks are read from: odd (no tie at L/2) and > 2·(longest hop). */
const COPY = 5;

/**
 * The bulk host of a (cubic) model: built on a periodic COPY^d copy and read
 * off as one 4×4 block per displacement (kspace/unitCell.ts).
 */
export function bulkHost(model: Model): BulkHost {
  const { lattice } = model;
  const dim = lattice.dim;
  const src = model.source;
  const copy = parseModel({
    ...src,
    lattice: { shape: lattice.shape.map(() => COPY), periodic: lattice.shape.map(() => true) },
    pairing: src.pairing ? { ...src.pairing, winding: 0 } : undefined,
    impurities: [],
    custom: [],
  });
  const cell = extractUnitCell(hostHamiltonian(copy), 0);
  const vectors = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const preset = ['chain', 'square', 'cubic'][dim - 1]!;
  return { bdg: { dim, size: 4, displacements: cell.reps, blocks: cell.blocks }, vectors, dim, preset };
}
