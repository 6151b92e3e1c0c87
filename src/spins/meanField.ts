/**
 * Weiss mean-field theory of a {@link SpinModel} (k_B = 1, energies in units of t).
 *
 * Write the pair energy as E_pair = ½ Sᵀ 𝕁 S with the symmetric 3N×3N coupling matrix 𝕁
 * (block (i, j) = η_ij, block (j, i) = η_ijᵀ; no factor 2: each pair is listed once in the model
 * and appears in both blocks). Spin i then feels the linear field g_i = Σ_j 𝕁_ij m_j + b_i − h
 * and, with the single-spin response ⟨S⟩ = −B(β|g|) ĝ, mean field requires m_i = −B(β|g_i|) ĝ_i.
 *
 * Spin lengths (the factor convention): the unit vectors S_i either are classical spins, with
 * the Langevin function B(x) = L(x) = coth x − 1/x ≈ x/3, or stand for quantum spins Ŝ/S of
 * length S, with the Brillouin function B_S(x) = (2S+1)/(2S) coth((2S+1)x/(2S)) − 1/(2S) coth(x/(2S))
 * ≈ x (S+1)/(3S). With f = 1/3 (classical) or f = (S+1)/(3S) (spin S) — the couplings stay those of
 * the unit-vector model, η in E = S_iᵀ η S_j:
 *   T_c = f · λ_max(−𝕁)                                  (linearized self-consistency);
 *   θ   = −(f/N) Σ_i Σ_{j≠i} tr(η_ij)/3 = −(2f/N) Σ_{i<j} tr(η_ij)/3   (Curie–Weiss, χ = C/(T − θ));
 *   C   = f per spin (moment 1, Zeeman energy −h·S).
 * For the nearest-neighbour ferromagnet E = −J Σ_⟨ij⟩ S_i·S_j on a periodic lattice with z
 * neighbours, λ_max(−𝕁) = zJ, so T_c = θ = zJ/3 classically and zJ(S+1)/(3S) for spin S. θ > 0
 * signals net ferromagnetic couplings. λ_max is that of the finite model (a periodic model gives
 * the bulk value; an open cluster a lower one). Single-ion anisotropy and biquadratic terms enter
 * the linear equation only at higher order in β and are ignored for T_c and θ (kept in M(T)'s
 * linear field only through b and h).
 */
import { ConvergenceError, InputError } from '../errors.js';
import { largestEigenpair } from './lanczos.js';
import type { SpinModel } from './model.js';
import type { Vec3 } from './tensor.js';

export interface MeanFieldOptions {
  /** Quantum spin length S (> 0); omit for classical unit vectors. */
  spin?: number;
}

/** f: 1/3 for classical spins, (S+1)/(3S) for spin S. */
export function spinFactor(options: MeanFieldOptions = {}): number {
  const S = options.spin;
  if (S === undefined) return 1 / 3;
  if (!(S > 0) || !Number.isInteger(2 * S)) throw new InputError('spin', `expected a positive half-integer S, got ${S}`);
  return (S + 1) / (3 * S);
}

/** y = 𝕁 x for the symmetric 3N×3N coupling matrix (see the file comment). */
export function applyCouplingMatrix(model: SpinModel, x: Float64Array, y: Float64Array): void {
  y.fill(0);
  const { pairI, pairJ, pairEta: m } = model;
  for (let k = 0; k < pairI.length; k++) {
    const i = 3 * pairI[k], j = 3 * pairJ[k], o = 9 * k;
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        const e = m[o + 3 * a + b];
        y[i + a] += e * x[j + b];
        y[j + b] += e * x[i + a];
      }
  }
}

export interface MeanFieldTc {
  /** T_c = f · λ_max(−𝕁). */
  tc: number;
  /** λ_max(−𝕁). */
  eigenvalue: number;
  /** f (1/3 classical, (S+1)/(3S) quantum). */
  factor: number;
  /** The ordering pattern: the top eigenvector of −𝕁 as 3 components per spin (unit norm overall). */
  mode: Float64Array;
}

export function meanFieldTc(model: SpinModel, options: MeanFieldOptions = {}): MeanFieldTc {
  const factor = spinFactor(options);
  const m = 3 * model.n;
  const top = largestEigenpair((x, y) => {
    applyCouplingMatrix(model, x, y);
    for (let k = 0; k < m; k++) y[k] = -y[k];
  }, m);
  return { tc: Math.max(0, factor * top.value), eigenvalue: top.value, factor, mode: top.vector };
}

