/**
 * Block-sparse storage (BSR) of a BdG matrix: rows and columns are grouped by
 * site, each stored block is b×b complex (b = 4 for the BdG basis
 * (c↑, c↓, c†↑, c†↓)), interleaved (re, im), row-major inside the block.
 *
 * Block k (the k-th stored block, in row-major order of sites) couples site
 * `row` (rowPtr[row] <= k < rowPtr[row+1]) to site `colIdx[k]`; its entry
 * (a, c) is values[2 * (k * b * b + a * b + c)] (+1 for the imaginary part).
 * Column indices are sorted within a row and unique.
 *
 * A built Hamiltonian (HamiltonianBuilder.build) keeps its values in shared
 * memory where the runtime has it, and worker pools read them in place while
 * they run: treat a built matrix as immutable (the solvers copy what they
 * change, e.g. withOnsiteGap).
 */
export interface BlockSparse {
  /** Number of sites (block rows). */
  readonly nSites: number;
  /** Block size (4 for BdG, 2 for a decoupled spin sector). */
  readonly b: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** Index of the stored block (row, col) (binary search in the sorted row), or −1. */
export function findBlock(h: BlockSparse, row: number, col: number): number {
  let lo = h.rowPtr[row]!;
  let hi = h.rowPtr[row + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = h.colIdx[mid]!;
    if (c === col) return mid;
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
