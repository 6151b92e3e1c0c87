/**
 * Exact mirror reduction of a block-sparse matrix on a box of cells.
 *
 * A reflection m of one open cell axis a (n_a → L_a − 1 − n_a, the node's
 * orbital within its cell unchanged) is a unitary symmetry with trivial
 * orbital action when every stored block obeys H[m(i), m(j)] = H[i, j]. Then
 * H = H_even ⊕ H_odd in the basis e±_i = (e_i ± e_m(i))/√2 (a fixed node,
 * m(i) = i, belongs to the even sector only, as e_i), so
 *
 *   ln|det(z − H)| = ln|det(z − H_even)| + ln|det(z − H_odd)|,
 *   G_kl = α_k α_l G_even[p(k), p(l)] + β_k β_l G_odd[p(k), p(l)],
 *
 * with p(k) the representative of k's orbit (the node with n_a ≤ L_a − 1 − n_a)
 * and e_k = α_k e+_p + β_k e−_p: (α, β) = (1/√2, ±1/√2) on a pair (+ for the
 * representative), (1, 0) on a fixed node. Both sectors are again boxes with
 * the same coupling range (L_a → ⌈L_a/2⌉ and ⌊L_a/2⌋ cells), so nested
 * dissection applies to each, at 2·(1/2)^1.5 ≈ 0.71 of the flops in 2D and
 * 2·(1/2)² = 0.5 in 3D per mirror; mirrors along several axes compose.
 *
 * Reduced blocks are R_pq = Σ_{k∈orbit p, l∈orbit q} a_k a_l H_kl summed as
 * c₁(H_ij + H_m(i)m(j)) + c₂(H_i m(j) + H_m(i) j): the same expression for
 * (q, p) gives the transposes of the same terms in the same order, so a
 * Hermitian (or complex-symmetric) H gives an exactly Hermitian (symmetric)
 * R, and the LDLᵀ route of multifrontal.ts still sees it.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import { findBlock } from '../../hamiltonian/blockSparse.js';

export { findBlock };

/** Box of cells (three axes) with m nodes per cell; node k lies in cell ⌊k/m⌋, cells in bodge's order. */
export interface CellBox {
  readonly shape: readonly [number, number, number];
  readonly periodic: readonly [boolean, boolean, boolean];
  readonly nodesPerCell: number;
}

/** Relative tolerance of the symmetry test (× the largest |entry| of H). */
export const MIRROR_TOLERANCE = 1e-14;

/** The node image m(k) under the reflection of cell axis `axis`. */
export function mirrorImage(box: CellBox, axis: number): Int32Array {
  const [l1, l2, l3] = box.shape;
  const m = box.nodesPerCell;
  const n = l1 * l2 * l3 * m;
  const out = new Int32Array(n);
  const stride = axis === 0 ? l2 * l3 : axis === 1 ? l3 : 1;
  const L = box.shape[axis]!;
  for (let k = 0; k < n; k++) {
    const cell = Math.floor(k / m);
    const t = Math.floor(cell / stride) % L;
    out[k] = (cell + (L - 1 - 2 * t) * stride) * m + (k % m);
  }
  return out;
}


/** Largest |Re|, |Im| over the stored entries. */
export function maxAbs(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a > s) s = a;
  }
  return s;
}

/** For every stored block (i, j), the index of the stored block (m(i), m(j)); undefined if one is missing. */
export function blockImage(h: BlockSparse, image: Int32Array): Int32Array | undefined {
  const out = new Int32Array(h.colIdx.length);
  for (let i = 0; i < h.nSites; i++) {
    const mi = image[i]!;
    if (h.rowPtr[i + 1]! - h.rowPtr[i]! !== h.rowPtr[mi + 1]! - h.rowPtr[mi]!) return undefined;
    for (let k = h.rowPtr[i]!; k < h.rowPtr[i + 1]!; k++) {
      const km = findBlock(h, mi, image[h.colIdx[k]!]!);
      if (km < 0) return undefined;
      out[k] = km;
    }
  }
  return out;
}

/**
 * Whether H[m(i), m(j)] = H[i, j] on every stored block (`blocks` from
 * blockImage; block k at values[blockLen·k ..]), to `tolerance` × max|H|
 * entrywise (0: bitwise); `scale` is max|H| when the caller knows it.
 */
