/**
 * A compressed copy of the Matsubara spectral measure behind φ″.
 *
 * In scaled units (T = 1, ω_n = (2n+1)π, u = s²) the Stieltjes function
 *   f̃(u) = tanh(√u/2)/(4√u) = Σ_{n≥0} 1/(u + ω_n²)
 * is rewritten as f̃(u) = 1/8 − u m(u) with
 *   m(u) = Σ_n (1/ω_n²) / (u + ω_n²) = ∫ dμ′(t)/(u + t),   μ′ = Σ_n ω_n^{-2} δ(t − ω_n²),
 * (1/8 = Σ 1/ω_n²). Rational approximations of f̃ are built from Gauss rules of
 * μ′ (see rational.ts), which has infinitely many atoms; this module replaces it
 * by ~10² atoms that reproduce m(u) to ~1e-16 relative for every u ≥ 0:
 * - the first 16 atoms are kept exactly (they become the first poles);
 * - the rest is cut into panels ω ∈ [2aπ, 4aπ) holding a atoms each, and every
 *   panel is replaced by its m-point Gauss rule for the *discrete uniform*
 *   measure on its atoms (Gram polynomials, whose recurrence is known in
 *   closed form), applied to ω ↦ 1/(ω²(u + ω²)). That integrand is analytic in
 *   a Bernstein ellipse of parameter ρ ≥ 3 + √8 around each panel for every
 *   u ≥ 0, so 11 points give ≈ ρ^{-22} ≈ 1e-17;
 * - panels stop at ω ≈ 3.4e6·R^{2/3}, where the remaining tail is < 1e-17 of m(R²).
 */
import { symmetricTridiagonalEigen } from './tridiagonal.js';

export interface CompressedMeasure {
  /** Atom positions t_q = ω_q² (ascending). */
  positions: Float64Array;
  /** Atom masses κ_q (mass of μ′, i.e. count/ω²). */
  masses: Float64Array;
}

const EXACT_ATOMS = 16;
const PANEL_POINTS = 11;

/** m-point Gauss rule of the uniform discrete measure on {0, 1, …, K−1} (K > m). */
function gramGauss(count: number, points: number): { x: Float64Array; w: Float64Array } {
  const diag = new Float64Array(points).fill((count - 1) / 2);
  const off = new Float64Array(points - 1);
  for (let j = 1; j < points; j++) off[j - 1] = Math.sqrt((j * j * (count * count - j * j)) / (4 * (4 * j * j - 1)));
  const { values, firstComponents } = symmetricTridiagonalEigen(diag, off);
  const w = new Float64Array(points);
  for (let i = 0; i < points; i++) w[i] = count * firstComponents[i] * firstComponents[i];
  return { x: values, w };
}

const cache = new Map<number, CompressedMeasure>();

/** The compressed μ′ adequate for u ∈ [0, R²]; cached by the panel count it needs. */
export function compressedMatsubaraMeasure(scaledBound: number): CompressedMeasure {
  const omegaMax = 3.4e6 * Math.pow(Math.max(scaledBound, 1), 2 / 3);
  let panels = 0;
  for (let a = EXACT_ATOMS; 2 * a * Math.PI < omegaMax; a *= 2) panels++;
  const hit = cache.get(panels);
  if (hit) return hit;
  const count = EXACT_ATOMS + panels * PANEL_POINTS;
  const positions = new Float64Array(count);
  const masses = new Float64Array(count);
  for (let n = 0; n < EXACT_ATOMS; n++) {
    const w = (2 * n + 1) * Math.PI;
    positions[n] = w * w;
    masses[n] = 1 / (w * w);
  }
  let q = EXACT_ATOMS;
  for (let k = 0, a = EXACT_ATOMS; k < panels; k++, a *= 2) {
    const { x, w } = gramGauss(a, PANEL_POINTS);
    for (let i = 0; i < PANEL_POINTS; i++, q++) {
      const omega = (2 * (a + x[i]) + 1) * Math.PI;
      positions[q] = omega * omega;
      masses[q] = w[i] / (omega * omega);
    }
  }
  const measure = { positions, masses };
  cache.set(panels, measure);
  return measure;
}

/** m(u) = Σ κ_q/(u + t_q). */
export function measureStieltjes(measure: CompressedMeasure, u: number): number {
  const { positions, masses } = measure;
  let sum = 0;
  for (let q = positions.length - 1; q >= 0; q--) sum += masses[q] / (u + positions[q]);
  return sum;
}
