/**
 * Eigenvalues of a real symmetric tridiagonal matrix, with the first
 * component of every normalised eigenvector (all that Gauss rules and
 * Ozaki's residues need: the Golub–Welsch weights are m₀·v₁²).
 *
 * Implicit QL with Wilkinson shifts. Only the first row of the accumulated
 * rotation product is kept, so the cost is O(n²) instead of O(n³).
 */
import { ConvergenceError } from '../../errors.js';

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
  const e = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) e[i] = offDiagonal[i];
  const z = new Float64Array(n);
  if (n > 0) z[0] = 1;

  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      // Find the first negligible off-diagonal element at or after l.
      let m = l;
      while (m < n - 1) {
        const scale = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * scale) break;
        m++;
      }
      if (m === l) break;
      if (++iterations > 60) throw new ConvergenceError('symmetric tridiagonal eigenvalues: QL did not converge in 60 sweeps');
      // Wilkinson shift from the leading 2×2 block.
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // The rotation decoupled the matrix: deflate and restart.
          d[i + 1] -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        const zi1 = z[i + 1];
        z[i + 1] = s * z[i] + c * zi1;
        z[i] = c * z[i] - s * zi1;
      }
      if (underflow) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }

  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => d[a] - d[b]);
  const values = new Float64Array(n);
  const firstComponents = new Float64Array(n);
  order.forEach((k, j) => {
    values[j] = d[k];
    firstComponents[j] = z[k];
  });
  return { values, firstComponents };
}
