import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockSparse } from '../../../src/hamiltonian/blockSparse.js';
import { parseModel } from '../../../src/model/model.js';
import { buildHost } from '../../../src/model/host.js';
import { orbitalSectors, planSchur, planSymbolic, schurGreens } from '../../../src/solvers/sparse/schur.js';
import { selectedInverse } from '../../../src/solvers/sparse/selectedInverse.js';
import { invertN } from '../../../src/math/denseComplex.js';
import type { HostData } from '../../../src/host/host.js';
import { prng } from '../../rng.js';
import { withOnsiteGap } from '../../../src/solvers/selfConsistent.js';
import { activeKernels, setKernels } from '../../../src/solvers/sparse/wasm/kernels.js';
import { majoranaValues } from '../../../src/solvers/sparse/majorana.js';
import { antisymmetricMajorana, timeReversalRotation } from '../../../src/solvers/sparse/skewMajorana.js';

/** Dense (z − H)⁻¹ by Gauss–Jordan (invertN), N = b·nSites. */
function denseInverse(h: BlockSparse, z: { re: number; im: number }): Float64Array {
  const n = h.b * h.nSites;
  const a = new Float64Array(2 * n * n);
  const b = h.b;
  for (let r = 0; r < h.nSites; r++)
    for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++) {
      const c = h.colIdx[k]!;
      for (let x = 0; x < b; x++)
        for (let y = 0; y < b; y++) {
          const d = 2 * ((r * b + x) * n + c * b + y);
          a[d] -= h.values[2 * (k * b * b + x * b + y)]!;
          a[d + 1] -= h.values[2 * (k * b * b + x * b + y) + 1]!;
        }
    }
  for (let i = 0; i < n; i++) {
    a[2 * (i * n + i)] += z.re;
    a[2 * (i * n + i) + 1] += z.im;
  }
  const out = new Float64Array(2 * n * n);
  invertN(a, out, n);
  return out;
}

function compare(host: HostData, z: { re: number; im: number }, label: string): void {
  const h = host.matrix;
  const plan = planSchur(h, host.geometry, []);
  assert.ok(plan.stats.fronts > 3, `${label}: a real elimination tree (${plan.stats.fronts} fronts)`);
  const sel = selectedInverse(plan, h, z);
  const g = denseInverse(h, z);
  const b = h.b;
  const n = b * h.nSites;
  let scale = 0;
  for (const x of g) scale = Math.max(scale, Math.abs(x));
  const check = (r: number, c: number, src: Float64Array, at: number, what: string) => {
    for (let x = 0; x < b; x++)
      for (let y = 0; y < b; y++)
        for (let p = 0; p < 2; p++) {
          const want = g[2 * ((r * b + x) * n + c * b + y) + p]!;
          const got = src[at + 2 * (x * b + y) + p]!;
          assert.ok(Math.abs(got - want) <= 1e-12 * scale, `${label} ${what} (${r},${c})[${x},${y}]: ${got} vs ${want}`);
        }
  };
  for (let r = 0; r < h.nSites; r++) {
    check(r, r, sel.diagonal, 2 * b * b * r, 'diagonal');
    for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++) check(r, h.colIdx[k]!, sel.blocks, 2 * b * b * k, 'block');
  }
  // ln|det| agrees with the Schur-only elimination.
  const ref = schurGreens(plan, h, z, { method: 'complex' }).logAbsDet;
  assert.ok(Math.abs(sel.logAbsDet - ref) <= 1e-10 * Math.abs(ref), `${label} ln|det| ${sel.logAbsDet} vs ${ref}`);
}

const u = prng(1414);
const r = () => (u() + 1) / 2;
const c = (s: number) => [s * u(), s * u()];
const randomModel = (lattice: object, pairing: boolean) => ({
  lattice,
  hopping: 0.6 + r(),
  chemicalPotential: 2 * u(),
  zeeman: [0.2 * u(), 0.2 * u(), 0.2 * u()],
  rashba: 0.3 * r(),
  pairing: pairing ? { s: c(0.3), p: c(0.2), dVector: 'e_z * p_x + 0.5 * e_x * p_y' } : { s: 0 },
  temperature: 0.05,
  impurities: [{ site: (lattice as { shape: number[] }).shape.map(() => 1), spin: [0.3, -0.5, 0.8], coupling: 1 + r() }],
});

const lattices: [string, object][] = [
  ['cubic', { preset: 'cubic', shape: [3, 3, 4], periodic: [false, true, false] }],
  ['square', { preset: 'square', shape: [7, 6], periodic: [true, false] }],
  ['honeycomb', { preset: 'honeycomb', shape: [4, 3], periodic: [false, true] }],
  ['kagome', { preset: 'kagome', shape: [3, 3], periodic: [false, false] }],
];

