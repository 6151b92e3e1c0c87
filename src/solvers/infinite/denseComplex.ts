/** Small dense complex n×n matrices (interleaved, row-major) for the chain recursion: no allocation. */

/** out = a·b (out must not alias a or b). */
export function matMul(n: number, a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let re = 0, im = 0;
      for (let k = 0; k < n; k++) {
        const p = 2 * (i * n + k), q = 2 * (k * n + j);
        const ar = a[p]!, ai = a[p + 1]!, br = b[q]!, bi = b[q + 1]!;
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      out[2 * (i * n + j)] = re;
      out[2 * (i * n + j) + 1] = im;
    }
}

/** out = a·b·c using `work` (n×n) as scratch. */
export function matMul3(n: number, a: Float64Array, b: Float64Array, c: Float64Array, work: Float64Array, out: Float64Array): void {
  matMul(n, a, b, work);
  matMul(n, work, c, out);
}

/**
 * out = (z·1 − m)⁻¹ by Gauss–Jordan elimination with partial pivoting; `work`
 * (n×n) is overwritten. Returns false if the matrix is numerically singular.
 */
export function shiftedInverse(n: number, zr: number, zi: number, m: Float64Array, work: Float64Array, out: Float64Array): boolean {
  const n2 = 2 * n * n;
  for (let e = 0; e < n2; e++) {
    work[e] = -m[e]!;
    out[e] = 0;
  }
  for (let d = 0; d < n; d++) {
    work[2 * (d * n + d)] += zr;
    work[2 * (d * n + d) + 1] += zi;
    out[2 * (d * n + d)] = 1;
  }
  for (let col = 0; col < n; col++) {
    let piv = col, best = -1;
    for (let r = col; r < n; r++) {
      const p = 2 * (r * n + col);
      const mag = work[p]! * work[p]! + work[p + 1]! * work[p + 1]!;
      if (mag > best) {
        best = mag;
        piv = r;
      }
    }
    if (!(best > 0)) return false;
    if (piv !== col) {
      swapRows(n, work, col, piv);
      swapRows(n, out, col, piv);
    }
    const pp = 2 * (col * n + col);
    const dr = work[pp]!, di = work[pp + 1]!;
    const dm = dr * dr + di * di;
    const ir = dr / dm, ii = -di / dm;
    scaleRow(n, work, col, ir, ii);
    scaleRow(n, out, col, ir, ii);
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const p = 2 * (r * n + col);
      const fr = work[p]!, fi = work[p + 1]!;
      if (fr === 0 && fi === 0) continue;
      eliminate(n, work, col, r, fr, fi);
      eliminate(n, out, col, r, fr, fi);
    }
  }
  return true;
}

/** Largest |entry|. */
export function maxAbs(n: number, a: Float64Array): number {
  let s = 0;
  for (let e = 0; e < 2 * n * n; e += 2) s = Math.max(s, Math.abs(a[e]!) + Math.abs(a[e + 1]!));
  return s;
}

function swapRows(n: number, m: Float64Array, r1: number, r2: number): void {
  for (let e = 0; e < 2 * n; e++) {
    const p = 2 * r1 * n + e, q = 2 * r2 * n + e;
    const t = m[p]!;
    m[p] = m[q]!;
    m[q] = t;
  }
}

function scaleRow(n: number, m: Float64Array, r: number, sr: number, si: number): void {
  for (let c = 0; c < n; c++) {
    const p = 2 * (r * n + c);
    const vr = m[p]!, vi = m[p + 1]!;
    m[p] = vr * sr - vi * si;
    m[p + 1] = vr * si + vi * sr;
  }
}

/** Row r −= f · row `pivot`. */
function eliminate(n: number, m: Float64Array, pivot: number, r: number, fr: number, fi: number): void {
  for (let c = 0; c < n; c++) {
    const q = 2 * (pivot * n + c), s = 2 * (r * n + c);
    const vr = m[q]!, vi = m[q + 1]!;
    m[s] -= fr * vr - fi * vi;
    m[s + 1] -= fr * vi + fi * vr;
  }
}
