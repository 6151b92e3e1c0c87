import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHermitianBlocks, bandEnergies, blochHamiltonian, electronBlocks } from '../../src/bands/bands.js';
import { cartesianK } from '../../src/bands/path.js';
import { InputError } from '../../src/errors.js';
import type { BlochBlocks } from '../../src/host/host.js';
import { prng } from '../rng.js';
import { CLOSED, spinful } from './closedForms.js';
import { nearestNeighbourBlocks, TEST_LATTICES, vectorMatrix } from './tightBinding.js';

const TAU = 2 * Math.PI;
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

test('bands of every preset equal their closed forms (random k, spin-degenerate bands twice)', () => {
  const rnd = prng(11);
  for (const [name, lattice] of Object.entries(TEST_LATTICES)) {
    const blocks = nearestNeighbourBlocks(lattice);
    const d = blocks.dim;
    const ks = Array.from({ length: 25 }, () => Array.from({ length: d }, () => rnd()));
    const bands = bandEnergies(blocks, ks);
    ks.forEach((k, q) => {
      const kc = cartesianK(k, vectorMatrix(lattice));
      close(bands[q]!, spinful(CLOSED[name]!(k, kc)), 1e-12, `${name} at k = ${k.join(',')}`);
    });
  }
});

test('chemical potential shifts every band by −μ', () => {
  const blocks = nearestNeighbourBlocks(TEST_LATTICES.honeycomb!, 1, 0.7);
  const k = [0.13, -0.41];
  close(bandEnergies(blocks, [k])[0]!, spinful(CLOSED.honeycomb!(k, []).map((e) => e - 0.7)), 1e-12, 'μ = 0.7');
});

/** Random complex blocks h(R) for R in a small set, with h(−R) = h(R)† so that H(k) is Hermitian. */
function randomBlocks(seed: number, dim: number, b: number, hermitian = true): BlochBlocks {
  const rnd = prng(seed);
  const Rs: number[][] = [[0, 0, 0]];
  for (let j = 0; j < 4; j++) {
    const R = [0, 0, 0].map((_, c) => (c === 0 ? j + 1 : c < dim ? Math.round(2 * rnd()) : 0)); // distinct, nonzero
    Rs.push(R, R.map((x) => -x));
  }
  const bb = 2 * b * b;
  const h = new Float64Array(Rs.length * bb);
  for (let j = 0; j < Rs.length; j++) for (let e = 0; e < bb; e++) h[j * bb + e] = rnd();
  if (hermitian) {
    // h(0) Hermitian, h(−R) := h(R)† (pairs sit at 2j − 1, 2j).
    const dagger = (src: number, dst: number) => {
      for (let r = 0; r < b; r++)
        for (let c = 0; c < b; c++) {
          h[dst * bb + 2 * (c * b + r)] = h[src * bb + 2 * (r * b + c)]!;
          h[dst * bb + 2 * (c * b + r) + 1] = -h[src * bb + 2 * (r * b + c) + 1]!;
        }
    };
    const h0 = h.slice(0, bb);
    for (let r = 0; r < b; r++)
      for (let c = 0; c < b; c++) {
        h[2 * (r * b + c)] = (h0[2 * (r * b + c)]! + h0[2 * (c * b + r)]!) / 2;
        h[2 * (r * b + c) + 1] = (h0[2 * (r * b + c) + 1]! - h0[2 * (c * b + r) + 1]!) / 2;
      }
    for (let j = 1; j < Rs.length; j += 2) dagger(j, j + 1);
  }
  return { dim, size: b, displacements: Int32Array.from(Rs.flat()), blocks: h };
}

/** H(k)_rc = Σ_R h(R)_rc e^{2πi k·R}, entry by entry, with complex exponentials written out. */
function straightforwardH(blocks: BlochBlocks, k: number[]): { re: number; im: number }[][] {
  const b = blocks.size, n = blocks.displacements.length / 3;
  const H = Array.from({ length: b }, () => Array.from({ length: b }, () => ({ re: 0, im: 0 })));
  for (let r = 0; r < b; r++)
    for (let c = 0; c < b; c++)
      for (let j = 0; j < n; j++) {
        let kR = 0;
        for (let a = 0; a < 3; a++) kR += (k[a] ?? 0) * blocks.displacements[3 * j + a]!;
        const [x, y] = [blocks.blocks[2 * (j * b * b + r * b + c)]!, blocks.blocks[2 * (j * b * b + r * b + c) + 1]!];
        H[r]![c]!.re += x * Math.cos(TAU * kR) - y * Math.sin(TAU * kR);
        H[r]![c]!.im += x * Math.sin(TAU * kR) + y * Math.cos(TAU * kR);
      }
  return H;
}

