/**
 * Selected inversion through the mirror reduction (selectedInverseMirrors.ts):
 * on boxes with one and two mirrors, odd and even lengths, 2D and 3D, nearest
 * and further-neighbour hoppings, Zeeman fields and impurities on and off the
 * mirror planes, at real-frequency and imaginary z, and on seeded random
 * mirror-symmetric matrices, the blocks of G on the pattern and diagonal and
 * ln|det| equal a dense inverse written here (1e-10) and the unreduced
 * selected inversion (1e-12), with the WebAssembly kernels and the JavaScript
 * fallback; values that are not mirror symmetric at a call are inverted whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockSparse } from '../../../src/hamiltonian/blockSparse.js';
import { parseModel } from '../../../src/model/model.js';
import { buildHost } from '../../../src/model/host.js';
import { planMemoryBytes, planSchur, planTree, schurGreens } from '../../../src/solvers/sparse/schur.js';
import type { SchurPlan } from '../../../src/solvers/sparse/schur.js';
import { selectedInverse, type SelectedInverse } from '../../../src/solvers/sparse/selectedInverse.js';
import { mirrorImage } from '../../../src/solvers/sparse/mirrors.js';
import type { ReductionNode } from '../../../src/solvers/sparse/mirrorTree.js';
import { invertN } from '../../../src/math/denseComplex.js';
import { activeKernels } from '../../../src/solvers/sparse/wasm/kernels.js';
import { prng } from '../../rng.js';
import { withKernels } from './withKernels.js';
import { denseMatrix } from '../denseMatrix.js';

type Z = { re: number; im: number };
type Geometry = Parameters<typeof planSchur>[1];

/** Dense (z − H)⁻¹ and ln|det(z − H)| by Gauss–Jordan elimination (invertN). */
function dense(h: BlockSparse, z: Z): { g: Float64Array; logAbsDet: number } {
  const b = h.b, n = b * h.nSites;
  const a = denseMatrix(h).map((v) => -v);
  for (let i = 0; i < n; i++) {
    a[2 * (i * n + i)] += z.re;
    a[2 * (i * n + i) + 1] += z.im;
  }
  const g = new Float64Array(2 * n * n);
  const logAbsDet = invertN(a, g, n);
  return { g, logAbsDet };
}

/** Largest |difference| of the blocks and diagonal over the largest |entry| of `want`. */
function relativeDifference(got: SelectedInverse, want: SelectedInverse): number {
  let diff = 0, scale = 0;
  for (const key of ['blocks', 'diagonal'] as const)
    for (let i = 0; i < want[key].length; i++) {
      diff = Math.max(diff, Math.abs(got[key][i]! - want[key][i]!));
      scale = Math.max(scale, Math.abs(want[key][i]!));
    }
  return diff / scale;
}

/** The dense inverse on h's pattern and diagonal, in the SelectedInverse layout. */
function denseSelected(h: BlockSparse, z: Z): SelectedInverse {
  const { g, logAbsDet } = dense(h, z);
  const b = h.b, n = b * h.nSites, bb = 2 * b * b;
  const copy = (r: number, c: number, out: Float64Array, at: number) => {
    for (let x = 0; x < b; x++)
      for (let y = 0; y < b; y++)
        for (let p = 0; p < 2; p++) out[at + 2 * (x * b + y) + p] = g[2 * ((r * b + x) * n + c * b + y) + p]!;
  };
  const blocks = new Float64Array(h.colIdx.length * bb), diagonal = new Float64Array(h.nSites * bb);
  for (let r = 0; r < h.nSites; r++) {
    copy(r, r, diagonal, r * bb);
    for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++) copy(r, h.colIdx[k]!, blocks, k * bb);
  }
  return { blocks, diagonal, logAbsDet };
}

/** How many leaves of the plan's tree the last calls inverted (their state is kept on them), and whether the root's children were used. */
function reducedUse(plan: SchurPlan): { leaves: number; split: boolean } {
  const tree = planTree(plan);
  const visited = (n: ReductionNode): number => (n.children && n.children[0].memo ? visited(n.children[0]) + visited(n.children[1]) : n.memo ? 1 : 0);
  return { leaves: visited(tree), split: !!tree.children?.[0].memo };
}

/** Both kernel choices where the WebAssembly kernels load (also when the suite runs with RKKY_KERNELS=js). */
const wasmAvailable = withKernels('auto', () => activeKernels() === 'wasm');
const kernels = (): ('js' | 'wasm')[] => (wasmAvailable ? ['js', 'wasm'] : ['js']);

/**
 * selectedInverse on a plan made with mirrors = the dense inverse (1e-10) and the unreduced
 * selected inversion (1e-12), for every kernel choice; returns how the mirror plan was used.
 */
