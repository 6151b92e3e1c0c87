import { test } from 'node:test';
import assert from 'node:assert/strict';
import { infiniteGreens, checkBlochBlocks, type BlochBlocks } from '../../src/solvers/infinite/index.js';
import { InputError } from '../../src/errors.js';
import { prng } from '../rng.js';
import { squareLatticeGreens } from '../squareChainReference.js';

/** Normal square lattice, one scalar orbital: h(0) = −μ, h(±x̂) = h(±ŷ) = −t. */
function squareBlocks(mu: number, t = 1): BlochBlocks {
  return { dim: 2, size: 1, displacements: new Int32Array([0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0]), blocks: new Float64Array([-mu, 0, -t, 0, -t, 0, -t, 0, -t, 0]) };
}

const relDiff = (a: ArrayLike<number>, b: ArrayLike<number>, i: number) => Math.hypot(a[2 * i]! - b[2 * i]!, a[2 * i + 1]! - b[2 * i + 1]!) / Math.hypot(b[2 * i]!, b[2 * i + 1]!);

test('square lattice: G(R, i w) equals the chain closed form integrated over k_x, for w down to 1e-12', () => {
  const mu = -1;
  const R: [number, number][] = [[0, 0], [1, 0], [0, 3], [5, -2], [40, 0], [0, -40], [17, 11]];
  const wanted = new Int32Array(R.flatMap(([x, y]) => [x, y, 0]));
  for (const w of [0.3, 0.02, 1e-4, 1e-8, 1e-12]) {
    const got = infiniteGreens(squareBlocks(mu), wanted, { re: 0, im: w }, { tolerance: 1e-9 });
    // G_{0,R} = ∫ e^{−ik·R} g(k): the reference is even in R, so the sign convention is checked by the next test.
    const want = squareLatticeGreens(R, w, mu);
    // At w ~ 1e-8 the two quadratures of the smoothed band-edge singularities agree to ~1e-7 (elsewhere ~1e-11).
    const allowed = w >= 1e-4 ? 1e-8 : 3e-7;
    R.forEach((_, i) => assert.ok(relDiff(got.greens, want, i) < allowed, `w = ${w}, R = [${R[i]}]: ${got.greens[2 * i]} ${got.greens[2 * i + 1]} vs ${want[2 * i]} ${want[2 * i + 1]}`));
  }
});

/** Brute force: G(R) = (1/M²) Σ_k e^{−2πik·R} (z − H(k))⁻¹ on an M² mesh (exponentially accurate for Im z not small). */
function meshGreens(b: BlochBlocks, R: readonly number[], w: number, M: number): Float64Array {
  const N = b.size, count = b.displacements.length / 3;
  const out = new Float64Array(2 * N * N);
  const A = new Float64Array(2 * N * N), inv = new Float64Array(2 * N * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < M; j++) {
      const k = [i / M, j / M];
      // z − H(k)
      A.fill(0);
      for (let d = 0; d < N; d++) A[2 * (d * N + d) + 1] = w;
      for (let c = 0; c < count; c++) {
        const ang = 2 * Math.PI * (k[0]! * b.displacements[3 * c]! + k[1]! * b.displacements[3 * c + 1]!);
        const [cr, ci] = [Math.cos(ang), Math.sin(ang)];
        for (let e = 0; e < N * N; e++) {
          const hr = b.blocks[2 * (N * N * c + e)]!, hi = b.blocks[2 * (N * N * c + e) + 1]!;
          A[2 * e] -= hr * cr - hi * ci;
          A[2 * e + 1] -= hr * ci + hi * cr;
        }
      }
      invert(N, A, inv);
      const ang = -2 * Math.PI * (k[0]! * R[0]! + k[1]! * R[1]!);
      const [cr, ci] = [Math.cos(ang) / (M * M), Math.sin(ang) / (M * M)];
      for (let e = 0; e < N * N; e++) {
        out[2 * e] += inv[2 * e]! * cr - inv[2 * e + 1]! * ci;
        out[2 * e + 1] += inv[2 * e]! * ci + inv[2 * e + 1]! * cr;
      }
    }
  return out;
}

