/**
 * Dense real LU kernels for small matrices (n ≲ 500) in row-major Float64Array,
 * allocation-free: the per-configuration determinants of the cluster spins in
 * the Majorana basis (src/cluster/realForm.ts).
 */

/**
 * LU factorization with partial pivoting in place, PA = LU (L unit lower,
 * strictly below the diagonal; U on and above it); `perm[i]` is the row of A
 * that row i of LU came from. Returns ln|det A| (−Infinity if singular).
 *
 * Right-looking with the trailing update done two pivot columns at a time
 * (a rank-2 update reads and writes the trailing block once per two columns,
 * which halves the memory traffic of the rank-1 form at these sizes).
 */
export function luFactor(a: Float64Array, n: number, perm: Int32Array): number {
  for (let i = 0; i < n; i++) perm[i] = i;
  let logAbsDet = 0;
  let c = 0;
  for (; c + 1 < n; c += 2) {
    // Column c: pivot, swap, multipliers.
    const d0 = pivotColumn(a, n, c, perm);
    if (d0 === 0) return -Infinity;
    logAbsDet += Math.log(Math.abs(d0));
    const rc = c * n;
    // Column c + 1 below row c: apply the rank-1 update of column c to it only.
    const u01 = a[rc + c + 1]!;
    for (let r = c + 1; r < n; r++) a[r * n + c + 1] -= a[r * n + c]! * u01;
    const d1 = pivotColumn(a, n, c + 1, perm);
    if (d1 === 0) return -Infinity;
    logAbsDet += Math.log(Math.abs(d1));
    // Row c + 1 right of column c + 1: U[c+1][k] = A[c+1][k] − L[c+1][c] U[c][k].
    const r1 = (c + 1) * n;
    const l10 = a[r1 + c]!;
    for (let k = c + 2; k < n; k++) a[r1 + k] -= l10 * a[rc + k]!;
    // Trailing rank-2 update: A[r][k] −= L[r][c] U[c][k] + L[r][c+1] U[c+1][k].
    for (let r = c + 2; r < n; r++) {
      const rr = r * n;
      const l0 = a[rr + c]!, l1 = a[rr + c + 1]!;
      if (l0 === 0 && l1 === 0) continue;
      for (let k = c + 2; k < n; k++) a[rr + k] -= l0 * a[rc + k]! + l1 * a[r1 + k]!;
    }
  }
  if (c < n) {
    const d = pivotColumn(a, n, c, perm);
    if (d === 0) return -Infinity;
    logAbsDet += Math.log(Math.abs(d));
  }
  return logAbsDet;
}

/** Partial pivoting on column c (rows c..n−1 already updated): swap, divide the column below by the pivot; returns the pivot. */
function pivotColumn(a: Float64Array, n: number, c: number, perm: Int32Array): number {
  let p = c, best = Math.abs(a[c * n + c]!);
  for (let r = c + 1; r < n; r++) {
    const m = Math.abs(a[r * n + c]!);
    if (m > best) {
      best = m;
      p = r;
    }
  }
  if (!(best > 0)) return 0;
  if (p !== c) {
    const rp = p * n, rc = c * n;
    for (let k = 0; k < n; k++) {
      const t = a[rp + k]!;
      a[rp + k] = a[rc + k]!;
      a[rc + k] = t;
    }
    const t = perm[p]!;
    perm[p] = perm[c]!;
    perm[c] = t;
  }
  const d = a[c * n + c]!;
  const inv = 1 / d;
  for (let r = c + 1; r < n; r++) a[r * n + c] *= inv;
  return d;
}

/** ln|det A| of a real n×n matrix, overwriting it (`perm`: n work integers). */
export function logAbsDetReal(a: Float64Array, n: number, perm: Int32Array): number {
  return luFactor(a, n, perm);
}

/**
 * The inverse from an LU factorization (luFactor's output and `perm`):
 * out = A⁻¹ = U⁻¹ L⁻¹ P, by inverting the triangles in place (`lu` is overwritten)
 * and multiplying them; 4/3 n³ flops after the factorization.
 */
export function inverseFromLU(lu: Float64Array, n: number, perm: Int32Array, out: Float64Array): void {
  invertTriangles(lu, n);
  // (U⁻¹ L⁻¹)[r][j] = Σ_{k ≥ max(r, j)} U⁻¹[r][k] L⁻¹[k][j] (L⁻¹ unit lower); column j goes to column perm[j].
  for (let r = 0; r < n; r++) {
    const rr = r * n;
    for (let j = 0; j < n; j++) {
      let k = r > j ? r : j;
      let s = k === j ? lu[rr + j]! : lu[rr + k]! * lu[k * n + j]!;
      for (k++; k < n; k++) s += lu[rr + k]! * lu[k * n + j]!;
      out[rr + perm[j]!] = s;
    }
  }
}

/**
 * The b×b diagonal blocks of A⁻¹ (block k: rows and columns b·k..b·k+b−1)
 * from an LU factorization, without forming the whole inverse: triangle
 * inversions (2/3 n³) and b²·n per block; `lu` is overwritten. `out` holds
 * the n/b blocks, b² numbers each, row-major; `pinv` is n work integers.
 */
export function inverseDiagonalBlocks(lu: Float64Array, n: number, perm: Int32Array, b: number, out: Float64Array, pinv: Int32Array): void {
  invertTriangles(lu, n);
  for (let i = 0; i < n; i++) pinv[perm[i]!] = i;
  for (let blk = 0; blk * b < n; blk++)
    for (let x = 0; x < b; x++) {
      const r = blk * b + x, rr = r * n;
      for (let y = 0; y < b; y++) {
        // (A⁻¹)[r][c] = (U⁻¹ L⁻¹)[r][j] with j = pinv[c].
        const j = pinv[blk * b + y]!;
        let k = r > j ? r : j;
        let s = k === j ? lu[rr + j]! : lu[rr + k]! * lu[k * n + j]!;
        for (k++; k < n; k++) s += lu[rr + k]! * lu[k * n + j]!;
        out[blk * b * b + x * b + y] = s;
      }
    }
}

/** U ← U⁻¹ (on and above the diagonal) and L ← L⁻¹ (strictly below, unit diagonal implied), in place. */
function invertTriangles(a: Float64Array, n: number): void {
  // U⁻¹ column by column, last first: X[j][j] = 1/U[j][j], X[r][j] = −(Σ_{r<k≤j} U[r][k] X[k][j]) / U[r][r];
  // the columns k ≤ j still hold U (including U[r][r]) while column j is computed.
  for (let j = n - 1; j >= 0; j--) {
    a[j * n + j] = 1 / a[j * n + j]!;
    for (let r = j - 1; r >= 0; r--) {
      const rr = r * n;
      let s = 0;
      for (let k = r + 1; k <= j; k++) s += a[rr + k]! * a[k * n + j]!;
      a[rr + j] = -s / a[rr + r]!;
    }
  }
  // L⁻¹ row by row: Y[r][j] = −L[r][j] − Σ_{j<k<r} L[r][k] Y[k][j].
  for (let r = 1; r < n; r++) {
    const rr = r * n;
    for (let j = 0; j < r; j++) {
      let s = a[rr + j]!;
      for (let k = j + 1; k < r; k++) s += a[rr + k]! * a[k * n + j]!;
      a[rr + j] = -s;
    }
  }
}
