/**
 * Reflectors per group: P = H_{k+3} H_{k+2} H_{k+1} H_k = I − V T Vᴴ (compact WY form,
 * Schreiber & Van Loan 1989), so one pass over a vector computes all four projections Vᴴx and
 * a second pass subtracts V(T Vᴴx): four reflectors per two passes instead of one.
 */
const GROUP = 4;
/** Vectors per block: a block of 16 vectors of length n ≤ 4000 (≤ 1 MB) stays in L2 cache. */
const BLOCK_VECTORS = 16;

/**
 * x ← Q x for every row x of `rows` (count rows of length n, interleaved complex), with
 * Q = H_{n−1} H_{n−2} ⋯ H_1 the product of the reflectors left by `tridiagonalizeHermitian`
 * (H_k = I − τ_k v vᴴ acting on indices 0 … k−1, v_{k−1} = 1, the other v_j stored in row k of
 * `a`), so that eigenvectors z of T become eigenvectors Qz of A.
 */
export function applyReflectorsToRows(
  a: Float64Array,
  n: number,
  tau: Float64Array,
  rows: Float64Array,
  count: number,
): void {
  if (n <= 1) return;
  // Reflectors 1 … first−1 one at a time (fewer than GROUP of them, all of length < GROUP),
  // then groups [k0, k0 + GROUP) for k0 = first, first + GROUP, … up to n − 1.
  const first = 1 + ((n - 1) % GROUP);
  const groups = (n - first) / GROUP;
  const tMatrices = new Float64Array(groups * 2 * GROUP * GROUP);
  for (let g = 0; g < groups; g++) buildT(a, n, tau, first + g * GROUP, tMatrices, g * 2 * GROUP * GROUP);

  const y = new Float64Array(2 * GROUP);
  for (let r0 = 0; r0 < count; r0 += BLOCK_VECTORS) {
    const r1 = Math.min(count, r0 + BLOCK_VECTORS);
    for (let r = r0; r < r1; r++) {
      for (let k = 1; k < first; k++) applyOne(a, n, tau, k, rows, r * 2 * n);
    }
    for (let g = 0; g < groups; g++) {
      const k0 = first + g * GROUP;
      for (let r = r0; r < r1; r++) applyGroup(a, n, k0, tMatrices, g * 2 * GROUP * GROUP, rows, r * 2 * n, y);
    }
  }
}

/** Entry i of reflector k (zero beyond index k − 1). */
function reflectorEntry(a: Float64Array, n: number, k: number, i: number, imag: boolean): number {
  if (i < k - 1) return a[2 * (k * n + i) + (imag ? 1 : 0)];
  return i === k - 1 && !imag ? 1 : 0;
}

/** x ← H_k x for the vector x starting at offset o. */
function applyOne(a: Float64Array, n: number, tau: Float64Array, k: number, x: Float64Array, o: number): void {
  const tRe = tau[2 * k], tIm = tau[2 * k + 1];
  if (tRe === 0 && tIm === 0) return;
  let sRe = 0, sIm = 0;
  for (let i = 0; i < k; i++) {
    const vRe = reflectorEntry(a, n, k, i, false), vIm = reflectorEntry(a, n, k, i, true);
    const xRe = x[o + 2 * i], xIm = x[o + 2 * i + 1];
    sRe += vRe * xRe + vIm * xIm;
    sIm += vRe * xIm - vIm * xRe;
  }
  const zRe = tRe * sRe - tIm * sIm, zIm = tRe * sIm + tIm * sRe;
  for (let i = 0; i < k; i++) {
    const vRe = reflectorEntry(a, n, k, i, false), vIm = reflectorEntry(a, n, k, i, true);
    x[o + 2 * i] -= vRe * zRe - vIm * zIm;
    x[o + 2 * i + 1] -= vRe * zIm + vIm * zRe;
  }
}

/**
 * T of the group of reflectors k0 … k0+3, built column by column:
 * T_jj = τ_j, T[j, 0:j] = −τ_j (v_jᴴ V_{0:j}) T[0:j, 0:j] (lower triangular, row-major,
 * interleaved complex, at offset o of `out`).
 */
function buildT(a: Float64Array, n: number, tau: Float64Array, k0: number, out: Float64Array, o: number): void {
  const dots = new Float64Array(2 * GROUP);
  for (let j = 0; j < GROUP; j++) {
    const kj = k0 + j;
    const tRe = tau[2 * kj], tIm = tau[2 * kj + 1];
    // dots[l] = v_jᴴ v_l for l < j (v_l vanishes from index k0 + l on).
    for (let l = 0; l < j; l++) {
      let sRe = 0, sIm = 0;
      for (let i = 0; i < k0 + l; i++) {
        const aRe = reflectorEntry(a, n, kj, i, false), aIm = reflectorEntry(a, n, kj, i, true);
        const bRe = reflectorEntry(a, n, k0 + l, i, false), bIm = reflectorEntry(a, n, k0 + l, i, true);
        sRe += aRe * bRe + aIm * bIm;
        sIm += aRe * bIm - aIm * bRe;
      }
      dots[2 * l] = sRe;
      dots[2 * l + 1] = sIm;
    }
    // row j: −τ_j Σ_l dots[l] T[l][c]
    for (let c = 0; c < j; c++) {
      let sRe = 0, sIm = 0;
      for (let l = c; l < j; l++) {
        const dRe = dots[2 * l], dIm = dots[2 * l + 1];
        const p = o + 2 * (l * GROUP + c);
        const mRe = out[p], mIm = out[p + 1];
        sRe += dRe * mRe - dIm * mIm;
        sIm += dRe * mIm + dIm * mRe;
      }
      out[o + 2 * (j * GROUP + c)] = -(tRe * sRe - tIm * sIm);
      out[o + 2 * (j * GROUP + c) + 1] = -(tRe * sIm + tIm * sRe);
    }
    out[o + 2 * (j * GROUP + j)] = tRe;
    out[o + 2 * (j * GROUP + j) + 1] = tIm;
  }
}