export function hasMirrorValues(values: Float64Array, blockLen: number, blocks: Int32Array, tolerance = MIRROR_TOLERANCE, scale?: number): boolean {
  const v = values;
  let tol = scale === undefined ? -1 : tolerance * scale;
  for (let k = 0; k < blocks.length; k++) {
    const x = k * blockLen, y = blocks[k]! * blockLen;
    if (y <= x) continue;
    for (let e = 0; e < blockLen; e++) {
      if (v[x + e] === v[y + e]) continue;
      if (tol < 0) tol = tolerance * maxAbs(v);
      if (!(Math.abs(v[x + e]! - v[y + e]!) <= tol)) return false;
    }
  }
  return true;
}

/** Whether h's pattern and values are invariant under the node involution `image` (see hasMirrorValues). */
export function isMirrorSymmetric(h: BlockSparse, image: Int32Array, tolerance = MIRROR_TOLERANCE, scale?: number): boolean {
  const blocks = blockImage(h, image);
  return !!blocks && hasMirrorValues(h.values, 2 * h.b * h.b, blocks, tolerance, scale);
}

/** Where a kept node of the parent goes: its slot and coefficient in each sector (slot −1: absent). */
export interface KeptSplit {
  readonly evenSlot: Int32Array;
  readonly evenCoef: Float64Array;
  readonly oddSlot: Int32Array;
  readonly oddCoef: Float64Array;
}

/** One sector of a mirror split: its nodes, box, pattern and the recipe of its blocks. */
export interface MirrorSector {
  readonly box: CellBox;
  /** Pattern of the sector matrix (values empty: see reduceValues). */
  readonly pattern: BlockSparse;
  /** Kept nodes of the sector (representatives of the parent's kept nodes, first appearance order). */
  readonly kept: number[];
  /** Per sector block t: parent blocks (i,j), (m i,m j), (i,m j), (m i,j) at 4t..4t+3 (−1 absent). */
  readonly terms: Int32Array;
  /** Per sector block t: coefficients c₁ (first two terms), c₂ (last two) at 2t, 2t+1. */
  readonly coefs: Float64Array;
}

export interface MirrorSplit {
  readonly axis: number;
  readonly image: Int32Array;
  /** blockImage of h's pattern. */
  readonly blocks: Int32Array;
  readonly even: MirrorSector;
  readonly odd: MirrorSector;
  readonly kept: KeptSplit;
}

/** Sector node index of a representative node k when the box has `len` cells along `axis` (splitMirror's numbering). */
function sectorNode(box: CellBox, axis: number, k: number, len: number): number {
  const m = box.nodesPerCell;
  const L = box.shape[axis]!;
  const stride = axis === 0 ? box.shape[1] * box.shape[2] : axis === 1 ? box.shape[2] : 1;
  const cell = Math.floor(k / m);
  const t = Math.floor(cell / stride) % L;
  const outer = Math.floor(cell / (stride * L));
  const inner = cell % stride;
  return ((outer * len + t) * stride + inner) * m + (k % m);
}

/**
 * For every node k of the box, the sector index of its orbit's representative
 * p(k) in the even and in the odd sector of the reflection of `axis`
 * (splitMirror's numbering; odd −1 for a fixed node, which has no odd part).
 */
export function sectorNodeIndex(box: CellBox, axis: number, image: Int32Array): { even: Int32Array; odd: Int32Array } {
  const L = box.shape[axis]!;
  const even = new Int32Array(image.length), odd = new Int32Array(image.length);
  for (let k = 0; k < image.length; k++) {
    const mk = image[k]!;
    // The representative is the node of the lower coordinate along the axis, i.e. the smaller index.
    const r = Math.min(k, mk);
    even[k] = sectorNode(box, axis, r, Math.ceil(L / 2));
    odd[k] = mk === k ? -1 : sectorNode(box, axis, r, Math.floor(L / 2));
  }
  return { even, odd };
}

/**
 * The even and odd sectors of h's pattern (values ignored) under the
 * reflection of `axis` (L_a ≥ 2), with the parent's `kept` nodes.
 */
