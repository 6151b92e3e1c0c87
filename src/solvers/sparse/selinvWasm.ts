/**
 * The selected inversion of one sector matrix (selectedInverse.ts, same
 * factorization and recurrence) with every front resident in the
 * WebAssembly kernels' memory: one arena per call holds the kept factors
 * F11⁻¹, U, L of all fronts, the front being assembled, the contribution-block
 * stack and the fronts' G, so that each GEMM and inversion runs on addresses,
 * with no copies in or out of the module and no JavaScript loop over a
 * front's entries (the O(n²) passes are assembly/selinv.ts). Only the
 * assembly of H0's blocks and the scatter of the stored blocks of G read or
 * write the arena from JavaScript.
 *
 * Arena (doubles after the kernels' front area, 64-byte aligned regions):
 * the extend-add maps (Int32) | one front | [F11 | 1] | the contribution
 * stack (postorder) | one G per tree depth (a front's G is needed only while
 * its subtree, all deeper, is processed) | the kept factors (no L for
 * symmetric and antisymmetric sectors).
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import { InputError } from '../../errors.js';
import { assemble } from './multifrontal.js';
import type { SectorMatrix } from './multifrontal.js';
import { storedBlockOwners, type StoredBlockOwners } from './selinvOwners.js';
import type { SymbolicFactor } from './symbolic.js';
import type { FrontSymmetry } from './skewMajorana.js';
import { wasmKernels } from './wasm/kernels.js';

export interface SectorInverse {
  /** Block k of G on H0's pattern: bs×bs at ew·bs²·k (element width ew). */
  readonly blocks: Float64Array;
  /** Diagonal block of node i at ew·bs²·i. */
  readonly diagonal: Float64Array;
  readonly logAbsDet: number;
}

/**
 * What a caller keeps for one sector pattern and its dissection between calls:
 * the result arrays (every stored block and diagonal block is overwritten, so
 * their contents need not be cleared), the stored-block owners, and the
 * symmetry found for the last values array (filled in by the inversion).
 */
export interface SectorBuffers {
  readonly blocks: Float64Array;
  readonly diagonal: Float64Array;
  owners?: StoredBlockOwners;
  symmetryOf?: { readonly values: Float64Array; readonly symmetry: FrontSymmetry };
}

/** `out` when its lengths fit h's pattern with blocks of bb doubles, else fresh arrays. */
export function resultBuffers(h: BlockSparse, bb: number, out?: SectorBuffers): SectorBuffers {
  if (out && out.blocks.length === h.colIdx.length * bb && out.diagonal.length === h.nSites * bb) return out;
  return { blocks: new Float64Array(h.colIdx.length * bb), diagonal: new Float64Array(h.nSites * bb) };
}

/** The stored-block owners of sym on h, kept in `reuse` when given. */
export function ownersOf(sym: SymbolicFactor, h: BlockSparse, reuse?: SectorBuffers): StoredBlockOwners {
  if (!reuse) return storedBlockOwners(sym, h);
  return (reuse.owners ??= storedBlockOwners(sym, h));
}

/** Rows per tile of the lower-triangle products (as selectedInverse.ts). */
const TILE = 64;

/**
 * Smallest dimension from which a complex product runs as three real ones
 * (zgemm3mSub, 3/4 of the multiply-adds: 0.82–0.86× the cpu time of zgemmSub
 * at dimensions 100–600, break-even near 40, on one Zen 4 core).
 */
const GEMM3M_MIN = 64;

/** Doubles rounded up to whole 64-byte lines. */
const lines = (doubles: number): number => Math.ceil(doubles / 8) * 8;

/**
 * The selected inversion of `a` in the WebAssembly memory, or null when those
 * kernels are not active, the tree is not numbered in postorder with contiguous
 * subtrees, or the memory cannot hold the arena (the caller then runs the
 * JavaScript path). `symmetry`: +1 when aᵀ = a (L = Uᵀ, G_BI = G_IBᵀ), −1 when aᵀ = −a
 * (L = Uᵀ, G_BI = −G_IBᵀ), 0 for neither (see selectedInverse.ts).
 */
