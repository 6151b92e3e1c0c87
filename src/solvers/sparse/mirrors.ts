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

/**
 * Per node k of the box, the sector index of its orbit's representative in
 * the sector of `len` cells along `axis` (−1: none, a fixed node in the odd
 * sector). Nodes are visited in index order k = ((o·L + t)·stride + c)·m + r,
 * so no division is needed, and a node of the upper half (t > L − 1 − t)
 * takes its image's entry, written before it.
 */
function sectorIndexOf(box: CellBox, axis: number, image: Int32Array, odd: boolean): Int32Array {
  const m = box.nodesPerCell;
  const L = box.shape[axis]!;
  const stride = axis === 0 ? box.shape[1] * box.shape[2] : axis === 1 ? box.shape[2] : 1;
  const outer = axis === 0 ? 1 : axis === 1 ? box.shape[0] : box.shape[0] * box.shape[1];
  const len = odd ? L >> 1 : (L + 1) >> 1;
  const out = new Int32Array(image.length);
  const run = stride * m;
  let k = 0;
  for (let o = 0; o < outer; o++)
    for (let t = 0; t < L; t++) {
      if (2 * t < L - 1 || (2 * t === L - 1 && !odd)) {
        const base = (o * len + t) * run;
        for (let r = 0; r < run; r++) out[k + r] = base + r;
      } else if (2 * t === L - 1) out.fill(-1, k, k + run);
      else for (let r = 0; r < run; r++) out[k + r] = out[image[k + r]!]!;
      k += run;
    }
  return out;
}

/**
 * For every node k of the box, the sector index of its orbit's representative
 * p(k) in the even and in the odd sector of the reflection of `axis`
 * (splitMirror's numbering; odd −1 for a fixed node, which has no odd part).
 */
export function sectorNodeIndex(box: CellBox, axis: number, image: Int32Array): { even: Int32Array; odd: Int32Array } {
  return { even: sectorIndexOf(box, axis, image, false), odd: sectorIndexOf(box, axis, image, true) };
}

/** The distinct sector indices (`local`, sectorIndexOf) of the kept nodes that have one, in first appearance order. */
function sectorKept(kept: readonly number[], local: Int32Array): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const k of kept) {
    const q = local[k]!;
    if (q >= 0 && !seen.has(q)) {
      seen.add(q);
      out.push(q);
    }
  }
  return out;
}

/**
 * One sector of h's pattern: sector node p stands for the representative i
 * = rep[p] and its image mi; its row is the union of the rows of i and mi
 * mapped by `local`, and the four terms of block (p, q) are found while the
 * two rows are scanned (a column l ≤ m(l) is the representative j, the
 * other one m(j)), not searched for.
 */