function check(label: string, h: BlockSparse, geometry: Geometry, zs: Z[], options: { method?: 'complex'; planOn?: BlockSparse } = {}): { leaves: number; split: boolean } {
  let use = { leaves: 0, split: false };
  for (const choice of kernels())
    withKernels(choice, () => {
      const plan = planSchur(options.planOn ?? h, geometry, []);
      const whole = planSchur(h, geometry, [], { symmetry: 'off' });
      for (const z of zs) {
        const at = `${label} [${choice}] z=${z.re}+${z.im}i`;
        const got = selectedInverse(plan, h, z, options);
        use = reducedUse(plan);
        const want = denseSelected(h, z);
        const d = relativeDifference(got, want);
        assert.ok(d <= 1e-10, `${at}: dense ${d}`);
        assert.ok(Math.abs(got.logAbsDet - want.logAbsDet) <= 1e-10 * Math.abs(want.logAbsDet), `${at}: ln|det| ${got.logAbsDet} vs ${want.logAbsDet}`);
        const ref = selectedInverse(whole, h, z, options);
        const u = relativeDifference(got, ref);
        assert.ok(u <= 1e-12, `${at}: unreduced ${u}`);
        assert.ok(Math.abs(got.logAbsDet - ref.logAbsDet) <= 1e-12 * Math.abs(ref.logAbsDet), `${at}: ln|det| vs unreduced`);
        // The factorization through the same tree agrees on ln|det|.
        const f = schurGreens(plan, h, z, options.method ? { method: 'complex' } : {}).logAbsDet;
        assert.ok(Math.abs(got.logAbsDet - f) <= 1e-12 * Math.abs(f), `${at}: ln|det| vs schurGreens`);
      }
    });
  return use;
}

const realFrequency: Z = { re: 0.31, im: 0.02 };
const imaginary: Z = { re: 0, im: 0.07 };
const host = (model: object, impurities = true) => {
  const m = parseModel(model);
  return buildHost(m, impurities ? m.impurities : undefined);
};

test('two mirrors (odd and even lengths, 2D): mirror-reduced selected inverse = dense and unreduced', () => {
  for (const shape of [[7, 6], [6, 5], [5, 5]]) {
    const h = host({ lattice: { shape }, chemicalPotential: -0.4, pairing: { s: 0.3 }, temperature: 0.05 });
    const use = check(`s-wave ${shape.join('×')}`, h.matrix, h.geometry, [imaginary, realFrequency]);
    assert.ok(use.split && use.leaves >= 4, `${shape}: ${use.leaves} leaves inverted`);
  }
});

test('one mirror: a periodic axis, and an impurity on one mirror plane only', () => {
  const periodic = host({ lattice: { shape: [7, 6], periodic: [false, true] }, chemicalPotential: 0.3, pairing: { s: 0.25 }, temperature: 0.05 });
  // x only (y is periodic); the odd sector, an open 3-cell box, is split again.
  assert.match(planSchur(periodic.matrix, periodic.geometry, []).stats.top, /^mirrors x \(\d sectors\)/);
  const use = check('periodic y', periodic.matrix, periodic.geometry, [imaginary, realFrequency]);
  assert.ok(use.split && use.leaves >= 2, `periodic: ${use.leaves} leaves`);
  // Site (3, 1) of a 7×6 box lies on the x plane but not on a y plane.
  const onePlane = host({ lattice: { shape: [7, 6] }, chemicalPotential: -0.2, pairing: { s: 0.3 }, temperature: 0.05, impurities: [{ site: [3, 1], spin: [0, 0, 1], coupling: 1.2 }] });
  assert.match(planSchur(onePlane.matrix, onePlane.geometry, []).stats.top, /^mirrors x \(\d sectors\)/);
  const u1 = check('impurity on the x plane', onePlane.matrix, onePlane.geometry, [imaginary, realFrequency]);
  assert.ok(u1.split && u1.leaves >= 2, `x plane: ${u1.leaves} leaves`);
});

