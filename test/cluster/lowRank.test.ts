import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterEnergy } from '../../src/cluster/freeEnergy.js';
import { setKernels } from '../../src/solvers/sparse/wasm/kernels.js';
import { prng } from '../rng.js';
import { denseDeltaF, randomHost, randomImpurities, randomUnit, setupOf } from './helpers.js';

/** Random spins with lengths in [0.3, 1.7) and couplings of random sign. */
function randomModel(seed: number, n: number): object[] {
  const r = prng(seed);
  return (randomImpurities(seed, n) as { coupling: number }[]).map((imp) => ({ ...imp, coupling: (r() < 0 ? -1 : 1) * imp.coupling }));
}

function randomSpinsOfLength(r: () => number, n: number): number[][] {
  return Array.from({ length: n }, () => randomUnit(r).map((x) => x * (1 + 0.7 * r())));
}

/** g minus its component along each S_i. */
function tangentialPart(spins: readonly number[], g: Float64Array): Float64Array {
  const out = g.slice();
  for (let i = 0; i < spins.length / 3; i++) {
    const s = spins.slice(3 * i, 3 * i + 3);
    const d = (out[3 * i]! * s[0]! + out[3 * i + 1]! * s[1]! + out[3 * i + 2]! * s[2]!) / (s[0]! ** 2 + s[1]! ** 2 + s[2]! ** 2);
    for (let a = 0; a < 3; a++) out[3 * i + a] -= d * s[a]!;
  }
  return out;
}

test('low-rank (2K×2K) ΔF = 4K×4K real form = complex path = dense, random hosts (SOC, Zeeman, p-wave), unequal couplings of both signs, |S| ≠ 1, subsets', async () => {
  for (let seed = 31; seed <= 37; seed++) {
    const n = 2 + (seed % 4);
    const { model, cluster } = await setupOf(randomHost(seed, { impurities: randomModel(seed + 10, n) }));
    const low = new ClusterEnergy(cluster), full = new ClusterEnergy(cluster, 'real'), complex = new ClusterEnergy(cluster, 'complex');
    assert.ok(low.lowRankForm && !full.lowRankForm && !complex.lowRankForm, `seed ${seed}: the low-rank form must be taken by default only`);
    const r = prng(seed + 100);
    for (let c = 0; c < 3; c++) {
      const spins = randomSpinsOfLength(r, n);
      const flat = spins.flat();
      const fl = low.all(flat), ff = full.all(flat), fc = complex.all(flat);
      assert.ok(Math.abs(fl - fc) <= 1e-12 * Math.max(1, Math.abs(fc)), `seed ${seed}: low-rank ${fl} vs complex ${fc}`);
      assert.ok(Math.abs(fl - ff) <= 1e-11 * Math.max(1, Math.abs(fc)), `seed ${seed}: low-rank ${fl} vs 4K×4K real ${ff}`);
      if (c === 0) {
        const dense = denseDeltaF(model, spins);
        assert.ok(Math.abs(fl - dense) <= 1e-9 * Math.max(1, Math.abs(dense)), `seed ${seed}: low-rank ${fl} vs dense ${dense}`);
      }
      // Subsets in any order (a subset's stored basis is its own), alternating as the expansion does.
      for (const subset of [[0], [n - 1, 0], [0, n - 1], Array.from({ length: n }, (_, i) => n - 1 - i), [0]]) {
        const sl = low.evaluate(flat, subset), sc = complex.evaluate(flat, subset);
        assert.ok(Math.abs(sl - sc) <= 1e-12 * Math.max(1, Math.abs(sc)), `seed ${seed}: subset ${subset} low-rank ${sl} vs complex ${sc}`);
      }
    }
    // A spin of length zero is simply absent.
    const spins = randomSpinsOfLength(r, n);
    spins[0] = [0, 0, 0];
    const withZero = low.all(spins.flat());
    const without = complex.evaluate(spins.flat(), Array.from({ length: n - 1 }, (_, i) => i + 1));
    assert.ok(Math.abs(withZero - without) <= 1e-12 * Math.max(1, Math.abs(without)), `seed ${seed}: a zero spin ${withZero} vs absent ${without}`);
  }
});

test('low-rank ΔF = dense on a two-orbital host (impurities on all or some orbitals of their sites)', async () => {
  const input = {
    lattice: { shape: [4, 4], vectors: [[1, 0], [0, 1]], basis: [{ name: 'A', position: [0, 0], orbitals: 2 }] },
    onsite: [{ sublattice: 'A', H: [[0.3, 0.1], [0.1, -0.2]] }],
    chemicalPotential: -0.8,
    temperature: 0.03,
    rashba: 0.2,
    zeeman: [0.05, 0, 0.1],
    pairing: { s: 0.25 },
    impurities: [
      { site: [1, 1], spin: [0, 0, 1], coupling: 1.5 },
      { site: [2, 1], orbitals: [1], spin: [0, 0, 1], coupling: -2 },
      { site: [1, 3], spin: [0, 0, 1], coupling: 1.2 },
    ],
  };
  const { model, cluster } = await setupOf(input);
  const low = new ClusterEnergy(cluster), complex = new ClusterEnergy(cluster, 'complex');
  assert.ok(low.lowRankForm);
  const r = prng(5);
  for (let c = 0; c < 2; c++) {
    const spins = randomSpinsOfLength(r, 3);
    const fl = low.all(spins.flat()), dense = denseDeltaF(model, spins);
    assert.ok(Math.abs(fl - dense) <= 1e-9 * Math.max(1, Math.abs(dense)), `low-rank ${fl} vs dense ${dense}`);
    assert.ok(Math.abs(fl - complex.all(spins.flat())) <= 1e-12 * Math.max(1, Math.abs(fl)));
  }
});

