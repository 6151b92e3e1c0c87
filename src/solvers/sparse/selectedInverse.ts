/**
 * Selected inversion (Takahashi–Fagan–Chin 1973, Erisman–Tinney 1975; the
 * multifrontal form of PEXSI, Lin et al., ACM TOMS 37, 2011): the blocks of
 * G(z) = (z − H0)⁻¹ on the stored-block pattern of H0 (every node's diagonal
 * block and its couplings) from the same nested-dissection factorization
 * that `schurGreens` uses, without ever forming G densely.
 *
 * Factorization (postorder, keeping the factors): each front F (own
 * variables I first, then its boundary B, all later in elimination order) is
 * assembled as in multifrontal.ts; we keep F11⁻¹, U = F11⁻¹F12 and
 * L = F21F11⁻¹ and pass F22 − F21·U to the parent.
 *
 * Backward recurrence (reverse postorder, parents first): with G_BB the
 * already known inverse on the front's boundary (a submatrix of the parent
 * front's G, gathered by the extend-add map),
 *   G_BI = −G_BB·L,   G_IB = −U·G_BB,   G_II = F11⁻¹ − U·G_BI,
 * which is the block form of G = A⁻¹ for A = L̃·D·Ũ restricted to the front.
 * Every stored block (i, j) of H0 lies in the front of whichever of i, j is
 * eliminated first (the symbolic analysis checks that couplings join a front
 * and its ancestors), so it is read from that front's G.
 *
 * Cost: the factorization with the factors kept (≈ 2× the Schur-only
 * elimination's flops) plus the recurrence (≈ 2·p·q² + p²·q per front).
 * Symmetric fronts (z − H_s with H_s real symmetric) skip L = Uᵀ and
 * G_BI = G_IBᵀ and form the contribution block and G_II from their lower
 * triangles, and so do antisymmetric ones (L = Uᵀ, G_BI = −G_IBᵀ); hosts
 * without orbital sectors run in the real Majorana form on the imaginary axis
 * (a quarter of the complex multiply-adds), which time reversal makes
 * antisymmetric (skewMajorana.ts): 1.64× the factorization's multiply-adds
 * instead of 3.05× on the 101×101 Rashba host of the bench.
 *
 * With the WebAssembly kernels the whole sector runs resident in their memory
 * (selinvWasm.ts: no operand copies, no per-front allocations); the
 * JavaScript code below is the fallback (RKKY_KERNELS=js, or a memory that
 * cannot grow to the arena) and the determinant-sign path.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import { InputError } from '../../errors.js';
import { gemmSub } from './gemm.js';
import { gemmSubReal } from './gemmReal.js';
import { assemble, extendAdd, isComplexSymmetric } from './multifrontal.js';
import { invertSectorWasm, ownersOf, resultBuffers, type SectorBuffers } from './selinvWasm.js';
import { determinantPhase } from './determinantPhase.js';
import { isParticleHoleSymmetric, majoranaValues } from './majorana.js';
import { antisymmetricMajorana, rotatedColumns, timeReversalRotation } from './skewMajorana.js';
import type { FrontSymmetry } from './skewMajorana.js';
import { invertBordered } from './partialLU.js';
import { invertBorderedReal } from './partialLUReal.js';
import { planSectorValues, planSymbolic, planPattern, planTree } from './schur.js';
import { invertThroughMirrors } from './selectedInverseMirrors.js';
import type { SchurPlan } from './schur.js';
import { orbitalSectors, sectorMatrix } from './sectors.js';
import type { SymbolicFactor } from './symbolic.js';
import type { SectorMatrix } from './multifrontal.js';
import type { PreparedValues, ReductionNode } from './mirrorTree.js';

export interface SelectedInverse {
  /** Block k of G on H0's pattern: b×b complex at 2·b²·k, same layout as h.values. */
  readonly blocks: Float64Array;
  /** Diagonal block of node i: b×b complex at 2·b²·i. */
  readonly diagonal: Float64Array;
  /** ln|det(z − H0)|. */
  readonly logAbsDet: number;
}

