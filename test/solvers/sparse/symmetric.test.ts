/**
 * The LDLᵀ route of multifrontal.ts: random real symmetric lattice matrices
 * (b = 2, the sector form of an s-wave host, and b = 1) make z − H complex
 * symmetric; G_KK and ln|det(z − H)| from schurGreens must equal a dense
 * Gaussian elimination written here, on 2D and 3D lattices large enough for
 * fronts beyond one 48-column panel, on and off the imaginary axis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockSparse } from '../../../src/hamiltonian/blockSparse.js';
import { planSchur, planSymbolic, schurGreens } from '../../../src/solvers/sparse/schur.js';
import { isComplexSymmetric } from '../../../src/solvers/sparse/multifrontal.js';
import { orbitalSectors, sectorMatrix } from '../../../src/solvers/sparse/sectors.js';
import { prng } from '../../rng.js';
import { activeKernels, setKernels } from '../../../src/solvers/sparse/wasm/kernels.js';

/** Real symmetric nearest-neighbour matrix on an open lattice, b×b blocks (stored complex, imaginary parts 0). */
function randomSymmetric(shape: number[], b: number, seed: number): BlockSparse {
  const r = prng(seed);
  const n = shape.reduce((p, q) => p * q, 1);
  const strides = shape.map((_, a) => shape.slice(a + 1).reduce((p, q) => p * q, 1));
  const coord = (s: number, a: number) => Math.floor(s / strides[a]!) % shape[a]!;
  const blocks = new Map<string, Float64Array>();
  const get = (u: number, v: number) => {
    const key = `${u},${v}`;
    let x = blocks.get(key);
    if (!x) blocks.set(key, (x = new Float64Array(2 * b * b)));
    return x;
  };
  for (let u = 0; u < n; u++) {
    const d = get(u, u);
    for (let i = 0; i < b; i++)
      for (let j = 0; j <= i; j++) d[2 * (i * b + j)] = d[2 * (j * b + i)] = i === j ? 2 * r() : 0.3 * r();
    for (let a = 0; a < shape.length; a++) {
      if (coord(u, a) + 1 >= shape[a]!) continue;
      const v = u + strides[a]!;
      const uv = get(u, v), vu = get(v, u);
      for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) uv[2 * (i * b + j)] = vu[2 * (j * b + i)] = -1 + 0.4 * r();
    }
  }
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let u = 0; u < n; u++) {
    const row = [...blocks.keys()].map((k) => k.split(',').map(Number)).filter(([x]) => x === u).map(([, y]) => y!).sort((p, q) => p - q);
    for (const v of row) {
      cols.push(v);
      vals.push(...blocks.get(`${u},${v}`)!);
    }
    rowPtr[u + 1] = cols.length;
  }
  return { nSites: n, b, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) } as BlockSparse;
}

