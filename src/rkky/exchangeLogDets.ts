import { extractBlock4, invert4, logAbsDetOneMinus4, mul4, oneMinusProduct4 as oneMinus } from '../math/block4.js';

/**
 * The spin-coupling factor alone of impurityLogDets (impurityDeterminants.ts):
 * ln|det(1 − A22⁻¹ G21 V1 A11⁻¹ G12 V2)| per separation and configuration
 * (output index nc·sep + c). The other two factors depend on one spin each and
 * cancel exactly in η, so projecting η from this part keeps its full relative
 * accuracy even where it is 1e-12 of ΔF (the 36 free energies carry a rounding
 * of ε·|ΔF| that a tiny far-field η cannot survive).
 */
export function exchangeLogDets(greens: Float64Array, m: number, v1: Float64Array[], v2: Float64Array[]): Float64Array {
  const nc = v1.length;
  const out = new Float64Array(nc * (m - 1));
  const g11 = extractBlock4(greens, m, 0, 0);
  const [g22, g12, g21] = [new Float64Array(32), new Float64Array(32), new Float64Array(32)];
  const [a, t1, t2, x] = [new Float64Array(32), new Float64Array(32), new Float64Array(32), new Float64Array(32)];
  const a11inv = v1.map(() => new Float64Array(32));
  v1.forEach((v, c) => invert4(oneMinus(g11, v, a), a11inv[c]!));
  const a22inv = new Float64Array(32);
  for (let sep = 0; sep < m - 1; sep++) {
    extractBlock4(greens, m, sep + 1, sep + 1, g22);
    extractBlock4(greens, m, 0, sep + 1, g12);
    extractBlock4(greens, m, sep + 1, 0, g21);
    for (let c = 0; c < nc; c++) {
      invert4(oneMinus(g22, v2[c]!, a), a22inv);
      mul4(g12, v2[c]!, t1);
      mul4(a11inv[c]!, t1, t2);
      mul4(v1[c]!, t2, t1);
      mul4(g21, t1, t2);
      mul4(a22inv, t2, x);
      out[nc * sep + c] = logAbsDetOneMinus4(x);
    }
  }
  return out;
}