/** Gauss–Jordan inverse of a small complex matrix (test-only). */
function invert(n: number, a: Float64Array, out: Float64Array): void {
  const m = a.slice();
  out.fill(0);
  for (let d = 0; d < n; d++) out[2 * (d * n + d)] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.hypot(m[2 * (r * n + c)]!, m[2 * (r * n + c) + 1]!) > Math.hypot(m[2 * (p * n + c)]!, m[2 * (p * n + c) + 1]!)) p = r;
    for (const x of [m, out]) for (let k = 0; k < 2 * n; k++) [x[2 * c * n + k], x[2 * p * n + k]] = [x[2 * p * n + k]!, x[2 * c * n + k]!];
    const dr = m[2 * (c * n + c)]!, di = m[2 * (c * n + c) + 1]!, dm = dr * dr + di * di;
    for (const x of [m, out])
      for (let k = 0; k < n; k++) {
        const vr = x[2 * (c * n + k)]!, vi = x[2 * (c * n + k) + 1]!;
        x[2 * (c * n + k)] = (vr * dr + vi * di) / dm;
        x[2 * (c * n + k) + 1] = (vi * dr - vr * di) / dm;
      }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const fr = m[2 * (r * n + c)]!, fi = m[2 * (r * n + c) + 1]!;
      for (const x of [m, out])
        for (let k = 0; k < n; k++) {
          const vr = x[2 * (c * n + k)]!, vi = x[2 * (c * n + k) + 1]!;
          x[2 * (r * n + k)] -= fr * vr - fi * vi;
          x[2 * (r * n + k) + 1] -= fr * vi + fi * vr;
        }
    }
  }
}

test('random Bloch blocks (3 components, diagonal couplings, complex entries): G(R) equals a fine k-mesh sum', () => {
  const rand = prng(20261201);
  for (let trial = 0; trial < 3; trial++) {
    const N = 3;
    const R = [[0, 0], [1, 0], [0, 1], [1, 1], [1, -1]];
    const disp: number[] = [];
    const blocks: number[] = [];
    const mats = R.map(() => Array.from({ length: 2 * N * N }, () => rand()));
    R.forEach(([x, y], c) => {
      const m = mats[c]!;
      if (c === 0) {
        // Hermitian on-site block
        const h = new Array(2 * N * N).fill(0);
        for (let a = 0; a < N; a++)
          for (let b = 0; b < N; b++) {
            h[2 * (a * N + b)] = (m[2 * (a * N + b)]! + m[2 * (b * N + a)]!) / 2;
            h[2 * (a * N + b) + 1] = a === b ? 0 : (m[2 * (a * N + b) + 1]! - m[2 * (b * N + a) + 1]!) / 2;
          }
        disp.push(0, 0, 0);
        blocks.push(...h);
        return;
      }
      disp.push(x!, y!, 0, -x!, -y!, 0);
      blocks.push(...m);
      const dag = new Array(2 * N * N).fill(0);
      for (let a = 0; a < N; a++)
        for (let b = 0; b < N; b++) {
          dag[2 * (a * N + b)] = m[2 * (b * N + a)]!;
          dag[2 * (a * N + b) + 1] = -m[2 * (b * N + a) + 1]!;
        }
      blocks.push(...dag);
    });
    const b: BlochBlocks = { dim: 2, size: N, displacements: new Int32Array(disp), blocks: new Float64Array(blocks) };
    checkBlochBlocks(b);
    const wanted = [[0, 0], [2, -1], [-3, 4]];
    const w = 0.8;
    const got = infiniteGreens(b, new Int32Array(wanted.flatMap(([x, y]) => [x!, y!, 0])), { re: 0.1, im: w }, { tolerance: 1e-10 });
    wanted.forEach((r, i) => {
      const shifted = meshGreensShifted(b, r, 0.1, w, 128);
      for (let e = 0; e < N * N; e++) {
        const d = Math.hypot(got.greens[2 * (N * N * i + e)]! - shifted[2 * e]!, got.greens[2 * (N * N * i + e) + 1]! - shifted[2 * e + 1]!);
        assert.ok(d < 1e-9, `trial ${trial}, R = [${r}], entry ${e}: off by ${d}`);
      }
    });
  }
});

