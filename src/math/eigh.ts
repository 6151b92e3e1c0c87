/**
 * Dense complex Hermitian eigenvalue problem A x = λ x: the reference ("dense") path of rkky,
 * where the free energy F = −½ Σ_{ε>0} ε − T Σ_{ε>0} ln(1 + e^{−ε/T}) needs every eigenvalue of
 * the 4N×4N BdG matrix (DESIGN.md §1, §2).
 *
 * Method (as LAPACK zheev): Householder reduction to a real symmetric tridiagonal T
 * (eigh/householder.ts), implicit QL with Wilkinson shifts on T (eigh/tridiagonalQL.ts), and for
 * eigenvectors the back-transformation by the reflectors (eigh/backTransform.ts). Every stage
 * is backward stable, so eigenvalue errors are O(ε‖A‖).
 */
import { InputError } from '../errors.js';
import { applyReflectorsToRows } from './eigh/backTransform.js';
import { tridiagonalizeHermitian } from './eigh/householder.js';
import { tridiagonalQL } from './eigh/tridiagonalQL.js';

export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** n×n interleaved complex, row-major; column k is the unit eigenvector of values[k]. */
  vectors?: Float64Array;
}

/**
 * Entries are rescaled by a power of two (exact) when the largest lies outside this window of
 * binary exponents, so that sums of squares in the reduction can neither overflow nor lose
 * anything that matters relative to ε‖A‖ to underflow.
 */
const SAFE_EXPONENT = 200;

/**
 * Eigenvalues (ascending) and optionally eigenvectors of the n×n complex Hermitian matrix `a`
 * (interleaved complex, row-major, length 2n²; only the lower triangle, j ≤ i, is read, and the
 * imaginary parts of the diagonal are ignored). `a` is overwritten when `overwrite` is true,
 * otherwise it is copied. vectors: n×n interleaved complex, row-major, column k = eigenvector k.
 */
export function eigh(
  a: Float64Array,
  n: number,
  options: { vectors?: boolean; overwrite?: boolean } = {},
): EighResult {
  validate(a, n);
  const work = options.overwrite ? a : a.slice();
  const exponent = scaleToSafeRange(work, n);

  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(2 * n);
  tridiagonalizeHermitian(work, n, d, e, tau);

  if (!options.vectors) {
    tridiagonalQL(d, e, n, null);
    d.sort();
    return { values: unscale(d, exponent) };
  }

  const z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
  tridiagonalQL(d, e, n, z);

  const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => d[p] - d[q]);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = d[order[k]];
  // Eigenvectors as contiguous rows while the reflectors are applied, then transposed into
  // the column-per-eigenvector output layout.
  const rows = new Float64Array(2 * n * n);
  for (let k = 0; k < n; k++) {
    const column = order[k], row = 2 * k * n;
    for (let i = 0; i < n; i++) rows[row + 2 * i] = z[i * n + column];
  }
  applyReflectorsToRows(work, n, tau, rows, n);
  const vectors = new Float64Array(2 * n * n);
  transposeComplex(rows, vectors, n);
  return { values: unscale(values, exponent), vectors };
}

/** Eigenvalues (ascending) of the n×n complex Hermitian matrix `a`; see {@link eigh}. */
export function eigvalsh(
  a: Float64Array,
  n: number,
  options: { overwrite?: boolean } = {},
): Float64Array {
  return eigh(a, n, { vectors: false, overwrite: options.overwrite }).values;
}

/** out = inᵀ for n×n interleaved complex matrices, in tiles so both sides stay in cache. */
function transposeComplex(input: Float64Array, out: Float64Array, n: number): void {
  const TILE = 32;
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const i1 = Math.min(n, i0 + TILE);
    for (let j0 = 0; j0 < n; j0 += TILE) {
      const j1 = Math.min(n, j0 + TILE);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) {
          out[2 * (j * n + i)] = input[2 * (i * n + j)];
          out[2 * (j * n + i) + 1] = input[2 * (i * n + j) + 1];
        }
      }
    }
  }
}

function validate(a: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InputError('n', 'a non-negative integer');
  if (!(a instanceof Float64Array) || a.length !== 2 * n * n) {
    throw new InputError('a', `a Float64Array of length 2n² = ${2 * n * n} (interleaved complex n×n)`);
  }
}

/**
 * Checks that the lower triangle is finite and, if its largest entry is outside
 * [2^−SAFE_EXPONENT, 2^SAFE_EXPONENT], multiplies it by 2^−E so that the largest entry is in
 * [1, 2). Returns E (0 when nothing was scaled).
 */
function scaleToSafeRange(a: Float64Array, n: number): number {
  let max = 0;
  for (let i = 0; i < n; i++) {
    const row = 2 * i * n;
    for (let p = row; p <= row + 2 * i; p++) {
      const v = Math.abs(a[p]);
      if (!(v <= max)) {
        if (!(v < Infinity)) {
          throw new InputError('a', 'finite entries in the lower triangle (found NaN or ±Infinity)');
        }
        max = v;
      }
    }
  }
  if (max === 0 || (max >= 2 ** -SAFE_EXPONENT && max <= 2 ** SAFE_EXPONENT)) return 0;
  const exponent = Math.floor(Math.log2(max));
  for (let i = 0; i < n; i++) {
    const row = 2 * i * n;
    for (let p = row; p <= row + 2 * i; p++) a[p] = timesPowerOfTwo(a[p], -exponent);
  }
  return exponent;
}

function unscale(values: Float64Array, exponent: number): Float64Array {
  if (exponent !== 0) for (let k = 0; k < values.length; k++) values[k] = timesPowerOfTwo(values[k], exponent);
  return values;
}

/** x·2^p, exact unless the result over- or underflows; p may exceed the range of a single power. */
function timesPowerOfTwo(x: number, p: number): number {
  const half = Math.trunc(p / 2);
  return x * 2 ** half * 2 ** (p - half);
}