export interface CurieWeiss {
  /** θ from the isotropic part tr(η)/3 (powder average). */
  theta: number;
  /** θ_a = −(f/N) Σ_{i≠j} η_ij,aa: the Weiss temperature for a field along x, y, z. */
  thetaAxes: Vec3;
  /** C per spin, in units of (moment)²/k_B with moment 1: f. */
  curieConstant: number;
  factor: number;
}

export function curieWeissTheta(model: SpinModel, options: MeanFieldOptions = {}): CurieWeiss {
  const f = spinFactor(options);
  const axes: Vec3 = [0, 0, 0];
  const e = model.pairEta;
  for (let k = 0; k < model.pairCount; k++) for (let a = 0; a < 3; a++) axes[a] += e[9 * k + 4 * a];
  const thetaAxes = axes.map((s) => (-2 * f * s) / model.n) as Vec3;
  return { theta: (thetaAxes[0] + thetaAxes[1] + thetaAxes[2]) / 3, thetaAxes, curieConstant: f, factor: f };
}

export interface MeanFieldPoint {
  temperature: number;
  /** √(⟨|m_i|²⟩): the local order parameter (non-zero for any ordered pattern). */
  order: number;
  /** |Σ_i m_i| / N: the net magnetization. */
  magnetization: number;
  converged: boolean;
  iterations: number;
}

/** The single-spin response B(x): Langevin for classical spins, Brillouin for spin S. */
export function responseFunction(options: MeanFieldOptions = {}): (x: number) => number {
  const S = options.spin;
  if (S === undefined) return (x) => (Math.abs(x) < 1e-4 ? x / 3 - (x * x * x) / 45 : 1 / Math.tanh(x) - 1 / x);
  spinFactor(options);
  const a = (2 * S + 1) / (2 * S), b = 1 / (2 * S);
  return (x) => (Math.abs(x) < 1e-4 ? ((S + 1) / (3 * S)) * x : a / Math.tanh(a * x) - b / Math.tanh(b * x));
}

/**
 * m_i(T) from the self-consistency m_i = −B(β|g_i|) ĝ_i, solved by damped fixed-point iteration
 * from the lowest temperature up, each temperature starting from the previous solution (the
 * first from the T_c mode). Temperatures are sorted ascending in the output.
 */
export function meanFieldMagnetization(
  model: SpinModel,
  temperatures: number[],
  options: MeanFieldOptions & { tolerance?: number; maxIterations?: number } = {},
): MeanFieldPoint[] {
  temperatures.forEach((T, k) => {
    if (!(T > 0)) throw new InputError(`temperatures[${k}]`, `expected a positive temperature, got ${T}`);
  });
  const B = responseFunction(options);
  const tol = options.tolerance ?? 1e-10;
  const maxIter = options.maxIterations ?? 20000;
  const n = model.n;
  const { mode } = meanFieldTc(model, options);
  const m = new Float64Array(3 * n);
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.hypot(mode[3 * i], mode[3 * i + 1], mode[3 * i + 2]));
  for (let k = 0; k < 3 * n; k++) m[k] = mode[k] / peak;
  const g = new Float64Array(3 * n);
  const out: MeanFieldPoint[] = [];
  for (const T of [...temperatures].sort((a, b) => a - b)) {
    const beta = 1 / T;
    let iter = 0, change = Infinity;
    for (; iter < maxIter && change > tol; iter++) {
      applyCouplingMatrix(model, m, g);
      change = 0;
      for (let i = 0; i < n; i++) {
        const o = 3 * i;
        const gx = g[o] + model.linear[o], gy = g[o + 1] + model.linear[o + 1], gz = g[o + 2] + model.linear[o + 2];
        const gn = Math.hypot(gx, gy, gz);
        const amp = gn > 0 ? -B(beta * gn) / gn : 0;
        g[o] = amp * gx;
        g[o + 1] = amp * gy;
        g[o + 2] = amp * gz;
      }
      for (let k = 0; k < 3 * n; k++) {
        const next = 0.5 * (m[k] + g[k]);
        change = Math.max(change, Math.abs(next - m[k]));
        m[k] = next;
      }
    }
    let sq = 0;
    const tot = [0, 0, 0];
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 3; a++) {
        sq += m[3 * i + a] ** 2;
        tot[a] += m[3 * i + a];
      }
    out.push({
      temperature: T,
      order: Math.sqrt(sq / n),
      magnetization: Math.hypot(tot[0], tot[1], tot[2]) / n,
      converged: change <= tol,
      iterations: iter,
    });
  }
  if (out.length === 0) throw new ConvergenceError('no temperatures given');
  return out;
}
