import { extractBlock4, invert4, logAbsDetOneMinus4, mul4, oneMinusProduct4 as oneMinus } from '../math/block4.js';
import { extractNodes, invertN, logAbsDetOneMinus, matmul, oneMinus as oneMinusN, timesBlockDiagonal } from '../math/denseComplex.js';

/**
 * Positions of the impurity nodes among the kept nodes of a Green's function:
 * spin 1 on `first`, spin 2 of separation s on `second[s]` (indices into the
 * kept list, each a set of nodes = orbitals of one site).
 */
export interface KeptLayout {
  first: number[];
  second: number[][];
}

/**
 * For one complex energy z: ln|det(1 − G0(z) V)| for every separation and
 * every configuration, where G0 is restricted to the orbitals of the two
 * impurity sites and V = diag(V1, V2) (DESIGN.md §2), in the factorized form
 *   det(1 − G0V) = det(A11) det(A22) det(1 − A22⁻¹ G21 V1 A11⁻¹ G12 V2),  A_kk = 1 − G_kk V_k,
 * whose last factor alone couples the spins: its logarithm is summed as a
 * series when it is small, so the exchange keeps its relative accuracy even
 * where it is many orders below F (large separations, weak coupling).
 *
 * `greens` is G0 on the K kept nodes ((4K)×(4K), interleaved). V_k is the 4×4
 * block v_k[c] of configuration c on each node of spin k (orbital-diagonal),
 * so on one-orbital sites all blocks are 4×4; on n-orbital sites (4n)×(4n).
 * Without `layout` the kept nodes are [site1, sites2...] with one node each.
 * Output index: nc·sep + c.
 */
export function impurityLogDets(greens: Float64Array, m: number, v1: Float64Array[], v2: Float64Array[], layout?: KeptLayout): Float64Array {
  const lay = layout ?? { first: [0], second: Array.from({ length: m - 1 }, (_, s) => [s + 1]) };
  if (lay.first.length === 1 && lay.second.every((s) => s.length === 1)) return singleOrbital(greens, m, v1, v2, lay);
  return multiOrbital(greens, m, v1, v2, lay);
}

/**
 * Indices of the distinct blocks of `blocks` (equal entries, as the 36
 * configurations' six directions of each spin repeat): `index[c]` is the
 * position of blocks[c] among `unique`.
 */
function distinctBlocks(blocks: readonly Float64Array[]): { unique: Float64Array[]; index: Int32Array } {
  const unique: Float64Array[] = [];
  const index = new Int32Array(blocks.length);
  blocks.forEach((b, c) => {
    let u = unique.findIndex((x) => x.length === b.length && x.every((v, k) => v === b[k]));
    if (u < 0) u = unique.push(b) - 1;
    index[c] = u;
  });
  return { unique, index };
}

/**
 * One-orbital sites: the factors that depend on one spin only are formed once
 * per distinct V (six per spin for the 36 configurations): A11⁻¹ and V1 A11⁻¹
 * per V1, and per separation P = G21 V1 A11⁻¹ and S = G12 V2 A22⁻¹ per V2, so
 * that a configuration costs one 4×4 product X = P S (det(1 − A22⁻¹ P Q) =
 * det(1 − P Q A22⁻¹), Q = G12 V2) instead of five and one inverse (the
 * per-node reduction runs on the main thread while the workers compute the
 * next nodes).
 */
