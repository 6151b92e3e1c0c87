/**
 * Adaptive Gauss–Kronrod (G7/K15) quadrature on [0, 1] of a vector integrand
 * whose components form equal-length groups (one group = one Green's-function
 * block G(R)), with an absolute tolerance per group. Depth-first bisection with
 * the local criterion err_g(I) ≤ tol_g·|I| on every interval I, so that the
 * summed error of group g is ≤ tol_g; no interval values are stored (memory is
 * O(depth · size)), which keeps the peak memory independent of how finely the
 * peaks near the Fermi surface (width ~ Im z) have to be resolved.
 *
 * The criterion has a floor, err_g(I) ≤ tol_g·max(|I|, 1/FLOOR_INTERVALS): near
 * a chain's band edge the integrand is only known to a relative ε/Im z
 * (inherent conditioning), and that noise scales with |I| like the criterion
 * itself, so without a floor bisection would never stop there. With at most
 * FLOOR_INTERVALS accepted intervals the floor at most doubles the error bound
 * (the summed estimate is returned either way).
 */

// Gauss–Kronrod 7/15 abscissae and weights (QUADPACK dqk15): the same tables as math/quadrature.ts.
import { WG, WGK, XGK } from '../../math/quadrature.js';

export type GroupIntegrand = (x: number, out: Float64Array) => void;

export interface GroupQuadratureResult {
  /** Estimated absolute error per group (sum over the accepted intervals). */
  readonly error: Float64Array;
  /** Intervals accepted at the depth limit without meeting the criterion. */
  unresolved: number;
  evaluations: number;
}

/** Deepest bisection level: intervals of 2^−46/initial ≈ 1e-15 (the spacing of doubles near 1). */
const MAX_DEPTH = 46;
/** Intervals over which the per-interval floor of the criterion is spread. */
const FLOOR_INTERVALS = 1 << 14;

export class GroupQuadrature {
  private readonly f1: Float64Array;
  private readonly f2: Float64Array;
  /** The 15 integrand values of the current interval (for QUADPACK's error scaling). */
  private readonly values: Float64Array;
  private readonly kron: Float64Array;
  private readonly gauss: Float64Array;
  private readonly groupError: Float64Array;
  private readonly stackA: Float64Array;
  private readonly stackB: Float64Array;
  private readonly stackD: Int32Array;

  constructor(readonly size: number, readonly groupLength: number) {
    this.f1 = new Float64Array(size);
    this.f2 = new Float64Array(size);
    this.values = new Float64Array(15 * size);
    this.kron = new Float64Array(size);
    this.gauss = new Float64Array(size);
    this.groupError = new Float64Array(size / groupLength);
    this.stackA = new Float64Array(4096 + MAX_DEPTH + 2);
    this.stackB = new Float64Array(4096 + MAX_DEPTH + 2);
    this.stackD = new Int32Array(4096 + MAX_DEPTH + 2);
  }

  /**
   * out ← ∫_0^1 f. With `tolerance` (absolute, per group) adaptive from
   * `initial` equal intervals; without it a fixed composite rule on them (a pilot).
   * Intervals still failing the criterion at the depth limit or once `budget`
   * evaluations are spent are accepted and counted in `unresolved`.
   */
  integrate(f: GroupIntegrand, out: Float64Array, initial: number, tolerance: Float64Array | null, budget = Infinity): GroupQuadratureResult {
    const { size, groupLength } = this;
    const nGroups = size / groupLength;
    const result: GroupQuadratureResult = { error: new Float64Array(nGroups), unresolved: 0, evaluations: 0 };
    out.fill(0);
    let top = 0;
    for (let k = initial - 1; k >= 0; k--) {
      this.stackA[top] = k / initial;
      this.stackB[top] = (k + 1) / initial;
      this.stackD[top++] = 0;
    }
    while (top > 0) {
      top--;
      const a = this.stackA[top]!, b = this.stackB[top]!, depth = this.stackD[top]!;
      this.rule(f, a, b);
      result.evaluations += 15;
      const width = Math.max(b - a, 1 / FLOOR_INTERVALS);
      let accept = true;
      if (tolerance !== null)
        for (let g = 0; g < nGroups; g++)
          if (!(this.groupError[g]! <= tolerance[g]! * width)) {
            accept = false;
            break;
          }
      if (!accept && (depth >= MAX_DEPTH || result.evaluations >= budget)) {
        accept = true;
        result.unresolved++;
      }
      if (accept) {
        for (let i = 0; i < size; i++) out[i] += this.kron[i]!;
        for (let g = 0; g < nGroups; g++) result.error[g] += this.groupError[g]!;
        continue;
      }
      const mid = 0.5 * (a + b);
      this.stackA[top] = mid;
      this.stackB[top] = b;
      this.stackD[top++] = depth + 1;
      this.stackA[top] = a;
      this.stackB[top] = mid;
      this.stackD[top++] = depth + 1;
    }
    return result;
  }

  /**
   * K15 value of [a, b] into kron and, per group, the largest QUADPACK error
   * estimate of its components, resasc·min(1, (200|K15 − G7|/resasc)^{3/2})
   * with resasc = ∫|f − mean| (dqk15): |K15 − G7| alone measures the Gauss
   * rule and overstates the Kronrod error by orders of magnitude.
   */
  private rule(f: GroupIntegrand, a: number, b: number): void {
    const { size, groupLength, f1, kron, gauss, groupError, values } = this;
    const c = 0.5 * (a + b), h = 0.5 * (b - a);
    f(c, f1);
    values.set(f1, 0);
    for (let i = 0; i < size; i++) {
      kron[i] = WGK[7]! * f1[i]!;
      gauss[i] = WG[3]! * f1[i]!;
    }
    for (let j = 0; j < 7; j++) {
      const dx = h * XGK[j]!;
      const lo = values.subarray((2 * j + 1) * size, (2 * j + 2) * size), hi = values.subarray((2 * j + 2) * size, (2 * j + 3) * size);
      f(c - dx, lo);
      f(c + dx, hi);
      const wk = WGK[j]!;
      const wg = j % 2 === 1 ? WG[(j - 1) / 2]! : 0;
      for (let i = 0; i < size; i++) {
        const s = lo[i]! + hi[i]!;
        kron[i] += wk * s;
        if (wg !== 0) gauss[i] += wg * s;
      }
    }
    groupError.fill(0);
    for (let i = 0; i < size; i++) {
      const mean = 0.5 * kron[i]!;
      let resasc = WGK[7]! * Math.abs(values[i]! - mean);
      for (let j = 0; j < 7; j++) resasc += WGK[j]! * (Math.abs(values[(2 * j + 1) * size + i]! - mean) + Math.abs(values[(2 * j + 2) * size + i]! - mean));
      resasc *= h;
      kron[i] *= h;
      let e = Math.abs(kron[i]! - h * gauss[i]!);
      if (resasc !== 0 && e !== 0) e = resasc * Math.min(1, (200 * e / resasc) ** 1.5);
      // Never below the rounding of the sum itself.
      e = Math.max(e, 50 * Number.EPSILON * Math.abs(kron[i]!));
      const g = (i / groupLength) | 0;
      // NaN propagates: a non-finite integrand never passes the criterion.
      if (!(e <= groupError[g]!)) groupError[g] = Number.isNaN(e) ? NaN : Math.max(groupError[g]!, e);
    }
  }
}
