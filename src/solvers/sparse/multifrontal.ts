/**
 * Numeric multifrontal elimination of one sector matrix A = d·1 − V, V block
 * sparse with bs×bs blocks on h's pattern, either complex (interleaved) or
 * real (the Majorana form of majorana.ts).
 *
 * Fronts are processed in postorder. Each front is assembled in a dense
 * workspace from (i) the blocks of A whose first-eliminated site is one of its
 * own sites, (ii) the contribution blocks of its children, which sit on top of
 * a stack (extend-add); then its own variables are eliminated (partial LU)
 * and its Schur complement on the boundary is pushed for the parent. Nothing
 * is kept of the factors: the product is ln|det A_RR| and, at the top front
 * (the kept sites), S = A_KK − A_KR A_RR⁻¹ A_RK, whose inverse is G_KK
 * (DESIGN.md §2, "Exact fast path").
 *
 * With the WebAssembly kernels the whole loop runs in the module
 * (frontalWasm.ts, assembly/frontal.ts, same operations in the same order);
 * the JavaScript loop below is the fallback (JavaScript kernels, memory that
 * cannot grow) and the LDLᵀ route.
 */

import type { SymbolicFactor } from './symbolic.js';
import { invertBordered, partialLU } from './partialLU.js';
import { invertBorderedReal, partialLUReal } from './partialLUReal.js';
import { partialLDLT } from './partialLDLT.js';
import { activeKernels, frontArray, wasmKernels } from './wasm/kernels.js';
import { eliminateInModule } from './frontalWasm.js';

/**
 * Reusable dense buffers (grown on demand, never shrunk). With the module's
 * loop, `front` and `stack` are views of its areas (for the memory count).
 */
export class FrontWorkspace {
  front = new Float64Array(0);
  stack = new Float64Array(0);
  cbOffset = new Float64Array(0);

  reserve(frontDoubles: number, stackDoubles: number, nFronts: number): void {
    // In the WebAssembly kernels' memory when they run (a view detached by its growth reads as empty).
    if (this.front.length < frontDoubles) this.front = frontArray(frontDoubles);
    // The JavaScript loop's stack stays outside the module: a kernel call on a front that is not resident may grow (and detach) the memory.
    if (this.stack.length < stackDoubles || (wasmKernels()?.address(this.stack) ?? -1) >= 0) this.stack = new Float64Array(stackDoubles);
    if (this.cbOffset.length < nFronts) this.cbOffset = new Float64Array(nFronts);
  }
}

/**
 * A sector matrix: block k of V (k-th stored block of h's pattern) entry
 * (a, c) is values[ew·(k·bs² + a·bs + c)] (+1 for the imaginary part when
 * complex); the diagonal shift d is added to every own variable.
 */
export interface SectorMatrix {
  readonly bs: number;
  /** 2 for complex interleaved, 1 for real. */
  readonly ew: 1 | 2;
  readonly values: Float64Array;
  readonly shiftRe: number;
  readonly shiftIm: number;
}

/** Doubles needed by `eliminate` for sector size bs and element width ew. */
function workspaceDoubles(sym: SymbolicFactor, topKept: boolean, bs: number, ew: number): [number, number] {
  const top = topKept ? bs * sym.ownCount[sym.nFronts - 1] : 0;
  const front = Math.max((bs * sym.maxFrontSites) ** 2, 2 * top * top);
  return [ew * front, ew * bs * bs * sym.stackPeak];
}

/**
 * Eliminates the whole sector matrix. When `topKept`, the last front holds
 * the kept sites and is inverted instead of eliminated: S⁻¹ (M×M, M = bs·m)
 * is left in `greens` (row-major, element width ew). Returns ln|det A|.
 * `symmetricMode`: 'always' uses LDLᵀ when A is complex symmetric, 'never'
 * always LU; 'auto' (default) uses LDLᵀ for a complex-symmetric A only with
 * the JavaScript kernels: with the WebAssembly ones the LU route runs whole
 * in the module while LDLᵀ keeps its panels in JavaScript, and LU is then
 * 2.5–3.8× faster on s-wave cubes (16³, 24³; bench/geometry.ts prints both;
 * measured before the front loop moved into the module).
 */