/** Kept factors of one front: F11⁻¹ (p×p), U = F11⁻¹F12 (p×q), L = F21F11⁻¹ (q×p). */
interface FrontFactors {
  inv: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

export interface SelectedInverseOptions {
  /**
   * 'auto' (default): the real Majorana form (majorana.ts) when z is on the
   * imaginary axis, the BdG matrix is exactly particle–hole symmetric and its
   * real multiply-adds are fewer than those of the complex orbital sectors
   * (spin–orbit coupling, general triplet pairing), else the complex sectors;
   * 'complex' always the sectors.
   */
  method?: 'auto' | 'complex';
}

/** Relative cost of a real multiply-add in the real kernels vs a quarter complex one (as in schur.ts). */
const REAL_KERNEL_PENALTY = 1.25;

/**
 * The blocks of (z − H0)⁻¹ on h's stored-block pattern and on the diagonal,
 * for a plan built with no kept sites (`planSchur(h, geometry, [])`).
 */
export function selectedInverse(plan: SchurPlan, h: BlockSparse, z: { re: number; im: number }, options: SelectedInverseOptions = {}): SelectedInverse {
  const tree = planTree(plan);
  if (plan.keptSites.length > 0) throw new InputError('plan', 'a plan built with no kept sites (planSchur(h, geometry, []))');
  if (!planPattern(plan, h)) throw new InputError('h', 'a matrix with the block sparsity pattern the plan was built for');
  if (!z || !Number.isFinite(z.re) || !Number.isFinite(z.im)) throw new InputError('z', 'a finite complex number');
  // Orbital sectors (no spin–orbit coupling: (c↑, c†↓) and (c↓, c†↑)) are inverted separately;
  // G has no entries between sectors.
  const b = h.b;
  const b2 = 2 * b * b;
  // A sector that is an exact copy or particle–hole image of an earlier one (sectors.ts:
  // G_s' = G_s, or −G_s* on the imaginary axis) is not inverted again. The sectors, images and
  // mirror-prepared sector values come from the plan's value cache, shared with schurGreens.
  const { sectors, images, prepared } = planSectorValues(plan, h, z.re === 0);
  const complexCost = sectors.reduce((sum, sec, s) => sum + (images[s] ? 0 : 4 * sec.length ** 3), 0);
  if ((options.method ?? 'auto') === 'auto' && z.re === 0 && REAL_KERNEL_PENALTY * b ** 3 < complexCost && isParticleHoleSymmetric(h)) return majoranaInverse(planSymbolic(plan), h, z.im);
  const blocks = new Float64Array(h.colIdx.length * b2);
  const diagonal = new Float64Array(h.nSites * b2);
  let logAbsDet = 0;
  // The inverted sector whose part an image reuses (an image of an image reuses its source's).
  const root = (t: number): number => (images[t] ? root(images[t]!.source) : t);
  for (let s = 0; s < sectors.length; s++) {
    if (images[s]) continue;
    const bs = sectors[s]!.length;
    // The part lives in the tree's reused buffers: scattered to the sector and its images before the next sector.
    const part = invertReduced(tree, prepared(s), { bs, ew: 2, values: new Float64Array(0), shiftRe: z.re, shiftIm: z.im });
    for (let t = s; t < sectors.length; t++) {
      const image = images[t];
      if (root(t) !== s) continue;
      logAbsDet += part.logAbsDet;
      const target = image ? image.map : sectors[s]!;
      const ph = image?.particleHole ?? false;
      scatter(part.blocks, target, b, ph, blocks);
      scatter(part.diagonal, target, b, ph, diagonal);
    }
  }
  return { blocks, diagonal, logAbsDet };
}

/**
 * The selected inverse of one orbital sector through the plan's mirror tree
 * (selectedInverseMirrors.ts) on its values prepared as schurGreens prepares
 * them (prepareReduced: the mirror sectors of every split whose values pass
 * the check at this call, each inverted by its own dissection; a node that
 * fails it, or a plan without mirrors, by the node's whole dissection).
 */
function invertReduced(tree: ReductionNode, prepared: PreparedValues, a: SectorMatrix): SelectedInverse {
  return invertThroughMirrors(tree, prepared, a, (sym, pattern, sector, out) => invertSector(sym, pattern, sector, false, undefined, out));
}

/**
 * Selected inversion in the real Majorana form at z = iw: G = Ω·(−i (w·1 − X)⁻¹)·Ω†
 * block by block (Ω is block-diagonal per site), |det(z − H)| = |det(w·1 − X)|;
 * real arithmetic, a quarter of the complex multiply-adds.
 */
function majoranaInverse(sym: SymbolicFactor, h: BlockSparse, w: number): SelectedInverse {
  const b = h.b;
  const x = majoranaValues(h);
  // With time-reversal symmetry K = S·(w·1 − X) is antisymmetric (skewMajorana.ts): its fronts
  // skip L and G_BI, and (w·1 − X)⁻¹ = K⁻¹·S exactly.
  const rot = timeReversalRotation(b);
  const skew = rot ? antisymmetricMajorana(sym, h, x, w, rot) : null;
  const y = skew
    ? invertSector(sym, h, { bs: b, ew: 1, values: skew, shiftRe: 0, shiftIm: 0 }, false, -1)
    : invertSector(sym, h, { bs: b, ew: 1, values: x, shiftRe: w, shiftIm: 0 });
  // Entry (r, c) of (w·1 − X)⁻¹ is sign[c]·Y[r][column[c]] (the identity without the rotation).
  const { column, sign } = skew && rot ? rotatedColumns(rot) : { column: Int32Array.from({ length: b }, (_, c) => c), sign: new Float64Array(b).fill(1) };
  // Ω as interleaved b×b (majorana.ts): Ω[a][a] = Ω[a+n][a] = 1/√2, Ω[a][a+n] = −Ω[a+n][a+n] = i/√2,
  // two entries per row: each entry of G = −i·Ω·Y·Ω† combines the four entries
  // y00 = Y[a][c], y01 = Y[a][c+n], y10 = Y[a+n][c], y11 = Y[a+n][c+n] (a, c < n).
  const n = b / 2;
  const toComplex = (real: Float64Array) => {
    const count = real.length / (b * b);
    const out = new Float64Array(2 * real.length);
    for (let k = 0; k < count; k++) {
      const y0 = k * b * b, o0 = 2 * k * b * b;
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) {
          const c0 = column[c]!, c1 = column[c + n]!, s0 = sign[c]!, s1 = sign[c + n]!;
          const y00 = s0 * real[y0 + r * b + c0]!, y01 = s1 * real[y0 + r * b + c1]!;
          const y10 = s0 * real[y0 + (r + n) * b + c0]!, y11 = s1 * real[y0 + (r + n) * b + c1]!;
          const sum = 0.5 * (y00 + y11), diff = 0.5 * (y00 - y11), anti = 0.5 * (y10 - y01), sym = 0.5 * (y10 + y01);
          const g = (row: number, col: number) => o0 + 2 * (row * b + col);
          out[g(r, c)] = anti;
          out[g(r, c) + 1] = -sum;
          out[g(r, c + n)] = sym;
          out[g(r, c + n) + 1] = -diff;
          out[g(r + n, c)] = -sym;
          out[g(r + n, c) + 1] = -diff;
          out[g(r + n, c + n)] = -anti;
          out[g(r + n, c + n) + 1] = -sum;
        }
    }
    return out;
  };
  return { blocks: toComplex(y.blocks), diagonal: toComplex(y.diagonal), logAbsDet: y.logAbsDet };
}

