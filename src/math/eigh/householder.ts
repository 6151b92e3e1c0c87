import { fusedUpdateAndProduct } from './fusedSweep.js';

/**
 * Householder reduction of a complex Hermitian matrix to real symmetric tridiagonal form,
 * A = Q T Qᴴ (Golub & Van Loan, "Matrix Computations", §8.3.1; the reflector convention is
 * that of LAPACK's zlarfg/zhetd2 with UPLO = 'U').
 *
 * Storage: `a` is n×n interleaved complex, row-major, and only its lower triangle (j ≤ i) is
 * read and written. Working from the last row upwards keeps every access row-contiguous:
 * step k (k = n−1 … 1) reduces row k (the conjugate of column k), and the still-active block
 * is rows/columns 0 … k−1, whose lower triangle is again a set of contiguous row prefixes.
 *
 * Step k: with c = A[0:k, k] = conj(A[k, 0:k]), a reflector H_k = I − τ_k v vᴴ
 * (v_{k−1} = 1) gives H_kᴴ c = β_k e_{k−1} with β_k real, so T is real without any phase
 * bookkeeping. The active block becomes H_kᴴ A H_k = A − v wᴴ − w vᴴ with
 * x = τ A v, w = x − ½ τ (xᴴ v) v.
 *
 * Fused pass: the rank-2 update of step k+1 is deferred and applied in the same sweep over
 * the active block that forms the product A v of step k (one read and one write of the
 * trailing triangle per step, instead of two reads and one write). Only row k needs the
 * pending update before its reflector can be formed, and that row is contiguous.
 *
 * On return: d[0..n−1] is the diagonal of T, e[k−1] = β_k couples k−1 and k, tau holds
 * τ_k (interleaved, slot k; τ_0 = 0), and row k of `a` holds v_j (j < k−1) of reflector k.
 */