export function splitMirror(h: BlockSparse, box: CellBox, axis: number, kept: readonly number[]): MirrorSplit {
  const image = mirrorImage(box, axis);
  const blocks = blockImage(h, image);
  if (!blocks) throw new Error('splitMirror: the pattern is not mirror symmetric');
  const m = box.nodesPerCell;
  const L = box.shape[axis]!;
  const [l1, l2, l3] = box.shape;
  const stride = axis === 0 ? l2 * l3 : axis === 1 ? l3 : 1;
  const coordOf = (k: number) => Math.floor(Math.floor(k / m) / stride) % L;
  const evenLen = Math.ceil(L / 2);
  const oddLen = Math.floor(L / 2);
  const n = h.nSites;
  const sectorIndex = (k: number, len: number): number => sectorNode(box, axis, k, len);
  const isRep = (k: number) => coordOf(k) <= L - 1 - coordOf(k);
  const isFixed = (k: number) => image[k] === k;

  const sector = (odd: boolean): MirrorSector => {
    const len = odd ? oddLen : evenLen;
    const shape: [number, number, number] = [l1, l2, l3];
    shape[axis] = len;
    const nodes: number[] = [];
    for (let k = 0; k < n; k++) if (isRep(k) && !(odd && isFixed(k))) nodes.push(k);
    const local = new Int32Array(n).fill(-1);
    for (const k of nodes) local[k] = sectorIndex(k, len);
    // Sector node → parent representative, in sector order.
    const rep = new Int32Array(nodes.length);
    for (const k of nodes) rep[local[k]!] = k;
    const rowPtr = new Int32Array(nodes.length + 1);
    // A sector has at most as many blocks as the parent (each comes from one of its blocks).
    const nnz = h.colIdx.length;
    const cols = new Int32Array(nnz);
    const terms = new Int32Array(4 * nnz);
    const coefs = new Float64Array(2 * nnz);
    const stamp = new Int32Array(nodes.length).fill(-1);
    const row: number[] = [];
    let t = 0;
    for (let p = 0; p < nodes.length; p++) {
      const i = rep[p]!;
      const mi = image[i]!;
      row.length = 0;
      for (let u = i; ; u = mi) {
        for (let k = h.rowPtr[u]!; k < h.rowPtr[u + 1]!; k++) {
          const l = h.colIdx[k]!;
          const q = local[isRep(l) ? l : image[l]!]!;
          if (q >= 0 && stamp[q] !== p) {
            stamp[q] = p;
            row.push(q);
          }
        }
        if (u === mi) break;
      }
      row.sort((x, y) => x - y);
      for (const q of row) {
        const j = rep[q]!;
        const mj = image[j]!;
        const fi = mi === i, fj = mj === j;
        cols[t] = q;
        const o = 4 * t;
        terms[o] = findBlock(h, i, j);
        terms[o + 1] = fi || fj ? -1 : findBlock(h, mi, mj);
        terms[o + 2] = fj ? -1 : findBlock(h, i, mj);
        terms[o + 3] = fi ? -1 : findBlock(h, mi, j);
        coefs[2 * t] = fi && fj ? 1 : fi || fj ? Math.SQRT1_2 : 0.5;
        coefs[2 * t + 1] = fi && fj ? 0 : fi || fj ? Math.SQRT1_2 : odd ? -0.5 : 0.5;
        t++;
      }
      rowPtr[p + 1] = t;
    }
    const keptOut: number[] = [];
    const slotOf = new Map<number, number>();
    for (const k of kept) {
      const r = isRep(k) ? k : image[k]!;
      if (local[r]! < 0 || slotOf.has(r)) continue;
      slotOf.set(r, keptOut.length);
      keptOut.push(local[r]!);
    }
    const pattern: BlockSparse = {
      nSites: nodes.length,
      b: h.b,
      rowPtr,
      colIdx: cols.slice(0, t),
      values: new Float64Array(0),
    };
    return { box: { shape, periodic: box.periodic, nodesPerCell: m }, pattern, kept: keptOut, terms: terms.slice(0, 4 * t), coefs: coefs.slice(0, 2 * t) };
  };

  const even = sector(false);
  const odd = sector(true);
  const evenSlot = new Int32Array(kept.length), oddSlot = new Int32Array(kept.length);
  const evenCoef = new Float64Array(kept.length), oddCoef = new Float64Array(kept.length);
  const slot = (sec: MirrorSector, local: number) => sec.kept.indexOf(local);
  kept.forEach((k, x) => {
    const r = isRep(k) ? k : image[k]!;
    const len = (odd: boolean) => (odd ? oddLen : evenLen);
    evenSlot[x] = slot(even, sectorIndex(r, len(false)));
    if (isFixed(k)) {
      evenCoef[x] = 1;
      oddSlot[x] = -1;
    } else {
      evenCoef[x] = Math.SQRT1_2;
      oddSlot[x] = slot(odd, sectorIndex(r, len(true)));
      oddCoef[x] = k === r ? Math.SQRT1_2 : -Math.SQRT1_2;
    }
  });
  return { axis, image, blocks, even, odd, kept: { evenSlot, evenCoef, oddSlot, oddCoef } };
}

