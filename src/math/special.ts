/**
 * Special functions of real argument used by the continuum theory:
 * Bessel functions J0, J1, Y0, Y1 and the sine and cosine integrals Si, Ci.
 *
 * No maintained npm package offers these to 1e-12 (the common ones use the
 * Abramowitz–Stegun rational fits, ~1e-8), so they are implemented here:
 * - 0 < x < 20: Miller's backward recurrence for J_n, normalised by
 *   J0 + 2 Σ J_2k = 1, and the Neumann series for Y0 (DLMF 10.23) and its derivative for Y1,
 *   built from the same J_n. Stable, ~1e-15 absolute.
 * - x ≥ 20: Hankel's asymptotic expansion (DLMF 10.17.3–4), truncated at its
 *   smallest term (< 1e-17 for x ≥ 20).
 * - Si, Ci: power series for x ≤ 4, the continued fraction of E1(ix) above
 *   (Si = π/2 + Im h, Ci = −Re h with h = e^{−ix}·CF, DLMF 6.5, 6.9).
 * Checked against high-precision tables in test/math/special.test.ts.
 */

const EULER_GAMMA = 0.5772156649015329;
const TWO_OVER_PI = 2 / Math.PI;

/** Values J0, J1, Y0, Y1 at one x, computed together (they share the recurrence). */
export interface BesselValues {
  j0: number;
  j1: number;
  y0: number;
  y1: number;
}

/** J0, J1, Y0, Y1 at x > 0 (Y is −∞ at x = 0 and undefined below: NaN). */
export function besselAll(x: number): BesselValues {
  if (!(x > 0)) {
    if (x === 0) return { j0: 1, j1: 0, y0: -Infinity, y1: -Infinity };
    return { j0: besselJ0(x), j1: besselJ1(x), y0: NaN, y1: NaN };
  }
  if (x < 1e-6) return besselTiny(x);
  if (x < 20) return besselMiller(x);
  return besselHankel(x);
}

/** Bessel function of the first kind J0(x), all real x. */
export function besselJ0(x: number): number {
  const a = Math.abs(x);
  if (a === 0) return 1;
  if (!Number.isFinite(a)) return Number.isNaN(a) ? NaN : 0;
  return besselAll(a).j0;
}

/** Bessel function of the first kind J1(x), all real x (odd). */
export function besselJ1(x: number): number {
  const a = Math.abs(x);
  if (a === 0) return 0;
  if (!Number.isFinite(a)) return Number.isNaN(a) ? NaN : 0;
  const v = besselAll(a).j1;
  return x < 0 ? -v : v;
}

/** Bessel function of the second kind Y0(x), x > 0. */
export function besselY0(x: number): number {
  if (x === Infinity) return 0;
  return besselAll(x).y0;
}

/** Bessel function of the second kind Y1(x), x > 0. */
export function besselY1(x: number): number {
  if (x === Infinity) return 0;
  return besselAll(x).y1;
}

/** Leading terms of the ascending series; relative error < 1e-20 for x < 1e-6. */
function besselTiny(x: number): BesselValues {
  const q = (x * x) / 4;
  const j0 = 1 - q;
  const j1 = (x / 2) * (1 - q / 2);
  const L = Math.log(x / 2) + EULER_GAMMA;
  const y0 = TWO_OVER_PI * (L * j0 + q);
  // DLMF 10.8.1 with n = 1: Y1 = −2/(πx) + (2/π) ln(x/2) J1 − (x/2π)(ψ(1) + ψ(2)) + O(x³ ln x)
  const y1 = -TWO_OVER_PI / x + TWO_OVER_PI * Math.log(x / 2) * j1 - (x / (2 * Math.PI)) * (1 - 2 * EULER_GAMMA);
  return { j0, j1, y0, y1 };
}

/**
 * Miller's algorithm: recur J_{n−1} = (2n/x) J_n − J_{n+1} downward from an
 * even start N well above x, accumulating the normalisation sum and the
 * Neumann sums for Y0 and Y1:
 *   Y0 = (2/π)[(ln(x/2) + γ) J0 − 2 Σ_{k≥1} (−1)^k J_{2k}/k]
 *   Y1 = (2/π)[(ln(x/2) + γ) J1 − J0/x + Σ_{k≥1} (−1)^k (J_{2k−1} − J_{2k+1})/k]
 * (the second is −d/dx of the first).
 */
