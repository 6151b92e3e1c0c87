/**
 * Imaginary-axis pole expansions of the free-energy function (DESIGN.md §2,
 * "Exact fast path").
 *
 * The BdG free energy is F = −½ Σ_n φ_T(ε_n) over all eigenvalues, with
 * φ_T(x) = T ln(2 cosh(x/2T)) = T ln 2 + T ln cosh(x/2T). For |x| ≤ X
 *   T ln cosh(x/2T) ≈ c x² + Σ_p W_p ln(1 + x²/w_p²)   (T = 0: |x|/2 ≈ the same form),
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
 *   verified for R up to 1e8 and tolerances down to 1e-13. At the exact
 *   engine's tolerance 1e-11 and 1 ≤ R ≤ 1.2e6 the fit is read from a table
 *   (poles/rationalTable.ts: one fit per node count, at the largest R it
 *   reaches, its errors those measured there) instead of fitted (60–130 ms).
 * - 'ozaki': Ozaki's continued-fraction poles (poles/ozaki.ts), a cross-check.
 * - 'matsubara': the truncated Matsubara sum with the tail folded into c
 *   (poles/matsubara.ts); algebraic convergence, capped at maxNodes and
 *   returned with its (reported) error even when that exceeds the tolerance.
 *
 * T = 0 (and 0 < T ≤ 10·tolerance·X) uses the zero-temperature expansion of
 * φ_0(x) = |x|/2 (poles/zolotarev.ts: Zolotarev's best approximation of
 * sign(x) on ℓX ≤ |x| ≤ X, in the same {c, w_p, W_p} form with positive
 * weights, plus the constant a0 = `constant`): derivative error ≤ tolerance on
 * ℓX ≤ |x| ≤ X; function error ≈ tolerance·X there and ≤ ≈ 0.04·ℓX for a level
 * inside the gap |x| < ℓX (zero modes). By default ℓ = 16·tolerance
 * (function error ≤ tolerance·X everywhere): 52 nodes at tolerance 1e-10, 63 at 1e-11,
 * 75 at 1e-12, for any X. Callers may ask for a coarser edge ℓX = `resolution`
 * (the exact engine does, see ZERO_MODE_RESOLUTION in rkky/exactEngine.ts): then
 * ≈ (π⁻²) ln(1.6/tol) ln(4X/resolution) nodes; for the paper's host (X0 = 7.2,
 * resolution 1e-6·X0) at 1e-11: 40 / 41 / 42 / 47 / 53 nodes for J = 1 / 3 / 10 / 100 / 1000
 * (X = X0 + J), and 23 rational nodes at T = 0.001, J = 3. Compare 21 / 24 rational
 * nodes at T = 0.001, X = 12, tolerance 1e-10 / 1e-11. `effectiveTemperature`
 * is then 0.
 * Why 10·tolerance·X: from X/T ≈ 0.1/tolerance on the finite-T rational fit
 * needs as many nodes as the zero-temperature one (61 vs 63 at 1e-11, X/T = 1e10),
 * takes seconds to build, and beyond X/T ≈ 0.5/tolerance it no longer reaches
 * the tolerance. Below the switch the dropped thermal term
 * φ_T(x) − |x|/2 = T ln(1 + e^{−|x|/T}) is an error of at most T ln 2 per level
 * (≤ 7·tolerance·X; 7e-11 at T = 1e-10),
 * reached only by levels within ≈ 30T of zero; it is included in
 * `functionError`.
 */
import { ConvergenceError, InputError } from '../errors.js';
import { fitMatsubara } from './poles/matsubara.js';
import { fitOzaki } from './poles/ozaki.js';
import { fitRational, type ScaledFit } from './poles/rational.js';
import { tabulatedRational } from './poles/rationalTable.js';
import { EDGE_PER_TOLERANCE, fitZeroTemperature, type ZeroTemperatureFit } from './poles/zolotarev.js';

export type PoleKind = 'rational' | 'matsubara' | 'ozaki';

export interface PoleExpansion {
  kind: PoleKind;
  temperature: number;
  /** The T of the φ_T the expansion represents: `temperature`, or 0 for the zero-temperature expansion. */
  effectiveTemperature: number;
  bound: number;
  tolerance: number;
  /** w_p > 0: the energies are z_p = i·w_p. */
  nodes: Float64Array;
  /** W_p */
  weights: Float64Array;
  /** c */
  quadratic: number;
  /** a0: φ_T(x) ≈ a0 + c x² + Σ_p W_p ln(1 + x²/w_p²); T ln 2 at T > 0, the plateau ã0·X of the zero-temperature expansion. */
  constant: number;
  /** Measured sup-norm error of the derivative (see above), on derivativeFrom ≤ |x| ≤ X. */
  derivativeError: number;
  /** 0, or ℓX for the zero-temperature expansion (whose derivative cannot follow the step of sign(x) at 0). */
  derivativeFrom: number;
  /** Measured sup-norm error of φ_T (energy units), thermal term dropped below the zero-temperature switch included. */
  functionError: number;
}

/** Temperatures T ≤ ZERO_TEMPERATURE_SWITCH·tolerance·X use the zero-temperature expansion (see above). */
export const ZERO_TEMPERATURE_SWITCH = 10;

const DEFAULT_MAX_NODES: Record<PoleKind, number> = { rational: 64, ozaki: 4096, matsubara: 1 << 20 };
const DEFAULT_MAX_ZERO_TEMPERATURE_NODES = 128;

const cache = new Map<string, PoleExpansion>();
const zeroTemperatureCache = new Map<string, ZeroTemperatureFit>();