function buildSector(h: BlockSparse, box: CellBox, axis: number, image: Int32Array, local: Int32Array, kept: readonly number[], odd: boolean): MirrorSector {
  const shape: [number, number, number] = [box.shape[0], box.shape[1], box.shape[2]];
  shape[axis] = odd ? shape[axis] >> 1 : (shape[axis] + 1) >> 1;
  const nodes = shape[0] * shape[1] * shape[2] * box.nodesPerCell;
  const n = h.nSites;
  const rep = new Int32Array(nodes);
  for (let k = 0; k < n; k++) if (local[k]! >= 0 && image[k]! >= k) rep[local[k]!] = k;
  const { rowPtr: hp, colIdx: hc } = h;
  let widest = 0;
  for (let i = 0; i < n; i++) widest = Math.max(widest, hp[i + 1]! - hp[i]!);
  // A sector has at most as many blocks as the parent (each comes from one of its blocks).
  const nnz = hc.length;
  const rowPtr = new Int32Array(nodes + 1);
  const cols = new Int32Array(nnz);
  const terms = new Int32Array(4 * nnz);
  const coefs = new Float64Array(2 * nnz);
  const stamp = new Int32Array(nodes).fill(-1);
  // Per sector column q of the current row: its four parent blocks (i,j), (mi,mj), (i,mj), (mi,j).
  const found = new Int32Array(4 * nodes);
  const row = new Int32Array(2 * widest);
  const c2Pair = odd ? -0.5 : 0.5;
  let t = 0;
  for (let p = 0; p < nodes; p++) {
    const i = rep[p]!, mi = image[i]!;
    const fi = mi === i;
    let width = 0;
    for (let pass = 0; pass < (fi ? 1 : 2); pass++) {
      const u = pass === 0 ? i : mi;
      for (let k = hp[u]!; k < hp[u + 1]!; k++) {
        const l = hc[k]!;
        const q = local[l]!;
        if (q < 0) continue;
        if (stamp[q] !== p) {
          stamp[q] = p;
          row[width++] = q;
          found[4 * q] = found[4 * q + 1] = found[4 * q + 2] = found[4 * q + 3] = -1;
        }
        const isRep = image[l]! >= l;
        found[4 * q + (pass === 0 ? (isRep ? 0 : 2) : isRep ? 3 : 1)] = k;
      }
    }
    for (let a = 1; a < width; a++) {
      const q = row[a]!;
      let b = a - 1;
      while (b >= 0 && row[b]! > q) {
        row[b + 1] = row[b]!;
        b--;
      }
      row[b + 1] = q;
    }
    for (let a = 0; a < width; a++) {
      const q = row[a]!;
      const j = rep[q]!;
      const fj = image[j] === j;
      cols[t] = q;
      for (let e = 0; e < 4; e++) terms[4 * t + e] = found[4 * q + e]!;
      coefs[2 * t] = fi && fj ? 1 : fi || fj ? Math.SQRT1_2 : 0.5;
      coefs[2 * t + 1] = fi && fj ? 0 : fi || fj ? Math.SQRT1_2 : c2Pair;
      t++;
    }
    rowPtr[p + 1] = t;
  }
  const pattern: BlockSparse = { nSites: nodes, b: h.b, rowPtr, colIdx: cols.slice(0, t), values: new Float64Array(0) };
  return { box: { shape, periodic: box.periodic, nodesPerCell: box.nodesPerCell }, pattern, kept: sectorKept(kept, local), terms: terms.slice(0, 4 * t), coefs: coefs.slice(0, 2 * t) };
}

/**
 * The even and odd sectors of h's pattern (values ignored) under the
 * reflection of `axis` (L_a ≥ 2), with the parent's `kept` nodes; `image`
 * and `blocks` (mirrorImage, blockImage) when the caller has them.
 */
export function splitMirror(h: BlockSparse, box: CellBox, axis: number, kept: readonly number[], image = mirrorImage(box, axis), blocks = blockImage(h, image)): MirrorSplit {
  if (!blocks) throw new Error('splitMirror: the pattern is not mirror symmetric');
  const { even: evenLocal, odd: oddLocal } = sectorNodeIndex(box, axis, image);
  const even = buildSector(h, box, axis, image, evenLocal, kept, false);
  const odd = buildSector(h, box, axis, image, oddLocal, kept, true);
  const evenSlot = new Int32Array(kept.length), oddSlot = new Int32Array(kept.length);
  const evenCoef = new Float64Array(kept.length), oddCoef = new Float64Array(kept.length);
  const evenAt = new Map(even.kept.map((q, s) => [q, s])), oddAt = new Map(odd.kept.map((q, s) => [q, s]));
  kept.forEach((k, x) => {
    evenSlot[x] = evenAt.get(evenLocal[k]!)!;
    if (image[k] === k) {
      evenCoef[x] = 1;
      oddSlot[x] = -1;
    } else {
      evenCoef[x] = Math.SQRT1_2;
      oddSlot[x] = oddAt.get(oddLocal[k]!)!;
      oddCoef[x] = image[k]! > k ? Math.SQRT1_2 : -Math.SQRT1_2;
    }
  });
  return { axis, image, blocks, even, odd, kept: { evenSlot, evenCoef, oddSlot, oddCoef } };
}