test('3D boxes, further-neighbour hoppings and a Zeeman field', () => {
  const cubic = host({ lattice: { preset: 'cubic', shape: [4, 3, 5] }, chemicalPotential: 0.5, zeeman: [0, 0, 0.15], pairing: { s: 0.3 }, temperature: 0.05 });
  const u3 = check('cubic 4×3×5, Zeeman z', cubic.matrix, cubic.geometry, [imaginary, realFrequency]);
  assert.ok(u3.split && u3.leaves >= 8, `cubic: ${u3.leaves} leaves`);
  const further = host({ lattice: { shape: [7, 6] }, chemicalPotential: -0.3, hoppings: [{ shell: 2, t: 0.35 }, { shell: 3, t: -0.1 }], pairing: { s: 0.3 }, temperature: 0.05 });
  const uf = check('square with 2nd and 3rd neighbours', further.matrix, further.geometry, [imaginary, realFrequency]);
  assert.ok(uf.split && uf.leaves >= 4, `further neighbours: ${uf.leaves} leaves`);
  // A transverse field joins the orbital sectors: one complex b = 4 sector through the mirrors.
  const transverse = host({ lattice: { shape: [5, 4] }, chemicalPotential: -0.3, zeeman: [0.2, 0, 0.1], pairing: { s: 0.3 }, temperature: 0.05 });
  const ut = check('Zeeman along x (b = 4 sector)', transverse.matrix, transverse.geometry, [imaginary, realFrequency], { method: 'complex' });
  assert.ok(ut.split && ut.leaves >= 4);
});

test('impurities: at the centre the mirrors stay; off the planes a mirror plan falls back to the whole matrix', () => {
  const model = { lattice: { shape: [7, 5] }, chemicalPotential: -0.4, pairing: { s: 0.3 }, temperature: 0.05 };
  const centre = host({ ...model, impurities: [{ site: [3, 2], spin: [0, 0, 1], coupling: 1.5 }] });
  assert.ok(check('centre impurity', centre.matrix, centre.geometry, [imaginary, realFrequency]).split);
  const clean = host(model, false);
  const off = host({ ...model, impurities: [{ site: [1, 3], spin: [0, 0, 1], coupling: 1.5 }] });
  // Planned on the clean host (mirrors), called with the impurity host (same pattern, other values).
  assert.match(planSchur(clean.matrix, clean.geometry, []).stats.top, /^mirrors/);
  const use = check('off-plane impurity, clean plan', off.matrix, off.geometry, [imaginary, realFrequency], { planOn: clean.matrix });
  // Only the root was inverted (whole, by the plan's dissection).
  assert.deepEqual(use, { leaves: 1, split: false });
  // An impurity on the x plane only: the root splits, the even sector (which holds the impurity)
  // fails its y mirror and is inverted whole; the odd one is clean and splits on.
  const xPlane = host({ ...model, impurities: [{ site: [3, 0], spin: [0, 0, 1], coupling: 1.5 }] });
  assert.ok(check('x-plane impurity, clean plan', xPlane.matrix, xPlane.geometry, [imaginary], { planOn: clean.matrix }).split);
  const xPlan = planSchur(clean.matrix, clean.geometry, []);
  selectedInverse(xPlan, xPlane.matrix, imaginary);
  const [even, odd] = planTree(xPlan).children!;
  assert.ok(even.memo && even.children && !even.children[0].memo, 'even sector inverted whole');
  assert.ok(odd.children?.[0].memo, 'odd sector through its mirrors');
  // And the clean host again on the same plan goes through the mirrors.
  const plan = planSchur(clean.matrix, clean.geometry, []);
  selectedInverse(plan, off.matrix, imaginary);
  const want = denseSelected(clean.matrix, imaginary);
  assert.ok(relativeDifference(selectedInverse(plan, clean.matrix, imaginary), want) <= 1e-10);
  assert.ok(reducedUse(plan).split);
});

test('RKKY_SYMMETRY=off plans no mirrors; the selected inversion is the same', () => {
  const h = host({ lattice: { shape: [6, 7] }, chemicalPotential: -0.4, pairing: { s: 0.3 }, temperature: 0.05 });
  const reduced = selectedInverse(planSchur(h.matrix, h.geometry, []), h.matrix, realFrequency);
  const saved = process.env.RKKY_SYMMETRY;
  process.env.RKKY_SYMMETRY = 'off';
  try {
    const plan = planSchur(h.matrix, h.geometry, []);
    assert.doesNotMatch(plan.stats.top, /mirrors/);
    const off = selectedInverse(plan, h.matrix, realFrequency);
    assert.ok(relativeDifference(reduced, off) <= 1e-12);
    assert.equal(planTree(plan).reduced, false);
  } finally {
    if (saved === undefined) delete process.env.RKKY_SYMMETRY;
    else process.env.RKKY_SYMMETRY = saved;
  }
});

