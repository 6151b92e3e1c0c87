import { logAbsDet } from '../math/smallDet.js';

/**
 * For one complex energy z: ln|det(1 − G0(z) V)| for every separation and
 * every configuration, where G0 is restricted to the 8 orbitals of the two
 * impurity sites and V = diag(V1, V2) (DESIGN.md §2).
 *
 * `greens` is G0 on the kept sites [site1, sites2...] ((4m)×(4m), interleaved);
 * configuration c has the 4×4 impurity blocks `v1[c]`, `v2[c]`.
 * Output index: nc·sep + c.
 */
export function impurityLogDets(greens: Float64Array, m: number, v1: Float64Array[], v2: Float64Array[]): Float64Array {
  const nc = v1.length;
  const out = new Float64Array(nc * (m - 1));
  const n = 4 * m;
  const g = new Float64Array(128);
  const mat = new Float64Array(128);
  const rows = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let sep = 0; sep < m - 1; sep++) {
    for (let a = 0; a < 4; a++) {
      rows[a] = a;
      rows[a + 4] = 4 * (sep + 1) + a;
    }
    for (let r = 0; r < 8; r++)
      for (let c = 0; c < 8; c++) {
        const p = 2 * (rows[r]! * n + rows[c]!);
        g[2 * (8 * r + c)] = greens[p]!;
        g[2 * (8 * r + c) + 1] = greens[p + 1]!;
      }
    for (let conf = 0; conf < nc; conf++) {
        // M = 1 − G·V with V block diagonal: column block 0 uses V1, block 1 uses V2.
        for (let r = 0; r < 8; r++)
          for (let c = 0; c < 8; c++) {
            const blk = c < 4 ? v1[conf]! : v2[conf]!;
            const c0 = c < 4 ? 0 : 4, cc = c - c0;
            let re = 0, im = 0;
            for (let k = 0; k < 4; k++) {
              const gp = 2 * (8 * r + c0 + k), vp = 2 * (4 * k + cc);
              const gr = g[gp]!, gi = g[gp + 1]!, vr = blk[vp]!, vi = blk[vp + 1]!;
              re += gr * vr - gi * vi;
              im += gr * vi + gi * vr;
            }
            mat[2 * (8 * r + c)] = (r === c ? 1 : 0) - re;
            mat[2 * (8 * r + c) + 1] = -im;
          }
        out[nc * sep + conf] = logAbsDet(mat, 8);
      }
  }
  return out;
}