function besselMiller(x: number): BesselValues {
  let n = 2 * Math.ceil((x + 32 + 2 * Math.sqrt(x)) / 2);
  let jn1 = 0; // J_{n+1}
  let jn = 1e-30; // J_n
  let norm = 0; // J0 + 2 Σ J_{2k}
  let sumY0 = 0; // Σ (−1)^k J_{2k}/k
  let sumY1 = 0; // Σ (−1)^k (J_{2k−1} − J_{2k+1})/k
  let jEvenAbove = 0; // J_{2k+1} for the current even index 2k, kept for sumY1
  const twoOverX = 2 / x;
  // Loop invariant at the top: jn = J_n (unnormalised), jn1 = J_{n+1}.
  while (n > 0) {
    if (n % 2 === 0) {
      const k = n / 2;
      const sign = k % 2 === 0 ? 1 : -1;
      norm += 2 * jn;
      sumY0 += (sign * jn) / k;
      jEvenAbove = jn1; // J_{2k+1}
    } else {
      // n = 2k − 1 for k = (n + 1)/2: pair J_{2k−1} with J_{2k+1} saved above.
      const k = (n + 1) / 2;
      const sign = k % 2 === 0 ? 1 : -1;
      sumY1 += (sign * (jn - jEvenAbove)) / k;
    }
    const jPrev = n * twoOverX * jn - jn1;
    jn1 = jn;
    jn = jPrev;
    n -= 1;
    if (Math.abs(jn) > 1e250) {
      jn *= 1e-250;
      jn1 *= 1e-250;
      norm *= 1e-250;
      sumY0 *= 1e-250;
      sumY1 *= 1e-250;
      jEvenAbove *= 1e-250;
    }
  }
  norm += jn; // J0
  const j0 = jn / norm;
  const j1 = jn1 / norm;
  const L = Math.log(x / 2) + EULER_GAMMA;
  const y0 = TWO_OVER_PI * (L * j0 - (2 * sumY0) / norm);
  const y1 = TWO_OVER_PI * (L * j1 - j0 / x + sumY1 / norm);
  return { j0, j1, y0, y1 };
}

/** Hankel's expansion J_ν = √(2/πx)(P cos χ − Q sin χ), Y_ν = √(2/πx)(P sin χ + Q cos χ), χ = x − (ν/2 + 1/4)π. */
function besselHankel(x: number): BesselValues {
  const [p0, q0] = hankelPQ(0, x);
  const [p1, q1] = hankelPQ(1, x);
  const c = Math.cos(x);
  const s = Math.sin(x);
  const amp = Math.sqrt(TWO_OVER_PI / x);
  // χ0 = x − π/4: cos χ0 = (c + s)/√2, sin χ0 = (s − c)/√2
  const r = Math.SQRT1_2;
  const cos0 = (c + s) * r;
  const sin0 = (s - c) * r;
  // χ1 = x − 3π/4: cos χ1 = (s − c)/√2, sin χ1 = −(c + s)/√2
  const cos1 = (s - c) * r;
  const sin1 = -(c + s) * r;
  return {
    j0: amp * (p0 * cos0 - q0 * sin0),
    y0: amp * (p0 * sin0 + q0 * cos0),
    j1: amp * (p1 * cos1 - q1 * sin1),
    y1: amp * (p1 * sin1 + q1 * cos1),
  };
}

/** P_ν(x), Q_ν(x) of Hankel's expansion, summed until the terms stop decreasing. */
function hankelPQ(nu: number, x: number): [number, number] {
  const mu = 4 * nu * nu;
  let p = 1;
  let q = 0;
  let term = 1; // a_k(ν)/x^k with the sign pattern folded in below
  let prev = Infinity;
  for (let k = 1; k < 200; k++) {
    term *= (mu - (2 * k - 1) ** 2) / (8 * k * x);
    const mag = Math.abs(term);
    if (mag > prev) break;
    prev = mag;
    // P = Σ (−1)^j a_{2j}/x^{2j}, Q = Σ (−1)^j a_{2j+1}/x^{2j+1}
    if (k % 2 === 0) p += (k / 2) % 2 === 0 ? term : -term;
    else q += ((k - 1) / 2) % 2 === 0 ? term : -term;
    if (mag < 1e-18) break;
  }
  return [p, q];
}