/** Dense (z − H)⁻¹ on the kept sites and ln|det(z − H)|, by Gaussian elimination with partial pivoting. */
function denseReference(h: BlockSparse, kept: number[], z: { re: number; im: number }) {
  const b = h.b, N = h.nSites * b;
  const M = kept.length * b;
  const W = N + M;
  const a = new Float64Array(2 * N * W);
  for (let u = 0; u < h.nSites; u++)
    for (let k = h.rowPtr[u]!; k < h.rowPtr[u + 1]!; k++)
      for (let i = 0; i < b; i++)
        for (let j = 0; j < b; j++) {
          const o = 2 * ((u * b + i) * W + h.colIdx[k]! * b + j);
          a[o] -= h.values[2 * (k * b * b + i * b + j)]!;
          a[o + 1] -= h.values[2 * (k * b * b + i * b + j) + 1]!;
        }
  for (let i = 0; i < N; i++) {
    a[2 * (i * W + i)] += z.re;
    a[2 * (i * W + i) + 1] += z.im;
  }
  kept.forEach((s, m) => { for (let i = 0; i < b; i++) a[2 * ((s * b + i) * W + N + m * b + i)] = 1; });
  let logAbsDet = 0;
  for (let k = 0; k < N; k++) {
    let p = k, best = -1;
    for (let i = k; i < N; i++) { const x = Math.hypot(a[2 * (i * W + k)]!, a[2 * (i * W + k) + 1]!); if (x > best) { best = x; p = i; } }
    if (p !== k) for (let j = 0; j < 2 * W; j++) { const t = a[2 * k * W + j]!; a[2 * k * W + j] = a[2 * p * W + j]!; a[2 * p * W + j] = t; }
    logAbsDet += Math.log(best);
    const pr = a[2 * (k * W + k)]!, pi = a[2 * (k * W + k) + 1]!, d2 = pr * pr + pi * pi;
    for (let i = k + 1; i < N; i++) {
      const xr = a[2 * (i * W + k)]!, xi = a[2 * (i * W + k) + 1]!;
      if (xr === 0 && xi === 0) continue;
      const lr = (xr * pr + xi * pi) / d2, li = (xi * pr - xr * pi) / d2;
      for (let j = k; j < W; j++) {
        const ur = a[2 * (k * W + j)]!, ui = a[2 * (k * W + j) + 1]!;
        a[2 * (i * W + j)] -= lr * ur - li * ui;
        a[2 * (i * W + j) + 1] -= lr * ui + li * ur;
      }
    }
  }
  const x = new Float64Array(2 * N * M);
  for (let i = N - 1; i >= 0; i--) {
    const pr = a[2 * (i * W + i)]!, pi = a[2 * (i * W + i) + 1]!, d2 = pr * pr + pi * pi;
    for (let c = 0; c < M; c++) {
      let sr = a[2 * (i * W + N + c)]!, si = a[2 * (i * W + N + c) + 1]!;
      for (let j = i + 1; j < N; j++) {
        const ur = a[2 * (i * W + j)]!, ui = a[2 * (i * W + j) + 1]!, vr = x[2 * (j * M + c)]!, vi = x[2 * (j * M + c) + 1]!;
        sr -= ur * vr - ui * vi;
        si -= ur * vi + ui * vr;
      }
      x[2 * (i * M + c)] = (sr * pr + si * pi) / d2;
      x[2 * (i * M + c) + 1] = (si * pr - sr * pi) / d2;
    }
  }
  const greens = new Float64Array(2 * M * M);
  kept.forEach((s, m) => { for (let i = 0; i < b; i++) for (let c = 0; c < M; c++) { greens[2 * ((m * b + i) * M + c)] = x[2 * ((s * b + i) * M + c)]!; greens[2 * ((m * b + i) * M + c) + 1] = x[2 * ((s * b + i) * M + c) + 1]!; } });
  return { greens, logAbsDet };
}

for (const [shape, b, kept] of [[[6, 6, 6], 2, [129, 0, 215, 90]], [[14, 12], 2, [85, 86, 87, 3]], [[9, 8, 7], 1, [250, 251, 0]]] as const) {
  test(`LDLᵀ route (JavaScript kernels) and LU (the WebAssembly kernels' choice) on a random real symmetric ${shape.join('×')} lattice, b = ${b}: G_KK and ln|det| equal dense`, () => {
    const h = randomSymmetric([...shape], b, 7 + b + shape.length);
    const plan = planSchur(h, { shape: [...shape], periodic: shape.map(() => false) }, [...kept]);
    const sym = planSymbolic(plan);
    const initial = activeKernels();
    for (const kernels of ['js', 'auto'] as const)
    for (const z of [{ re: 0, im: 1e-3 }, { re: 0, im: 0.5 }, { re: 0.4, im: 0.05 }]) {
      setKernels(kernels);
      assert.ok(orbitalSectors(h).every((s) => isComplexSymmetric(sym, sectorMatrix(h, s, z))), 'every sector complex symmetric');
      const got = schurGreens(plan, h, z);
      setKernels(initial);
      const ref = denseReference(h, [...kept], z);
      let scale = 0, diff = 0;
      for (let i = 0; i < ref.greens.length; i += 2) {
        scale = Math.max(scale, Math.hypot(ref.greens[i]!, ref.greens[i + 1]!));
        diff = Math.max(diff, Math.hypot(got.greens[i]! - ref.greens[i]!, got.greens[i + 1]! - ref.greens[i + 1]!));
      }
      assert.ok(diff <= 1e-10 * scale, `z = ${z.re}+${z.im}i: G rel. error ${diff / scale}`);
      assert.ok(Math.abs(got.logAbsDet - ref.logAbsDet) <= 1e-10 * Math.abs(ref.logAbsDet), `ln|det| ${got.logAbsDet} vs ${ref.logAbsDet}`);
    }
  });
}
