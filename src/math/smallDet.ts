/**
 * ln|det M| of a small dense complex matrix (interleaved, row-major, n×n) by
 * LU with partial pivoting. Overwrites `m`. Returns −Infinity for a singular matrix.
 */
export function logAbsDet(m: Float64Array, n: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) {
    let piv = k, best = -1;
    for (let r = k; r < n; r++) {
      const p = 2 * (r * n + k);
      const a = m[p]! * m[p]! + m[p + 1]! * m[p + 1]!;
      if (a > best) {
        best = a;
        piv = r;
      }
    }
    if (best === 0) return -Infinity;
    if (piv !== k)
      for (let c = 0; c < 2 * n; c++) {
        const t = m[2 * k * n + c]!;
        m[2 * k * n + c] = m[2 * piv * n + c]!;
        m[2 * piv * n + c] = t;
      }
    const pr = m[2 * (k * n + k)]!, pi = m[2 * (k * n + k) + 1]!;
    sum += 0.5 * Math.log(best);
    const inv = 1 / best;
    const ir = pr * inv, ii = -pi * inv;
    for (let r = k + 1; r < n; r++) {
      const q = 2 * (r * n + k);
      const fr = m[q]! * ir - m[q + 1]! * ii;
      const fi = m[q]! * ii + m[q + 1]! * ir;
      for (let c = k + 1; c < n; c++) {
        const a = 2 * (k * n + c), b = 2 * (r * n + c);
        m[b] -= fr * m[a]! - fi * m[a + 1]!;
        m[b + 1] -= fr * m[a + 1]! + fi * m[a]!;
      }
    }
  }
  return sum;
}