export function tridiagonalizeHermitian(
  a: Float64Array,
  n: number,
  d: Float64Array,
  e: Float64Array,
  tau: Float64Array,
): void {
  if (n === 0) return;
  // Per index j, 8 slots: pending reflector v′_j (0,1), pending w′_j (2,3),
  // current reflector u_j (4,5), accumulated (A u)_j (6,7). Interleaving them keeps the
  // inner loop's streams to two: the matrix row and this array.
  const work = new Float64Array(8 * n);
  tau[0] = 0;
  tau[1] = 0;

  for (let k = n - 1; k >= 1; k--) {
    const rowK = 2 * k * n;

    // Bring row k up to date with the pending update of step k+1 (zero when k = n−1).
    applyPendingToRow(a, work, rowK, k);
    d[k] = a[rowK + 2 * k];

    // Reflector from c_j = conj(A[k][j]), j < k: alpha = c_{k−1}, the rest is annihilated.
    // Norms are taken of c/scale (scale = the largest |component|), as LAPACK's zlarfg
    // rescales: squares of entries below ~1e−154 would underflow and make τ 0/0.
    const alphaRe = a[rowK + 2 * (k - 1)];
    const alphaIm = -a[rowK + 2 * (k - 1) + 1];
    let scale = Math.max(Math.abs(alphaRe), Math.abs(alphaIm));
    for (let j = 0; j < k - 1; j++) scale = Math.max(scale, Math.abs(a[rowK + 2 * j]), Math.abs(a[rowK + 2 * j + 1]));
    let xnorm2 = 0;
    if (scale > 0) {
      for (let j = 0; j < k - 1; j++) {
        const re = a[rowK + 2 * j] / scale, im = a[rowK + 2 * j + 1] / scale;
        xnorm2 += re * re + im * im;
      }
    }
    let tauRe = 0, tauIm = 0, beta = alphaRe;
    if (xnorm2 !== 0 || alphaIm !== 0) {
      const ar = alphaRe / scale, ai = alphaIm / scale;
      const norm = scale * Math.sqrt(ar * ar + ai * ai + xnorm2);
      beta = alphaRe >= 0 ? -norm : norm;
      tauRe = (beta - alphaRe) / beta;
      tauIm = -alphaIm / beta;
      // v_j = c_j / (alpha − beta); store v in row k for the back-transformation.
      // |alpha − beta| ≥ |beta| ≥ scale, so the scaled denominator is at least 1.
      // v_j = (c_j/scale)·(scale/(alpha − beta)): both factors stay near 1.
      const denRe = (alphaRe - beta) / scale, denIm = alphaIm / scale;
      const den2 = denRe * denRe + denIm * denIm;
      const sRe = denRe / den2, sIm = -denIm / den2;
      for (let j = 0; j < k - 1; j++) {
        const cRe = a[rowK + 2 * j] / scale, cIm = -a[rowK + 2 * j + 1] / scale;
        a[rowK + 2 * j] = sRe * cRe - sIm * cIm;
        a[rowK + 2 * j + 1] = sRe * cIm + sIm * cRe;
      }
    }
    e[k - 1] = beta;
    tau[2 * k] = tauRe;
    tau[2 * k + 1] = tauIm;

    // Current reflector into the work array (u = v, u_{k−1} = 1), products zeroed.
    for (let j = 0; j < k - 1; j++) {
      work[8 * j + 4] = a[rowK + 2 * j];
      work[8 * j + 5] = a[rowK + 2 * j + 1];
      work[8 * j + 6] = 0;
      work[8 * j + 7] = 0;
    }
    work[8 * (k - 1) + 4] = 1;
    work[8 * (k - 1) + 5] = 0;
    work[8 * (k - 1) + 6] = 0;
    work[8 * (k - 1) + 7] = 0;

    fusedUpdateAndProduct(a, work, n, k);

    // x = τ p, then w = x − ½ τ (xᴴ u) u becomes the next pending update (with v′ = u).
    let dotRe = 0, dotIm = 0; // xᴴ u = Σ conj(x_j) u_j
    for (let j = 0; j < k; j++) {
      const o = 8 * j;
      const pRe = work[o + 6], pIm = work[o + 7];
      const xRe = tauRe * pRe - tauIm * pIm;
      const xIm = tauRe * pIm + tauIm * pRe;
      work[o + 6] = xRe;
      work[o + 7] = xIm;
      const uRe = work[o + 4], uIm = work[o + 5];
      dotRe += xRe * uRe + xIm * uIm;
      dotIm += xRe * uIm - xIm * uRe;
    }
    const gRe = -0.5 * (tauRe * dotRe - tauIm * dotIm);
    const gIm = -0.5 * (tauRe * dotIm + tauIm * dotRe);
    for (let j = 0; j < k; j++) {
      const o = 8 * j;
      const uRe = work[o + 4], uIm = work[o + 5];
      work[o] = uRe;
      work[o + 1] = uIm;
      work[o + 2] = work[o + 6] + gRe * uRe - gIm * uIm;
      work[o + 3] = work[o + 7] + gRe * uIm + gIm * uRe;
    }
  }

  // Last pending update reaches the 1×1 block that is left.
  const vRe = work[0], vIm = work[1], wRe = work[2], wIm = work[3];
  d[0] = a[0] - 2 * (vRe * wRe + vIm * wIm);
}

/** A[k][j] −= v′_k conj(w′_j) + w′_k conj(v′_j) for j ≤ k (row k of the previous active block). */
function applyPendingToRow(a: Float64Array, work: Float64Array, rowK: number, k: number): void {
  const o = 8 * k;
  const vkRe = work[o], vkIm = work[o + 1], wkRe = work[o + 2], wkIm = work[o + 3];
  if (vkRe === 0 && vkIm === 0 && wkRe === 0 && wkIm === 0) return;
  for (let j = 0; j < k; j++) {
    const q = 8 * j;
    const vRe = work[q], vIm = work[q + 1], wRe = work[q + 2], wIm = work[q + 3];
    a[rowK + 2 * j] -= vkRe * wRe + vkIm * wIm + wkRe * vRe + wkIm * vIm;
    a[rowK + 2 * j + 1] -= vkIm * wRe - vkRe * wIm + wkIm * vRe - wkRe * vIm;
  }
  a[rowK + 2 * k] -= 2 * (vkRe * wkRe + vkIm * wkIm);
  a[rowK + 2 * k + 1] = 0;
}
