/**
 * Dense complex matrices of any size (interleaved re, im, row-major) for the
 * impurity blocks of multi-orbital sites: products, inverse with ln|det|,
 * ln|det(1 − x)| with relative accuracy for small x.
 */

/**
 * out ← a⁻¹ for an n×n complex matrix (2n² interleaved numbers, row-major) and
 * return ln|det a|, by Gauss–Jordan elimination with partial pivoting (the
 * operations of the k-space solver's 4×4 blocks); `a` is overwritten. Returns −Infinity
 * when a pivot vanishes.
 */
export function invertN(a: Float64Array, out: Float64Array, n: number): number {
  const w = 2 * n;
  out.fill(0);
  for (let d = 0; d < n; d++) out[2 * (n * d + d)] = 1;
  let logAbsDet = 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    let best = -1;
    for (let r = c; r < n; r++) {
      const q = w * r + 2 * c;
      const mag = a[q]! * a[q]! + a[q + 1]! * a[q + 1]!;
      if (mag > best) {
        best = mag;
        p = r;
      }
    }
    if (!(best > 0)) return -Infinity;
    if (p !== c) {
      for (let e = 0; e < w; e++) {
        const s = w * c + e, t = w * p + e;
        let tmp = a[s]!;
        a[s] = a[t]!;
        a[t] = tmp;
        tmp = out[s]!;
        out[s] = out[t]!;
        out[t] = tmp;
      }
    }
    logAbsDet += 0.5 * Math.log(best);
    const pr = a[w * c + 2 * c]! / best, pi = -a[w * c + 2 * c + 1]! / best;
    for (let e = 0; e < n; e++) {
      const s = w * c + 2 * e;
      let xr = a[s]!, xi = a[s + 1]!;
      a[s] = xr * pr - xi * pi;
      a[s + 1] = xr * pi + xi * pr;
      xr = out[s]!;
      xi = out[s + 1]!;
      out[s] = xr * pr - xi * pi;
      out[s + 1] = xr * pi + xi * pr;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const q = w * r + 2 * c;
      const fr = a[q]!, fi = a[q + 1]!;
      if (fr === 0 && fi === 0) continue;
      for (let e = 0; e < n; e++) {
        const s = w * c + 2 * e, t = w * r + 2 * e;
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

/** out (p×r) = a (p×q) · b (q×r). */
export function matmul(a: Float64Array, b: Float64Array, p: number, q: number, r: number, out = new Float64Array(2 * p * r)): Float64Array {
  out.fill(0);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < q; k++) {
      const ar = a[2 * (i * q + k)]!, ai = a[2 * (i * q + k) + 1]!;
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < r; j++) {
        const br = b[2 * (k * r + j)]!, bi = b[2 * (k * r + j) + 1]!;
        out[2 * (i * r + j)] += ar * br - ai * bi;
        out[2 * (i * r + j) + 1] += ar * bi + ai * br;
      }
    }
  return out;
}

/** The (4·rows.length)×(4·cols.length) sub-matrix of kept nodes `rows` × `cols` of a dense (4K)×(4K) matrix. */
export function extractNodes(dense: Float64Array, K: number, rows: readonly number[], cols: readonly number[]): Float64Array {
  const n = 4 * K, R = 4 * rows.length, C = 4 * cols.length;
  const out = new Float64Array(2 * R * C);
  rows.forEach((r, p) => {
    for (let a = 0; a < 4; a++)
      cols.forEach((c, q) => {
        for (let b = 0; b < 4; b++) {
          const x = 2 * ((4 * r + a) * n + 4 * c + b), y = 2 * ((4 * p + a) * C + 4 * q + b);
          out[y] = dense[x]!;
          out[y + 1] = dense[x + 1]!;
        }
      });
  });
  return out;
}

/** a · (1_n ⊗ v): multiply a (p×4n) from the right by the block-diagonal matrix with the 4×4 block v on every node. */
export function timesBlockDiagonal(a: Float64Array, p: number, n: number, v: Float64Array, out = new Float64Array(2 * p * 4 * n)): Float64Array {
  const C = 4 * n;
  for (let i = 0; i < p; i++)
    for (let blk = 0; blk < n; blk++)
      for (let j = 0; j < 4; j++) {
        let re = 0, im = 0;
        for (let k = 0; k < 4; k++) {
          const x = 2 * (i * C + 4 * blk + k), y = 2 * (4 * k + j);
          re += a[x]! * v[y]! - a[x + 1]! * v[y + 1]!;
          im += a[x]! * v[y + 1]! + a[x + 1]! * v[y]!;
        }
        out[2 * (i * C + 4 * blk + j)] = re;
        out[2 * (i * C + 4 * blk + j) + 1] = im;
      }
  return out;
}

/** 1 − x for an n×n matrix. */
export function oneMinus(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = -x[k]!;
  for (let d = 0; d < n; d++) out[2 * (n * d + d)] += 1;
  return out;
}

/** Re Tr(a·b) of two n×n matrices. */
export function traceProduct(a: Float64Array, b: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const p = 2 * (n * i + k), q = 2 * (n * k + i);
      t += a[p]! * b[q]! - a[p + 1]! * b[q + 1]!;
    }
  return t;
}

/**
 * ln|det(1 − x)| of an n×n matrix with relative accuracy also when x is tiny:
 * −Re Σ_k Tr(x^k)/k when ‖x‖_F ≤ 1/4, else the determinant directly.
 */
export function logAbsDetOneMinus(x: Float64Array, n: number): number {
  let norm2 = 0;
  for (let k = 0; k < x.length; k++) norm2 += x[k]! * x[k]!;
  if (norm2 > 1 / 16) return invertN(oneMinus(x, n), new Float64Array(x.length), n);
  // |Tr x^k| ≤ n‖x‖_F^k bounds the rest of the series.
  const nF = Math.sqrt(norm2);
  let power: Float64Array = x.slice();
  let sum = 0;
  let bound = nF;
  for (let k = 1; k <= 64; k++) {
    let tr = 0;
    for (let d = 0; d < n; d++) tr += power[2 * (n * d + d)]!;
    sum -= tr / k;
    bound *= nF;
    if ((n * bound) / (k + 1) <= 1e-17 * Math.abs(sum)) break;
    power = matmul(power, x, n, n, n);
  }
  return sum;
}
