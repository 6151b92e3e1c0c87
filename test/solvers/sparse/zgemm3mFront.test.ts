/**
 * The complex GEMM by three real products (assembly/zgemm3m.ts, the 3M form)
 * against a straightforward triple-loop product, and the module's 3M complex
 * partial LU and bordered inverse (zpartialLURect3m, zinvertBordered3m: the
 * front loop's, whose updates of depth ≥ 12 take that form; assembly/zlu.ts)
 * against the JavaScript ones, on seeded random matrices: sizes around the
 * GEMM's micro-tile (4×4), its blocks (MC = 64, KC = 128, NC = 504) and the
 * depth threshold, with strided operands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invertBorderedJs, partialLURectJs } from '../../../src/solvers/sparse/partialLU.js';
import { wasmKernels } from '../../../src/solvers/sparse/wasm/kernels.js';
import { prng } from '../../rng.js';
import { withKernels } from './withKernels.js';
import { relDiff } from './compare.js';

const u = prng(3003);
const random = (n: number) => Float64Array.from({ length: n }, () => u());


const EPS = 2 ** -53;

test('3M complex GEMM = triple-loop product within its error bound (odd sizes, strided operands)', () => {
  withKernels('wasm', () => {
    const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 12], [4, 4, 16], [5, 7, 13], [17, 3, 48], [63, 65, 129], [64, 504, 48], [65, 505, 130], [130, 9, 48], [7, 600, 20], [97, 97, 257]];
    for (const [m, n, k] of shapes) {
      const pad = (m + n + k) % 4;
      const lda = k + pad, ldb = n + 2 * pad, ldc = n + pad;
      const a = random(2 * m * lda), b = random(2 * k * ldb), c = random(2 * m * ldc);
      // Reference C − A·B and the 3M bound per entry: 4(k + 2)u·(|C| + Σ_p (|a_r| + |a_i|)(|b_r| + |b_i|)).
      const want = c.slice();
      const bound = new Float64Array(m * n);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let re = 0, im = 0, mag = 0;
          for (let p = 0; p < k; p++) {
            const ar = a[2 * (i * lda + p)]!, ai = a[2 * (i * lda + p) + 1]!;
            const br = b[2 * (p * ldb + j)]!, bi = b[2 * (p * ldb + j) + 1]!;
            re += ar * br - ai * bi;
            im += ar * bi + ai * br;
            mag += (Math.abs(ar) + Math.abs(ai)) * (Math.abs(br) + Math.abs(bi));
          }
          const o = 2 * (i * ldc + j);
          bound[i * n + j] = 4 * (k + 2) * EPS * (Math.abs(c[o]!) + Math.abs(c[o + 1]!) + mag);
          want[o] = c[o]! - re;
          want[o + 1] = c[o + 1]! - im;
        }
      const w = wasmKernels()!;
      const s = w.scratch(a.length + b.length + c.length)!;
      const aAt = s.base, bAt = aAt + a.length, cAt = bAt + b.length;
      s.heap.set(a, aAt);
      s.heap.set(b, bAt);
      s.heap.set(c, cAt);
      w.zgemm3mPackedSub(m, n, k, 8 * aAt, lda, 8 * bAt, ldb, 8 * cAt, ldc);
      const got = s.heap.subarray(cAt, cAt + c.length);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < ldc; j++) {
          const o = 2 * (i * ldc + j);
          if (j >= n) {
            // Columns past n (the row stride's padding) are untouched.
            assert.equal(got[o], c[o]);
            assert.equal(got[o + 1], c[o + 1]);
            continue;
          }
          const e = Math.max(Math.abs(got[o]! - want[o]!), Math.abs(got[o + 1]! - want[o + 1]!));
          assert.ok(e <= bound[i * n + j]!, `${m}×${n}×${k} entry (${i}, ${j}): error ${e} > bound ${bound[i * n + j]}`);
        }
    }
  });
});

/** A random complex front whose leading p×p block is well conditioned but needs pivoting (small diagonal). */
function front(nRows: number, ld: number, p: number): Float64Array {
  const f = random(2 * nRows * ld);
  for (let i = 0; i < p; i++) f[2 * (i * ld + ((i + 1) % p))] += 4;
  return f;
}

// Normwise relative agreement of the module (3M trailing updates) and the JavaScript partial LU (four real products).
const TOL = 1e-12;

/** Runs a module kernel on a copy of f in the module's memory and copies the result back. */
function inModule(f: Float64Array, run: (at: number) => number): number {
  const w = wasmKernels()!;
  const s = w.scratch(f.length)!;
  s.heap.set(f, s.base);
  const d = run(8 * s.base);
  f.set(s.heap.subarray(s.base, s.base + f.length));
  return d;
}

test('module partial LU with 3M updates = JavaScript partial LU: Schur complement, U12 and ln|det|', () => {
  withKernels('wasm', () => {
    // p < 12: every update below the 3M depth; p = 59: blocks of depth 48 and 11; p ≥ 96: several 3M blocks.
    for (const [nRows, nCols, ld, p] of [[40, 40, 40, 8], [30, 33, 35, 11], [12, 12, 12, 12], [100, 100, 100, 59], [240, 240, 240, 120], [200, 230, 231, 96], [150, 150, 150, 150]]) {
      const f = front(nRows, ld, p), want = f.slice();
      const d = inModule(f, (at) => wasmKernels()!.zpartialLURect3m(at, ld, nRows, nCols, p)), dWant = partialLURectJs(want, ld, nRows, nCols, p);
      assert.ok(Math.abs(d - dWant) <= TOL * Math.max(1, Math.abs(dWant)), `ln|det| ${nRows}×${nCols}/${p}: ${d} vs ${dWant}`);
      // Columns p.. of every row: U12 above, the Schur complement below.
      const cols = (g: Float64Array) => Float64Array.from({ length: 2 * nRows * (nCols - p) }, (_, x) => g[2 * (Math.floor(x / (2 * (nCols - p))) * ld + p) + (x % (2 * (nCols - p)))]!);
      if (nCols > p) assert.ok(relDiff(cols(f), cols(want)) <= TOL, `${nRows}×${nCols}/${p}: ${relDiff(cols(f), cols(want))}`);
    }
  });
});

test('module bordered inverse with 3M updates = JavaScript bordered inverse', () => {
  withKernels('wasm', () => {
    for (const n of [11, 60, 130]) {
      const f = new Float64Array(4 * n * n);
      const s = front(n, n, n);
      for (let i = 0; i < n; i++) {
        f.set(s.subarray(2 * i * n, 2 * (i + 1) * n), 4 * i * n);
        f[2 * (2 * i * n + n + i)] = 1;
      }
      const want = f.slice();
      const d = inModule(f, (at) => wasmKernels()!.zinvertBordered3m(at, n)), dWant = invertBorderedJs(want, n);
      assert.ok(Math.abs(d - dWant) <= TOL * Math.max(1, Math.abs(dWant)), `ln|det| n = ${n}`);
      assert.ok(relDiff(f, want) <= TOL, `S⁻¹ n = ${n}: ${relDiff(f, want)}`);
    }
  });
});