/**
 * Sign of the real number det(E − Ĥ_s) for real E and the orbital sector
 * s = (c↑, c†↓) of a BdG matrix without spin–orbit coupling and with fields
 * and impurity spins along z (the sectors of sectors.ts), from one
 * factorization: +1 or −1 as the number of eigenvalues of Ĥ_s below E is even
 * or odd (0 when E is an eigenvalue to rounding). Ĥ_s holds one of every
 * particle–hole pair of BdG levels, so at E = 0 the ratio of this sign to the
 * clean host's is the ground state's fermion parity relative to the clean
 * host (a YSR state crossing zero flips it).
 */
export function sectorDeterminantSign(plan: SchurPlan, h: BlockSparse, energy: number): number {
  const sym = planSymbolic(plan);
  if (!planPattern(plan, h)) throw new InputError('h', 'a matrix with the block sparsity pattern the plan was built for');
  if (!Number.isFinite(energy)) throw new InputError('energy', 'a finite real energy');
  const sectors = orbitalSectors(h);
  if (h.b !== 4 || sectors.length !== 2 || sectors[0]!.length !== 2 || sectors[0]![1] !== 3)
    throw new InputError('host', 'the orbital sectors (c↑, c†↓), (c↓, c†↑): no spin–orbit coupling, fields and impurity spins along z');
  const { phase } = invertSector(sym, h, sectorMatrix(h, sectors[0]!, { re: energy, im: 0 }), true);
  // det(E − Ĥ_s) is real for Hermitian Ĥ_s: its phase is ±1 up to rounding.
  return Math.abs(phase.im) > 1e-6 ? 0 : Math.sign(phase.re);
}