export function eliminate(
  sym: SymbolicFactor,
  a: SectorMatrix,
  topKept: boolean,
  ws: FrontWorkspace,
  greens: Float64Array,
  symmetricMode: 'auto' | 'never' | 'always' = 'auto',
): number {
  const symmetric = wantsLDLT(sym, a, symmetricMode);
  if (!symmetric) {
    const [frontDoubles, stackDoubles] = workspaceDoubles(sym, topKept, a.bs, a.ew);
    const logAbsDet = eliminateInModule(sym, a, topKept, ws, greens, frontDoubles, stackDoubles);
    if (logAbsDet !== undefined) return logAbsDet;
  }
  return loopJs(sym, a, topKept, ws, greens, symmetric);
}

/** The JavaScript loop of `eliminate` (the fallback; also the reference of the tests). */
export function eliminateInJs(
  sym: SymbolicFactor,
  a: SectorMatrix,
  topKept: boolean,
  ws: FrontWorkspace,
  greens: Float64Array,
  symmetricMode: 'auto' | 'never' | 'always' = 'auto',
): number {
  return loopJs(sym, a, topKept, ws, greens, wantsLDLT(sym, a, symmetricMode));
}

/** Whether `eliminate` takes the LDLᵀ route: a complex-symmetric A (real symmetric H_s) at half the flops, by the mode's rule. */
function wantsLDLT(sym: SymbolicFactor, a: SectorMatrix, symmetricMode: 'auto' | 'never' | 'always'): boolean {
  const wanted = symmetricMode === 'always' || (symmetricMode === 'auto' && activeKernels() === 'js');
  return wanted && a.ew === 2 && isComplexSymmetric(sym, a);
}

function loopJs(sym: SymbolicFactor, a: SectorMatrix, topKept: boolean, ws: FrontWorkspace, greens: Float64Array, symmetric: boolean): number {
  const { bs, ew } = a;
  const [frontDoubles, stackDoubles] = workspaceDoubles(sym, topKept, bs, ew);
  ws.reserve(frontDoubles, stackDoubles, sym.nFronts);
  const work = ws.front;
  const stack = ws.stack;
  const cbOffset = ws.cbOffset;
  const { ownCount, varPtr, childPtr, childIdx } = sym;
  let stackTop = 0;
  let logAbsDet = 0;

  for (let f = 0; f < sym.nFronts; f++) {
    const isTop = topKept && f === sym.nFronts - 1;
    const own = bs * ownCount[f];
    const nf = bs * (varPtr[f + 1] - varPtr[f]);
    // The kept front is stored as [S | 1] (nf×2nf) and inverted in place.
    const ld = isTop ? 2 * nf : nf;
    assembleFront(sym, a, f, work, ld, stack, cbOffset);
    const c0 = childPtr[f];
    if (childPtr[f + 1] > c0) stackTop = cbOffset[childIdx[c0]];

    if (isTop) {
      for (let i = 0; i < nf; i++) work[ew * (i * ld + nf + i)] = 1;
      logAbsDet += ew === 2 ? invertBordered(work, nf) : invertBorderedReal(work, nf);
      for (let i = 0; i < nf; i++) {
        const src = ew * (i * ld + nf);
        greens.set(work.subarray(src, src + ew * nf), ew * i * nf);
      }
      continue;
    }
    const q = nf - own;
    cbOffset[f] = stackTop;
    if (symmetric) {
      const ldlt = partialLDLT(work, nf, own);
      if (!Number.isNaN(ldlt)) {
        logAbsDet += ldlt;
        pushSymmetric(work, nf, own, stack, stackTop);
        stackTop += 2 * q * q;
        continue;
      }
      // A pivot too small for 1×1 symmetric pivoting: this front again, by LU (the children's blocks are still on the stack).
      assembleFront(sym, a, f, work, ld, stack, cbOffset);
    }
    logAbsDet += ew === 2 ? partialLU(work, nf, own) : partialLUReal(work, nf, own);
    // Push the contribution block F22 (q×q).
    for (let i = 0; i < q; i++) {
      const src = ew * ((own + i) * nf + own);
      stack.set(work.subarray(src, src + ew * q), stackTop);
      stackTop += ew * q;
    }
  }
  return logAbsDet;
}

/**
 * The dense front f (leading dimension ld): zero, A's blocks owned by f, the
 * shift d on its own variables, and its children's contribution blocks from
 * the stack (extend-add).
 */