export function invertSectorWasm(sym: SymbolicFactor, h: BlockSparse, a: SectorMatrix, symmetry: FrontSymmetry, out?: SectorBuffers): SectorInverse | null {
  const w = wasmKernels();
  if (!w) return null;
  const b = a.bs;
  const e = a.ew;
  const symmetric = symmetry !== 0;
  const nF = sym.nFronts;
  const { ownCount, varPtr, frontVars, childPtr, childIdx, relPtr, relMap, runPtr, runs } = sym;

  // Tree: parents, depths, postorder check; sizes of the arena's regions.
  const parent = new Int32Array(nF).fill(-1);
  for (let f = 0; f < nF; f++) for (let c = childPtr[f]!; c < childPtr[f + 1]!; c++) parent[childIdx[c]!] = f;
  const first = new Int32Array(nF);
  for (let f = 0; f < nF; f++) {
    first[f] = f;
    for (let c = childPtr[f]!; c < childPtr[f + 1]!; c++) {
      const ch = childIdx[c]!;
      if (ch >= f) return null;
      first[f] = Math.min(first[f]!, first[ch]!);
    }
  }
  const size = new Int32Array(nF).fill(1);
  for (let f = 0; f < nF; f++) if (parent[f]! >= 0) size[parent[f]!]! += size[f]!;
  for (let f = 0; f < nF; f++) if (f - first[f]! + 1 !== size[f]!) return null;
  const depth = new Int32Array(nF);
  for (let f = nF - 1; f >= 0; f--) depth[f] = parent[f]! >= 0 ? depth[parent[f]!]! + 1 : 0;
  let maxDepth = 0;
  for (let f = 0; f < nF; f++) maxDepth = Math.max(maxDepth, depth[f]!);
  const slotSize = new Float64Array(maxDepth + 1);
  let frontMax = 0, borderedMax = 0, factorDoubles = 0, nfMax = 0;
  const cbOffset = new Float64Array(nF);
  let stackTop = 0, stackPeak = 0;
  for (let f = 0; f < nF; f++) {
    const nf = b * (varPtr[f + 1]! - varPtr[f]!);
    const p = b * ownCount[f]!;
    const q = nf - p;
    if (q === 0 && parent[f]! >= 0) throw new InputError('plan', 'a dissection tree whose fronts with a parent have boundary variables');
    frontMax = Math.max(frontMax, e * nf * nf);
    nfMax = Math.max(nfMax, nf);
    borderedMax = Math.max(borderedMax, e * 2 * p * p);
    slotSize[depth[f]!] = Math.max(slotSize[depth[f]!]!, lines(e * nf * nf));
    factorDoubles += lines(e * p * p) + lines(e * p * q) + (symmetric ? 0 : lines(e * q * p));
    if (childPtr[f + 1]! > childPtr[f]!) stackTop = cbOffset[childIdx[childPtr[f]!]!]!;
    cbOffset[f] = stackTop;
    stackTop += lines(e * q * q);
    stackPeak = Math.max(stackPeak, stackTop);
  }
  const mapDoubles = lines(Math.ceil(relMap.length / 2)) + lines(Math.ceil(runs.length / 2));
  const slotOffset = new Float64Array(maxDepth + 1);
  let slotDoubles = 0;
  for (let d = 0; d <= maxDepth; d++) {
    slotOffset[d] = slotDoubles;
    slotDoubles += slotSize[d]!;
  }
  // Planes of the three-product complex GEMM: 3·(mk + kn + mn) with m, n, k ≤ the largest front.
  const planeDoubles = e === 2 ? lines(9 * nfMax * nfMax) : 0;
  const total = mapDoubles + lines(frontMax) + lines(borderedMax) + stackPeak + slotDoubles + planeDoubles + factorDoubles;
  const s = w.scratch(total + 8);
  if (!s) return null;

  // Byte addresses of the regions.
  const base = 8 * lines(s.base);
  const relMapAt = base;
  const runsAt = relMapAt + 8 * lines(Math.ceil(relMap.length / 2));
  const W = base + 8 * mapDoubles;
  const B = W + 8 * lines(frontMax);
  const stackAt = B + 8 * lines(borderedMax);
  const slotsAt = stackAt + 8 * stackPeak;
  const planesAt = slotsAt + 8 * slotDoubles;
  let factorsAt = planesAt + 8 * planeDoubles;
  const buffer = w.memory.buffer;
  const heap = new Float64Array(buffer);
  /** The front as JavaScript sees it (for assemble, which writes within e·nf² of its start). */
  const front = new Float64Array(buffer, W, frontMax);
  new Int32Array(buffer, relMapAt, relMap.length).set(relMap);
  new Int32Array(buffer, runsAt, runs.length).set(runs);
  const gemm =
    e === 1
      ? w.dgemmSub
      : (m: number, n: number, k: number, a0: number, lda: number, b0: number, ldb: number, c0: number, ldc: number) =>
          Math.min(m, n, k) >= GEMM3M_MIN ? w.zgemm3mSub(m, n, k, a0, lda, b0, ldb, c0, ldc, planesAt) : w.zgemmSub(m, n, k, a0, lda, b0, ldb, c0, ldc);
  const invert = e === 2 ? w.zinvertBordered : w.dinvertBordered;
  const E = 8 * e;
  /**
   * C[n×n] lower triangle (and entries above it) −= A[n×k]·B[k×n]; see lowerProduct in
   * selectedInverse.ts. Real: one triangular GEMM (4×4 tiles on and below the diagonal);
   * complex: row tiles, each one GEMM up to the diagonal.
   */
  const lowerProduct = (n: number, k: number, a0: number, lda: number, b0: number, ldb: number, c0: number, ldc: number) => {
    if (e === 1) return w.dgemmSubLower(n, k, a0, lda, b0, ldb, c0, ldc);
    for (let i0 = 0; i0 < n; i0 += TILE) {
      const i1 = Math.min(i0 + TILE, n);
      gemm(i1 - i0, i1, k, a0 + E * i0 * lda, lda, b0, ldb, c0 + E * i0 * ldc, ldc);
    }
  };

  // Factorization in postorder, keeping F11⁻¹, U = F11⁻¹F12 and L = F21F11⁻¹ (not when (anti)symmetric: L = Uᵀ).
  const invAt = new Float64Array(nF), upperAt = new Float64Array(nF), lowerAt = new Float64Array(nF);
  let logAbsDet = 0;
  for (let f = 0; f < nF; f++) {
    const nf = b * (varPtr[f + 1]! - varPtr[f]!);
    const p = b * ownCount[f]!;
    const q = nf - p;
    w.selZero(W, 0, 1, e * nf * nf);
    assemble(sym, a, f, front, nf);
    w.selAddDiagonal(W, nf, p, e, a.shiftRe, a.shiftIm);
    for (let c = childPtr[f]!; c < childPtr[f + 1]!; c++) {
      const ch = childIdx[c]!;
      w.selExtendAdd(stackAt + 8 * cbOffset[ch]!, relMapAt, relPtr[ch]!, relPtr[ch + 1]! - relPtr[ch]!, runsAt, runPtr[ch]!, runPtr[ch + 1]!, b, e, W, nf);
    }
    // F11⁻¹ through [F11 | 1].
    w.selZero(B, 0, 1, e * 2 * p * p);
    w.selCopy(B, e * 2 * p, W, e * nf, p, e * p);
    w.selAddDiagonal(B + E * p, 2 * p, p, e, 1, 0);
    const ld = invert(B, p);
    if (Number.isNaN(ld)) throw new InputError('z', 'a complex energy off the spectrum of H0 (z − H0 is singular or not finite)');
    logAbsDet += ld;
    const inv = factorsAt;
    factorsAt += 8 * lines(e * p * p);
    w.selCopy(inv, e * p, B + E * p, e * 2 * p, p, e * p);
    invAt[f] = inv;
    if (q === 0) continue;
    // U = −(F11⁻¹·(−F12)), L likewise: the kernels accumulate C −= A·B.
    const upper = factorsAt;
    factorsAt += 8 * lines(e * p * q);
    w.selZero(upper, 0, 1, e * p * q);
    gemm(p, q, p, inv, p, W + E * p, nf, upper, q);
    w.selNegate(upper, e * p * q);
    upperAt[f] = upper;
    const F21 = W + E * p * nf, F22 = W + E * (p * nf + p);
    if (symmetric) {
      lowerProduct(q, p, F21, nf, upper, q, F22, nf);
      w.selMirrorLower(F22, nf, q, e, symmetry);
    } else {
      const lower = factorsAt;
      factorsAt += 8 * lines(e * q * p);
      w.selZero(lower, 0, 1, e * q * p);
      gemm(q, p, p, F21, nf, inv, p, lower, p);
      w.selNegate(lower, e * q * p);
      lowerAt[f] = lower;
      gemm(q, q, p, F21, nf, upper, q, F22, nf);
    }
    // The contribution block F22 − F21·U for the parent.
    w.selCopy(stackAt + 8 * cbOffset[f]!, e * q, F22, e * nf, q, e * q);
  }

  // Backward recurrence in reverse postorder; G of front f in the slot of its depth.
  const { blockPtr, blockList, blockRow } = ownersOf(sym, h, out);
  const bb = e * b * b;
  const { blocks, diagonal } = resultBuffers(h, bb, out);
  const localOf = new Int32Array(h.nSites);
  const copyBlock = (g: number, nf: number, r: number, c: number, out: Float64Array, at: number) => {
    for (let x = 0; x < b; x++) {
      let src = g / 8 + e * ((r * b + x) * nf + c * b);
      let dst = at + e * x * b;
      for (const end = dst + e * b; dst < end; ) out[dst++] = heap[src++]!;
    }
  };
  for (let f = nF - 1; f >= 0; f--) {
    const nf = b * (varPtr[f + 1]! - varPtr[f]!);
    const p = b * ownCount[f]!;
    const q = nf - p;
    const G = slotsAt + 8 * slotOffset[depth[f]!]!;
    const inv = invAt[f]!;
    if (q > 0) {
      const par = parent[f]!;
      const np = b * (varPtr[par + 1]! - varPtr[par]!);
      const upper = upperAt[f]!;
      const GIB = G + E * p, GBI = G + E * p * nf, GBB = G + E * (p * nf + p);
      w.selGather(slotsAt + 8 * slotOffset[depth[par]!]!, np, relMapAt, relPtr[f]!, q / b, runsAt, runPtr[f]!, runPtr[f + 1]!, b, e, G, nf, p);
      if (symmetric) {
        // G_IB = −U·G_BB; G_BI = ±G_IBᵀ; G_II = F11⁻¹ − U·G_BI from its lower triangle.
        w.selZero(GIB, e * nf, p, e * q);
        gemm(p, q, q, upper, q, GBB, nf, GIB, nf);
        w.selTranspose(GBI, nf, GIB, nf, p, q, e, symmetry);
        w.selCopy(G, e * nf, inv, e * p, p, e * p);
        lowerProduct(p, q, upper, q, GBI, nf, G, nf);
        w.selMirrorLower(G, nf, p, e, symmetry);
      } else {
        // G_BI = −G_BB·L; then [G_II | G_IB] = [F11⁻¹ | 0] − U·[G_BI | G_BB] in one product.
        w.selZero(GBI, e * nf, q, e * p);
        gemm(q, p, q, GBB, nf, lowerAt[f]!, p, GBI, nf);
        w.selCopy(G, e * nf, inv, e * p, p, e * p);
        w.selZero(GIB, e * nf, p, e * q);
        gemm(p, nf, q, upper, q, GBI, nf, G, nf);
      }
    } else {
      w.selCopy(G, e * nf, inv, e * p, p, e * p);
    }
    for (let k = varPtr[f]!; k < varPtr[f + 1]!; k++) localOf[frontVars[k]!] = k - varPtr[f]!;
    for (let t = blockPtr[f]!; t < blockPtr[f + 1]!; t++) {
      const k = blockList[t]!;
      copyBlock(G, nf, localOf[blockRow[k]!]!, localOf[h.colIdx[k]!]!, blocks, k * bb);
    }
    for (let k = varPtr[f]!; k < varPtr[f]! + ownCount[f]!; k++) {
      const l = k - varPtr[f]!;
      copyBlock(G, nf, l, l, diagonal, frontVars[k]! * bb);
    }
  }
  return { blocks, diagonal, logAbsDet };
}
