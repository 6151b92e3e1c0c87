/**
 * The multifrontal loop run whole in the WebAssembly module
 * (frontalWasm.ts, assembly/frontal.ts) against the JavaScript loop of
 * multifrontal.ts, with the WebAssembly kernels and with the JavaScript
 * ones: ln|det| and G_KK on random block-sparse lattice matrices (complex and
 * real, b = 1, 2, 4, 2D and 3D, open and periodic, some couplings one-way,
 * kept sites or none), several symbolic factors sharing one workspace in
 * turn (the module's table cache and its areas moving as the front grows),
 * mirror-reduced BdG hosts through schurGreens (complex sectors and the real
 * Majorana form), the fallback when the memory cannot grow, and the
 * singular-matrix error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockSparse } from '../../../src/hamiltonian/blockSparse.js';
import { planSchur, planSymbolic, schurGreens } from '../../../src/solvers/sparse/schur.js';
import { FrontWorkspace, eliminate, eliminateInJs, type SectorMatrix } from '../../../src/solvers/sparse/multifrontal.js';
import type { SymbolicFactor } from '../../../src/solvers/sparse/symbolic.js';
import { wasmKernels } from '../../../src/solvers/sparse/wasm/kernels.js';
import { parseModel } from '../../../src/model/model.js';
import { buildHost } from '../../../src/model/host.js';
import { InputError } from '../../../src/errors.js';
import { prng } from '../../rng.js';
import { withKernels } from './withKernels.js';


/** max |x − y| / max |y|. */
function relDiff(x: Float64Array, y: Float64Array): number {
  let d = 0, s = 0;
  for (let i = 0; i < y.length; i++) {
    d = Math.max(d, Math.abs(x[i]! - y[i]!));
    s = Math.max(s, Math.abs(y[i]!));
  }
  return s === 0 ? d : d / s;
}

interface Case {
  shape: [number, number, number];
  periodic: [boolean, boolean, boolean];
  bs: number;
  ew: 1 | 2;
}

/**
 * The nearest-neighbour pattern of a box (wraps along periodic axes), each
 * bond present both ways or (30 %) one way only, with
 * random complex values (the values only matter to planSchur's checks).
 */
function randomPattern(c: Case, r: () => number): BlockSparse {
  const [nx, ny, nz] = c.shape;
  const n = nx * ny * nz;
  const strides = [ny * nz, nz, 1];
  const rows: number[][] = Array.from({ length: n }, (_, u) => [u]);
  for (let u = 0; u < n; u++) {
    for (let a = 0; a < 3; a++) {
      const x = Math.floor(u / strides[a]!) % c.shape[a]!;
      let v = -1;
      if (x + 1 < c.shape[a]!) v = u + strides[a]!;
      else if (c.periodic[a] && c.shape[a]! > 2) v = u - x * strides[a]!;
      if (v < 0) continue;
      // Both ways (70 %), or only one of them.
      const t = r();
      if (t < 0.55) rows[u]!.push(v);
      if (t > 0.25 || t < -0.4) rows[v]!.push(u);
    }
  }
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  rows.forEach((row, u) => {
    const sorted = [...new Set(row)].sort((p, q) => p - q);
    cols.push(...sorted);
    rowPtr[u + 1] = cols.length;
  });
  const colIdx = Int32Array.from(cols);
  const values = Float64Array.from({ length: 2 * cols.length * c.bs * c.bs }, () => r());
  return { nSites: n, b: c.bs, rowPtr, colIdx, values };
}

/** A random sector matrix on h's pattern, d well inside the right half plane so that every front is well conditioned. */
function randomSector(h: BlockSparse, ew: 1 | 2, r: () => number): SectorMatrix {
  const values = Float64Array.from({ length: ew * h.colIdx.length * h.b * h.b }, () => 0.5 * r());
  return { bs: h.b, ew, values, shiftRe: 2 + h.b + r(), shiftIm: ew === 2 ? 0.3 + 0.2 * r() : 0 };
}

function randomKept(n: number, count: number, r: () => number): number[] {
  const kept = new Set<number>();
  while (kept.size < count) kept.add(Math.floor(((r() + 1) / 2) * n));
  return [...kept];
}