/**
 * x ← (I − V T Vᴴ) x for the group of reflectors k0 … k0+3 (x at offset o). Indices below
 * k0 − 1, where all four reflectors are stored in `a`, go through the unrolled loops; the few
 * indices k0 − 1 … k0 + 2 where some v are 1 or 0 go through reflectorEntry.
 */
function applyGroup(
  a: Float64Array,
  n: number,
  k0: number,
  tMatrices: Float64Array,
  t: number,
  x: Float64Array,
  o: number,
  y: Float64Array,
): void {
  const a0 = 2 * k0 * n, a1 = a0 + 2 * n, a2 = a1 + 2 * n, a3 = a2 + 2 * n;
  const end = 2 * (k0 - 1);
  let y0Re = 0, y0Im = 0, y1Re = 0, y1Im = 0, y2Re = 0, y2Im = 0, y3Re = 0, y3Im = 0;
  for (let i = 0; i < end; i += 2) {
    const xRe = x[o + i], xIm = x[o + i + 1];
    let vRe = a[a0 + i], vIm = a[a0 + i + 1];
    y0Re += vRe * xRe + vIm * xIm;
    y0Im += vRe * xIm - vIm * xRe;
    vRe = a[a1 + i];
    vIm = a[a1 + i + 1];
    y1Re += vRe * xRe + vIm * xIm;
    y1Im += vRe * xIm - vIm * xRe;
    vRe = a[a2 + i];
    vIm = a[a2 + i + 1];
    y2Re += vRe * xRe + vIm * xIm;
    y2Im += vRe * xIm - vIm * xRe;
    vRe = a[a3 + i];
    vIm = a[a3 + i + 1];
    y3Re += vRe * xRe + vIm * xIm;
    y3Im += vRe * xIm - vIm * xRe;
  }
  y[0] = y0Re; y[1] = y0Im; y[2] = y1Re; y[3] = y1Im;
  y[4] = y2Re; y[5] = y2Im; y[6] = y3Re; y[7] = y3Im;
  for (let i = k0 - 1; i < k0 + GROUP - 1; i++) {
    const xRe = x[o + 2 * i], xIm = x[o + 2 * i + 1];
    for (let j = 0; j < GROUP; j++) {
      const vRe = reflectorEntry(a, n, k0 + j, i, false), vIm = reflectorEntry(a, n, k0 + j, i, true);
      y[2 * j] += vRe * xRe + vIm * xIm;
      y[2 * j + 1] += vRe * xIm - vIm * xRe;
    }
  }
  // z = T y (T lower triangular), written back into y from the bottom up.
  for (let j = GROUP - 1; j >= 0; j--) {
    let sRe = 0, sIm = 0;
    for (let c = 0; c <= j; c++) {
      const p = t + 2 * (j * GROUP + c);
      const mRe = tMatrices[p], mIm = tMatrices[p + 1];
      sRe += mRe * y[2 * c] - mIm * y[2 * c + 1];
      sIm += mRe * y[2 * c + 1] + mIm * y[2 * c];
    }
    y[2 * j] = sRe;
    y[2 * j + 1] = sIm;
  }
  const z0Re = y[0], z0Im = y[1], z1Re = y[2], z1Im = y[3];
  const z2Re = y[4], z2Im = y[5], z3Re = y[6], z3Im = y[7];
  for (let i = 0; i < end; i += 2) {
    const v0Re = a[a0 + i], v0Im = a[a0 + i + 1], v1Re = a[a1 + i], v1Im = a[a1 + i + 1];
    const v2Re = a[a2 + i], v2Im = a[a2 + i + 1], v3Re = a[a3 + i], v3Im = a[a3 + i + 1];
    x[o + i] -=
      v0Re * z0Re - v0Im * z0Im + v1Re * z1Re - v1Im * z1Im +
      (v2Re * z2Re - v2Im * z2Im + v3Re * z3Re - v3Im * z3Im);
    x[o + i + 1] -=
      v0Re * z0Im + v0Im * z0Re + v1Re * z1Im + v1Im * z1Re +
      (v2Re * z2Im + v2Im * z2Re + v3Re * z3Im + v3Im * z3Re);
  }
  for (let i = k0 - 1; i < k0 + GROUP - 1; i++) {
    let sRe = 0, sIm = 0;
    for (let j = 0; j < GROUP; j++) {
      const vRe = reflectorEntry(a, n, k0 + j, i, false), vIm = reflectorEntry(a, n, k0 + j, i, true);
      sRe += vRe * y[2 * j] - vIm * y[2 * j + 1];
      sIm += vRe * y[2 * j + 1] + vIm * y[2 * j];
    }
    x[o + 2 * i] -= sRe;
    x[o + 2 * i + 1] -= sIm;
  }
}
