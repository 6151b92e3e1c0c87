/**
 * The lattice presets (DESIGN.md §1), all with nearest-neighbour distance 1.
 * Vectors and positions are Cartesian; cell (n1, n2, n3) sits at Σ n_k a_k.
 *
 * - chain, square, cubic: a_k = e_k, one site A at 0 (bodge's lattices; the
 *   cell order n3 + L3·(n2 + L2·n1) is bodge's site order).
 * - honeycomb: a1 = (3/2, √3/2), a2 = (3/2, −√3/2); A (0, 0), B (1, 0)
 *   (the geometry of the continuum module's graphene functions).
 * - triangular: a1 = (1, 0), a2 = (1/2, √3/2); A at 0.
 * - kagome: a1 = (2, 0), a2 = (1, √3); A (0, 0), B (1, 0), C (1/2, √3/2).
 * - bcc (cube side a = 2/√3): a1 = (a/2)(−1, 1, 1), a2 = (a/2)(1, −1, 1), a3 = (a/2)(1, 1, −1); A at 0.
 * - fcc (cube side a = √2): a1 = (a/2)(0, 1, 1), a2 = (a/2)(1, 0, 1), a3 = (a/2)(1, 1, 0); A at 0.
 */

export const PRESET_NAMES = ['chain', 'square', 'cubic', 'honeycomb', 'triangular', 'kagome', 'bcc', 'fcc'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** A basis entry: a named site at a Cartesian position with some orbitals (default 1). */
export interface BasisInput {
  name: string;
  position: readonly number[];
  orbitals?: number;
}

/** Bravais vectors (d of length d) and the basis of one unit cell. */
export interface UnitCellSpec {
  vectors: readonly (readonly number[])[];
  basis: readonly BasisInput[];
}

const s3 = Math.sqrt(3);
const bcc = 1 / s3; // (a/2) with a = 2/√3
const fcc = Math.SQRT1_2; // (a/2) with a = √2

const PRESETS: Record<PresetName, UnitCellSpec> = {
  chain: { vectors: [[1]], basis: [{ name: 'A', position: [0] }] },
  square: { vectors: [[1, 0], [0, 1]], basis: [{ name: 'A', position: [0, 0] }] },
  cubic: { vectors: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], basis: [{ name: 'A', position: [0, 0, 0] }] },
  honeycomb: {
    vectors: [[1.5, s3 / 2], [1.5, -s3 / 2]],
    basis: [{ name: 'A', position: [0, 0] }, { name: 'B', position: [1, 0] }],
  },
  triangular: { vectors: [[1, 0], [0.5, s3 / 2]], basis: [{ name: 'A', position: [0, 0] }] },
  kagome: {
    vectors: [[2, 0], [1, s3]],
    basis: [{ name: 'A', position: [0, 0] }, { name: 'B', position: [1, 0] }, { name: 'C', position: [0.5, s3 / 2] }],
  },
  bcc: { vectors: [[-bcc, bcc, bcc], [bcc, -bcc, bcc], [bcc, bcc, -bcc]], basis: [{ name: 'A', position: [0, 0, 0] }] },
  fcc: { vectors: [[0, fcc, fcc], [fcc, 0, fcc], [fcc, fcc, 0]], basis: [{ name: 'A', position: [0, 0, 0] }] },
};

/** The unit cell of a preset. */
export function presetCell(name: PresetName): UnitCellSpec {
  return PRESETS[name];
}

/** The cubic preset of a dimension: chain (1), square (2), cubic (3). */
export function cubicPresetName(dim: number): PresetName {
  return (['chain', 'square', 'cubic'] as const)[dim - 1]!;
}

/** Lattice dimension of a preset. */
export const presetDimension = (name: PresetName): number => PRESETS[name].vectors.length;