/** out[k][sector[x]][sector[y]] ← part[k][x][y] (its negated conjugate for a particle–hole image) for every block k. */
function scatter(part: Float64Array, sector: Int32Array, b: number, particleHole: boolean, out: Float64Array): void {
  const re = particleHole ? -1 : 1;
  const bs = sector.length;
  const n = part.length / (2 * bs * bs);
  // Offset of entry (x, y) of a sector block within a full block.
  const offset = new Int32Array(bs * bs);
  for (let x = 0; x < bs; x++) for (let y = 0; y < bs; y++) offset[x * bs + y] = 2 * (sector[x]! * b + sector[y]!);
  for (let k = 0, s = 0; k < n; k++) {
    const d0 = 2 * k * b * b;
    for (let t = 0; t < bs * bs; t++, s += 2) {
      const d = d0 + offset[t]!;
      out[d] = re * part[s]!;
      out[d + 1] = part[s + 1]!;
    }
  }
}

/** The dense kernels of one element width: complex interleaved (ew = 2) or real (ew = 1). */
interface Kernels {
  gemm: typeof gemmSub;
  invert: typeof invertBordered;
}
const COMPLEX_KERNELS: Kernels = { gemm: gemmSub, invert: invertBordered };
const REAL_KERNELS: Kernels = { gemm: gemmSubReal, invert: invertBorderedReal };

/**
 * Selected inversion of one sector matrix (bs×bs blocks on h's pattern, complex
 * or real as a.ew says). When the matrix is symmetric (Aᵀ = A, no conjugation:
 * z − H_s for a real symmetric sector H_s, e.g. an s-wave host), so is G: then
 * L = Uᵀ is never formed and G_BI = G_IBᵀ is a transpose instead of a product,
 * which saves two of the recurrence's seven products per front. The same holds
 * with signs for an antisymmetric matrix (`verified` = −1, which the caller has
 * checked exactly): L = Uᵀ, G_BI = −G_IBᵀ, contribution blocks and G_II
 * antisymmetric with zero diagonals.
 */
