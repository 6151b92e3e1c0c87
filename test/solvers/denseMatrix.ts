import type { BlockSparse } from '../../src/hamiltonian/blockSparse.js';

/** The dense (b·n)×(b·n) matrix of a block-sparse one (interleaved complex, row-major). */
export function denseMatrix(h: BlockSparse): Float64Array {
  const n = h.b * h.nSites, b = h.b;
  const a = new Float64Array(2 * n * n);
  for (let r = 0; r < h.nSites; r++)
    for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++)
      for (let x = 0; x < b; x++)
        for (let y = 0; y < b; y++) {
          const d = 2 * ((r * b + x) * n + h.colIdx[k]! * b + y);
          a[d] = h.values[2 * (k * b * b + x * b + y)]!;
          a[d + 1] = h.values[2 * (k * b * b + x * b + y) + 1]!;
        }
  return a;
}