/**
 * The sector's block values from the parent's (block k at values[blockLen·k ..]):
 * R_t = c₁(H_a + H_b) + c₂(H_c + H_d) per block, absent terms 0; written into
 * `into` when it has the right length.
 */
export function reduceValues(sec: MirrorSector, values: Float64Array, blockLen: number, into?: Float64Array): Float64Array {
  const v = values;
  const zero = new Float64Array(blockLen);
  const nBlocks = sec.pattern.colIdx.length;
  const out = into && into.length === nBlocks * blockLen ? into : new Float64Array(nBlocks * blockLen);
  const { terms, coefs } = sec;
  for (let t = 0; t < nBlocks; t++) {
    const a = terms[4 * t]!, b = terms[4 * t + 1]!, c = terms[4 * t + 2]!, d = terms[4 * t + 3]!;
    const c1 = coefs[2 * t]!;
    const o = t * blockLen;
    if (b >= 0 && c < 0 && d < 0) {
      // Away from the mirror plane (the common case): c₁(H_a + H_b).
      const oa = a * blockLen, ob = b * blockLen;
      for (let e = 0; e < blockLen; e++) out[o + e] = c1 * (v[oa + e]! + v[ob + e]!);
      continue;
    }
    const va = a < 0 ? zero : v, vb = b < 0 ? zero : v, vc = c < 0 ? zero : v, vd = d < 0 ? zero : v;
    const oa = a < 0 ? 0 : a * blockLen, ob = b < 0 ? 0 : b * blockLen, oc = c < 0 ? 0 : c * blockLen, od = d < 0 ? 0 : d * blockLen;
    const c2 = coefs[2 * t + 1]!;
    for (let e = 0; e < blockLen; e++) out[o + e] = c1 * (va[oa + e]! + vb[ob + e]!) + c2 * (vc[oc + e]! + vd[od + e]!);
  }
  return out;
}

/** The sector's BlockSparse matrix from the parent's h. */
export function reduceMatrix(sec: MirrorSector, h: BlockSparse): BlockSparse {
  return { ...sec.pattern, values: reduceValues(sec, h.values, 2 * h.b * h.b) };
}

/**
 * G on the parent's m kept nodes ((b·m)², element width ew: 2 interleaved
 * complex, 1 real) from the sectors' G_even ((b·m_e)²) and G_odd ((b·m_o)²).
 */
export function combineGreens(split: KeptSplit, b: number, ew: number, even: Float64Array, mEven: number, odd: Float64Array, mOdd: number, out: Float64Array): void {
  const m = split.evenSlot.length;
  const M = b * m, Me = b * mEven, Mo = b * mOdd;
  const { evenSlot, evenCoef, oddSlot, oddCoef } = split;
  for (let k = 0; k < m; k++)
    for (let l = 0; l < m; l++) {
      const ce = evenCoef[k]! * evenCoef[l]!;
      const ek = evenSlot[k]! * b, el = evenSlot[l]! * b;
      const hasOdd = oddSlot[k]! >= 0 && oddSlot[l]! >= 0;
      const co = hasOdd ? oddCoef[k]! * oddCoef[l]! : 0;
      const ok = oddSlot[k]! * b, ol = oddSlot[l]! * b;
      for (let a = 0; a < b; a++) {
        const dst = ew * ((k * b + a) * M + l * b);
        const se = ew * ((ek + a) * Me + el);
        const so = ew * ((ok + a) * Mo + ol);
        for (let c = 0; c < ew * b; c++) out[dst + c] = hasOdd ? ce * even[se + c]! + co * odd[so + c]! : ce * even[se + c]!;
      }
    }
}
