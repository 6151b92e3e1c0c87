/**
 * Real-space susceptibility for a power-law dispersion ε_k = ε_F (k/k_F)^z,
 * 1 ≤ z ≤ 3, with the same Fermi wavevector and Fermi energy ε_F = k_F²/2 as
 * the free electron gas (z = 2 reproduces it; m = ħ = 1).
 *
 * Method (exact, no Fourier transform of a singular χ(q)): on the Matsubara
 * axis, with w = μ + iω,
 *   χ_σ(R) = −(1/π) ∫_0^∞ dω Re G(R, iω)²        (T = 0)
 *   χ_σ(R) = −2T Σ_{n≥0} Re G(R, iω_n)²,  ω_n = (2n+1)πT   (T > 0)
 *   G(R, iω) = ∫ d^dk/(2π)^d e^{ik·R}/(w − ε_k).
 * The radial k integral is split into outgoing/incoming waves and each is
 * rotated onto the imaginary k axis (k = ±is, where e^{±ikR} decays); the
 * rotation crosses the single pole k_p = k_F (w/ε_F)^{1/z} of the first
 * quadrant (one pole, none in the fourth, for 1 ≤ z ≤ 3). With
 * g(k) = 1/(w − ε(k)) and Res_{k_p} g = −k_p/(z w):
 *   1D  G = (1/2π)[ i∫e^{−sR}(g(is) − g(−is))ds − 2πi k_p e^{ik_p R}/(z w) ]
 *   2D  G = −(1/2π²)∫ s (g(is) + g(−is)) M(sR) ds − (i/(π z w)) k_p² P(k_p R)
 *   3D  G = (1/4π²R)[ i∫ s e^{−sR}(g(is) − g(−is))ds − 2π k_p² e^{ik_p R}/(z w) ]
 * where (2D, from J0(kR) = (2/π)∫_0^{π/2} cos(kR cos θ) dθ)
 *   M(x) = ∫_0^{π/2} e^{−x cos θ} dθ = (π/2)(I0 − L0)(x),  P(ζ) = ∫_0^{π/2} e^{iζ cos θ} dθ.
 * The pole term carries the 2k_F oscillation, so the decay exponent of the
 * envelope is d for every z (only v_F and the amplitude change).
 */
import { InputError } from '../errors.js';
import { gaussLegendre, integrate, integrateVector } from '../math/quadrature.js';
import { checkDimension, checkNonNegative, checkPositive, type Dimension } from './conventions.js';

/** Allowed range of the dispersion power (the contour argument needs one pole in the first quadrant). */
export const DISPERSION_POWER_RANGE: readonly [number, number] = [1, 3];

export function checkDispersionPower(z: number, field = 'dispersionPower'): number {
  if (!(z >= DISPERSION_POWER_RANGE[0] && z <= DISPERSION_POWER_RANGE[1]))
    throw new InputError(field, `expected a number in [1, 3], got ${z}`);
  return z;
}

/** Fermi velocity v_F = dε/dk at k_F of ε = ε_F (k/k_F)^z with ε_F = k_F²/2: v_F = z k_F/2. */
export const powerLawFermiVelocity = (kF: number, z: number): number => (z * kF) / 2;