function singleOrbital(greens: Float64Array, m: number, v1: Float64Array[], v2: Float64Array[], lay: KeptLayout): Float64Array {
  const nc = v1.length;
  const nSep = lay.second.length;
  const out = new Float64Array(nc * nSep);
  const i1 = lay.first[0]!;
  const g11 = extractBlock4(greens, m, i1, i1);
  const [g22, g12, g21] = [new Float64Array(32), new Float64Array(32), new Float64Array(32)];
  const [a, t, x] = [new Float64Array(32), new Float64Array(32), new Float64Array(32)];
  const d1 = distinctBlocks(v1), d2 = distinctBlocks(v2);
  const blocks = (n: number) => Array.from({ length: n }, () => new Float64Array(32));
  // Spin 1's factors do not depend on the separation: ln|det A11| and V1 A11⁻¹ once per distinct V1.
  const w1 = blocks(d1.unique.length);
  // Typed: a JS array of these numbers changed its elements kind between nodes and deoptimized the loop below.
  const logA11 = new Float64Array(d1.unique.length);
  d1.unique.forEach((v, u) => {
    // A singular A11 (ln|det| = −∞) leaves t as it was: zeros, as its inverse had been before.
    t.fill(0);
    logA11[u] = invert4(oneMinus(g11, v, a), t);
    mul4(v, t, w1[u]!);
  });
  const p1 = blocks(d1.unique.length), s2 = blocks(d2.unique.length), a22inv = blocks(d2.unique.length);
  const logA22 = new Float64Array(d2.unique.length);
  for (let sep = 0; sep < nSep; sep++) {
    const i2 = lay.second[sep]![0]!;
    extractBlock4(greens, m, i2, i2, g22);
    extractBlock4(greens, m, i1, i2, g12);
    extractBlock4(greens, m, i2, i1, g21);
    d1.unique.forEach((_, u) => mul4(g21, w1[u]!, p1[u]!));
    d2.unique.forEach((v, u) => {
      logA22[u] = invert4(oneMinus(g22, v, a), a22inv[u]!);
      mul4(g12, v, t);
      mul4(t, a22inv[u]!, s2[u]!);
    });
    for (let c = 0; c < nc; c++) {
      const u1 = d1.index[c]!, u2 = d2.index[c]!;
      // det(1 − A22⁻¹ P Q) = det(1 − P (Q A22⁻¹)): the same eigenvalues, so the series form keeps its accuracy.
      mul4(p1[u1]!, s2[u2]!, x);
      out[nc * sep + c] = logA11[u1]! + logA22[u2]! + logAbsDetOneMinus4(x);
    }
  }
  return out;
}

/** The same factorized determinant with (4n)×(4n) blocks (multi-orbital sites). */
function multiOrbital(greens: Float64Array, m: number, v1: Float64Array[], v2: Float64Array[], lay: KeptLayout): Float64Array {
  const nc = v1.length;
  const nSep = lay.second.length;
  const out = new Float64Array(nc * nSep);
  const n1 = lay.first.length, N1 = 4 * n1;
  const g11 = extractNodes(greens, m, lay.first, lay.first);
  const a11inv = v1.map(() => new Float64Array(2 * N1 * N1));
  const logA11 = v1.map((v, c) => invertN(oneMinusN(timesBlockDiagonal(g11, N1, n1, v), N1), a11inv[c]!, N1));
  for (let sep = 0; sep < nSep; sep++) {
    const second = lay.second[sep]!;
    const n2 = second.length, N2 = 4 * n2;
    const g22 = extractNodes(greens, m, second, second);
    const g12 = extractNodes(greens, m, lay.first, second);
    const g21 = extractNodes(greens, m, second, lay.first);
    const a22inv = new Float64Array(2 * N2 * N2);
    for (let c = 0; c < nc; c++) {
      const logA22 = invertN(oneMinusN(timesBlockDiagonal(g22, N2, n2, v2[c]!), N2), a22inv, N2);
      // X = A22⁻¹ G21 V1 A11⁻¹ G12 V2  (N2×N2)
      const t = matmul(a11inv[c]!, timesBlockDiagonal(g12, N1, n2, v2[c]!), N1, N1, N2);
      const u = timesBlockDiagonal(g21, N2, n1, v1[c]!);
      const x = matmul(a22inv, matmul(u, t, N2, N1, N2), N2, N2, N2);
      out[nc * sep + c] = logA11[c]! + logA22 + logAbsDetOneMinus(x, N2);
    }
  }
  return out;
}
