import { ConvergenceError } from '../../errors.js';

const EPS = 2 ** -53;
const EPS2 = EPS * EPS;
const SAFE_MIN = 2 ** -1022;
/** Sweeps allowed per eigenvalue on average before giving up (LAPACK's dsteqr uses 30). */
const MAX_SWEEPS_PER_EIGENVALUE = 30;

/**
 * √(f² + g²) without overflow or harmful underflow. The common case is a single square root;
 * only arguments outside [1e−147, 1e147], whose squares could leave the double range, take the
 * scaled path. (Math.hypot is safe too but several times slower in V8.)
 */
function radius(f: number, g: number): number {
  const af = Math.abs(f), ag = Math.abs(g);
  const big = af > ag ? af : ag;
  if (big < 1e147 && big > 1e-147) return Math.sqrt(f * f + g * g);
  if (big === 0) return 0;
  const small = af > ag ? ag : af;
  const q = small / big;
  return big * Math.sqrt(1 + q * q);
}

/**
 * Eigenvalues, and optionally eigenvectors, of the real symmetric tridiagonal matrix T with
 * diagonal d[0..n−1] and off-diagonal e[0..n−2] (e[i] couples i and i+1), by the implicit
 * QL algorithm with Wilkinson shifts (Golub & Van Loan §8.3.5; Wilkinson & Reinsch,
 * "Handbook for Automatic Computation II", tql2). Backward stable: the computed eigenvalues
 * are exact for T + δT with ‖δT‖ = O(ε‖T‖).
 *
 * e must have length ≥ n (slot n−1 is used as scratch). On return d holds the eigenvalues
 * (unsorted) and e is destroyed. When z is given
 * (zRows×n real, row-major; zRows = n by default) it is multiplied from the right by every
 * plane rotation, so starting from the identity column k of z ends as the unit eigenvector
 * of d[k]; with zRows = 1 and z = e₀ᵀ only the first components are tracked (O(n²) work:
 * what Gauss quadrature weights need).
 * A sub-diagonal entry is treated as zero once e_i² ≤ ε²|d_i d_{i+1}| (+ the smallest normal
 * number, so that zero diagonals still split), LAPACK dsteqr's criterion, which is sharper
 * than ε(|d_i| + |d_{i+1}|) for graded matrices.
 */
export function tridiagonalQL(
  d: Float64Array,
  e: Float64Array,
  n: number,
  z: Float64Array | null,
  zRows = n,
): void {
  if (n <= 1) return;
  const cosines = z ? new Float64Array(n) : null;
  const sines = z ? new Float64Array(n) : null;
  const maxSweeps = MAX_SWEEPS_PER_EIGENVALUE * n;
  let sweeps = 0;
  e[n - 1] = 0;

  for (let l = 0; l < n; l++) {
    for (;;) {
      // Smallest m ≥ l where T splits (e[m] negligible), or the last index.
      let m = l;
      for (; m < n - 1; m++) {
        const em = e[m];
        if (em * em <= EPS2 * Math.abs(d[m]) * Math.abs(d[m + 1]) + SAFE_MIN) {
          e[m] = 0;
          break;
        }
      }
      if (m === l) break;
      if (++sweeps > maxSweeps) {
        throw new ConvergenceError(
          `tridiagonal QL did not converge after ${maxSweeps} sweeps (n = ${n})`,
        );
      }

      // Wilkinson shift: the eigenvalue of the leading 2×2 block of T[l..m] nearer d[l].
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = radius(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));

      // Chase the bulge from the bottom of the block to the top with rotations in (i, i+1).
      let s = 1, c = 1, p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = radius(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // The rotation is undefined: T has split at i+1 through underflow. Undo the
          // partial shift and look for the split again.
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
        if (cosines && sines) {
          cosines[i] = c;
          sines[i] = s;
        }
      }
      if (z && cosines && sines) {
        const lo = underflow ? i + 1 : l;
        if (lo < m) applyRotations(z, n, zRows, lo, m, cosines, sines);
      }
      if (underflow) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/**
 * z ← z G_{m−1} G_{m−2} … G_{lo} for the plane rotations G_i in columns (i, i+1) with
 * cosine c_i and sine s_i. Each row of z is independent and contiguous, so the whole sweep
 * is applied row by row; the carried value t makes each row a dependency chain, so four rows
 * go together to keep the floating-point units busy.
 */
function applyRotations(
  z: Float64Array,
  n: number,
  rows: number,
  lo: number,
  m: number,
  cosines: Float64Array,
  sines: Float64Array,
): void {
  let row = 0;
  for (; row + 3 < rows; row += 4) {
    const r0 = row * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    let t0 = z[r0 + m], t1 = z[r1 + m], t2 = z[r2 + m], t3 = z[r3 + m];
    for (let i = m - 1; i >= lo; i--) {
      const c = cosines[i], s = sines[i];
      const a0 = z[r0 + i], a1 = z[r1 + i], a2 = z[r2 + i], a3 = z[r3 + i];
      z[r0 + i + 1] = s * a0 + c * t0;
      z[r1 + i + 1] = s * a1 + c * t1;
      z[r2 + i + 1] = s * a2 + c * t2;
      z[r3 + i + 1] = s * a3 + c * t3;
      t0 = c * a0 - s * t0;
      t1 = c * a1 - s * t1;
      t2 = c * a2 - s * t2;
      t3 = c * a3 - s * t3;
    }
    z[r0 + lo] = t0;
    z[r1 + lo] = t1;
    z[r2 + lo] = t2;
    z[r3 + lo] = t3;
  }
  for (; row < rows; row++) {
    const r0 = row * n;
    let t0 = z[r0 + m];
    for (let i = m - 1; i >= lo; i--) {
      const c = cosines[i], s = sines[i];
      const a0 = z[r0 + i];
      z[r0 + i + 1] = s * a0 + c * t0;
      t0 = c * a0 - s * t0;
    }
    z[r0 + lo] = t0;
  }
}