const CASES: Case[] = [
  { shape: [13, 11, 1], periodic: [false, false, false], bs: 1, ew: 2 },
  { shape: [13, 11, 1], periodic: [false, false, false], bs: 2, ew: 2 },
  { shape: [12, 9, 1], periodic: [false, false, false], bs: 4, ew: 2 },
  { shape: [9, 8, 1], periodic: [true, false, false], bs: 2, ew: 2 },
  { shape: [5, 4, 6], periodic: [false, false, false], bs: 1, ew: 2 },
  { shape: [4, 5, 4], periodic: [false, false, false], bs: 2, ew: 2 },
  { shape: [14, 10, 1], periodic: [false, false, false], bs: 1, ew: 1 },
  { shape: [12, 9, 1], periodic: [false, false, false], bs: 4, ew: 1 },
  { shape: [5, 4, 6], periodic: [false, false, true], bs: 2, ew: 1 },
  { shape: [4, 4, 5], periodic: [false, false, false], bs: 4, ew: 1 },
];

interface Run {
  sym: SymbolicFactor;
  a: SectorMatrix;
  topKept: boolean;
  m: number;
  label: string;
}

/** Every case with no kept site, one, and five random ones. */
function runs(): Run[] {
  const out: Run[] = [];
  for (const [i, c] of CASES.entries()) {
    const r = prng(300 + i);
    const h = randomPattern(c, r);
    const geometry = { shape: c.shape.filter((_, a) => a < 2 || c.shape[2] > 1), periodic: c.periodic.filter((_, a) => a < 2 || c.shape[2] > 1) };
    for (const kept of [[], [Math.floor(h.nSites / 2)], randomKept(h.nSites, 5, r)]) {
      const sym = planSymbolic(planSchur(h, geometry, kept, { symmetry: 'off' }));
      out.push({ sym, a: randomSector(h, c.ew, r), topKept: kept.length > 0, m: c.bs * kept.length, label: `${c.shape.join('×')}${c.periodic.some(Boolean) ? ' periodic' : ''}, b = ${c.bs}, ${c.ew === 2 ? 'complex' : 'real'}, ${kept.length} kept` });
    }
  }
  return out;
}

const isModuleView = (x: Float64Array) => (wasmKernels()?.address(x) ?? -1) >= 0;

test('the module loop equals the JavaScript loop (WebAssembly and JavaScript kernels) on random block-sparse matrices, one workspace shared by all', () => {
  const all = runs();
  const ws = new FrontWorkspace();
  const first = new Map<Run, { ld: number; g: Float64Array }>();
  // Forward, then backward: the second pass reuses cached tables after the areas have moved (larger fronts came in between).
  for (const pass of [0, 1]) {
    for (const run of pass === 0 ? all : [...all].reverse()) {
      const { sym, a, topKept, m, label } = run;
      const size = a.ew * m * m;
      const got = withKernels('wasm', () => {
        const g = new Float64Array(size);
        const ld = eliminate(sym, a, topKept, ws, g);
        assert.ok(isModuleView(ws.stack), `${label}: the stack is in the module (its loop ran)`);
        return { ld, g };
      });
      const sameKernels = withKernels('wasm', () => {
        const g = new Float64Array(size);
        return { ld: eliminateInJs(sym, a, topKept, new FrontWorkspace(), g, 'never'), g };
      });
      const jsKernels = withKernels('js', () => {
        const g = new Float64Array(size);
        return { ld: eliminateInJs(sym, a, topKept, new FrontWorkspace(), g, 'never'), g };
      });
      for (const [what, ref] of [['JavaScript loop, WebAssembly kernels', sameKernels], ['JavaScript loop and kernels', jsKernels]] as const) {
        assert.ok(Math.abs(got.ld - ref.ld) <= 1e-13 * Math.max(1, Math.abs(ref.ld)), `${label}: ln|det| ${got.ld} vs ${what} ${ref.ld}`);
        if (topKept) assert.ok(relDiff(got.g, ref.g) <= 1e-13, `${label}: G vs ${what}: ${relDiff(got.g, ref.g)}`);
      }
      if (pass === 0) first.set(run, got);
      else {
        const f = first.get(run)!;
        assert.equal(got.ld, f.ld, `${label}: the same ln|det| again`);
        assert.deepEqual(got.g, f.g, `${label}: the same G again`);
      }
    }
  }
});