test('the kept state of the mirror leaves is counted in planMemoryBytes; repeated calls give the same result', () => {
  const h = host({ lattice: { shape: [9, 8] }, chemicalPotential: -0.4, pairing: { s: 0.3 }, temperature: 0.05 });
  const plan = planSchur(h.matrix, h.geometry, []);
  schurGreens(plan, h.matrix, imaginary);
  const before = planMemoryBytes(plan);
  const first = selectedInverse(plan, h.matrix, imaginary);
  const copy = { blocks: first.blocks.slice(), diagonal: first.diagonal.slice(), logAbsDet: first.logAbsDet };
  // Leaf results per node: b_s = 2, blocks and diagonals of every node of the tree at least once.
  assert.ok(planMemoryBytes(plan) - before >= 16 * 4 * (h.matrix.colIdx.length + h.matrix.nSites), `${planMemoryBytes(plan) - before} bytes`);
  selectedInverse(plan, h.matrix, realFrequency);
  const again = selectedInverse(plan, h.matrix, imaginary);
  assert.equal(relativeDifference(again, copy), 0);
  assert.equal(again.logAbsDet, copy.logAbsDet);
});

/**
 * Random Hermitian matrix (b×b complex blocks) with couplings up to `range` cells along each
 * axis on an open box, exactly invariant under the reflections of `axes`: every block of an
 * orbit of the mirror group is a bitwise copy.
 */
function randomMirrorMatrix(shape: [number, number, number], b: number, axes: number[], range: number, seed: number): BlockSparse {
  const r = prng(seed);
  const n = shape[0] * shape[1] * shape[2];
  const box = { shape, periodic: [false, false, false] as [boolean, boolean, boolean], nodesPerCell: 1 };
  let group: Int32Array[] = [Int32Array.from({ length: n }, (_, i) => i)];
  for (const a of axes) {
    const m = mirrorImage(box, a);
    group = [...group, ...group.map((g) => Int32Array.from(g, (x) => m[x]!))];
  }
  const coord = (i: number) => [Math.floor(i / (shape[1] * shape[2])), Math.floor(i / shape[2]) % shape[1], i % shape[2]];
  const blocks = new Map<number, Float64Array>();
  const dagger = (v: Float64Array) => {
    const o = new Float64Array(2 * b * b);
    for (let x = 0; x < b; x++)
      for (let y = 0; y < b; y++) {
        o[2 * (y * b + x)] = v[2 * (x * b + y)]!;
        o[2 * (y * b + x) + 1] = -v[2 * (x * b + y) + 1]!;
      }
    return o;
  };
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const ci = coord(i), cj = coord(j);
      if (ci.some((c, a) => Math.abs(c - cj[a]!) > range) || blocks.has(i * n + j)) continue;
      // A sparser pattern: skip some further couplings (the same for the whole orbit).
      if (ci.some((c, a) => Math.abs(c - cj[a]!) > 1) && r() < -0.4) continue;
      let v = new Float64Array(2 * b * b).map(() => r());
      // A block the group maps to its own transpose position is Hermitian.
      if (group.some((g) => g[i] === j && g[j] === i)) v = v.map((x, e) => 0.5 * (x + dagger(v)[e]!));
      const vd = dagger(v);
      for (const g of group) {
        blocks.set(g[i]! * n + g[j]!, v);
        blocks.set(g[j]! * n + g[i]!, vd);
      }
    }
  const keys = [...blocks.keys()].sort((x, y) => x - y);
  const rowPtr = new Int32Array(n + 1), colIdx = new Int32Array(keys.length);
  const values = new Float64Array(keys.length * 2 * b * b);
  keys.forEach((k, t) => {
    rowPtr[Math.floor(k / n) + 1]!++;
    colIdx[t] = k % n;
    values.set(blocks.get(k)!, t * 2 * b * b);
  });
  for (let i = 0; i < n; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return { nSites: n, b, rowPtr, colIdx, values };
}

test('seeded random mirror-symmetric matrices (one to three mirrors, couplings of range 1 and 2)', () => {
  const cases: [[number, number, number], number[], number, number][] = [
    [[7, 6, 1], [0, 1], 1, 2],
    [[8, 5, 1], [0], 2, 3],
    [[6, 7, 1], [0, 1], 2, 2],
    [[4, 3, 5], [0, 1, 2], 1, 2],
    [[5, 4, 4], [0, 2], 1, 1],
  ];
  cases.forEach(([shape, axes, range, b], c) => {
    const h = randomMirrorMatrix(shape, b, axes, range, 9000 + c);
    const geometry = { shape: [shape[0], shape[1], shape[2]], periodic: [false, false, false], nodesPerCell: 1 } as unknown as Geometry;
    const plan = planSchur(h, geometry, []);
    assert.match(plan.stats.top, /^mirrors/, `case ${c}`);
    const use = check(`random ${shape.join('×')} mirrors ${axes} range ${range} b ${b}`, h, geometry, [{ re: 0.4, im: 0.3 }, { re: 0, im: 0.5 }, { re: -1.2, im: -0.1 }]);
    assert.ok(use.split && use.leaves >= 2 ** axes.length, `case ${c}: ${use.leaves} leaves`);
  });
});
