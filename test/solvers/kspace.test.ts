import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import type { BdGHamiltonian } from '../../src/hamiltonian/bdg.js';
import { parseModel, type ModelInput } from '../../src/model/model.js';
import { hostHamiltonian, modelHamiltonian } from '../../src/model/hamiltonian.js';
import { DFT_MAX_LENGTH, kspaceGreens, kspaceGreensTable, lineTransform, planKSpace, type KSpaceOptions } from '../../src/solvers/kspace/index.js';

type Z = { re: number; im: number };

/** (z − A)⁻¹ and ln|det(z − A)| of a dense n×n complex matrix, Gauss–Jordan with partial pivoting. */
function denseResolvent(a: Float64Array, n: number, z: Z): { inv: Float64Array; logAbsDet: number } {
  const m = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) m[k] = -a[k]!;
  for (let i = 0; i < n; i++) {
    m[2 * (i * n + i)] += z.re;
    m[2 * (i * n + i) + 1] += z.im;
  }
  const inv = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) inv[2 * (i * n + i)] = 1;
  let logAbsDet = 0;
  for (let c = 0; c < n; c++) {
    let p = c, best = -1;
    for (let r = c; r < n; r++) {
      const q = 2 * (r * n + c), mag = m[q]! ** 2 + m[q + 1]! ** 2;
      if (mag > best) [best, p] = [mag, r];
    }
    for (let e = 0; e < 2 * n; e++) {
      const s = 2 * c * n + e, t = 2 * p * n + e;
      [m[s], m[t]] = [m[t]!, m[s]!];
      [inv[s], inv[t]] = [inv[t]!, inv[s]!];
    }
    logAbsDet += 0.5 * Math.log(best);
    const pr = m[2 * (c * n + c)]! / best, pi = -m[2 * (c * n + c) + 1]! / best;
    for (const mat of [m, inv])
      for (let e = 0; e < n; e++) {
        const s = 2 * (c * n + e), xr = mat[s]!, xi = mat[s + 1]!;
        mat[s] = xr * pr - xi * pi;
        mat[s + 1] = xr * pi + xi * pr;
      }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const fr = m[2 * (r * n + c)]!, fi = m[2 * (r * n + c) + 1]!;
      if (fr === 0 && fi === 0) continue;
      for (const mat of [m, inv])
        for (let e = 0; e < n; e++) {
          const s = 2 * (c * n + e), t = 2 * (r * n + e);
          mat[t] -= fr * mat[s]! - fi * mat[s + 1]!;
          mat[t + 1] -= fr * mat[s + 1]! + fi * mat[s]!;
        }
    }
  }
  return { inv, logAbsDet };
}

const ZS: Z[] = [
  { re: 0, im: 0.05 },
  { re: 0, im: 0.7 },
  { re: 0, im: 3 },
  { re: 0.3, im: -0.2 },
];

/** Max deviation of kspaceGreens from the dense resolvent, relative to max |G|, and the ln|det| difference. */
function compareWithDense(h: BdGHamiltonian, options: KSpaceOptions, kept: number[], z: Z): { greensError: number; logDetError: number } {
  const plan = planKSpace(h, options);
  const { greens, logAbsDet } = kspaceGreens(plan, kept, z);
  const n = h.dim;
  const ref = denseResolvent(h.dense(), n, z);
  const m = kept.length;
  let err = 0, scale = 0;
  for (let p = 0; p < m; p++)
    for (let q = 0; q < m; q++)
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 4; c++) {
          const g = 2 * ((4 * p + a) * 4 * m + 4 * q + c);
          const d = 2 * ((4 * kept[p]! + a) * n + 4 * kept[q]! + c);
          err = Math.max(err, Math.hypot(greens[g]! - ref.inv[d]!, greens[g + 1]! - ref.inv[d + 1]!));
          scale = Math.max(scale, Math.hypot(ref.inv[d]!, ref.inv[d + 1]!));
        }
  return { greensError: err / scale, logDetError: Math.abs(logAbsDet - ref.logAbsDet) / Math.max(1, Math.abs(ref.logAbsDet)) };
}

const allSites = (h: BdGHamiltonian) => Array.from({ length: h.lattice.nSites }, (_, i) => i);

function checkModel(name: string, input: ModelInput, options: KSpaceOptions = {}, kept?: (h: BdGHamiltonian) => number[]) {
  test(`k-space G0 matches the dense inverse: ${name}`, () => {
    const h = hostHamiltonian(parseModel(input));
    const sites = kept ? kept(h) : allSites(h);
    for (const z of ZS) {
      const { greensError, logDetError } = compareWithDense(h, options, sites, z);
      assert.ok(greensError < 1e-11, `${name}, z = ${z.re} + ${z.im}i: G error ${greensError}`);
      assert.ok(logDetError < 1e-12, `${name}, z = ${z.re} + ${z.im}i: ln|det| error ${logDetError}`);
    }
  });
}

