/**
 * Block-sparse storage (BSR) of a BdG matrix: rows and columns are grouped by
 * site, each stored block is b×b complex (b = 4 for the BdG basis
 * (c↑, c↓, c†↑, c†↓)), interleaved (re, im), row-major inside the block.
 *
 * Block k (the k-th stored block, in row-major order of sites) couples site
 * `row` (rowPtr[row] <= k < rowPtr[row+1]) to site `colIdx[k]`; its entry
 * (a, c) is values[2 * (k * b * b + a * b + c)] (+1 for the imaginary part).
 * Column indices are sorted within a row and unique.
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
