/**
 * The built, finalized host (Kwant's "finalized system"): everything a solver
 * receives, and nothing else. Plain data made of typed arrays, so that it is
 * cheap to post to worker threads (structured clone, no JSON re-parsing) and
 * never refers to a model file (layers: model file → host → solvers → rkky).
 *
 * Unknowns are grouped in **nodes**: one node is one orbital of one lattice
 * site and carries the four BdG components (c↑, c↓, c†↑, c†↓) (DESIGN.md §1:
 * orbital-major, spin-minor inside a site; per orbital the BdG basis). Ĥ is
 * therefore stored as 4×4 blocks over nodes, exactly as on the one-orbital
 * cubic lattices, where node = site in bodge's order and nothing changes.
 *
 * Node numbering: node k lies in unit cell ⌊k/m⌋ (m = nodesPerCell; cells in
 * bodge's order c = n3 + L3·(n2 + L2·n1)) and is the (k mod m)-th orbital
 * of that cell (basis sites in their order, the orbitals of a site
 * consecutive).
 */
import type { BlockSparse } from '../hamiltonian/blockSparse.js';

/** Geometry of the host's nodes: Bravais lattice, cells, periodic axes, the positions of one cell's nodes. */
export interface HostGeometry {
  /** Lattice dimension d (1–3). */
  readonly dim: number;
  /**
   * Bravais vectors a_1..a_3 (Cartesian) as rows of a 3×3 row-major matrix;
   * rows k ≥ d are padded with unit vectors orthogonal to the others so that
   * the matrix is invertible.
   */
  readonly vectors: Float64Array;
  /** Cells along each Bravais vector, padded with 1 to three axes. */
  readonly shape: readonly [number, number, number];
  readonly periodic: readonly [boolean, boolean, boolean];
  /** Nodes per unit cell, m = Σ over the basis of its orbitals. */
  readonly nodesPerCell: number;
  /** Cartesian positions of the m nodes of cell (0, 0, 0), 3 numbers each. */
  readonly cellPositions: Float64Array;
  /** Basis site (sublattice index) of each of the m nodes of a cell. */
  readonly nodeBasis: Int32Array;
}

/** A finalized host: Ĥ over nodes plus geometry. */
export interface HostData {
  /** Ĥ as 4×4 complex blocks over nodes (b = 4, nSites = number of nodes). */
  readonly matrix: BlockSparse;
  readonly geometry: HostGeometry;
  /**
   * Phase winding ν of the pairing along a_1 (supercurrent, DESIGN.md §1), which
   * the k-space path gauges away; 0 without a supercurrent.
   */
  readonly winding: number;
  /**
   * The Bloch blocks of the host's unit cell (4m×4m BdG form), when the host is
   * translation invariant and they reach further than the sample's minimal
   * images (Wannier90 hosts): k-space then takes H(k) from them instead of
   * reading the matrix, so that a larger k-mesh is the infinite crystal.
   * Absent otherwise; never present with impurities, custom blocks or a winding.
   */
  readonly bloch?: BlochBlocks;
}

/** Number of nodes of a host. */
export const nodeCount = (g: HostGeometry): number => g.shape[0] * g.shape[1] * g.shape[2] * g.nodesPerCell;

/** Cell coordinates (n1, n2, n3) of node k. */
export function nodeCell(g: HostGeometry, k: number): [number, number, number] {
  const c = Math.floor(k / g.nodesPerCell);
  const [, L2, L3] = g.shape;
  return [Math.floor(c / (L2 * L3)), Math.floor(c / L3) % L2, c % L3];
}

/** Cartesian positions of all nodes, r = Σ n_k a_k + (position of the node in its cell); 3 numbers per node. */
export function nodePositions(g: HostGeometry): Float64Array {
  const n = nodeCount(g);
  const out = new Float64Array(3 * n);
  const m = g.nodesPerCell;
  const a = g.vectors;
  for (let k = 0; k < n; k++) {
    const [n1, n2, n3] = nodeCell(g, k);
    const l = k % m;
    for (let x = 0; x < 3; x++) out[3 * k + x] = n1 * a[x]! + n2 * a[3 + x]! + n3 * a[6 + x]! + g.cellPositions[3 * l + x]!;
  }
  return out;
}

/**
 * Bloch form of a translation-invariant host (one unit cell of m nodes):
 * H(k) = Σ_j h(R_j) e^{2πi k·R_j}, k in reduced coordinates (fractions of the
 * reciprocal vectors), with h(R)_ab = ⟨a, 0|Ĥ|b, R⟩ (the Wannier90 convention
 * H(R)_mn = ⟨m0|H|nR⟩). Serves the band structure, the k-space Green's
 * function and the infinite host of any lattice with a basis.
 */
export interface BlochBlocks {
  /** Lattice dimension d (displacements use the first d of their three entries). */
  readonly dim: number;
  /** Matrix size b of every block (4m for the BdG form, 2m for the spinful normal state). */
  readonly size: number;
  /** Lattice displacements R_j, three integers each. */
  readonly displacements: Int32Array;
  /** h(R_j): b×b complex, interleaved (re, im), row-major, one after another. */
  readonly blocks: Float64Array;
}