export function poleExpansion(options: {
  temperature: number;
  bound: number;
  tolerance?: number;
  kind?: PoleKind;
  maxNodes?: number;
  /**
   * Zero-temperature expansion only: the smallest |ε| (energy units) it must resolve, i.e. its
   * lower edge ℓX = max(16·tolerance·X, resolution) (default 0: the edge set by the tolerance).
   */
  resolution?: number;
}): PoleExpansion {
  const { temperature, bound } = options;
  const tolerance = options.tolerance ?? 1e-10;
  const kind = options.kind ?? 'rational';
  if (!(Number.isFinite(temperature) && temperature >= 0)) throw new InputError('temperature', 'a finite number ≥ 0');
  if (!(Number.isFinite(bound) && bound > 0)) throw new InputError('bound', 'a finite number > 0');
  if (!(tolerance > 0 && tolerance < 1)) throw new InputError('tolerance', 'a number in (0, 1)');
  if (kind !== 'rational' && kind !== 'ozaki' && kind !== 'matsubara') throw new InputError('kind', "'rational', 'ozaki' or 'matsubara'");
  const zeroTemperature = temperature <= ZERO_TEMPERATURE_SWITCH * tolerance * bound;
  const maxNodes = options.maxNodes ?? (zeroTemperature ? DEFAULT_MAX_ZERO_TEMPERATURE_NODES : DEFAULT_MAX_NODES[kind]);
  if (!(Number.isInteger(maxNodes) && maxNodes >= 1)) throw new InputError('maxNodes', 'an integer ≥ 1');

  const resolution = options.resolution ?? 0;
  if (!(Number.isFinite(resolution) && resolution >= 0)) throw new InputError('resolution', 'a finite number ≥ 0');
  const key = `${kind}|${temperature}|${bound}|${tolerance}|${maxNodes}|${zeroTemperature ? resolution : 0}`;
  const hit = cache.get(key);
  if (hit) return copy(hit);
  const result = zeroTemperature
    ? zeroTemperatureExpansion(kind, temperature, bound, tolerance, maxNodes, Math.min(0.5, Math.max(EDGE_PER_TOLERANCE * tolerance, resolution / bound)))
    : finiteTemperatureExpansion(kind, temperature, bound, tolerance, maxNodes);
  cache.set(key, result);
  return copy(result);
}

/** The zero-temperature expansion scaled to [−X, X]; its scaled fit depends on the tolerance and the edge ℓ only and is cached apart. */
function zeroTemperatureExpansion(kind: PoleKind, temperature: number, bound: number, tolerance: number, maxNodes: number, edge: number): PoleExpansion {
  const fitKey = `${tolerance}|${edge}|${maxNodes}`;
  let fit = zeroTemperatureCache.get(fitKey);
  if (!fit) {
    const outcome = fitZeroTemperature(tolerance, edge, maxNodes);
    if (!('expansion' in outcome)) {
      throw new ConvergenceError(
        `pole expansion (T = 0): tolerance ${tolerance} not reached with ≤ ${maxNodes} nodes ` +
          `(best derivative error ${outcome.bestError.toExponential(2)}); raise the tolerance or maxNodes`,
      );
    }
    fit = outcome;
    zeroTemperatureCache.set(fitKey, fit);
  }
  const X = bound;
  const { expansion } = fit;
  return {
    kind,
    temperature,
    effectiveTemperature: 0,
    bound,
    tolerance,
    nodes: expansion.nodes.map((w) => w * X),
    weights: expansion.weights.map((w) => w * X),
    quadratic: expansion.quadratic / X,
    constant: fit.constant * X,
    derivativeError: fit.derivativeError,
    derivativeFrom: fit.lowerEdge * X,
    functionError: fit.functionError * X + temperature * Math.LN2,
  };
}

function finiteTemperatureExpansion(kind: PoleKind, temperature: number, bound: number, tolerance: number, maxNodes: number): PoleExpansion {
  const T = temperature;
  const scaledBound = bound / T;
  let fit: ScaledFit | { bestError: number };
  if (kind === 'rational') fit = tabulatedRational(scaledBound, tolerance, maxNodes) ?? fitRational(scaledBound, tolerance, maxNodes);
  else if (kind === 'ozaki') fit = fitOzaki(scaledBound, tolerance, maxNodes);
  else fit = fitMatsubara(scaledBound, tolerance, maxNodes);
  if (!('expansion' in fit)) {
    throw new ConvergenceError(
      `pole expansion (${kind}): tolerance ${tolerance} not reached with ≤ ${maxNodes} nodes at X/T = ${scaledBound.toPrecision(4)} ` +
        `(best derivative error ${fit.bestError.toExponential(2)}); raise the tolerance or maxNodes`,
    );
  }
  const { expansion } = fit;
  return {
    kind,
    temperature,
    effectiveTemperature: T,
    bound,
    tolerance,
    nodes: expansion.nodes.map((w) => w * T),
    weights: expansion.weights.map((w) => w * T),
    quadratic: expansion.quadratic / T,
    constant: T * Math.LN2,
    derivativeError: fit.derivativeError,
    derivativeFrom: 0,
    functionError: fit.functionError * T,
  };
}

/** Callers may mutate what they get; the cache keeps its own arrays. */
function copy(p: PoleExpansion): PoleExpansion {
  return { ...p, nodes: p.nodes.slice(), weights: p.weights.slice() };
}

/** Evaluate the expansion: c x² + Σ W_p ln(1 + x²/w_p²) ≈ φ_T(x) − T ln 2 (for tests and for users). */
export function evaluateExpansion(p: PoleExpansion, x: number): number {
  const x2 = x * x;
  let sum = p.quadratic * x2;
  for (let i = 0; i < p.nodes.length; i++) sum += p.weights[i] * Math.log1p(x2 / (p.nodes[i] * p.nodes[i]));
  return sum;
}
