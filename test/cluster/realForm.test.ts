import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterEnergy } from '../../src/cluster/freeEnergy.js';
import { inverseDiagonalBlocks, inverseFromLU, luFactor } from '../../src/math/denseReal.js';
import { prng } from '../rng.js';
import { denseDeltaF, randomHost, randomImpurities, randomUnit, setupOf } from './helpers.js';

test('dense real LU: ln|det|, inverse and diagonal blocks of the inverse against Gauss–Jordan in the test', () => {
  const r = prng(3);
  for (const n of [1, 2, 5, 8, 13]) {
    const a = Float64Array.from({ length: n * n }, () => r());
    // Independent reference: Gauss–Jordan with partial pivoting on [A | 1].
    const m = Array.from({ length: n }, (_, i) => [...a.subarray(i * n, i * n + n), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
    let logDet = 0;
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let i = c + 1; i < n; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!)) p = i;
      [m[c], m[p]] = [m[p]!, m[c]!];
      const d = m[c]![c]!;
      logDet += Math.log(Math.abs(d));
      m[c] = m[c]!.map((x) => x / d);
      for (let i = 0; i < n; i++) if (i !== c) {
        const f = m[i]![c]!;
        m[i] = m[i]!.map((x, k) => x - f * m[c]![k]!);
      }
    }
    const lu = a.slice(), perm = new Int32Array(n);
    assert.ok(Math.abs(luFactor(lu, n, perm) - logDet) < 1e-12 * Math.max(1, Math.abs(logDet)), `n = ${n}: ln|det|`);
    const inv = new Float64Array(n * n);
    inverseFromLU(lu.slice(), n, perm, inv);
    const scale = Math.max(...m.flat().map(Math.abs));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) assert.ok(Math.abs(inv[i * n + j]! - m[i]![n + j]!) < 1e-11 * scale, `n = ${n}: inverse[${i}][${j}]`);
    if (n % 4 === 0) {
      const blocks = new Float64Array(4 * n);
      inverseDiagonalBlocks(lu.slice(), n, perm, 4, blocks, new Int32Array(n));
      for (let k = 0; k < n / 4; k++)
        for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) assert.ok(Math.abs(blocks[16 * k + 4 * x + y]! - inv[(4 * k + x) * n + 4 * k + y]!) < 1e-12 * scale);
    }
  }
});

test('real (Majorana) ΔF = complex path = dense free energy for random configurations of 2–5 spins on random hosts, all and subsets', async () => {
  for (let seed = 21; seed <= 26; seed++) {
    const n = 2 + (seed % 4);
    const { model, cluster } = await setupOf(randomHost(seed, { impurities: randomImpurities(seed + 10, n) }));
    const real = new ClusterEnergy(cluster), complex = new ClusterEnergy(cluster, 'complex');
    assert.ok(real.real && !complex.real, `seed ${seed}: the host is particle–hole symmetric, the real path must be taken`);
    const r = prng(seed + 100);
    for (let c = 0; c < 2; c++) {
      const spins = Array.from({ length: n }, () => randomUnit(r));
      const fr = real.all(spins.flat()), fc = complex.all(spins.flat()), dense = denseDeltaF(model, spins);
      assert.ok(Math.abs(fr - fc) <= 1e-11 * Math.max(1, Math.abs(fc)), `seed ${seed}: real ${fr} vs complex ${fc}`);
      assert.ok(Math.abs(fr - dense) <= 1e-9 * Math.max(1, Math.abs(dense)), `seed ${seed}: real ${fr} vs dense ${dense}`);
      // Subsets, and all spins in another order (the active order permutes the nodes).
      for (const subset of [[0, n - 1], [n - 1, 0], Array.from({ length: n }, (_, i) => n - 1 - i)]) {
        const sr = real.evaluate(spins.flat(), subset), sc = complex.evaluate(spins.flat(), subset);
        assert.ok(Math.abs(sr - sc) <= 1e-11 * Math.max(1, Math.abs(sc)), `seed ${seed}: subset ${subset} real ${sr} vs complex ${sc}`);
      }
    }
  }
});

test('real (Majorana) gradient = complex gradient = finite differences (all spins and a subset)', async () => {
  const { cluster } = await setupOf(randomHost(8, { impurities: randomImpurities(18, 4) }));
  const real = new ClusterEnergy(cluster, 'real'), complex = new ClusterEnergy(cluster, 'complex');
  assert.ok(real.real);
  const r = prng(6);
  const spins = Array.from({ length: 4 }, () => randomUnit(r)).flat();
  for (const active of [[0, 1, 2, 3], [1, 3]]) {
    const gr = new Float64Array(12), gc = new Float64Array(12);
    const f = real.evaluate(spins, active, gr);
    complex.evaluate(spins, active, gc);
    assert.ok(Math.abs(f - real.evaluate(spins, active)) <= 1e-13 * Math.abs(f) + 1e-15);
    const big = Math.max(...gr.map(Math.abs));
    const h = 1e-5;
    for (const i of active)
      for (let x = 0; x < 3; x++) {
        const k = 3 * i + x;
        assert.ok(Math.abs(gr[k]! - gc[k]!) <= 1e-10 * big, `∂F/∂S[${k}]: real ${gr[k]} vs complex ${gc[k]}`);
        const up = spins.slice(), dn = spins.slice();
        up[k]! += h;
        dn[k]! -= h;
        const fd = (real.evaluate(up, active) - real.evaluate(dn, active)) / (2 * h);
        assert.ok(Math.abs(fd - gr[k]!) <= 1e-6 * big, `∂F/∂S[${k}]: analytic ${gr[k]} vs FD ${fd}`);
      }
  }
});