/** M(x) = ∫_0^{π/2} e^{−x cos θ} dθ for x ≥ 0. */
export function struveM(x: number): number {
  if (x > 30) {
    // (π/2)(I0 − L0) ~ Σ ((2k−1)!!)²/x^{2k+1} (DLMF 11.6.2)
    let term = 1 / x;
    let sum = term;
    const x2 = x * x;
    for (let k = 1; k < 20; k++) {
      const next = (term * (2 * k - 1) * (2 * k - 1)) / x2;
      if (next > term) break;
      term = next;
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return sum;
  }
  // ∫_0^{π/2} e^{−x sin φ} dφ, truncated where the integrand is below e^{−40}
  const top = Math.min(Math.PI / 2, x > 0 ? 40 / x : Math.PI / 2);
  const { x: nodes, w } = gaussLegendre(48);
  const h = top / 2;
  let s = 0;
  for (let i = 0; i < nodes.length; i++) s += w[i]! * Math.exp(-x * Math.sin(h * (nodes[i]! + 1)));
  return s * h;
}

/** P(ζ) = ∫_0^{π/2} e^{iζ cos θ} dθ for Im ζ ≥ 0, by composite Gauss–Legendre; writes [re, im] into out. */
function struveP(zRe: number, zIm: number, out: Float64Array): void {
  // Where Im ζ cos θ > 40 the integrand is negligible: start at θ0 = arccos(min(1, 40/Im ζ)).
  const theta0 = zIm > 40 ? Math.acos(40 / zIm) : 0;
  const span = Math.PI / 2 - theta0;
  const panels = Math.max(1, Math.ceil((Math.hypot(zRe, Math.min(zIm, 40)) * span) / 4));
  const { x: nodes, w } = gaussLegendre(16);
  const h = span / panels;
  let re = 0;
  let im = 0;
  for (let p = 0; p < panels; p++) {
    const a = theta0 + p * h;
    for (let i = 0; i < nodes.length; i++) {
      const c = Math.cos(a + (h * (nodes[i]! + 1)) / 2);
      const mag = Math.exp(-zIm * c) * w[i]!;
      re += mag * Math.cos(zRe * c);
      im += mag * Math.sin(zRe * c);
    }
  }
  out[0] = (re * h) / 2;
  out[1] = (im * h) / 2;
}

/**
 * ∫_S^∞ s [g(is) + g(−is)] M(sR) ds for S ≫ |k_p| and SR ≥ 40, from
 * g(±is) = −Σ_n w^n/(c s^z e^{±iπz/2})^{n+1} and M(x) ~ Σ_k ((2k−1)!!)²/x^{2k+1}:
 *   Σ_{n,k} −(w^n/c^{n+1}) 2cos(πz(n+1)/2) ((2k−1)!!)²/R^{2k+1} · S^{1−q}/(q − 1),  q = z(n+1) + 2k.
 * The n = k = 0 term, 2cos(πz/2)/(z − 1) · S^{1−z}, tends to −π at z = 1: the
 * δ(R cos θ) part of ∫ cos(kR cos θ) dk that a term-by-term rotation misses.
 */
function struveTail(z: number, c: number, mu: number, omega: number, R: number, S: number): Float64Array {
  // Σ_{n,k} as −(S^{1−z}/(cR)) Σ_n u^n Σ_k b_{nk}, u = w/(c S^z) (|u| ≤ 1/4 by the choice of S),
  // b_{nk} = 2cos(πz(n+1)/2) ((2k−1)!!)²/((SR)^{2k} (q − 1)), b_00 = 2cos(πz/2)/(z − 1).
  const sr2 = (S * R) ** 2;
  const cz = c * Math.pow(S, z);
  const uRe = mu / cz;
  const uIm = omega / cz;
  let unRe = 1;
  let unIm = 0;
  let sumRe = 0;
  let sumIm = 0;
  for (let n = 0; n < 200; n++) {
    const phase = 2 * Math.cos((Math.PI * z * (n + 1)) / 2);
    let inner = 0;
    let ak = 1; // ((2k−1)!!)²/(SR)^{2k}
    let prev = Infinity;
    for (let k = 0; k < 60; k++) {
      if (k > 0) ak *= ((2 * k - 1) * (2 * k - 1)) / sr2;
      let b: number;
      if (n === 0 && k === 0) {
        const e = z - 1; // 2cos(πz/2)/(z − 1) = −2 sin(πe/2)/e → −π
        b = Math.abs(e) < 1e-8 ? -Math.PI : (-2 * Math.sin((Math.PI * e) / 2)) / e;
      } else {
        b = (phase * ak) / (z * (n + 1) + 2 * k - 1);
      }
      if (k > 0 && ak > prev) break;
      prev = ak;
      inner += b;
      if (ak < 1e-18) break;
    }
    sumRe += unRe * inner;
    sumIm += unIm * inner;
    const mag = Math.hypot(unRe, unIm);
    if (n > 2 && mag < 1e-18) break;
    const nr = unRe * uRe - unIm * uIm;
    unIm = unRe * uIm + unIm * uRe;
    unRe = nr;
  }
  const pre = -Math.pow(S, 1 - z) / (c * R);
  return Float64Array.of(pre * sumRe, pre * sumIm);
}

/**
 * Matsubara-axis Green's function G(R, iω) of ε = ε_F (k/k_F)^z at chemical
 * potential μ = ε_F in d dimensions; writes [re, im] into out.
 */
export function powerLawGreenFunction(dim: Dimension, kF: number, z: number, R: number, omega: number, out: Float64Array): void {
  const mu = (kF * kF) / 2;
  const c = mu / Math.pow(kF, z);
  const cosZ = Math.cos((Math.PI * z) / 2);
  const sinZ = Math.sin((Math.PI * z) / 2);
  // w = μ + iω; pole k_p = k_F (w/μ)^{1/z}
  const r = Math.hypot(mu, omega) / mu;
  const phi = Math.atan2(omega, mu);
  const kpMag = kF * Math.pow(r, 1 / z);
  const kpRe = kpMag * Math.cos(phi / z);
  const kpIm = kpMag * Math.sin(phi / z);
  // a/(z w) for complex a: 1/w = (μ − iω)/(μ² + ω²)
  const wn = mu * mu + omega * omega;
  const invWRe = mu / wn;
  const invWIm = -omega / wn;
  // Size of G without its exponential decay, |k_p|^{(d+1)/2}/(|w| R^{(d−1)/2}): sets the absolute tolerance.
  const greenScale = Math.pow(kpMag, (dim + 1) / 2) / (Math.sqrt(wn) * Math.pow(R, (dim - 1) / 2));
  // Imaginary-axis integral: combination of g(is) and g(−is), times weights.
  const plus = dim === 2; // 2D uses g(is) + g(−is); 1D and 3D use g(is) − g(−is)
  const sPower = dim === 1 ? 0 : 1;
  // 2D: the integral runs to S numerically and beyond S by its large-s
  // expansion (below), which also supplies the z → 1 limit exactly.
  const S = dim === 2 ? Math.max(40 / R, 4 * kpMag, 4 * kF) : Infinity;
  const imagAxis = integrateVector(
    (s, o) => {
      if (s === 0 && sPower === 1) {
        o[0] = 0;
        o[1] = 0;
        return;
      }
      const cs = c * Math.pow(s, z);
      // g(±is) = 1/d±, d± = (μ − cs cos(πz/2)) + i(ω ∓ cs sin(πz/2))
      const dr = mu - cs * cosZ;
      const diP = omega - cs * sinZ;
      const diM = omega + cs * sinZ;
      const nP = dr * dr + diP * diP;
      const nM = dr * dr + diM * diM;
      const gPRe = dr / nP;
      const gPIm = -diP / nP;
      const gMRe = dr / nM;
      const gMIm = -diM / nM;
      const weight = dim === 2 ? s * struveM(s * R) : (sPower === 1 ? s : 1) * Math.exp(-s * R);
      o[0] = weight * (plus ? gPRe + gMRe : gPRe - gMRe);
      o[1] = weight * (plus ? gPIm + gMIm : gPIm - gMIm);
    },
    2,
    0,
    S,
    { breakpoints: [0.3 / R, 3 / R, 30 / R, kF, kpIm, kpMag], relTol: 1e-11, absTol: 1e-12 * greenScale, maxEvaluations: 1e5 },
  ).value;
  if (dim === 2) {
    const tail = struveTail(z, c, mu, omega, R, S);
    imagAxis[0] += tail[0]!;
    imagAxis[1] += tail[1]!;
  }
  const aRe = imagAxis[0]!;
  const aIm = imagAxis[1]!;
  if (dim === 2) {
    // pole term −(i/(π z w)) k_p² P(k_p R)
    const P = new Float64Array(2);
    struveP(kpRe * R, kpIm * R, P);
    const k2Re = kpRe * kpRe - kpIm * kpIm;
    const k2Im = 2 * kpRe * kpIm;
    // t = k_p² P / w
    const tRe0 = k2Re * P[0]! - k2Im * P[1]!;
    const tIm0 = k2Re * P[1]! + k2Im * P[0]!;
    const tRe = tRe0 * invWRe - tIm0 * invWIm;
    const tIm = tRe0 * invWIm + tIm0 * invWRe;
    // −i t/(π z) = (t_im − i t_re)/(π z)
    out[0] = -aRe / (2 * Math.PI * Math.PI) + tIm / (Math.PI * z);
    out[1] = -aIm / (2 * Math.PI * Math.PI) - tRe / (Math.PI * z);
    return;
  }
  // e^{i k_p R}
  const decay = Math.exp(-kpIm * R);
  const eRe = decay * Math.cos(kpRe * R);
  const eIm = decay * Math.sin(kpRe * R);
  // base = k_p^{dim−1} e^{ik_pR}/w
  let bRe = eRe;
  let bIm = eIm;
  const powers = dim === 1 ? 1 : 2;
  for (let p = 0; p < powers; p++) {
    const nr = bRe * kpRe - bIm * kpIm;
    bIm = bRe * kpIm + bIm * kpRe;
    bRe = nr;
  }
  const qRe = bRe * invWRe - bIm * invWIm;
  const qIm = bRe * invWIm + bIm * invWRe;
  if (dim === 1) {
    // (1/2π)[ i A − 2πi k_p e/(z w) ]: base had k_p²; divide one k_p back out by using powers = 1 above
    out[0] = (-aIm) / (2 * Math.PI) + qIm / z;
    out[1] = aRe / (2 * Math.PI) - qRe / z;
    return;
  }
  // 3D: (1/4π²R)[ i B − 2π k_p² e/(z w) ]
  const pre = 1 / (4 * Math.PI * Math.PI * R);
  out[0] = pre * (-aIm - (2 * Math.PI * qRe) / z);
  out[1] = pre * (aRe - (2 * Math.PI * qIm) / z);
}

export interface PowerLawOptions {
  /** k_B T; 0 (default) integrates over ω, T > 0 sums Matsubara frequencies. */
  temperature?: number;
}

/**
 * χ_σ(R) per spin for ε = ε_F (k/k_F)^z (1 ≤ z ≤ 3) at μ = ε_F = k_F²/2,
 * m = ħ = 1 units (so z = 2 is the free electron gas).
 */
export function susceptibilityPowerLaw(dim: Dimension, kF: number, z: number, R: number, options: PowerLawOptions = {}): number {
  checkDimension(dim);
  checkPositive(kF, 'kF');
  checkDispersionPower(z);
  checkPositive(R, 'R');
  const T = checkNonNegative(options.temperature ?? 0, 'temperature');
  const mu = (kF * kF) / 2;
  const vF = powerLawFermiVelocity(kF, z);
  const G = new Float64Array(2);
  const reG2 = (omega: number): number => {
    powerLawGreenFunction(dim, kF, z, R, omega, G);
    return G[0]! * G[0]! - G[1]! * G[1]!;
  };
  // |χ| envelope of the free electron gas: the natural absolute scale.
  const envelope = dim === 1 ? 1 / (2 * Math.PI * kF * R) : dim === 2 ? 1 / (4 * Math.PI * Math.PI * R * R) : kF / (8 * Math.PI ** 3 * R ** 3);
  const scale = vF / R; // the 2k_F oscillation lives at ω ≲ v_F/R
  if (T === 0) {
    const r = integrate(reG2, 0, Infinity, {
      breakpoints: [0.5 * scale, 2 * scale, 8 * scale, 30 * scale, mu, 10 * mu],
      relTol: 1e-10,
      absTol: 1e-12 * envelope,
      maxEvaluations: 4e4,
    });
    return -r.value / Math.PI;
  }
  // Explicit Matsubara sum where the oscillating part lives and well into the
  // smooth background; the remainder by the midpoint rule (error O((T/μ)²) of a smooth tail).
  const omegaCut = 40 * scale + 20 * mu;
  const step = 2 * Math.PI * T;
  const nMax = Math.ceil(omegaCut / step);
  if (nMax > 200000) throw new InputError('temperature', `too small for the Matsubara sum with dispersion power ${z} (needs ${nMax} frequencies)`);
  let sum = 0;
  for (let n = 0; n < nMax; n++) sum += reG2((2 * n + 1) * Math.PI * T);
  const tail = integrate(reG2, nMax * step, Infinity, { relTol: 1e-9, absTol: 1e-12 * envelope * step, maxEvaluations: 4e4 }).value / step;
  return -2 * T * (sum + tail);
}