const ring = (L: number) => ({ shape: [L], periodic: [true] });
const torus = (...shape: number[]) => ({ shape, periodic: shape.map(() => true) });

checkModel('1D ring L = 8, normal', { lattice: ring(8), chemicalPotential: -0.5 });
checkModel('1D ring L = 7, s-wave', { lattice: ring(7), chemicalPotential: 0.3, pairing: { s: 0.4 } });
checkModel('1D ring L = 3, s-wave + Zeeman', { lattice: ring(3), chemicalPotential: -1, zeeman: [0, 0, 0.3], pairing: { s: 0.5 } });
checkModel('1D ring L = 67 (Bluestein), s + p', { lattice: ring(67), chemicalPotential: -1.2, pairing: { s: 0.2, p: [0, 0.3], dVector: 'e_z * p_x' } }, {}, () => [0, 1, 5, 33, 34, 66, 5]);
checkModel('2D torus 6×10, normal', { lattice: torus(6, 10), chemicalPotential: -0.7 });
checkModel('2D torus 6×10, s-wave', { lattice: torus(6, 10), chemicalPotential: -0.7, pairing: { s: 0.3 } });
checkModel('2D torus 6×10, Rashba + Zeeman + s-wave', {
  lattice: torus(6, 10),
  chemicalPotential: -1.1,
  rashba: 0.25,
  zeeman: [0.1, -0.2, 0.3],
  pairing: { s: [0.2, 0.1] },
});
checkModel('2D torus 5×6, p-wave e_z p_x', { lattice: torus(5, 6), chemicalPotential: -0.5, pairing: { p: 0.4, dVector: 'e_z * p_x' } });
checkModel('2D torus 5×6, chiral p-wave', {
  lattice: torus(5, 6),
  chemicalPotential: -0.5,
  pairing: { p: 0.4, dVector: '(e_x + je_y) * (p_x + jp_y) / 2' },
});
checkModel('2D torus 6×5, d-wave', { lattice: torus(6, 5), chemicalPotential: -0.4, pairing: { d: 0.3 } });
checkModel('2D torus 3×3, s + ip_x with Rashba', {
  lattice: torus(3, 3),
  chemicalPotential: -1,
  rashba: 0.2,
  pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' },
});
checkModel('2D torus 8×4, s + ip_x', { lattice: torus(8, 4), chemicalPotential: -3, pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' } });
for (const nu of [1, -1, 2])
  checkModel(`2D torus 6×5, s-wave, winding ν = ${nu}`, { lattice: torus(6, 5), chemicalPotential: -0.6, pairing: { s: 0.3, winding: nu } }, { winding: nu });
checkModel('2D torus 5×4, Rashba + s + ip_x + d, winding ν = 1', {
  lattice: torus(5, 4),
  chemicalPotential: -0.6,
  rashba: 0.3,
  zeeman: [0, 0.2, 0],
  pairing: { s: 0.2, p: [0, 0.3], dVector: 'e_z * p_x', d: 0.1, winding: 1 },
}, { winding: 1 });
checkModel('2D torus 2×5 (2-site axis, no wrap bond)', { lattice: torus(2, 5), chemicalPotential: -0.2, pairing: { s: 0.3 } });
checkModel('2D 7×1 (size-1 axis), s-wave, winding ν = 1', { lattice: torus(7, 1), chemicalPotential: -0.2, pairing: { s: 0.3, winding: 1 } }, { winding: 1 });
checkModel('3D torus 3×4×4, s-wave + Rashba', { lattice: torus(3, 4, 4), chemicalPotential: -1.5, rashba: 0.2, pairing: { s: 0.25 } });
checkModel('kept sites: subset with repeats and reversed order', { lattice: torus(6, 10), chemicalPotential: -0.7, pairing: { s: 0.3, winding: 1 } }, { winding: 1 }, () => [59, 3, 17, 3, 0, 44]);
checkModel('pruned transform: 8×8 torus, kept sites on a row (direct y sum, x FFT)', { lattice: torus(8, 8), chemicalPotential: -0.9, pairing: { s: 0.2, d: 0.1 } }, {}, (h) => [0, 1, 2, 5].map((x) => h.lattice.index([x, 3])));
checkModel('pruned transform: 8×16 torus, kept sites on a column (strided direct x sum)', { lattice: torus(8, 16), chemicalPotential: -0.9, rashba: 0.3, pairing: { s: 0.2 } }, {}, (h) => [0, 1, 9, 15].map((y) => h.lattice.index([5, y])));
checkModel('pruned transform: 3D 4×3×5 torus, kept sites in an x plane', { lattice: torus(4, 3, 5), chemicalPotential: -1.5, zeeman: [0.3, 0, 0], pairing: { s: 0.25 } }, {}, (h) => [[2, 0, 0], [2, 1, 4], [2, 2, 2]].map((r) => h.lattice.index(r)));

test('kspaceGreens (pruned transform) equals the full table for every kept pair', () => {
  const h = hostHamiltonian(parseModel({ lattice: torus(16, 12), chemicalPotential: -1.5, rashba: 0.2, pairing: { s: 0.25, winding: 1 } }));
  const plan = planKSpace(h, { winding: 1 });
  const kept = [[3, 4], [4, 4], [9, 4], [15, 4], [3, 11]].map((r) => h.lattice.index(r));
  const z = { re: 0, im: 0.2 };
  const { greens } = kspaceGreens(plan, kept, z);
  const table = kspaceGreensTable(plan, z);
  const m = kept.length;
  let err = 0;
  for (let p = 0; p < m; p++)
    for (let q = 0; q < m; q++) {
      const blk = table.block(kept[p]!, kept[q]!);
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 8; c++) err = Math.max(err, Math.abs(blk[8 * a + c]! - greens[2 * ((4 * p + a) * 4 * m + 4 * q) + c]!));
    }
  assert.ok(err < 1e-14, `error ${err}`);
});

test('line transforms equal the naive DFT (powers of two, direct, Bluestein)', () => {
  for (const n of [1, 2, 3, 8, 10, DFT_MAX_LENGTH, DFT_MAX_LENGTH + 1, 64, 101, 129]) {
    const x = new Float64Array(2 * n);
    for (let j = 0; j < 2 * n; j++) x[j] = Math.sin(1.7 * j + 0.3) + 0.1 * j;
    const out = new Float64Array(2 * n);
    lineTransform(n).forward(x, out);
    let err = 0, scale = 0;
    for (let k = 0; k < n; k++) {
      let re = 0, im = 0;
      for (let j = 0; j < n; j++) {
        const angle = (-2 * Math.PI * ((j * k) % n)) / n;
        re += x[2 * j]! * Math.cos(angle) - x[2 * j + 1]! * Math.sin(angle);
        im += x[2 * j]! * Math.sin(angle) + x[2 * j + 1]! * Math.cos(angle);
      }
      err = Math.max(err, Math.hypot(out[2 * k]! - re, out[2 * k + 1]! - im));
      scale = Math.max(scale, Math.hypot(re, im));
    }
    assert.ok(err < 1e-12 * scale, `n = ${n}: error ${err}`);
  }
});

test('sign convention: G_ij = G(r_j − r_i) with a current-carrying (asymmetric) host', () => {
  // A Zeeman field along y with Rashba breaks G(R) = G(−R); the dense check covers it entry by entry, here we pin the orientation.
  const h = hostHamiltonian(parseModel({ lattice: torus(7, 1), chemicalPotential: -0.5, rashba: 0.4, zeeman: [0, 0.5, 0] }));
  const plan = planKSpace(h);
  const table = kspaceGreensTable(plan, { re: 0, im: 0.3 });
  const ref = denseResolvent(h.dense(), h.dim, { re: 0, im: 0.3 });
  for (const [i, j] of [[0, 1], [1, 0], [2, 6], [6, 2]] as const) {
    const blk = table.block(i, j);
    for (let a = 0; a < 4; a++)
      for (let c = 0; c < 4; c++) {
        const d = 2 * ((4 * i + a) * h.dim + 4 * j + c);
        assert.ok(Math.hypot(blk[2 * (4 * a + c)]! - ref.inv[d]!, blk[2 * (4 * a + c) + 1]! - ref.inv[d + 1]!) < 1e-12);
      }
  }
});

test('meshShape equal to the lattice shape is the own mesh; a finer x mesh carries the winding (ν = 1 on L = 6 ≡ ν = 2 on L = 12)', () => {
  const base = { chemicalPotential: -0.6, rashba: 0.2, pairing: { s: 0.3, p: [0, 0.2] as [number, number], dVector: 'e_z * p_x' } };
  const small = hostHamiltonian(parseModel({ ...base, lattice: torus(6, 5), pairing: { ...base.pairing, winding: 1 } }));
  const large = hostHamiltonian(parseModel({ ...base, lattice: torus(12, 5), pairing: { ...base.pairing, winding: 2 } }));
  const z = { re: 0.1, im: 0.4 };
  const own = kspaceGreens(planKSpace(small, { winding: 1 }), [0, 7, 29], z);
  const same = kspaceGreens(planKSpace(small, { winding: 1, meshShape: [6, 5] }), [0, 7, 29], z);
  assert.deepEqual(same.greens, own.greens);
  const kept = [0, 7, 29]; // sites of the 6×5 lattice; the same coordinates on the 12×5 lattice
  const keptLarge = kept.map((s) => large.lattice.index(small.lattice.site(s)));
  const fine = kspaceGreens(planKSpace(small, { winding: 1, meshShape: [12, 5] }), kept, z);
  const exact = kspaceGreens(planKSpace(large, { winding: 2 }), keptLarge, z);
  let err = 0;
  for (let k = 0; k < fine.greens.length; k++) err = Math.max(err, Math.abs(fine.greens[k]! - exact.greens[k]!));
  assert.ok(err < 1e-13, `error ${err}`);
  assert.ok(Math.abs(fine.logAbsDet - exact.logAbsDet) < 1e-10 * Math.abs(exact.logAbsDet));
});

test('infinite host: G(R) on a 256×256 mesh equals the 128×128 torus for a gapped s-wave host', () => {
  const input = { chemicalPotential: -1, pairing: { s: 0.5 } };
  const torus128 = hostHamiltonian(parseModel({ ...input, lattice: torus(128, 128) }));
  const cell = hostHamiltonian(parseModel({ ...input, lattice: torus(4, 4) }));
  const z = { re: 0, im: 1 };
  const onTorus = kspaceGreensTable(planKSpace(torus128), z);
  const infinite = kspaceGreensTable(planKSpace(cell, { meshShape: [256, 256] }), z);
  const a = new Float64Array(32), b = new Float64Array(32);
  let err = 0, scale = 0;
  for (const R of [[0, 0], [1, 0], [0, 1], [3, 2], [-5, 4], [10, 0], [20, 7]]) {
    onTorus.blockBetween([0, 0], R, a);
    infinite.blockBetween([0, 0], R, b);
    for (let k = 0; k < 32; k++) err = Math.max(err, Math.abs(a[k]! - b[k]!));
    if (R[0] === 0 && R[1] === 0) for (let k = 0; k < 32; k++) scale = Math.max(scale, Math.abs(a[k]!));
  }
  assert.ok(err < 1e-10 * scale, `error ${err} (scale ${scale})`);
  // ln|det| is extensive: per k point, the two meshes agree.
  assert.ok(Math.abs(onTorus.logAbsDet / 128 ** 2 - infinite.logAbsDet / 256 ** 2) < 1e-10);
});

test('errors: open lattices, impurities, custom blocks, wrong winding, bad mesh and arguments', () => {
  const expectInput = (fn: () => unknown, field: string) =>
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.field === field && !e.message.includes('\n'), field);
  const open = hostHamiltonian(parseModel({ lattice: { shape: [6, 6], periodic: [true, false] } }));
  expectInput(() => planKSpace(open), 'lattice.periodic');
  const withImpurity = modelHamiltonian(parseModel({ lattice: torus(6, 6), impurities: [{ site: [2, 3], spin: [0, 0, 1], coupling: 3 }] }));
  expectInput(() => planKSpace(withImpurity), 'hamiltonian');
  const custom = hostHamiltonian(parseModel({ lattice: torus(6, 6), custom: [{ sites: [[2, 1], [2, 1]], H: [[0.1, 0], [0, 0.1]] }] }));
  expectInput(() => planKSpace(custom), 'hamiltonian');
  const wound = hostHamiltonian(parseModel({ lattice: torus(6, 6), pairing: { s: 0.3, winding: 1 } }));
  expectInput(() => planKSpace(wound), 'hamiltonian');
  expectInput(() => planKSpace(wound, { winding: 2 }), 'hamiltonian');
  expectInput(() => planKSpace(wound, { winding: 0.5 }), 'winding');
  const plain = hostHamiltonian(parseModel({ lattice: torus(6, 6), pairing: { s: 0.3 } }));
  expectInput(() => planKSpace(plain, { meshShape: [4, 8] }), 'meshShape[0]');
  expectInput(() => planKSpace(plain, { meshShape: [8] }), 'meshShape');
  const twoSites = hostHamiltonian(parseModel({ lattice: torus(2, 6), pairing: { s: 0.3 } }));
  expectInput(() => planKSpace(twoSites, { meshShape: [8, 6] }), 'meshShape[0]');
  const plan = planKSpace(plain);
  expectInput(() => kspaceGreens(plan, [36], { re: 0, im: 1 }), 'keptSites[0]');
  expectInput(() => kspaceGreens(plan, [0], { re: NaN, im: 1 }), 'z');
  expectInput(() => kspaceGreens({} as never, [0], { re: 0, im: 1 }), 'plan');
});
