import type { BravaisLattice } from '../lattice/bravais.js';
import type { BlockSparse } from './blockSparse.js';

/** Compressed sparse rows of a complex matrix (values interleaved re, im). */
export interface CSRMatrix {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/**
 * A frozen, Hermitian BdG Hamiltonian Ĥ (4N×4N, basis (c↑, c↓, c†↑, c†↓) per
 * node, N nodes = orbitals of all sites) on a lattice, stored as 4×4 blocks. Built by HamiltonianBuilder or
 * from a model file; solvers consume `matrix`.
 */
export class BdGHamiltonian {
  constructor(
    readonly lattice: BravaisLattice,
    readonly matrix: BlockSparse,
  ) {}

  /** Matrix dimension 4N. */
  get dim(): number {
    return 4 * this.matrix.nSites;
  }

  /** The 4×4 block (i, j) as 32 interleaved numbers (zeros if not stored). */
  block(i: number, j: number): Float64Array {
    const { rowPtr, colIdx, values } = this.matrix;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) if (colIdx[k] === j) return values.slice(32 * k, 32 * k + 32);
    return new Float64Array(32);
  }

  /** Dense 4N×4N matrix, interleaved complex, row-major (16·(4N)² bytes). */
  dense(): Float64Array {
    return denseMatrix(this.matrix);
  }

  /** Scalar CSR form (explicit zeros inside stored blocks are dropped). */
  csr(): CSRMatrix {
    const { nSites, rowPtr, colIdx, values } = this.matrix;
    const n = 4 * nSites;
    const rp = new Int32Array(n + 1);
    const ci: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < nSites; i++)
      for (let a = 0; a < 4; a++) {
        for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++)
          for (let c = 0; c < 4; c++) {
            const src = 2 * (16 * k + 4 * a + c);
            const re = values[src]!, im = values[src + 1]!;
            if (re === 0 && im === 0) continue;
            ci.push(4 * colIdx[k]! + c);
            vs.push(re, im);
          }
        rp[4 * i + a + 1] = ci.length;
      }
    return { n, rowPtr: rp, colIdx: Int32Array.from(ci), values: Float64Array.from(vs) };
  }

  /** Gershgorin bound on the spectral radius: max over rows of Σ_j |Ĥ_ij|. */
  spectralBound(): number {
    return spectralBound(this.matrix);
  }
}

/** Dense form of a 4×4-block matrix, interleaved complex, row-major (16·(4N)² bytes). */
export function denseMatrix(matrix: BlockSparse): Float64Array {
  const { nSites, rowPtr, colIdx, values } = matrix;
  const d = 4 * nSites;
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < nSites; i++)
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 4; c++) {
          const src = 2 * (16 * k + 4 * a + c);
          const dst = 2 * ((4 * i + a) * d + 4 * j + c);
          out[dst] = values[src]!;
          out[dst + 1] = values[src + 1]!;
        }
    }
  return out;
}

/** The 4×4 block (i, j) of a 4×4-block matrix as 32 interleaved numbers (zeros if not stored). */
export function matrixBlock(matrix: BlockSparse, i: number, j: number): Float64Array {
  const { rowPtr, colIdx, values } = matrix;
  for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) if (colIdx[k] === j) return values.slice(32 * k, 32 * k + 32);
  return new Float64Array(32);
}

/** Gershgorin bound on the spectral radius of a 4×4-block matrix: max over rows of Σ_j |Ĥ_ij|. */
export function spectralBound(matrix: BlockSparse): number {
  const { nSites, rowPtr, values } = matrix;
  let bound = 0;
  for (let i = 0; i < nSites; i++)
    for (let a = 0; a < 4; a++) {
      let s = 0;
      for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++)
        for (let c = 0; c < 4; c++) {
          const p = 2 * (16 * k + 4 * a + c);
          const re = values[p]!, im = values[p + 1]!;
          const abs2 = re * re + im * im;
          // |z| by the square root of |z|² (Math.hypot costs a third of a 101×101 host's bound), by
          // hypot where the square over- or underflows.
          s += abs2 < 1e300 && (abs2 > 1e-300 || abs2 === 0) ? Math.sqrt(abs2) : Math.hypot(re, im);
        }
      bound = Math.max(bound, s);
    }
  return bound;
}