function assembleFront(sym: SymbolicFactor, a: SectorMatrix, f: number, work: Float64Array, ld: number, stack: Float64Array, cbOffset: Float64Array): void {
  const { bs, ew } = a;
  const own = bs * sym.ownCount[f];
  const nf = bs * (sym.varPtr[f + 1] - sym.varPtr[f]);
  work.fill(0, 0, ew * nf * ld);
  assemble(sym, a, f, work, ld);
  for (let i = 0; i < own; i++) {
    const d = ew * (i * ld + i);
    work[d] += a.shiftRe;
    if (ew === 2) work[d + 1] += a.shiftIm;
  }
  const { childPtr, childIdx, relPtr, relMap, runPtr, runs } = sym;
  for (let c = childPtr[f]; c < childPtr[f + 1]; c++) {
    const ch = childIdx[c];
    extendAdd(stack, cbOffset[ch], relMap, relPtr[ch], relPtr[ch + 1] - relPtr[ch], runs, runPtr[ch], runPtr[ch + 1], bs, ew, work, ld);
  }
}

/** Tile edge of the transposing copy in pushSymmetric (both tiles stay in L1). */
const PUSH_TILE = 16;

/** Pushes the complex Schur complement F22 (q×q, q = nf − own) read from its lower triangle (the upper one is stale) as a full matrix. */
function pushSymmetric(work: Float64Array, nf: number, own: number, stack: Float64Array, top: number): void {
  const q = nf - own;
  for (let i0 = 0; i0 < q; i0 += PUSH_TILE) {
    const i1 = Math.min(i0 + PUSH_TILE, q);
    for (let j0 = 0; j0 <= i0; j0 += PUSH_TILE) {
      for (let i = i0; i < i1; i++) {
        const src = 2 * ((own + i) * nf + own);
        const j1 = Math.min(j0 + PUSH_TILE, i + 1);
        for (let j = j0; j < j1; j++) {
          const re = work[src + 2 * j], im = work[src + 2 * j + 1];
          stack[top + 2 * (i * q + j)] = re;
          stack[top + 2 * (i * q + j) + 1] = im;
          stack[top + 2 * (j * q + i)] = re;
          stack[top + 2 * (j * q + i) + 1] = im;
        }
      }
    }
  }
}

/** Whether the complex matrix d·1 − V is symmetric (Vᵀ = V exactly, no conjugation). */
export function isComplexSymmetric(sym: SymbolicFactor, a: SectorMatrix): boolean {
  const { bs, values } = a;
  const t = sym.transposeBlock;
  const bb = bs * bs;
  for (let k = 0; k < t.length; k++) {
    const kt = t[k];
    for (let r = 0; r < bs; r++)
      for (let c = 0; c < bs; c++) {
        const x = 2 * (k * bb + r * bs + c);
        if (kt < 0) {
          if (values[x] !== 0 || values[x + 1] !== 0) return false;
          continue;
        }
        const y = 2 * (kt * bb + c * bs + r);
        if (values[x] !== values[y] || values[x + 1] !== values[y + 1]) return false;
      }
  }
  return true;
}

/** Subtracts V's blocks owned by front f. */
export function assemble(sym: SymbolicFactor, a: SectorMatrix, f: number, work: Float64Array, ld: number): void {
  const { bs, ew, values } = a;
  const blockLen = ew * bs * bs;
  const rowLen = ew * bs;
  const entries = sym.asmEntries;
  for (let e = sym.asmPtr[f]; e < sym.asmPtr[f + 1]; e++) {
    let src = entries[3 * e] * blockLen;
    const r0 = entries[3 * e + 1] * bs;
    const c0 = entries[3 * e + 2] * bs;
    for (let r = 0; r < bs; r++) {
      let dst = ew * ((r0 + r) * ld + c0);
      const end = dst + rowLen;
      for (; dst < end; dst++, src++) work[dst] -= values[src];
    }
  }
}

/**
 * work[map(i), map(j)] += CB[i, j] with a site-level map, bs variables per
 * site; columns go by runs of consecutive sites (contiguous in both).
 */
export function extendAdd(
  stack: Float64Array,
  offset: number,
  relMap: Int32Array,
  mapStart: number,
  qSites: number,
  runs: Int32Array,
  run0: number,
  run1: number,
  bs: number,
  ew: number,
  work: Float64Array,
  ld: number,
): void {
  const q = qSites * bs;
  const w = ew * bs;
  for (let i = 0; i < qSites; i++) {
    const R = relMap[mapStart + i] * bs;
    for (let a = 0; a < bs; a++) {
      const srcRow = offset + ew * (i * bs + a) * q;
      const dstRow = ew * (R + a) * ld;
      for (let r = run0; r < run1; r++) {
        let s = srcRow + runs[3 * r] * w;
        let d = dstRow + runs[3 * r + 1] * w;
        const end = s + runs[3 * r + 2] * w;
        for (; s < end; s++, d++) work[d] += stack[s];
      }
    }
  }
}