function invertSector(
  sym: SymbolicFactor,
  h: BlockSparse,
  a: SectorMatrix,
  determinantOnly = false,
  verified?: FrontSymmetry,
  out?: SectorBuffers,
): SelectedInverse & { phase: { re: number; im: number } } {
  const b = a.bs;
  const e = a.ew;
  const K = e === 2 ? COMPLEX_KERNELS : REAL_KERNELS;
  const symmetry: FrontSymmetry = determinantOnly ? 0 : (verified ?? symmetryOf(sym, a, out));
  const symmetric = symmetry !== 0;
  if (!determinantOnly) {
    const resident = invertSectorWasm(sym, h, a, symmetry, out);
    if (resident) return { ...resident, phase: { re: 1, im: 0 } };
  }
  const nF = sym.nFronts;
  const pool = new BufferPool();
  const { ownCount, varPtr, frontVars, childPtr, childIdx, relPtr, relMap, runPtr, runs } = sym;

  const parent = new Int32Array(nF).fill(-1);
  for (let f = 0; f < nF; f++) for (let c = childPtr[f]!; c < childPtr[f + 1]!; c++) parent[childIdx[c]!] = f;

  // Factorization, keeping the factors.
  const factors: FrontFactors[] = new Array(nF);
  const contribution: (Float64Array | undefined)[] = new Array(nF);
  let logAbsDet = 0;
  let phase = { re: 1, im: 0 };
  for (let f = 0; f < nF; f++) {
    const nf = b * (varPtr[f + 1]! - varPtr[f]!);
    const p = b * ownCount[f]!;
    const q = nf - p;
    const work = pool.take(e * nf * nf);
    work.fill(0);
    assemble(sym, a, f, work, nf);
    for (let i = 0; i < p; i++) {
      work[e * (i * nf + i)]! += a.shiftRe;
      if (e === 2) work[e * (i * nf + i) + 1]! += a.shiftIm;
    }
    for (let c = childPtr[f]!; c < childPtr[f + 1]!; c++) {
      const ch = childIdx[c]!;
      const qSites = relPtr[ch + 1]! - relPtr[ch]!;
      extendAdd(contribution[ch]!, 0, relMap, relPtr[ch]!, qSites, runs, runPtr[ch]!, runPtr[ch + 1]!, b, e, work, nf);
      contribution[ch] = undefined;
    }
    // F11⁻¹ through [F11 | 1].
    const bordered = pool.take(e * p * 2 * p);
    bordered.fill(0);
    for (let i = 0; i < p; i++) {
      bordered.set(work.subarray(e * i * nf, e * (i * nf + p)), 2 * e * i * p);
      bordered[e * (i * 2 * p + p + i)] = 1;
    }
    if (determinantOnly) {
      const q = determinantPhase(bordered, 0, p, 2 * p);
      phase = { re: phase.re * q.re - phase.im * q.im, im: phase.re * q.im + phase.im * q.re };
    }
    logAbsDet += K.invert(bordered, p);
    const inv = new Float64Array(e * p * p);
    for (let i = 0; i < p; i++) inv.set(bordered.subarray(e * (i * 2 * p + p), e * (i * 2 * p + 2 * p)), e * i * p);
    pool.give(bordered);
    const upper = new Float64Array(e * p * q);
    const lower = symmetric ? upper : new Float64Array(e * q * p);
    if (q > 0) {
      // U = −(F11⁻¹·(−F12)): gemmSub accumulates C −= A·B.
      K.gemm(p, q, p, inv, 0, p, work, p, nf, upper, 0, q);
      negate(upper);
      if (!symmetric) {
        K.gemm(q, p, p, work, p * nf, nf, inv, 0, p, lower, 0, p);
        negate(lower);
      }
      // F22 ← F22 − F21·U, the contribution block (its lower triangle only when symmetric).
      const cb = new Float64Array(e * q * q);
      if (symmetric) {
        lowerProduct(K, q, p, work, p * nf, nf, upper, 0, q, work, p * nf + p, nf);
        mirrorLower(work, p * nf + p, nf, q, e, cb, symmetry);
      } else {
        K.gemm(q, q, p, work, p * nf, nf, upper, 0, q, work, p * nf + p, nf);
        for (let i = 0; i < q; i++) cb.set(work.subarray(e * ((p + i) * nf + p), e * ((p + i) * nf + nf)), e * i * q);
      }
      contribution[f] = cb;
    } else if (parent[f]! >= 0) {
      throw new InputError('plan', 'a dissection tree whose fronts with a parent have boundary variables');
    }
    pool.give(work);
    factors[f] = determinantOnly ? (undefined as unknown as FrontFactors) : { inv, upper, lower };
  }
  if (determinantOnly) return { blocks: new Float64Array(0), diagonal: new Float64Array(0), logAbsDet, phase };

  const { blockPtr, blockList, blockRow } = ownersOf(sym, h, out);
  const localOf = new Int32Array(h.nSites);
  const bb = e * b * b;
  const { blocks, diagonal } = resultBuffers(h, bb, out);
  const greens: (Float64Array | undefined)[] = new Array(nF);
  const pendingChildren = new Int32Array(nF);
  for (let f = 0; f < nF; f++) pendingChildren[f] = childPtr[f + 1]! - childPtr[f]!;

  for (let f = nF - 1; f >= 0; f--) {
    const nf = b * (varPtr[f + 1]! - varPtr[f]!);
    const p = b * ownCount[f]!;
    const q = nf - p;
    const { inv, upper, lower } = factors[f]!;
    const g = pool.take(e * nf * nf);
    const par = parent[f]!;
    if (q > 0) {
      // gemmSub accumulates into G_IB (and G_BI unless it is a transpose): clear them.
      for (let i = 0; i < p; i++) g.fill(0, e * (i * nf + p), e * (i * nf + nf));
      if (!symmetric) for (let i = p; i < nf; i++) g.fill(0, e * i * nf, e * (i * nf + p));
      const gp = greens[par]!;
      const np = b * (varPtr[par + 1]! - varPtr[par]!);
      // G_BB from the parent front's G by the extend-add map.
      const m0 = relPtr[f]!;
      const qSites = q / b;
      // Columns by runs of consecutive boundary sites (contiguous in both fronts).
      const w = e * b;
      for (let i = 0; i < qSites; i++) {
        const R = relMap[m0 + i]! * b;
        for (let x = 0; x < b; x++) {
          const dst = e * ((p + i * b + x) * nf + p);
          const srcRow = e * (R + x) * np;
          for (let t = runPtr[f]!; t < runPtr[f + 1]!; t++) {
            let s = srcRow + runs[3 * t + 1]! * w;
            const len = runs[3 * t + 2]! * w;
            let d = dst + runs[3 * t]! * w;
            if (len > 64) g.set(gp.subarray(s, s + len), d);
            else for (const end = s + len; s < end; s++, d++) g[d] = gp[s]!;
          }
        }
      }
      if (symmetric) {
        // G_IB = −U·G_BB; G_BI = ±G_IBᵀ; G_II = F11⁻¹ − U·G_BI from its lower triangle.
        K.gemm(p, q, q, upper, 0, q, g, p * nf + p, nf, g, p, nf);
        transposeInto(g, nf, p, q, e, symmetry);
        for (let i = 0; i < p; i++) g.set(inv.subarray(e * i * p, e * (i + 1) * p), e * i * nf);
        lowerProduct(K, p, q, upper, 0, q, g, p * nf, nf, g, 0, nf);
        mirrorLower(g, 0, nf, p, e, null, symmetry);
      } else {
        // G_BI = −G_BB·L; then [G_II | G_IB] = [F11⁻¹ | 0] − U·[G_BI | G_BB] in one product.
        K.gemm(q, p, q, g, p * nf + p, nf, lower, 0, p, g, p * nf, nf);
        for (let i = 0; i < p; i++) g.set(inv.subarray(e * i * p, e * (i + 1) * p), e * i * nf);
        K.gemm(p, nf, q, upper, 0, q, g, p * nf, nf, g, 0, nf);
      }
      if (--pendingChildren[par]! === 0) {
        pool.give(gp);
        greens[par] = undefined;
      }
    } else {
      for (let i = 0; i < p; i++) g.set(inv.subarray(e * i * p, e * (i + 1) * p), e * i * nf);
    }
    factors[f] = undefined as unknown as FrontFactors;
    // Scatter the stored blocks and diagonal blocks this front owns.
    for (let k = varPtr[f]!; k < varPtr[f + 1]!; k++) localOf[frontVars[k]!] = k - varPtr[f]!;
    for (let t = blockPtr[f]!; t < blockPtr[f + 1]!; t++) {
      const k = blockList[t]!;
      copyBlock(g, nf, b, e, localOf[blockRow[k]!]!, localOf[h.colIdx[k]!]!, blocks, k * bb);
    }
    for (let k = varPtr[f]!; k < varPtr[f]! + ownCount[f]!; k++) {
      const l = k - varPtr[f]!;
      copyBlock(g, nf, b, e, l, l, diagonal, frontVars[k]! * bb);
    }
    if (pendingChildren[f]! > 0) greens[f] = g;
    else pool.give(g);
  }
  return { blocks, diagonal, logAbsDet, phase };
}