test('low-rank tangential gradient = tangential part of the complex gradient = finite differences of rotations', async () => {
  for (let seed = 41; seed <= 44; seed++) {
    const n = 2 + (seed % 4);
    const { cluster } = await setupOf(randomHost(seed, { impurities: randomModel(seed + 10, n) }));
    const low = new ClusterEnergy(cluster), complex = new ClusterEnergy(cluster, 'complex');
    const r = prng(seed + 7);
    const spins = randomSpinsOfLength(r, n).flat();
    const g = new Float64Array(3 * n), gc = new Float64Array(3 * n);
    const f = low.tangential(spins, g);
    assert.ok(Math.abs(f - complex.all(spins, gc)) <= 1e-12 * Math.max(1, Math.abs(f)));
    const expected = tangentialPart(spins, gc);
    const scale = Math.max(...expected.map(Math.abs));
    for (let k = 0; k < 3 * n; k++) assert.ok(Math.abs(g[k]! - expected[k]!) <= 1e-10 * scale, `seed ${seed}: component ${k}: ${g[k]} vs ${expected[k]}`);
    // Rotating spin i about an axis w changes it by w × S_i: dΔF/dθ = g_i·(w × S_i).
    const h = 1e-5;
    for (let i = 0; i < n; i++) {
      const w = randomUnit(r), s = spins.slice(3 * i, 3 * i + 3);
      const rotated = (theta: number) => {
        const out = spins.slice();
        const c = Math.cos(theta), sn = Math.sin(theta), d = w[0] * s[0]! + w[1] * s[1]! + w[2] * s[2]!;
        const x = [w[1] * s[2]! - w[2] * s[1]!, w[2] * s[0]! - w[0] * s[2]!, w[0] * s[1]! - w[1] * s[0]!];
        for (let a = 0; a < 3; a++) out[3 * i + a] = s[a]! * c + x[a]! * sn + w[a]! * d * (1 - c);
        return out;
      };
      const fd = (low.all(rotated(h)) - low.all(rotated(-h))) / (2 * h);
      const cross = [w[1] * s[2]! - w[2] * s[1]!, w[2] * s[0]! - w[0] * s[2]!, w[0] * s[1]! - w[1] * s[0]!];
      const an = g[3 * i]! * cross[0]! + g[3 * i + 1]! * cross[1]! + g[3 * i + 2]! * cross[2]!;
      assert.ok(Math.abs(fd - an) <= 1e-6 * Math.max(scale, 1e-12), `seed ${seed}, spin ${i}: finite difference ${fd} vs ${an}`);
    }
  }
});

test('low-rank ΔF and tangential gradient of ≥ 8 nodes: WebAssembly kernels (when available) = JavaScript = complex path, all spins and a large subset', async () => {
  const n = 10;
  const { cluster } = await setupOf(randomHost(5, { impurities: randomModel(9, n) }));
  const complex = new ClusterEnergy(cluster, 'complex');
  const wasm = new ClusterEnergy(cluster);
  const r = prng(3);
  // The kernel is chosen at an energy's first large evaluation: the first one before switching to JavaScript.
  const first = randomSpinsOfLength(r, n).flat();
  assert.ok(Math.abs(wasm.all(first) - complex.all(first)) <= 1e-12 * Math.max(1, Math.abs(complex.all(first))));
  setKernels('js');
  const js = new ClusterEnergy(cluster);
  try {
    for (let c = 0; c < 3; c++) {
      const spins = randomSpinsOfLength(r, n).flat();
      for (const active of [Array.from({ length: n }, (_, i) => i), [9, 0, 1, 2, 3, 4, 5, 6]]) {
        const fc = complex.evaluate(spins, active), fw = wasm.evaluate(spins, active), fj = js.evaluate(spins, active);
        assert.ok(Math.abs(fw - fc) <= 1e-12 * Math.max(1, Math.abs(fc)), `WebAssembly ${fw} vs complex ${fc}`);
        assert.ok(Math.abs(fj - fc) <= 1e-12 * Math.max(1, Math.abs(fc)), `JavaScript ${fj} vs complex ${fc}`);
      }
      const gw = new Float64Array(3 * n), gj = new Float64Array(3 * n), gc = new Float64Array(3 * n);
      const fw = wasm.tangential(spins, gw), fj = js.tangential(spins, gj), fc = complex.all(spins, gc);
      assert.ok(Math.abs(fw - fc) <= 1e-12 * Math.max(1, Math.abs(fc)) && Math.abs(fj - fc) <= 1e-12 * Math.max(1, Math.abs(fc)));
      const expected = tangentialPart(spins, gc);
      const scale = Math.max(...expected.map(Math.abs));
      for (let k = 0; k < 3 * n; k++) {
        assert.ok(Math.abs(gw[k]! - expected[k]!) <= 1e-10 * scale, `WebAssembly gradient ${k}: ${gw[k]} vs ${expected[k]}`);
        assert.ok(Math.abs(gj[k]! - expected[k]!) <= 1e-10 * scale, `JavaScript gradient ${k}: ${gj[k]} vs ${expected[k]}`);
      }
    }
  } finally {
    setKernels('auto');
  }
});