test('the JavaScript loop takes over when the module memory cannot grow, with its stack outside the module', () => {
  const [run] = runs().filter((x) => x.topKept && x.a.bs === 2);
  const { sym, a, m } = run!;
  withKernels('wasm', () => {
    const w = wasmKernels()!;
    const ws = new FrontWorkspace();
    const want = new Float64Array(a.ew * m * m);
    const ldWant = eliminate(sym, a, true, ws, want);
    assert.ok(isModuleView(ws.stack));
    const frontal = w.frontal;
    w.frontal = () => null;
    try {
      const g = new Float64Array(want.length);
      const ld = eliminate(sym, a, true, ws, g);
      assert.ok(!isModuleView(ws.stack), 'a JavaScript stack');
      assert.ok(Math.abs(ld - ldWant) <= 1e-13 * Math.abs(ldWant));
      assert.ok(relDiff(g, want) <= 1e-13);
    } finally {
      w.frontal = frontal;
    }
  });
});

test('a singular sector matrix is the one-line InputError on z in the module loop, as in the JavaScript one', () => {
  for (const run of runs().filter((x) => x.topKept).slice(0, 6)) {
    for (const topKept of [true, false]) {
      const a: SectorMatrix = { ...run.a, values: new Float64Array(run.a.values.length), shiftRe: 0, shiftIm: 0 };
      const g = new Float64Array(a.ew * run.m * run.m);
      for (const choice of ['wasm', 'js'] as const) {
        withKernels(choice, () => {
          assert.throws(() => eliminate(run.sym, a, topKept, new FrontWorkspace(), g), (e: unknown) => e instanceof InputError && e.field === 'z');
        });
      }
    }
  }
});

test('mirror-reduced BdG hosts (2D s + ip, 3D s-wave): schurGreens with the module loop equals the JavaScript kernels, complex sectors and the real Majorana form', () => {
  const hosts = [
    parseModel({ lattice: { shape: [15, 13] }, chemicalPotential: -1.1, pairing: { s: 0.2, p: [0, 0.15], dVector: 'e_z * p_x' }, temperature: 0.01, impurities: [{ site: [7, 6], spin: [0, 0, 1], coupling: 2 }] }),
    parseModel({ lattice: { shape: [7, 6, 5] }, chemicalPotential: -2, pairing: { s: 0.1 }, temperature: 0.01, impurities: [{ site: [3, 3, 2], spin: [0, 0, 1], coupling: 1 }] }),
  ];
  for (const model of hosts) {
    const host = buildHost(model, model.impurities);
    const h = host.matrix;
    const n = h.nSites;
    const r = prng(n);
    for (const kept of [[Math.floor(n / 2)], randomKept(n, 4, r)]) {
      const plan = planSchur(h, host.geometry, kept);
      assert.match(plan.stats.top, /^mirrors /, 'reduced');
      for (const [z, method] of [[{ re: 0, im: 0.05 }, 'majorana'], [{ re: 0, im: 0.05 }, 'complex'], [{ re: 0.2, im: 0.1 }, 'complex']] as const) {
        const got = withKernels('wasm', () => schurGreens(plan, h, z, { method }));
        const ref = withKernels('js', () => schurGreens(plan, h, z, { method }));
        const what = `${host.geometry.shape.join('×')}, ${method}, z = ${z.re}+${z.im}i, ${kept.length} kept`;
        assert.ok(Math.abs(got.logAbsDet - ref.logAbsDet) <= 1e-13 * Math.abs(ref.logAbsDet), `${what}: ln|det| ${got.logAbsDet} vs ${ref.logAbsDet}`);
        assert.ok(relDiff(got.greens, ref.greens) <= 1e-13, `${what}: G ${relDiff(got.greens, ref.greens)}`);
      }
    }
  }
});
