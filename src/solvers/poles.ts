/**
 * Imaginary-axis pole expansions of the free-energy function (DESIGN.md §2,
 * "Exact fast path").
 *
 * The BdG free energy is F = −½ Σ_n φ_T(ε_n) over all eigenvalues, with
 * φ_T(x) = T ln(2 cosh(x/2T)) = T ln 2 + T ln cosh(x/2T). For |x| ≤ X
 *   T ln cosh(x/2T) ≈ c x² + Σ_p W_p ln(1 + x²/w_p²),
 * so that, for a Hermitian H of dimension d with spectrum in [−X, X],
 *   Tr φ_T(H) ≈ d T ln 2 + c Tr H² + Σ_p W_p [2 ln|det(i w_p − H)| − 2d ln w_p]
 * (ln|det(iw − H)| = ½ Σ_n ln(w² + ε_n²)). Every node w_p costs one sparse
 * factorisation of (i w_p − H), so the node count is the engine's main cost.
 *
 * Accuracy is measured on the derivative (free-energy differences err by
 * ≈ Σ δε·error in φ′):
 *   derivativeError = sup_{|x|≤X} |½ tanh(x/2T) − 2x (c + Σ_p W_p/(x² + w_p²))|,
 *   functionError   = sup_{|x|≤X} |T ln cosh(x/2T) − c x² − Σ_p W_p ln(1 + x²/w_p²)|,
 * both measured on a fine grid (4000 uniform + 4000 log-spaced points down to
 * 1e-9·X; the 'matsubara' kind uses the exact monotone tail at X instead).
 *
 * Kinds (all depend only on R = X/T and the tolerance; see poles/scaled.ts):
 * - 'rational' (default): near-minimax multipoint-Padé fit of the Matsubara
 *   Stieltjes function, positive weights, ≈ 6 nodes per decade of R = X/T at
 *   1e-10 (poles/rational.ts): 21 nodes at T = 0.001, X = 12, tol 1e-10;
 *   verified for R up to 1e8 and tolerances down to 1e-13.
 * - 'ozaki': Ozaki's continued-fraction poles (poles/ozaki.ts), a cross-check.
 * - 'matsubara': the truncated Matsubara sum with the tail folded into c
 *   (poles/matsubara.ts); algebraic convergence, capped at maxNodes and
 *   returned with its (reported) error even when that exceeds the tolerance.
 *
 * T = 0 uses the effective temperature T_eff = 1e-6·X (R = 1e6: 32 rational
 * nodes at 1e-10, against 38 for 1e-7·X and 26 for 1e-5·X). Since
 * φ_{T_eff}(x) − |x|/2 = T_eff ln(1 + e^{−|x|/T_eff}), the substitution is
 * harmless when the smallest |ε| ≫ T_eff (|ε| ≥ 30 T_eff: < 1e-13·T_eff per
 * level); it is returned as `effectiveTemperature`.
 */
import { ConvergenceError, InputError } from '../errors.js';
import { fitMatsubara } from './poles/matsubara.js';
import { fitOzaki } from './poles/ozaki.js';
import { fitRational, type ScaledFit } from './poles/rational.js';

export type PoleKind = 'rational' | 'matsubara' | 'ozaki';

export interface PoleExpansion {
  kind: PoleKind;
  temperature: number;
  effectiveTemperature: number;
  bound: number;
  tolerance: number;
  /** w_p > 0: the energies are z_p = i·w_p. */
  nodes: Float64Array;
  /** W_p */
  weights: Float64Array;
  /** c */
  quadratic: number;
  /** Measured sup-norm error of the derivative (see above). */
  derivativeError: number;
  functionError: number;
}

/** T_eff / X used for T = 0. */
export const ZERO_TEMPERATURE_RATIO = 1e-6;

const DEFAULT_MAX_NODES: Record<PoleKind, number> = { rational: 64, ozaki: 4096, matsubara: 1 << 20 };

const cache = new Map<string, PoleExpansion>();

export function poleExpansion(options: {
  temperature: number;
  bound: number;
  tolerance?: number;
  kind?: PoleKind;
  maxNodes?: number;
}): PoleExpansion {
  const { temperature, bound } = options;
  const tolerance = options.tolerance ?? 1e-10;
  const kind = options.kind ?? 'rational';
  if (!(Number.isFinite(temperature) && temperature >= 0)) throw new InputError('temperature', 'a finite number ≥ 0');
  if (!(Number.isFinite(bound) && bound > 0)) throw new InputError('bound', 'a finite number > 0');
  if (!(tolerance > 0 && tolerance < 1)) throw new InputError('tolerance', 'a number in (0, 1)');
  if (kind !== 'rational' && kind !== 'ozaki' && kind !== 'matsubara') throw new InputError('kind', "'rational', 'ozaki' or 'matsubara'");
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES[kind];
  if (!(Number.isInteger(maxNodes) && maxNodes >= 1)) throw new InputError('maxNodes', 'an integer ≥ 1');

  const key = `${kind}|${temperature}|${bound}|${tolerance}|${maxNodes}`;
  const hit = cache.get(key);
  if (hit) return copy(hit);

  const effectiveTemperature = temperature > 0 ? temperature : ZERO_TEMPERATURE_RATIO * bound;
  const scaledBound = bound / effectiveTemperature;
  if (!Number.isFinite(scaledBound)) throw new InputError('temperature', `a temperature not negligible against bound ${bound} (X/T overflows)`);

  let fit: ScaledFit | { bestError: number };
  if (kind === 'rational') fit = fitRational(scaledBound, tolerance, maxNodes);
  else if (kind === 'ozaki') fit = fitOzaki(scaledBound, tolerance, maxNodes);
  else fit = fitMatsubara(scaledBound, tolerance, maxNodes);
  if (!('expansion' in fit)) {
    throw new ConvergenceError(
      `pole expansion (${kind}): tolerance ${tolerance} not reached with ≤ ${maxNodes} nodes at X/T = ${scaledBound.toPrecision(4)} ` +
        `(best derivative error ${fit.bestError.toExponential(2)}); raise the tolerance or maxNodes`,
    );
  }
  const T = effectiveTemperature;
  const { expansion } = fit;
  const result: PoleExpansion = {
    kind,
    temperature,
    effectiveTemperature: T,
    bound,
    tolerance,
    nodes: expansion.nodes.map((w) => w * T),
    weights: expansion.weights.map((w) => w * T),
    quadratic: expansion.quadratic / T,
    derivativeError: fit.derivativeError,
    functionError: fit.functionError * T,
  };
  cache.set(key, result);
  return copy(result);
}

/** Callers may mutate what they get; the cache keeps its own arrays. */
function copy(p: PoleExpansion): PoleExpansion {
  return { ...p, nodes: p.nodes.slice(), weights: p.weights.slice() };
}

/** Evaluate the expansion: c x² + Σ W_p ln(1 + x²/w_p²) (for tests and for users). */
export function evaluateExpansion(p: PoleExpansion, x: number): number {
  const x2 = x * x;
  let sum = p.quadratic * x2;
  for (let i = 0; i < p.nodes.length; i++) sum += p.weights[i] * Math.log1p(x2 / (p.nodes[i] * p.nodes[i]));
  return sum;
}
