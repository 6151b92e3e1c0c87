import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CubicLattice } from '../../src/lattice/lattice.js';
import { HamiltonianBuilder } from '../../src/hamiltonian/builder.js';
import { add, isigma2, mul, scale, sigma, sigma0, sigma1, sigma2, sigma3, maxDiff, mat2 } from '../../src/hamiltonian/pauli.js';
import { pwave, rashba } from '../../src/hamiltonian/terms.js';
import { parseDVector } from '../../src/hamiltonian/dvector.js';
import { InputError } from '../../src/errors.js';

test('Pauli algebra: σ_a σ_b = δ_ab + i ε_abc σ_c', () => {
  assert.ok(maxDiff(mul(sigma1, sigma2), scale({ re: 0, im: 1 }, sigma3)) < 1e-15);
  for (const s of sigma) assert.ok(maxDiff(mul(s, s), sigma0) < 1e-15);
  assert.ok(maxDiff(isigma2, scale({ re: 0, im: 1 }, sigma2)) < 1e-15);
});

test('H_ij fills the electron block and −H_ij* the hole block; Δ_ij fills (i,j) upper right and Δ_ij† in (j,i) lower left', () => {
  const lat = new CubicLattice([2]);
  const h = mat2({ re: 1, im: 2 }, { re: 3, im: 4 }, { re: 5, im: 6 }, { re: 7, im: 8 });
  const hd = mat2({ re: 1, im: -2 }, { re: 5, im: -6 }, { re: 3, im: -4 }, { re: 7, im: -8 });
  const d = mat2({ re: 0.1, im: 0.2 }, { re: 0.3, im: 0.4 }, { re: 0.5, im: 0.6 }, { re: 0.7, im: 0.8 });
  const H = new HamiltonianBuilder(lat).setH(0, 1, h).setH(1, 0, hd).setDelta(0, 1, d).build();
  const m = H.dense();
  const at = (r: number, c: number) => [m[2 * (r * 8 + c)], m[2 * (r * 8 + c) + 1]];
  assert.deepEqual(at(0, 4 + 1), [3, 4]);
  assert.deepEqual(at(2, 4 + 3), [-3, 4]);
  assert.deepEqual(at(3, 4 + 3), [-7, 8]);
  assert.deepEqual(at(0, 4 + 2), [0.1, 0.2]);
  assert.deepEqual(at(4 + 2, 1), [0.5, -0.6]);
});

test('a non-Hermitian assignment is rejected, naming the block', () => {
  const lat = new CubicLattice([3, 3]);
  const b = new HamiltonianBuilder(lat).setH([0, 0], [1, 0], scale(-1, sigma0));
  assert.throws(() => b.build(), (e: unknown) => e instanceof InputError && /block \(0, 3\)/.test(e.message) && /\[0, 0\]/.test(e.message));
  assert.throws(() => new HamiltonianBuilder(lat).setH([0, 0], [0, 0], mat2(0, 1, 0, 0)).build(), InputError);
  assert.throws(() => new HamiltonianBuilder(lat).setH(99, 0, sigma0), InputError);
  // Finite terms whose sum overflows: named by their block.
  const big = new HamiltonianBuilder(lat).addH(4, 4, scale(1e308, sigma0)).addH(4, 4, scale(1e308, sigma0));
  assert.throws(() => big.build(), /^InputError: hamiltonian: block \(4, 4\) has a non-finite entry \(Infinity\)/);
});

test('Rashba term: iλ(δ_x σ2 − δ_y σ1), Hermitian over a bond pair', () => {
  const f = rashba(0.3, [1, 0, 0]);
  assert.ok(maxDiff(f, scale({ re: 0, im: 0.3 }, sigma2)) < 1e-15);
  const back = rashba(0.3, [-1, 0, 0]);
  const dagger = mat2({ re: f[0]!, im: -f[1]! }, { re: f[4]!, im: -f[5]! }, { re: f[2]!, im: -f[3]! }, { re: f[6]!, im: -f[7]! });
  assert.ok(maxDiff(back, dagger) < 1e-15);
  assert.ok(maxDiff(rashba(0.3, [0, 1, 0]), scale({ re: 0, im: -0.3 }, sigma1)) < 1e-15);
});

test('p-wave from a d-vector: e_z p_x gives −Δ_p δ_x/2 σ1 on x bonds, nothing on y bonds; odd under δ → −δ', () => {
  const D = parseDVector('e_z * p_x');
  const dp = { re: 0, im: 0.1 };
  assert.ok(maxDiff(pwave(dp, D, [1, 0, 0]), scale({ re: 0, im: -0.05 }, sigma1)) < 1e-15);
  assert.ok(maxDiff(pwave(dp, D, [0, 1, 0]), new Float64Array(8)) < 1e-15);
  assert.ok(maxDiff(add(pwave(dp, D, [1, 0, 0]), pwave(dp, D, [-1, 0, 0])), new Float64Array(8)) < 1e-15);
});