/** +1 when a is symmetric (isSymmetric), else 0; kept in `reuse` for the values array it was found for. */
function symmetryOf(sym: SymbolicFactor, a: SectorMatrix, reuse?: SectorBuffers): FrontSymmetry {
  if (reuse?.symmetryOf?.values === a.values) return reuse.symmetryOf.symmetry;
  const symmetry: FrontSymmetry = isSymmetric(sym, a) ? 1 : 0;
  if (reuse) reuse.symmetryOf = { values: a.values, symmetry };
  return symmetry;
}

/**
 * Whether the sector matrix is symmetric (Aᵀ = A, no conjugation): complex
 * as isComplexSymmetric; real (the Majorana form w·1 − X, X antisymmetric)
 * entry by entry, which holds only without couplings.
 */
function isSymmetric(sym: SymbolicFactor, a: SectorMatrix): boolean {
  if (a.ew === 2) return isComplexSymmetric(sym, a);
  const { bs, values } = a;
  const t = sym.transposeBlock;
  const bb = bs * bs;
  for (let k = 0; k < t.length; k++)
    for (let r = 0; r < bs; r++)
      for (let c = 0; c < bs; c++) {
        const x = values[k * bb + r * bs + c]!;
        if (t[k]! < 0 ? x !== 0 : x !== values[t[k]! * bb + c * bs + r]!) return false;
      }
  return true;
}

