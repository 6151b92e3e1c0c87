import { extractBlock4, invert4, logAbsDetOneMinus4, mul4 } from '../math/block4.js';

/**
 * For one complex energy z: ln|det(1 − G0(z) V)| for every separation and
 * every configuration, where G0 is restricted to the 8 orbitals of the two
 * impurity sites and V = diag(V1, V2) (DESIGN.md §2), in the factorized form
 *   det(1 − G0V) = det(A11) det(A22) det(1 − A22⁻¹ G21 V1 A11⁻¹ G12 V2),  A_kk = 1 − G_kk V_k,
 * whose last factor alone couples the spins: its logarithm is summed as a
 * series when it is small, so the exchange keeps its relative accuracy even
 * where it is many orders below F (large separations, weak coupling).
 *
 * `greens` is G0 on the kept sites [site1, sites2...] ((4m)×(4m), interleaved);
 * configuration c has the 4×4 impurity blocks `v1[c]`, `v2[c]`.
 * Output index: nc·sep + c.
 */
export function impurityLogDets(greens: Float64Array, m: number, v1: Float64Array[], v2: Float64Array[]): Float64Array {
  const nc = v1.length;
  const out = new Float64Array(nc * (m - 1));
  const g11 = extractBlock4(greens, m, 0, 0);
  const [g22, g12, g21] = [new Float64Array(32), new Float64Array(32), new Float64Array(32)];
  const [a, t1, t2, x] = [new Float64Array(32), new Float64Array(32), new Float64Array(32), new Float64Array(32)];
  // Spin 1's factor does not depend on the separation: A11⁻¹ and ln|det A11| once per configuration.
  const a11inv = v1.map(() => new Float64Array(32));
  const logA11 = v1.map((v, c) => invert4(oneMinus(g11, v, a), a11inv[c]!));
  const a22inv = new Float64Array(32);
  for (let sep = 0; sep < m - 1; sep++) {
    extractBlock4(greens, m, sep + 1, sep + 1, g22);
    extractBlock4(greens, m, 0, sep + 1, g12);
    extractBlock4(greens, m, sep + 1, 0, g21);
    for (let c = 0; c < nc; c++) {
      const logA22 = invert4(oneMinus(g22, v2[c]!, a), a22inv);
      // X = A22⁻¹ G21 V1 A11⁻¹ G12 V2
      mul4(g12, v2[c]!, t1);
      mul4(a11inv[c]!, t1, t2);
      mul4(v1[c]!, t2, t1);
      mul4(g21, t1, t2);
      mul4(a22inv, t2, x);
      out[nc * sep + c] = logA11[c]! + logA22 + logAbsDetOneMinus4(x);
    }
  }
  return out;
}

/** out = 1 − g·v. */
function oneMinus(g: Float64Array, v: Float64Array, out: Float64Array): Float64Array {
  mul4(g, v, out);
  for (let k = 0; k < 32; k++) out[k] = -out[k]!;
  for (let d = 0; d < 4; d++) out[2 * (4 * d + d)] += 1;
  return out;
}