test('blochHamiltonian equals a straightforward Σ_R on random complex blocks; H(k) Hermitian, periodic in k', () => {
  for (const [seed, dim, b] of [[1, 1, 2], [2, 2, 4], [3, 3, 6], [4, 2, 12]] as const) {
    const blocks = randomBlocks(seed, dim, b);
    const rnd = prng(100 + seed);
    for (let q = 0; q < 5; q++) {
      const k = Array.from({ length: dim }, () => rnd());
      const H = blochHamiltonian(blocks, k);
      const ref = straightforwardH(blocks, k);
      for (let r = 0; r < b; r++)
        for (let c = 0; c < b; c++) {
          assert.ok(Math.abs(H[2 * (r * b + c)]! - ref[r]![c]!.re) < 1e-12 && Math.abs(H[2 * (r * b + c) + 1]! - ref[r]![c]!.im) < 1e-12, `entry ${r},${c}`);
          assert.ok(Math.abs(H[2 * (r * b + c)]! - H[2 * (c * b + r)]!) < 1e-12 && Math.abs(H[2 * (r * b + c) + 1]! + H[2 * (c * b + r) + 1]!) < 1e-12, `Hermitian ${r},${c}`);
        }
      const shifted = blochHamiltonian(blocks, k.map((x, a) => x + (a === 0 ? 1 : -2)));
      close(shifted, H, 1e-11, 'H(k + G) = H(k)');
    }
  }
});

test('bandEnergies: Σε = Tr H(k), Σε² = ‖H(k)‖², ascending (random complex blocks)', () => {
  const blocks = randomBlocks(7, 3, 8);
  const rnd = prng(8);
  const ks = Array.from({ length: 6 }, () => [rnd(), rnd(), rnd()]);
  const bands = bandEnergies(blocks, ks);
  ks.forEach((k, q) => {
    const ref = straightforwardH(blocks, k);
    const e = bands[q]!;
    for (let n = 1; n < e.length; n++) assert.ok(e[n]! >= e[n - 1]!, 'ascending');
    const trace = ref.reduce((s, row, r) => s + row[r]!.re, 0);
    const frob = ref.flat().reduce((s, z) => s + z.re * z.re + z.im * z.im, 0);
    assert.ok(Math.abs(e.reduce((s, x) => s + x, 0) - trace) < 1e-10, 'trace');
    assert.ok(Math.abs(e.reduce((s, x) => s + x * x, 0) - frob) < 1e-9 * frob, 'Frobenius');
  });
});

test('non-Hermitian blocks are rejected with one message naming the displacement', () => {
  const bad = randomBlocks(9, 2, 2, false);
  assert.throws(() => bandEnergies(bad, [[0, 0]]), (e: unknown) => e instanceof InputError && /not Hermitian.*R = \(/.test(e.message));
  const lonely: BlochBlocks = { dim: 1, size: 1, displacements: Int32Array.from([1, 0, 0]), blocks: Float64Array.from([1, 0]) };
  assert.throws(() => assertHermitianBlocks(lonely), /not Hermitian.*R = \(1,0,0\)/);
  const twice: BlochBlocks = { dim: 1, size: 1, displacements: Int32Array.from([0, 0, 0, 0, 0, 0]), blocks: Float64Array.from([1, 0, 1, 0]) };
  assert.throws(() => assertHermitianBlocks(twice), /appears twice/);
});

test('electronBlocks keeps the (c↑, c↓) rows and columns of every BdG orbital node', () => {
  const rnd = prng(12);
  const m = 3, B = 4 * m;
  const bdg: BlochBlocks = { dim: 2, size: B, displacements: Int32Array.from([0, 0, 0, 1, -1, 0]), blocks: Float64Array.from({ length: 2 * 2 * B * B }, () => rnd()) };
  const e = electronBlocks(bdg);
  assert.equal(e.size, 2 * m);
  for (let j = 0; j < 2; j++)
    for (let o = 0; o < m; o++)
      for (let s = 0; s < 2; s++)
        for (let p = 0; p < m; p++)
          for (let t = 0; t < 2; t++) {
            const src = 2 * (j * B * B + (4 * o + s) * B + 4 * p + t);
            const dst = 2 * (j * 4 * m * m + (2 * o + s) * 2 * m + 2 * p + t);
            assert.equal(e.blocks[dst], bdg.blocks[src]);
            assert.equal(e.blocks[dst + 1], bdg.blocks[src + 1]);
          }
  assert.throws(() => electronBlocks({ ...bdg, size: 6, blocks: new Float64Array(2 * 2 * 36) }), /4m/);
});