test('random sequences of set/add of H and Δ on a 6×6 lattice (hundreds of blocks; generic and prepared-term additions, with and without reserve) equal a dense accumulation of the same rules', async () => {
  const { prng } = await import('../rng.js');
  const lat = new CubicLattice([6, 6]);
  const n = lat.nNodes, dim = 4 * n;
  for (const seed of [1, 2, 3]) {
    const signed = prng(seed);
    const r = () => 0.5 * (signed() + 1);
    const b = new HamiltonianBuilder(lat);
    // A reservation below, at or above the final count changes nothing but the allocations.
    if (seed > 1) b.reserve(seed === 2 ? 10 : 5000);
    const ref = new Float64Array(2 * dim * dim);
    const put = (row: number, col: number, re: number, im: number, accumulate: boolean) => {
      const o = 2 * (row * dim + col);
      ref[o] = (accumulate ? ref[o]! : 0) + re;
      ref[o + 1] = (accumulate ? ref[o + 1]! : 0) + im;
    };
    const random2 = () => mat2({ re: r() - 0.5, im: r() - 0.5 }, { re: r() - 0.5, im: r() - 0.5 }, { re: r() - 0.5, im: r() - 0.5 }, { re: r() - 0.5, im: r() - 0.5 });
    const dagger = (m: Float64Array) => mat2({ re: m[0]!, im: -m[1]! }, { re: m[4]!, im: -m[5]! }, { re: m[2]!, im: -m[3]! }, { re: m[6]!, im: -m[7]! });
    const h = (i: number, j: number, m: Float64Array, accumulate: boolean) => {
      if (!accumulate) b.setH(i, j, m);
      else if (r() < 0.5) b.addH(i, j, m);
      else b.addTermH(i, j, b.term(m));
      for (let a = 0; a < 2; a++)
        for (let c = 0; c < 2; c++) {
          const k = 2 * (2 * a + c);
          put(4 * i + a, 4 * j + c, m[k]!, m[k + 1]!, accumulate);
          put(4 * i + 2 + a, 4 * j + 2 + c, -m[k]!, m[k + 1]!, accumulate);
        }
    };
    const delta = (i: number, j: number, m: Float64Array, accumulate: boolean) => {
      if (!accumulate) b.setDelta(i, j, m);
      else if (r() < 0.5) b.addDelta(i, j, m);
      else b.addTermDelta(i, j, b.term(m));
      for (let a = 0; a < 2; a++)
        for (let c = 0; c < 2; c++) {
          const k = 2 * (2 * a + c);
          put(4 * i + a, 4 * j + 2 + c, m[k]!, m[k + 1]!, accumulate);
          put(4 * j + 2 + c, 4 * i + a, m[k]!, -m[k + 1]!, accumulate);
        }
    };
    for (let op = 0; op < 400; op++) {
      const i = Math.floor(r() * n), j = r() < 0.3 ? i : Math.floor(r() * n);
      const m = random2();
      const accumulate = r() < 0.6;
      if (r() < 0.5) {
        // H and its Hermitian partner (on the diagonal: m + m†, Hermitian by construction).
        if (i === j) h(i, i, add(m, dagger(m)), accumulate);
        else {
          h(i, j, m, accumulate);
          h(j, i, dagger(m), accumulate);
        }
      } else if (i !== j) delta(i, j, m, accumulate);
    }
    const got = b.build().dense();
    for (let e = 0; e < ref.length; e++) assert.ok(Math.abs(got[e]! - ref[e]!) < 1e-15, `seed ${seed} entry ${e}`);
  }
});

test('prepared terms: addTermH/addTermDelta are bitwise addH/addDelta; bad terms, node indices and reservations are one-line InputErrors naming the field', () => {
  const lat = new CubicLattice([4, 3]);
  const m = mat2({ re: 0.3, im: -0.1 }, { re: 1e-17, im: 0.7 }, { re: -0.2, im: 0 }, { re: 0.4, im: 0.25 });
  const generic = new HamiltonianBuilder(lat), prepared = new HamiltonianBuilder(lat).reserve(40);
  const t = prepared.term(m);
  for (const [i, j] of [[0, 1], [1, 0], [5, 5], [0, 1], [11, 7]] as const) {
    generic.addH(i, j, m).addDelta(i, j, m);
    prepared.addTermH(i, j, t).addTermDelta(i, j, t);
  }
  // Hermiticity is not the point here: compare the raw stores through a tolerant build.
  const a = generic.build(1e300).matrix, c = prepared.build(1e300).matrix;
  assert.deepEqual(Array.from(c.rowPtr), Array.from(a.rowPtr));
  assert.deepEqual(Array.from(c.colIdx), Array.from(a.colIdx));
  assert.ok(c.values.every((v, k) => Object.is(v, a.values[k])), 'bitwise equal values');
  const b = new HamiltonianBuilder(lat);
  const fails = (f: () => unknown, field: string) => assert.throws(f, (e: unknown) => e instanceof InputError && e.field === field && !e.message.includes('\n'));
  fails(() => b.term(mat2({ re: NaN, im: 0 }, { re: 0, im: 0 }, { re: 0, im: 0 }, { re: 0, im: 0 }), 'hopping'), 'hopping');
  fails(() => b.term(new Float64Array(4), 'hopping'), 'hopping');
  fails(() => b.addTermH(12, 0, t), 'H.i');
  fails(() => b.addTermH(0, -1, t), 'H.j');
  fails(() => b.addTermDelta(0.5, 0, t), 'Delta.i');
  fails(() => b.reserve(-1), 'blocks');
  fails(() => b.reserve(1.5), 'blocks');
});
