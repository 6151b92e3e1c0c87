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
 * Right-looking in panels of four columns: a panel is factored left-looking,
 * then the rows of U right of it, then the trailing block gets one rank-4
 * update (the trailing block is read and written once per four columns, a
 * quarter of the memory traffic of the rank-1 form; four independent
 * multiply-adds per element).
 */
export function luFactor(a: Float64Array, n: number, perm: Int32Array): number {
  for (let i = 0; i < n; i++) perm[i] = i;
  let logAbsDet = 0;
  let c = 0;
  for (; c + 4 <= n; c += 4) {
    for (let j = 0; j < 4; j++) {
      const cj = c + j;
      // Left-looking update of column cj by the panel's earlier columns (rows in order: U entries are final when used).
      if (j > 0)
        for (let r = c + 1; r < n; r++) {
          const rr = r * n;
          const tEnd = Math.min(j, r - c);
          let s = a[rr + cj]!;
          for (let t = 0; t < tEnd; t++) s -= a[rr + c + t]! * a[(c + t) * n + cj]!;
          a[rr + cj] = s;
        }
      const d = pivotColumn(a, n, cj, perm);
      if (d === 0) return -Infinity;
      logAbsDet += Math.log(Math.abs(d));
    }
    const r0 = c * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    // Rows of U right of the panel: forward substitution with the panel's unit lower triangle.
    const l10 = a[r1 + c]!, l20 = a[r2 + c]!, l21 = a[r2 + c + 1]!, l30 = a[r3 + c]!, l31 = a[r3 + c + 1]!, l32 = a[r3 + c + 2]!;
    for (let k = c + 4; k < n; k++) {
      const u0 = a[r0 + k]!;
      const u1 = a[r1 + k]! - l10 * u0;
      const u2 = a[r2 + k]! - l20 * u0 - l21 * u1;
      a[r1 + k] = u1;
      a[r2 + k] = u2;
      a[r3 + k] = a[r3 + k]! - l30 * u0 - l31 * u1 - l32 * u2;
    }
    // Trailing rank-4 update: A[r][k] −= Σ_t L[r][c+t] U[c+t][k].
    for (let r = c + 4; r < n; r++) {
      const rr = r * n;
      const m0 = a[rr + c]!, m1 = a[rr + c + 1]!, m2 = a[rr + c + 2]!, m3 = a[rr + c + 3]!;
      for (let k = c + 4; k < n; k++) a[rr + k] = a[rr + k]! - m0 * a[r0 + k]! - m1 * a[r1 + k]! - m2 * a[r2 + k]! - m3 * a[r3 + k]!;
    }
  }
  // The last n mod 4 columns: rank-1 steps.
  for (; c < n; c++) {
    const d = pivotColumn(a, n, c, perm);
    if (d === 0) return -Infinity;
    logAbsDet += Math.log(Math.abs(d));
    const rc = c * n;
    for (let r = c + 1; r < n; r++) {
      const rr = r * n, l = a[rr + c]!;
      for (let k = c + 1; k < n; k++) a[rr + k] -= l * a[rc + k]!;
    }
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
  // Row r of U⁻¹L⁻¹ = Σ_{k ≥ r} U⁻¹[r][k] L⁻¹[k] (L⁻¹ rows: unit at k, nonzero left of it); column j goes to perm[j].
  const t = rowScratch(n);
  for (let r = 0; r < n; r++) {
    const rr = r * n;
    t.fill(0, 0, n);
    for (let k = r; k < n; k++) {
      const f = lu[rr + k]!;
      if (f === 0) continue;
      const kk = k * n;
      t[k] += f;
      for (let j = 0; j < k; j++) t[j] += f * lu[kk + j]!;
    }
    for (let j = 0; j < n; j++) out[rr + perm[j]!] = t[j]!;
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

/**
 * U ← U⁻¹ (on and above the diagonal) and L ← L⁻¹ (strictly below, unit
 * diagonal implied), in place, row by row with contiguous row updates:
 *   X[r] = (e_r − Σ_{k>r} U[r][k] X[k]) / U[r][r]   (rows from the last),
 *   Y[r] = e_r − Σ_{k<r} L[r][k] Y[k]               (rows from the first).
 */
function invertTriangles(a: Float64Array, n: number): void {
  const t = rowScratch(n);
  for (let r = n - 1; r >= 0; r--) {
    const rr = r * n;
    const d = 1 / a[rr + r]!;
    for (let k = r + 1; k < n; k++) {
      t[k] = a[rr + k]! * d;
      a[rr + k] = 0;
    }
    a[rr + r] = d;
    for (let k = r + 1; k < n; k++) {
      const f = t[k]!;
      if (f === 0) continue;
      const kk = k * n;
      for (let j = k; j < n; j++) a[rr + j] -= f * a[kk + j]!;
    }
  }
  for (let r = 1; r < n; r++) {
    const rr = r * n;
    for (let k = 0; k < r; k++) {
      t[k] = a[rr + k]!;
      a[rr + k] = 0;
    }
    for (let k = 0; k < r; k++) {
      const f = t[k]!;
      if (f === 0) continue;
      const kk = k * n;
      // Y[k] is unit at column k and zero right of it.
      a[rr + k] -= f;
      for (let j = 0; j < k; j++) a[rr + j] -= f * a[kk + j]!;
    }
  }
}

let scratch = new Float64Array(0);
function rowScratch(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch;
}
