/**
 * Fit of measured χ(T) to the Curie–Weiss law χ = C/(T − θ) [+ χ0] by (weighted) nonlinear
 * least squares (Levenberg–Marquardt from the linear fit of 1/χ = (T − θ)/C), with standard
 * uncertainties from the covariance matrix:
 *   with per-point σ:  Cov = (Jᵀ W J)⁻¹, W = diag(1/σ²)  (σ taken as absolute);
 *   without σ:         Cov = s² (Jᵀ J)⁻¹, s² = RSS/(n − p)  (scatter-based).
 * μ_eff = √(C/c₀) (curie.ts) with σ_μ = μ_eff σ_C/(2C).
 */
import { ConvergenceError, InputError } from '../errors.js';
import { type SusceptibilityUnits, curieConstantPerMuEff2 } from './curie.js';

export interface SusceptibilityPoint {
  T: number;
  chi: number;
  /** Standard uncertainty of χ (optional). */
  sigma?: number;
}

export interface CurieWeissFitOptions {
  /** Use only T ≥ tMin (Curie–Weiss is a high-temperature law). */
  tMin?: number;
  tMax?: number;
  /** Fit a temperature-independent χ0 too. Default false. */
  chi0?: boolean;
  units?: SusceptibilityUnits;
  /** Magnetic ions per formula unit (χ per mole of formula units). Default 1. */
  ions?: number;
}

export interface FitValue {
  value: number;
  error: number;
}

export interface CurieWeissFit {
  C: FitValue;
  theta: FitValue;
  chi0: FitValue | null;
  muEff: FitValue;
  /** Σ r²/σ² (or Σ r² without σ). */
  chiSquared: number;
  /** n − p. */
  dof: number;
  points: number;
  /** Lowest and highest temperature of the points used. */
  range: [number, number];
  units: SusceptibilityUnits;
  weighted: boolean;
}

export function fitCurieWeiss(data: SusceptibilityPoint[], options: CurieWeissFitOptions = {}): CurieWeissFit {
  const tMin = options.tMin ?? -Infinity, tMax = options.tMax ?? Infinity;
  const units = options.units ?? 'cgs';
  const ions = options.ions ?? 1;
  if (!(ions > 0)) throw new InputError('ions', `expected a positive number of magnetic ions per formula unit, got ${ions}`);
  const pts = data.filter((d) => d.T >= tMin && d.T <= tMax);
  const withSigma = pts.filter((d) => d.sigma !== undefined).length;
  if (withSigma !== 0 && withSigma !== pts.length) throw new InputError('sigma', 'give an uncertainty for every point or for none');
  const weighted = withSigma > 0;
  pts.forEach((d, k) => {
    if (!(d.T > 0) || !Number.isFinite(d.chi)) throw new InputError(`data[${k}]`, `expected T > 0 and a finite χ, got T = ${d.T}, χ = ${d.chi}`);
    if (weighted && !(d.sigma! > 0)) throw new InputError(`data[${k}].sigma`, `expected a positive uncertainty, got ${d.sigma}`);
  });
  const p = options.chi0 ? 3 : 2;
  if (pts.length < p + 1) throw new InputError('data', `expected at least ${p + 1} points in the fit range, got ${pts.length}`);

  // Start: 1/χ = T/C − θ/C by linear least squares.
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const d of pts) {
    const y = 1 / d.chi;
    sx += d.T;
    sy += y;
    sxx += d.T * d.T;
    sxy += d.T * y;
  }
  const n = pts.length;
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const icpt = (sy - slope * sx) / n;
  if (!(slope > 0)) throw new InputError('data', '1/χ does not increase with T: not Curie–Weiss-like in the fit range');
  let params = [1 / slope, -icpt / slope, 0].slice(0, p);

  const w = pts.map((d) => (weighted ? 1 / (d.sigma! * d.sigma!) : 1));
  const model = (q: number[], T: number) => q[0] / (T - q[1]) + (p === 3 ? q[2] : 0);
  const cost = (q: number[]) => pts.reduce((s, d, k) => s + w[k] * (d.chi - model(q, d.T)) ** 2, 0);
  const jacobian = (q: number[], T: number) => {
    const den = T - q[1];
    const row = [1 / den, q[0] / (den * den)];
    if (p === 3) row.push(1);
    return row;
  };
  const normal = (q: number[]) => {
    const A = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const g = new Array<number>(p).fill(0);
    pts.forEach((d, k) => {
      const j = jacobian(q, d.T);
      const r = d.chi - model(q, d.T);
      for (let a = 0; a < p; a++) {
        g[a] += w[k] * j[a] * r;
        for (let b = 0; b < p; b++) A[a][b] += w[k] * j[a] * j[b];
      }
    });
    return { A, g };
  };
  const valid = (q: number[]) => pts.every((d) => d.T > q[1]) || pts.every((d) => d.T < q[1]);

  let lambda = 1e-3;
  let f = cost(params);
  let converged = false;
  for (let iter = 0; iter < 500 && !converged; iter++) {
    const { A, g } = normal(params);
    let improved = false;
    for (let tries = 0; tries < 40; tries++) {
      const M = A.map((row, a) => row.map((v, b) => (a === b ? v * (1 + lambda) : v)));
      const step = solve(M, g);
      const next = params.map((v, a) => v + step[a]);
      const fNext = valid(next) ? cost(next) : Infinity;
      if (fNext <= f) {
        const rel = Math.max(...step.map((s, a) => Math.abs(s) / Math.max(Math.abs(next[a]), 1e-300)));
        converged = rel < 1e-12 || f - fNext <= 1e-15 * f;
        params = next;
        f = fNext;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        break;
      }
      lambda *= 10;
    }
    if (!improved) converged = true; // no downhill step at this precision: at the minimum
  }
  if (!params.every(Number.isFinite)) throw new ConvergenceError('Curie–Weiss fit diverged');

  const { A } = normal(params);
  const cov = invert(A);
  const dof = n - p;
  const s2 = weighted ? 1 : f / dof;
  const err = (a: number) => Math.sqrt(Math.max(0, cov[a][a] * s2));
  const c0 = curieConstantPerMuEff2(units) * ions;
  const C = params[0];
  const mu = Math.sqrt(Math.max(0, C) / c0);
  return {
    C: { value: C, error: err(0) },
    theta: { value: params[1], error: err(1) },
    chi0: p === 3 ? { value: params[2], error: err(2) } : null,
    muEff: { value: mu, error: C > 0 ? (mu * err(0)) / (2 * C) : NaN },
    chiSquared: f,
    dof,
    points: n,
    range: [Math.min(...pts.map((d) => d.T)), Math.max(...pts.map((d) => d.T))],
    units,
    weighted,
  };
}

/** Solve the small dense system A x = b (Gaussian elimination with partial pivoting). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    if (M[c][c] === 0) throw new ConvergenceError('Curie–Weiss fit: singular normal equations (are the temperatures all equal?)');
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

function invert(A: number[][]): number[][] {
  const n = A.length;
  const cols = Array.from({ length: n }, (_, c) => solve(A, Array.from({ length: n }, (_, r) => (r === c ? 1 : 0))));
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => cols[c][r]));
}
