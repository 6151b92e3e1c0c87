/**
 * Phase det S/|det S| of a dense complex n×n matrix (interleaved re, im, row
 * stride ld complex entries) by LU with partial pivoting on a copy: the
 * product of the pivots' phases times the permutation's sign. With
 * det(A) = det(F11)·det(A/F11) at every front of a multifrontal elimination
 * (Schur's determinant formula), the fronts' phases multiply to the phase of
 * the whole matrix — the sign of det(E − Ĥ_s) that the YSR parity needs.
 */
export function determinantPhase(s: Float64Array, at: number, n: number, ld: number): { re: number; im: number } {
  const a = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) a.set(s.subarray(at + 2 * i * ld, at + 2 * (i * ld + n)), 2 * i * n);
  let pr = 1, pi = 0;
  for (let k = 0; k < n; k++) {
    let p = k, best = -1;
    for (let r = k; r < n; r++) {
      const m = Math.hypot(a[2 * (r * n + k)]!, a[2 * (r * n + k) + 1]!);
      if (m > best) [best, p] = [m, r];
    }
    if (best === 0) return { re: 0, im: 0 };
    if (p !== k) {
      for (let c = 0; c < 2 * n; c++) [a[2 * k * n + c], a[2 * p * n + c]] = [a[2 * p * n + c]!, a[2 * k * n + c]!];
      pr = -pr;
      pi = -pi;
    }
    const dr = a[2 * (k * n + k)]!, di = a[2 * (k * n + k) + 1]!;
    const nr = (pr * dr - pi * di) / best, ni = (pr * di + pi * dr) / best;
    [pr, pi] = [nr, ni];
    const d2 = dr * dr + di * di;
    for (let r = k + 1; r < n; r++) {
      const xr = a[2 * (r * n + k)]!, xi = a[2 * (r * n + k) + 1]!;
      const fr = (xr * dr + xi * di) / d2, fi = (xi * dr - xr * di) / d2;
      for (let c = k + 1; c < n; c++) {
        const ur = a[2 * (k * n + c)]!, ui = a[2 * (k * n + c) + 1]!;
        a[2 * (r * n + c)] -= fr * ur - fi * ui;
        a[2 * (r * n + c) + 1] -= fr * ui + fi * ur;
      }
    }
  }
  const m = Math.hypot(pr, pi);
  return { re: pr / m, im: pi / m };
}