/**
 * Sector block t's values from the parent's (block k at values[blockLen·k ..]):
 * R_t = c₁(H_a + H_b) + c₂(H_c + H_d), absent terms 0, written at out[o ..].
 */
function reduceBlock(sec: MirrorSector, t: number, v: Float64Array, blockLen: number, zero: Float64Array, out: Float64Array, o: number): void {
  const { terms, coefs } = sec;
  const a = terms[4 * t]!, b = terms[4 * t + 1]!, c = terms[4 * t + 2]!, d = terms[4 * t + 3]!;
  const c1 = coefs[2 * t]!;
  if (b >= 0 && c < 0 && d < 0) {
    // Away from the mirror plane (the common case): c₁(H_a + H_b).
    const oa = a * blockLen, ob = b * blockLen;
    for (let e = 0; e < blockLen; e++) out[o + e] = c1 * (v[oa + e]! + v[ob + e]!);
    return;
  }
  const va = a < 0 ? zero : v, vb = b < 0 ? zero : v, vc = c < 0 ? zero : v, vd = d < 0 ? zero : v;
  const oa = a < 0 ? 0 : a * blockLen, ob = b < 0 ? 0 : b * blockLen, oc = c < 0 ? 0 : c * blockLen, od = d < 0 ? 0 : d * blockLen;
  const c2 = coefs[2 * t + 1]!;
  for (let e = 0; e < blockLen; e++) out[o + e] = c1 * (va[oa + e]! + vb[ob + e]!) + c2 * (vc[oc + e]! + vd[od + e]!);
}

/**
 * The sector's block values from the parent's (block k at values[blockLen·k ..]),
 * each block by reduceBlock; written into `into` when it has the right length.
 */
export function reduceValues(sec: MirrorSector, values: Float64Array, blockLen: number, into?: Float64Array): Float64Array {
  const zero = new Float64Array(blockLen);
  const nBlocks = sec.pattern.colIdx.length;
  const out = into && into.length === nBlocks * blockLen ? into : new Float64Array(nBlocks * blockLen);
  for (let t = 0; t < nBlocks; t++) reduceBlock(sec, t, values, blockLen, zero, out, t * blockLen);
  return out;
}

/**
 * hasMirrorValues of the sector matrix reduceValues would build from the
 * parent's values, without building it: the blocks of each image pair
 * (`blocks`, blockImage of the sector's pattern) are reduced into two
 * scratch blocks and compared, so a sector that is not split again needs no
 * values of its own at planning. max|R| is found (one more pass) only for a
 * difference that `parentScale` (max|H|) cannot decide: |R| ≤ 2√2·max|H|
 * (the coefficients of reduceBlock), so a difference above 3·tolerance·max|H|
 * fails at once, as the sectors of an asymmetric host do at their first bond.
 */
export function hasReducedMirrorValues(sec: MirrorSector, values: Float64Array, blockLen: number, blocks: Int32Array, parentScale: number, tolerance = MIRROR_TOLERANCE): boolean {
  const zero = new Float64Array(blockLen);
  const x = new Float64Array(blockLen), y = new Float64Array(blockLen);
  const surely = 3 * tolerance * parentScale;
  let tol = -1;
  for (let t = 0; t < blocks.length; t++) {
    const u = blocks[t]!;
    if (u <= t) continue;
    reduceBlock(sec, t, values, blockLen, zero, x, 0);
    reduceBlock(sec, u, values, blockLen, zero, y, 0);
    for (let e = 0; e < blockLen; e++) {
      if (x[e] === y[e]) continue;
      if (!(Math.abs(x[e]! - y[e]!) <= surely)) return false;
      if (tol < 0) {
        let scale = 0;
        for (let r = 0; r < blocks.length; r++) {
          reduceBlock(sec, r, values, blockLen, zero, y, 0);
          scale = Math.max(scale, maxAbs(y));
        }
        tol = tolerance * scale;
        reduceBlock(sec, u, values, blockLen, zero, y, 0);
      }
      if (!(Math.abs(x[e]! - y[e]!) <= tol)) return false;
    }
  }
  return true;
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
