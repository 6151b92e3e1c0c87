/**
 * Eigenvalues of a real symmetric tridiagonal matrix, with the first
 * component of every normalised eigenvector (all that Gauss rules and
 * Ozaki's residues need: the Golub–Welsch weights are m₀·v₁²).
 *
 * The dense eigensolver's implicit QL (src/math/eigh/tridiagonalQL.ts), tracking
 * only the first row of the accumulated rotations: O(n²) instead of O(n³).
 */
import { tridiagonalQL } from '../../math/eigh/tridiagonalQL.js';

export interface TridiagonalEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** First component of the matching unit eigenvector. */
  firstComponents: Float64Array;
}

/**
 * @param diagonal  a₀ … a_{n−1} (not modified)
 * @param offDiagonal b₀ … b_{n−2}: b_i couples rows i and i+1 (not modified)
 */
export function symmetricTridiagonalEigen(diagonal: ArrayLike<number>, offDiagonal: ArrayLike<number>): TridiagonalEigen {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(Math.max(n, 1));
  for (let i = 0; i + 1 < n; i++) e[i] = offDiagonal[i]!;
  const z = new Float64Array(n);
  if (n > 0) z[0] = 1;
  tridiagonalQL(d, e, n, z, 1);
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => d[a]! - d[b]!);
  return { values: Float64Array.from(order, (k) => d[k]!), firstComponents: Float64Array.from(order, (k) => z[k]!) };
}
