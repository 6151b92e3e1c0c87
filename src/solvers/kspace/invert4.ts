/**
 * Inverse and ln|det| of a 4×4 complex matrix (32 interleaved numbers,
 * row-major) by Gauss–Jordan elimination with partial pivoting: the per-k
 * kernel g(k) = (z − H(k))⁻¹ of the k-space solver. Row swaps only flip the
 * determinant's sign, so ln|det| = Σ ln|pivot|.
 */

/**
 * out ← a⁻¹ and return ln|det a|; `a` is overwritten (used as the work
 * matrix). Returns −Infinity (leaving `out` undefined) when a pivot vanishes.
 */
export function invert4(a: Float64Array, out: Float64Array): number {
  out.fill(0);
  out[0] = out[10] = out[20] = out[30] = 1;
  let logAbsDet = 0;
  for (let c = 0; c < 4; c++) {
    let p = c;
    let best = -1;
    for (let r = c; r < 4; r++) {
      const q = 8 * r + 2 * c;
      const mag = a[q]! * a[q]! + a[q + 1]! * a[q + 1]!;
      if (mag > best) {
        best = mag;
        p = r;
      }
    }
    if (!(best > 0)) return -Infinity;
    if (p !== c) {
      for (let e = 0; e < 8; e++) {
        const s = 8 * c + e, t = 8 * p + e;
        let tmp = a[s]!;
        a[s] = a[t]!;
        a[t] = tmp;
        tmp = out[s]!;
        out[s] = out[t]!;
        out[t] = tmp;
      }
    }
    logAbsDet += 0.5 * Math.log(best);
    const pr = a[8 * c + 2 * c]! / best, pi = -a[8 * c + 2 * c + 1]! / best;
    for (let e = 0; e < 4; e++) {
      const s = 8 * c + 2 * e;
      let xr = a[s]!, xi = a[s + 1]!;
      a[s] = xr * pr - xi * pi;
      a[s + 1] = xr * pi + xi * pr;
      xr = out[s]!;
      xi = out[s + 1]!;
      out[s] = xr * pr - xi * pi;
      out[s + 1] = xr * pi + xi * pr;
    }
    for (let r = 0; r < 4; r++) {
      if (r === c) continue;
      const q = 8 * r + 2 * c;
      const fr = a[q]!, fi = a[q + 1]!;
      if (fr === 0 && fi === 0) continue;
      for (let e = 0; e < 4; e++) {
        const s = 8 * c + 2 * e, t = 8 * r + 2 * e;
        let xr = a[s]!, xi = a[s + 1]!;
        a[t] -= fr * xr - fi * xi;
        a[t + 1] -= fr * xi + fi * xr;
        xr = out[s]!;
        xi = out[s + 1]!;
        out[t] -= fr * xr - fi * xi;
        out[t + 1] -= fr * xi + fi * xr;
      }
    }
  }
  return logAbsDet;
}

export { invertN } from '../../math/denseComplex.js';