for (const [name, lattice] of lattices)
  for (const pairing of [true, false])
    test(`selected inverse = dense inverse on a random ${name} host ${pairing ? 'with' : 'without'} pairing`, () => {
      const model = parseModel(randomModel(lattice, pairing));
      const host = buildHost(model, model.impurities);
      for (const z of [{ re: 0, im: 0.037 }, { re: 0, im: 2.5 }, { re: 0.31, im: 0.02 }, { re: -1.1, im: -0.05 }]) compare(host, z, `${name} z=${z.re}+${z.im}i`);
    });

test('selected inverse = dense inverse without spin–orbit coupling (two orbital sectors)', () => {
  for (const [name, lattice] of lattices) {
    const m = randomModel(lattice, true);
    const model = parseModel({ ...m, rashba: 0, zeeman: [0, 0, 0.2], pairing: { s: c(0.3), p: c(0.2), dVector: 'e_z * p_x' }, impurities: [{ ...m.impurities[0]!, spin: [0, 0, 1] }] });
    const host = buildHost(model, model.impurities);
    assert.equal(orbitalSectors(host.matrix).length, 2, name);
    for (const z of [{ re: 0, im: 0.037 }, { re: 0.31, im: 0.02 }]) compare(host, z, `${name} (sectors) z=${z.re}+${z.im}i`);
  }
});

test('selected inverse = dense inverse on real symmetric sectors (s-wave, site-dependent real gap, impurity along z: the symmetric recurrence)', () => {
  for (const [name, lattice] of lattices) {
    const m = randomModel(lattice, false);
    const model = parseModel({ ...m, rashba: 0, zeeman: [0, 0, 0], impurities: [{ ...m.impurities[0]!, spin: [0, 0, 1] }] });
    const base = buildHost(model, model.impurities);
    const gap = new Float64Array(2 * base.matrix.nSites).map((_, k) => (k % 2 === 0 ? 0.2 + 0.1 * u() : 0));
    const host = { ...base, matrix: withOnsiteGap(base.matrix, gap) };
    assert.equal(orbitalSectors(host.matrix).length, 2, name);
    for (const z of [{ re: 0, im: 0.037 }, { re: 0.31, im: 0.02 }]) compare(host, z, `${name} (symmetric sectors) z=${z.re}+${z.im}i`);
  }
});

/** A time-reversal-symmetric host: Rashba coupling, real s-wave and the real triplet form (p = i·|p|), no fields or spins. */
const timeReversalModel = (lattice: object) => ({
  lattice,
  hopping: 0.6 + r(),
  chemicalPotential: 2 * u(),
  rashba: 0.3 * r(),
  pairing: { s: 0.3 * r(), p: [0, 0.2 * r()], dVector: 'e_z * p_x + 0.5 * e_x * p_y' },
  temperature: 0.05,
});

/** Whether K = S·(w·1 − X) is exactly antisymmetric for this host (the antisymmetric Majorana fronts run). */
function antisymmetricForm(host: HostData, w: number): boolean {
  const h = host.matrix;
  const sym = planSymbolic(planSchur(h, host.geometry, []));
  return antisymmetricMajorana(sym, h, majoranaValues(h), w, timeReversalRotation(h.b)!) !== null;
}

test('selected inverse = dense inverse on time-reversal-symmetric hosts (Rashba, real gaps: the antisymmetric Majorana fronts)', () => {
  for (const [name, lattice] of lattices) {
    const base = buildHost(parseModel(timeReversalModel(lattice)));
    // A site-dependent real gap (a self-consistent solution) keeps time reversal.
    const gap = new Float64Array(2 * base.matrix.nSites).map((_, k) => (k % 2 === 0 ? 0.2 + 0.1 * u() : 0));
    for (const host of [base, { ...base, matrix: withOnsiteGap(base.matrix, gap) }]) {
      assert.ok(antisymmetricForm(host, 0.037), `${name}: K = S·M antisymmetric`);
      for (const z of [{ re: 0, im: 0.3 }, { re: 0, im: -1.3 }]) compare(host, z, `${name} (time reversal) z=${z.re}+${z.im}i`);
    }
  }
});

test('hosts without time reversal (Zeeman field, impurity spin, complex gap phase) keep the general Majorana fronts', () => {
  const lattice = lattices[1]![1];
  const m = timeReversalModel(lattice);
  const broken = [
    { ...m, zeeman: [0, 0, 0.1] },
    { ...m, impurities: [{ site: [1, 1], spin: [0.3, -0.5, 0.8], coupling: 1 }] },
    { ...m, pairing: { s: [0.2, 0.1], p: [0.1, -0.15], dVector: 'e_z * p_x' } },
  ];
  for (const model of broken.map((x) => parseModel(x))) {
    const host = buildHost(model, model.impurities);
    assert.equal(antisymmetricForm(host, 0.037), false);
    compare(host, { re: 0, im: 0.037 }, 'no time reversal');
  }
});

