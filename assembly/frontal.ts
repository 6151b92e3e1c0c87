/**
 * The whole per-front loop of the multifrontal elimination in the module
 * (the SIMD128 twin of `eliminate` in src/solvers/sparse/multifrontal.ts,
 * same order of operations; the complex trailing updates run by three real
 * products, zlu.ts's 3M variants, so their rounding differs): for every front
 * in postorder, zero it, subtract A's owned blocks, add the shift d on its own
 * variables, extend-add its children's contribution blocks from the stack,
 * eliminate its own variables by partial LU and push its Schur complement.
 * The kept top front [S | 1] is inverted in place and S⁻¹ = G_KK left
 * contiguous (row-major, M×M) at the start of the front area.
 *
 * The host lays out the symbolic tables (src/solvers/sparse/symbolic.ts) as
 * Int32 arrays and a header of their byte addresses (H_* below); the sector
 * matrix values (interleaved complex when ew = 2, real when ew = 1) and the
 * stack are plain f64 areas. Returns ln|det A|, or NaN when a pivot column is
 * singular or not finite (the host turns that into its error).
 */

import { zpartialLURect3m, zinvertBordered3m } from './zlu';
import { dpartialLURect, dinvertBordered } from './dlu';

/** Header words (i32): the front count, then byte addresses of the tables. */
const H_FRONTS = 0;
const H_OWN = 1;
const H_VARPTR = 2;
const H_CHILDPTR = 3;
const H_CHILDIDX = 4;
const H_RELPTR = 5;
const H_RELMAP = 6;
const H_RUNPTR = 7;
const H_RUNS = 8;
const H_ASMPTR = 9;
const H_ASM = 10;
/** Stack offset (in doubles) of each front's contribution block, written here. */
const H_CBOFFSET = 11;

@inline function word(header: usize, k: i32): usize {
  return <usize>load<i32>(header + ((<usize>k) << 2));
}

@inline function i32At(table: usize, i: i32): i32 {
  return load<i32>(table + ((<usize>i) << 2));
}

/** dst[0..n) −= src[0..n) (doubles). */
@inline function subRow(dst: usize, src: usize, n: i32): void {
  let j = 0;
  for (; j + 1 < n; j += 2, src += 16, dst += 16) v128.store(dst, f64x2.sub(v128.load(dst), v128.load(src)));
  if (j < n) store<f64>(dst, load<f64>(dst) - load<f64>(src));
}

/** dst[0..n) += src[0..n) (doubles), four v128 per step: the extend-add runs are long and contiguous. */
@inline function addRun(dst: usize, src: usize, n: i32): void {
  let j = 0;
  for (; j + 7 < n; j += 8, src += 64, dst += 64) {
    v128.store(dst, f64x2.add(v128.load(dst), v128.load(src)));
    v128.store(dst, f64x2.add(v128.load(dst, 16), v128.load(src, 16)), 16);
    v128.store(dst, f64x2.add(v128.load(dst, 32), v128.load(src, 32)), 32);
    v128.store(dst, f64x2.add(v128.load(dst, 48), v128.load(src, 48)), 48);
  }
  for (; j + 1 < n; j += 2, src += 16, dst += 16) v128.store(dst, f64x2.add(v128.load(dst), v128.load(src)));
  if (j < n) store<f64>(dst, load<f64>(dst) + load<f64>(src));
}

/**
 * The dense front f at `work` (leading dimension ld): zero, A's blocks owned
 * by f, the shift on its own variables, the children's blocks (extend-add).
 */
