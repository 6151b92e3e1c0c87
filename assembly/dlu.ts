/**
 * Real partial LU of a front and the bordered inverse, SIMD128 versions of
 * src/solvers/sparse/partialLUReal.ts (same blocking, pivot rule and layout).
 * A singular or non-finite pivot column returns NaN.
 */

import { dgemmSub } from './dgemm';

const NB: i32 = 48;
const IB: i32 = 8;

@inline function at(f: usize, i: i32, ld: i32, j: i32): usize {
  return f + ((<usize>(i * ld + j)) << 3);
}

/** dst[0..n) −= l·src[0..n), two entries per v128 and a scalar tail. */
@inline function axpySub(dst: usize, src: usize, n: i32, l: f64): void {
  const lv = f64x2.splat(l);
  let j = 0;
  for (; j + 1 < n; j += 2, src += 16, dst += 16) {
    v128.store(dst, f64x2.sub(v128.load(dst), f64x2.mul(lv, v128.load(src))));
  }
  if (j < n) store<f64>(dst, load<f64>(dst) - l * load<f64>(src));
}

export function dpartialLURect(f: usize, ld: i32, nRows: i32, nCols: i32, p: i32): f64 {
  let logAbsDet: f64 = 0;
  for (let k0 = 0; k0 < p; k0 += NB) {
    const kEnd = min(k0 + NB, p);
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = min(j0 + IB, kEnd);
      const d = factorColumns(f, ld, nRows, nCols, p, j0, j1, k0);
      if (isNaN(d)) return d;
      logAbsDet += d;
      if (j1 < kEnd) {
        solveUnitLower(f, ld, j0, j1, j1, kEnd);
        dgemmSub(nRows - j1, kEnd - j1, j1 - j0, at(f, j1, ld, j0), ld, at(f, j0, ld, j1), ld, at(f, j1, ld, j1), ld);
      }
    }
    if (kEnd === nCols) continue;
    for (let j0 = k0; j0 < kEnd; j0 += IB) {
      const j1 = min(j0 + IB, kEnd);
      solveUnitLower(f, ld, j0, j1, kEnd, nCols);
      if (j1 < kEnd) {
        dgemmSub(kEnd - j1, nCols - kEnd, j1 - j0, at(f, j1, ld, j0), ld, at(f, j0, ld, kEnd), ld, at(f, j1, ld, kEnd), ld);
      }
    }
    dgemmSub(nRows - kEnd, nCols - kEnd, kEnd - k0, at(f, kEnd, ld, k0), ld, at(f, k0, ld, kEnd), ld, at(f, kEnd, ld, kEnd), ld);
  }
  return logAbsDet;
}

export function dinvertBordered(f: usize, n: i32): f64 {
  const ld = 2 * n;
  const logAbsDet = dpartialLURect(f, ld, n, ld, n);
  if (isNaN(logAbsDet)) return logAbsDet;
  for (let j1 = n; j1 > 0; j1 -= NB) {
    const j0 = max(0, j1 - NB);
    solveUpper(f, ld, j0, j1, n, ld);
    dgemmSub(j0, n, j1 - j0, at(f, 0, ld, j0), ld, at(f, j0, ld, n), ld, at(f, 0, ld, n), ld);
  }
  return logAbsDet;
}

function factorColumns(f: usize, ld: i32, nRows: i32, nCols: i32, p: i32, j0: i32, j1: i32, swapFrom: i32): f64 {
  let logAbsDet: f64 = 0;
  const row: usize = (<usize>ld) << 3;
  for (let k = j0; k < j1; k++) {
    const diag = at(f, k, ld, k);
    let best = k;
    let bestAbs = abs<f64>(load<f64>(diag));
    let o = diag + row;
    for (let r = k + 1; r < p; r++, o += row) {
      const a = abs<f64>(load<f64>(o));
      if (a > bestAbs) {
        bestAbs = a;
        best = r;
      }
    }
    if (!(bestAbs > 0) || !isFinite(bestAbs)) return NaN;
    if (best !== k) swapRows(f, ld, k, best, swapFrom, nCols);
    logAbsDet += Math.log(bestAbs);
    const inv = 1 / load<f64>(diag);
    const uRow = diag + 8;
    let ik = diag + row;
    for (let i = k + 1; i < nRows; i++, ik += row) {
      const x = load<f64>(ik);
      if (x === 0) continue;
      const l = x * inv;
      store<f64>(ik, l);
      const n = j1 - k - 1;
      for (let j = 0; j < n; j++) {
        const t = ik + 8 + ((<usize>j) << 3);
        store<f64>(t, load<f64>(t) - l * load<f64>(uRow + ((<usize>j) << 3)));
      }
    }
  }
  return logAbsDet;
}

function solveUnitLower(f: usize, ld: i32, j0: i32, j1: i32, c0: i32, c1: i32): void {
  for (let k = j0; k < j1; k++) {
    const kRow = at(f, k, ld, c0);
    for (let i = k + 1; i < j1; i++) {
      const l = load<f64>(at(f, i, ld, k));
      if (l === 0) continue;
      axpySub(at(f, i, ld, c0), kRow, c1 - c0, l);
    }
  }
}

function solveUpper(f: usize, ld: i32, j0: i32, j1: i32, c0: i32, c1: i32): void {
  for (let k = j1 - 1; k >= j0; k--) {
    const inv = 1 / load<f64>(at(f, k, ld, k));
    const kRow = at(f, k, ld, c0);
    for (let j = 0; j < c1 - c0; j++) {
      const x = kRow + ((<usize>j) << 3);
      store<f64>(x, load<f64>(x) * inv);
    }
    for (let i = j0; i < k; i++) {
      const u = load<f64>(at(f, i, ld, k));
      if (u === 0) continue;
      axpySub(at(f, i, ld, c0), kRow, c1 - c0, u);
    }
  }
}

function swapRows(f: usize, ld: i32, r: i32, s: i32, from: i32, to: i32): void {
  let a = at(f, r, ld, from);
  let b = at(f, s, ld, from);
  for (let j = from; j < to; j++, a += 8, b += 8) {
    const t = load<f64>(a);
    store<f64>(a, load<f64>(b));
    store<f64>(b, t);
  }
}