/** Sine and cosine integrals Si(x) = ∫0^x sin t/t dt and Ci(x) = γ + ln x + ∫0^x (cos t − 1)/t dt, for x ≥ 0. */
export function sineCosineIntegral(x: number): { si: number; ci: number } {
  if (Number.isNaN(x) || x < 0) return { si: NaN, ci: NaN };
  if (x === 0) return { si: 0, ci: -Infinity };
  if (x === Infinity) return { si: Math.PI / 2, ci: 0 };
  if (x <= 4) {
    // Si = Σ (−1)^k x^{2k+1}/((2k+1)(2k+1)!),  Ci = γ + ln x + Σ_{k≥1} (−1)^k x^{2k}/(2k (2k)!)
    const x2 = x * x;
    let si = 0;
    let ci = 0;
    let t = x; // x^{2k+1}/(2k+1)! with sign
    for (let k = 0; k < 40; k++) {
      const s = t / (2 * k + 1);
      si += s;
      const c = (-t * x) / ((2 * k + 2) * (2 * k + 2)); // (−1)^{k+1} x^{2k+2}/((2k+2)(2k+2)!)
      ci += c;
      t *= -x2 / ((2 * k + 2) * (2 * k + 3));
      if (Math.abs(s) < 1e-18 && Math.abs(c) < 1e-18) break;
    }
    return { si, ci: EULER_GAMMA + Math.log(x) + ci };
  }
  // Modified Lentz on E1(ix) = e^{−ix} / (1 + ix − 1/(3 + ix − 4/(5 + ix − …)))
  const tiny = 1e-300;
  let bRe = 1;
  let bIm = x;
  let cRe = 1 / tiny;
  let cIm = 0;
  // d = h = 1/b
  let den = bRe * bRe + bIm * bIm;
  let dRe = bRe / den;
  let dIm = -bIm / den;
  let hRe = dRe;
  let hIm = dIm;
  for (let i = 2; i < 1000; i++) {
    const a = -(i - 1) * (i - 1);
    bRe += 2;
    // d = 1/(a d + b)
    const tRe = a * dRe + bRe;
    const tIm = a * dIm + bIm;
    den = tRe * tRe + tIm * tIm;
    dRe = tRe / den;
    dIm = -tIm / den;
    // c = b + a/c
    den = cRe * cRe + cIm * cIm;
    cRe = bRe + (a * cRe) / den;
    cIm = bIm - (a * cIm) / den;
    const delRe = cRe * dRe - cIm * dIm;
    const delIm = cRe * dIm + cIm * dRe;
    const nRe = hRe * delRe - hIm * delIm;
    hIm = hRe * delIm + hIm * delRe;
    hRe = nRe;
    if (Math.abs(delRe - 1) + Math.abs(delIm) < 1e-16) break;
  }
  // h ← (cos x − i sin x) h
  const c = Math.cos(x);
  const s = Math.sin(x);
  const gRe = c * hRe + s * hIm;
  const gIm = c * hIm - s * hRe;
  return { si: Math.PI / 2 + gIm, ci: -gRe };
}

/** Sine integral Si(x), all real x (odd). */
export function sineIntegral(x: number): number {
  const v = sineCosineIntegral(Math.abs(x)).si;
  return x < 0 ? -v : v;
}

/** Cosine integral Ci(x), x > 0. */
export function cosineIntegral(x: number): number {
  return sineCosineIntegral(x).ci;
}

/**
 * The k-th positive zero j_{0,k} of J0 (k = 1, 2, …): McMahon's expansion
 * (DLMF 10.21.19) refined by Newton steps with J0' = −J1.
 */
export function besselJ0Zero(k: number): number {
  const b = (k - 0.25) * Math.PI;
  const b8 = 8 * b;
  let x = b + 1 / b8 - 124 / (3 * b8 ** 3) + 120928 / (15 * b8 ** 5);
  for (let it = 0; it < 6; it++) {
    const v = besselAll(x);
    const dx = v.j0 / v.j1; // x − J0/J0' = x + J0/J1
    x += dx;
    if (Math.abs(dx) < 1e-15 * x) break;
  }
  return x;
}