/** Rows per tile of the lower-triangle products. */
const TILE = 64;

/**
 * The lower triangle (and a few tiles above it) of C[n×n] −= A[n×k]·B[k×n], by row tiles
 * each one GEMM up to the diagonal: half the multiply-adds of the full product, for a
 * result known to be symmetric.
 */
function lowerProduct(K: Kernels, n: number, k: number, a: Float64Array, aOff: number, lda: number, b: Float64Array, bOff: number, ldb: number, c: Float64Array, cOff: number, ldc: number): void {
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, n);
    K.gemm(i1 - i0, i1, k, a, aOff + i0 * lda, lda, b, bOff, ldb, c, cOff + i0 * ldc, ldc);
  }
}

/**
 * The n×n block at `off` (leading dimension ld, element width e) completed from its lower
 * triangle, m[j][i] = sign·m[i][j] (sign −1: antisymmetric, zero diagonal): into `out` (n×n,
 * contiguous) when given, else in place.
 */
function mirrorLower(m: Float64Array, off: number, ld: number, n: number, e: number, out: Float64Array | null, sign: number): void {
  for (let i0 = 0; i0 < n; i0 += TILE)
    for (let j0 = 0; j0 <= i0; j0 += TILE) {
      const i1 = Math.min(i0 + TILE, n);
      for (let i = i0; i < i1; i++) {
        const j1 = Math.min(j0 + TILE, i + 1);
        for (let j = j0; j < j1; j++) {
          const s = e * (off + i * ld + j);
          let re = m[s]!, im = e === 2 ? m[s + 1]! : 0;
          if (i === j && sign < 0) re = im = 0;
          if (out) {
            out[e * (i * n + j)] = re;
            out[e * (j * n + i)] = sign * re;
            if (e === 2) {
              out[e * (i * n + j) + 1] = im;
              out[e * (j * n + i) + 1] = sign * im;
            }
          } else {
            const d = e * (off + j * ld + i);
            m[d] = i === j ? re : sign * re;
            if (e === 2) m[d + 1] = i === j ? im : sign * im;
          }
        }
      }
    }
}

/**
 * Reused scratch arrays by power-of-two capacity: the fronts' dense work and
 * Green's-function matrices would otherwise be fresh (zeroed, page-faulted)
 * allocations per front, a fifth of the selected inversion's time on 101×101.
 * Contents of a taken array are arbitrary.
 */
class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  take(n: number): Float64Array {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(n, 1)));
    const buffer = this.free.get(capacity)?.pop() ?? new ArrayBuffer(8 * capacity);
    return new Float64Array(buffer, 0, n);
  }
  give(a: Float64Array): void {
    const capacity = a.buffer.byteLength / 8;
    let list = this.free.get(capacity);
    if (!list) this.free.set(capacity, (list = []));
    list.push(a.buffer as ArrayBuffer);
  }
}

/** g[p + j][i] ← sign·g[i][p + j] for i < p, j < q (G_BI = ±G_IBᵀ of an (anti)symmetric front), element width e. */
function transposeInto(g: Float64Array, nf: number, p: number, q: number, e: number, sign: number): void {
  // Tiles of T×T keep both the rows read and the rows written in cache.
  const T = 32;
  for (let i0 = 0; i0 < p; i0 += T)
    for (let j0 = 0; j0 < q; j0 += T) {
      const i1 = Math.min(i0 + T, p), j1 = Math.min(j0 + T, q);
      for (let j = j0; j < j1; j++) {
        const d0 = e * ((p + j) * nf);
        for (let i = i0; i < i1; i++) {
          const s = e * (i * nf + p + j);
          const d = d0 + e * i;
          g[d] = sign * g[s]!;
          if (e === 2) g[d + 1] = sign * g[s + 1]!;
        }
      }
    }
}

function negate(x: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] = -x[i]!;
}

/** out[at..] ← the b×b block (r, c) of the nf×nf front matrix g (site-local indices), element width e. */
function copyBlock(g: Float64Array, nf: number, b: number, e: number, r: number, c: number, out: Float64Array, at: number): void {
  for (let x = 0; x < b; x++) {
    const s = e * ((r * b + x) * nf + c * b);
    out.set(g.subarray(s, s + e * b), at + e * x * b);
  }
}