test('the real Majorana route (spin–orbit coupling, imaginary axis) = the complex route', () => {
  const model = parseModel(randomModel(lattices[1]![1], true));
  const host = buildHost(model, model.impurities);
  const plan = planSchur(host.matrix, host.geometry, []);
  for (const w of [0.037, 1.3]) {
    const real = selectedInverse(plan, host.matrix, { re: 0, im: w });
    const complex = selectedInverse(plan, host.matrix, { re: 0, im: w }, { method: 'complex' });
    let scale = 0, diff = 0;
    for (let i = 0; i < complex.blocks.length; i++) {
      scale = Math.max(scale, Math.abs(complex.blocks[i]!));
      diff = Math.max(diff, Math.abs(real.blocks[i]! - complex.blocks[i]!));
    }
    for (let i = 0; i < complex.diagonal.length; i++) diff = Math.max(diff, Math.abs(real.diagonal[i]! - complex.diagonal[i]!));
    assert.ok(diff <= 1e-12 * scale, `w=${w}: ${diff} vs scale ${scale}`);
    assert.ok(Math.abs(real.logAbsDet - complex.logAbsDet) <= 1e-10 * Math.abs(complex.logAbsDet));
  }
});

test('WebAssembly-resident and JavaScript selected inversion agree (fronts wider than the 64-row product tiles, three-product complex GEMMs, antisymmetric fronts)', (t) => {
  if (activeKernels() !== 'wasm') {
    t.skip('WebAssembly kernels unavailable here');
    return;
  }
  const lattice = { preset: 'cubic', shape: [6, 6, 6], periodic: [false, false, false] };
  const m = randomModel(lattice, true);
  const rashba = buildHost(parseModel(m));
  const sWave = parseModel({ ...m, rashba: 0, zeeman: [0, 0, 0], pairing: { s: c(0.3) }, impurities: [{ ...m.impurities[0]!, spin: [0, 0, 1] }] });
  const symmetric = buildHost(sWave, sWave.impurities);
  const timeReversal = buildHost(parseModel(timeReversalModel(lattice)));
  assert.ok(antisymmetricForm(timeReversal, 0.037));
  const cases: [string, HostData, { re: number; im: number }, 'auto' | 'complex'][] = [
    ['Rashba, real Majorana form', rashba, { re: 0, im: 0.037 }, 'auto'],
    ['Rashba with time reversal, antisymmetric Majorana fronts', timeReversal, { re: 0, im: 0.037 }, 'auto'],
    ['Rashba, complex', rashba, { re: 0.31, im: 0.02 }, 'complex'],
    ['s-wave, symmetric sectors', symmetric, { re: 0.31, im: 0.02 }, 'auto'],
  ];
  for (const [label, host, z, method] of cases) {
    const plan = planSchur(host.matrix, host.geometry, []);
    const sym = planSymbolic(plan);
    assert.ok(sym.maxFrontSites * 2 > 64, `${label}: fronts wider than a tile`);
    if (method === 'complex') {
      let wide = false;
      for (let f = 0; f < sym.nFronts; f++) wide ||= Math.min(4 * sym.ownCount[f]!, 4 * (sym.varPtr[f + 1]! - sym.varPtr[f]! - sym.ownCount[f]!)) >= 64;
      assert.ok(wide, `${label}: a front whose complex products run as three real ones (own and boundary ≥ 64 variables)`);
    }
    setKernels('js');
    const js = selectedInverse(plan, host.matrix, z, { method });
    setKernels('auto');
    const wasm = selectedInverse(plan, host.matrix, z, { method });
    let scale = 0, diff = 0;
    for (let i = 0; i < js.blocks.length; i++) {
      scale = Math.max(scale, Math.abs(js.blocks[i]!));
      diff = Math.max(diff, Math.abs(wasm.blocks[i]! - js.blocks[i]!));
    }
    for (let i = 0; i < js.diagonal.length; i++) diff = Math.max(diff, Math.abs(wasm.diagonal[i]! - js.diagonal[i]!));
    assert.ok(diff <= 1e-12 * scale, `${label}: ${diff} vs scale ${scale}`);
    assert.ok(Math.abs(wasm.logAbsDet - js.logAbsDet) <= 1e-10 * Math.abs(js.logAbsDet), label);
  }
});