/** meshGreens at z = zr + i w: shift the on-site block by −zr. */
function meshGreensShifted(b: BlochBlocks, R: readonly number[], zr: number, w: number, M: number): Float64Array {
  const N = b.size;
  const blocks = b.blocks.slice();
  for (let d = 0; d < N; d++) blocks[2 * (d * N + d)] -= zr;
  return meshGreens({ ...b, blocks }, R, w, M);
}

test('1D chain (exact) and 3D cubic (nested quadrature) against k-mesh sums', () => {
  const chain: BlochBlocks = { dim: 1, size: 1, displacements: new Int32Array([0, 0, 0, 1, 0, 0, -1, 0, 0]), blocks: new Float64Array([0.5, 0, -1, 0, -1, 0]) };
  const g = infiniteGreens(chain, new Int32Array([0, 0, 0, 3, 0, 0, -2, 0, 0]), { re: 0, im: 0.2 });
  [0, 3, -2].forEach((r, i) => {
    let re = 0, im = 0;
    const M = 4000;
    for (let n = 0; n < M; n++) {
      const k = (2 * Math.PI * n) / M, e = 0.5 - 2 * Math.cos(k);
      const d = e * e + 0.04, gr = -e / d, gi = -0.2 / d;
      re += (gr * Math.cos(k * r) + gi * Math.sin(k * r)) / M;
      im += (gi * Math.cos(k * r) - gr * Math.sin(k * r)) / M;
    }
    assert.ok(Math.hypot(g.greens[2 * i]! - re, g.greens[2 * i + 1]! - im) < 1e-12, `chain R = ${r}`);
  });
  const cubic: BlochBlocks = {
    dim: 3,
    size: 1,
    displacements: new Int32Array([0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1]),
    blocks: new Float64Array([1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0]),
  };
  const R = [[0, 0, 0], [2, 1, 0], [0, 0, 3]];
  const got = infiniteGreens(cubic, new Int32Array(R.flat()), { re: 0, im: 1 }, { tolerance: 1e-8 });
  R.forEach((r, i) => {
    let re = 0, im = 0;
    const M = 48;
    for (let a = 0; a < M; a++)
      for (let b = 0; b < M; b++)
        for (let c = 0; c < M; c++) {
          const k = [a, b, c].map((n) => (2 * Math.PI * n) / M);
          const e = 1 - 2 * (Math.cos(k[0]!) + Math.cos(k[1]!) + Math.cos(k[2]!));
          const d = e * e + 1, gr = -e / d, gi = -1 / d;
          const ph = k[0]! * r[0]! + k[1]! * r[1]! + k[2]! * r[2]!;
          re += (gr * Math.cos(ph) + gi * Math.sin(ph)) / M ** 3;
          im += (gi * Math.cos(ph) - gr * Math.sin(ph)) / M ** 3;
        }
    assert.ok(Math.hypot(got.greens[2 * i]! - re, got.greens[2 * i + 1]! - im) < 1e-8 * Math.hypot(re, im), `cubic R = [${r}]`);
  });
});

test('bad Bloch blocks and energies are InputErrors naming the field', () => {
  const expect = (fn: () => unknown, field: string) => assert.throws(fn, (e: unknown) => e instanceof InputError && e.field === field);
  const b = squareBlocks(-1);
  expect(() => checkBlochBlocks({ ...b, blocks: new Float64Array([-1, 0, -1, 0, -2, 0, -1, 0, -1, 0]) }), 'blocks');
  expect(() => checkBlochBlocks({ ...b, blocks: new Float64Array(4) }), 'blocks.blocks');
  expect(() => infiniteGreens(b, new Int32Array([0, 0, 0]), { re: 0, im: 0 }), 'z');
  expect(() => infiniteGreens(b, new Int32Array([0, 0]), { re: 0, im: 1 }), 'wanted');
  expect(() => infiniteGreens({ ...b, displacements: new Int32Array([0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 2, 0, 0, -2, 0]) }, new Int32Array([0, 0, 0]), { re: 0, im: 1 }), 'blocks.displacements');
});