function assembleFront(header: usize, values: usize, work: usize, stack: usize, f: i32, bs: i32, ew: i32, ld: i32, shiftRe: f64, shiftIm: f64): void {
  const own = bs * i32At(word(header, H_OWN), f);
  const varPtr = word(header, H_VARPTR);
  const nf = bs * (i32At(varPtr, f + 1) - i32At(varPtr, f));
  const ldBytes: usize = (<usize>(ew * ld)) << 3;
  memory.fill(work, 0, (<usize>nf) * ldBytes);

  // −V: triples (block, local row site, local column site).
  const asmPtr = word(header, H_ASMPTR);
  const asm = word(header, H_ASM);
  const rowLen = ew * bs;
  const blockBytes: usize = (<usize>(rowLen * bs)) << 3;
  for (let e = i32At(asmPtr, f); e < i32At(asmPtr, f + 1); e++) {
    let src = values + (<usize>i32At(asm, 3 * e)) * blockBytes;
    const r0 = i32At(asm, 3 * e + 1) * bs;
    const c0 = i32At(asm, 3 * e + 2) * bs;
    let dst = work + (<usize>r0) * ldBytes + ((<usize>(ew * c0)) << 3);
    for (let r = 0; r < bs; r++, dst += ldBytes, src += (<usize>rowLen) << 3) subRow(dst, src, rowLen);
  }

  // + d on the own variables.
  const diagStep: usize = ldBytes + ((<usize>ew) << 3);
  let d = work;
  for (let i = 0; i < own; i++, d += diagStep) {
    store<f64>(d, load<f64>(d) + shiftRe);
    if (ew === 2) store<f64>(d, load<f64>(d, 8) + shiftIm, 8);
  }

  // Extend-add: row by row of each child's block, columns by runs of consecutive sites.
  const childPtr = word(header, H_CHILDPTR);
  const childIdx = word(header, H_CHILDIDX);
  const relPtr = word(header, H_RELPTR);
  const relMap = word(header, H_RELMAP);
  const runPtr = word(header, H_RUNPTR);
  const runs = word(header, H_RUNS);
  const cbOffset = word(header, H_CBOFFSET);
  const w = ew * bs;
  for (let c = i32At(childPtr, f); c < i32At(childPtr, f + 1); c++) {
    const ch = i32At(childIdx, c);
    const m0 = i32At(relPtr, ch);
    const qSites = i32At(relPtr, ch + 1) - m0;
    const q = qSites * bs;
    const run0 = i32At(runPtr, ch);
    const run1 = i32At(runPtr, ch + 1);
    let srcRow = stack + ((<usize>i32At(cbOffset, ch)) << 3);
    const srcRowBytes: usize = (<usize>(ew * q)) << 3;
    for (let i = 0; i < qSites; i++) {
      let dstRow = work + (<usize>(i32At(relMap, m0 + i) * bs)) * ldBytes;
      for (let a = 0; a < bs; a++, srcRow += srcRowBytes, dstRow += ldBytes) {
        for (let r = run0; r < run1; r++) {
          const s = srcRow + ((<usize>(i32At(runs, 3 * r) * w)) << 3);
          const t = dstRow + ((<usize>(i32At(runs, 3 * r + 1) * w)) << 3);
          addRun(t, s, i32At(runs, 3 * r + 2) * w);
        }
      }
    }
  }
}

/**
 * Eliminates the sector matrix (bs×bs blocks, element width ew) through all
 * fronts of the tables at `header`; with `topKept` the last front is inverted
 * and G (M×M) left at `work`. Returns ln|det A| or NaN (singular).
 */
export function frontalEliminate(header: usize, values: usize, work: usize, stack: usize, bs: i32, ew: i32, shiftRe: f64, shiftIm: f64, topKept: bool): f64 {
  const nFronts = load<i32>(header + ((<usize>H_FRONTS) << 2));
  const own0 = word(header, H_OWN);
  const varPtr = word(header, H_VARPTR);
  const childPtr = word(header, H_CHILDPTR);
  const childIdx = word(header, H_CHILDIDX);
  const cbOffset = word(header, H_CBOFFSET);
  const eb: usize = (<usize>ew) << 3;
  let stackTop: i32 = 0;
  let logAbsDet: f64 = 0;
  for (let f = 0; f < nFronts; f++) {
    const isTop = topKept && f === nFronts - 1;
    const own = bs * i32At(own0, f);
    const nf = bs * (i32At(varPtr, f + 1) - i32At(varPtr, f));
    const ld = isTop ? 2 * nf : nf;
    assembleFront(header, values, work, stack, f, bs, ew, ld, shiftRe, shiftIm);
    const c0 = i32At(childPtr, f);
    if (i32At(childPtr, f + 1) > c0) stackTop = i32At(cbOffset, i32At(childIdx, c0));

    if (isTop) {
      let one = work + (<usize>nf) * eb;
      const step: usize = (<usize>(ld + 1)) * eb;
      for (let i = 0; i < nf; i++, one += step) store<f64>(one, 1.0);
      const d = ew === 2 ? zinvertBordered3m(work, nf) : dinvertBordered(work, nf);
      if (isNaN(d)) return d;
      logAbsDet += d;
      // Row i of S⁻¹ (columns nf..2nf−1) moves to row i of an nf×nf matrix: always to lower addresses.
      const rowBytes: usize = (<usize>nf) * eb;
      for (let i = 0; i < nf; i++) memory.copy(work + (<usize>i) * rowBytes, work + (<usize>(i * ld + nf)) * eb, rowBytes);
      continue;
    }
    const q = nf - own;
    store<i32>(cbOffset + ((<usize>f) << 2), stackTop);
    if (own > 0) {
      const d = ew === 2 ? zpartialLURect3m(work, nf, nf, nf, own) : dpartialLURect(work, nf, nf, nf, own);
      if (isNaN(d)) return d;
      logAbsDet += d;
    }
    // Push the contribution block F22 (q×q).
    const qBytes: usize = (<usize>q) * eb;
    let dst = stack + ((<usize>stackTop) << 3);
    let src = work + (<usize>(own * nf + own)) * eb;
    const rowBytes: usize = (<usize>nf) * eb;
    for (let i = 0; i < q; i++, dst += qBytes, src += rowBytes) memory.copy(dst, src, qBytes);
    stackTop += ew * q * q;
  }
  return logAbsDet;
}
