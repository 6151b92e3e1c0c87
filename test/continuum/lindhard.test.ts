import { test } from 'node:test';
import assert from 'node:assert/strict';
import { densityOfStatesPerSpin, lindhard, lindhardZeroT } from '../../src/continuum/index.js';
import { InputError } from '../../src/errors.js';

test('χ0(q → 0) is the density of states per spin', () => {
  for (const dim of [1, 2, 3] as const) {
    for (const kF of [0.5, 1, 2]) {
      assert.ok(Math.abs(lindhard(dim, kF, 0) / densityOfStatesPerSpin(dim, kF) - 1) < 1e-14);
      assert.ok(Math.abs(lindhard(dim, kF, 1e-6) / densityOfStatesPerSpin(dim, kF) - 1) < 1e-9);
    }
  }
});

test('Kohn anomaly at q = 2k_F: 1D log divergence, 2D kink, 3D log-divergent slope', () => {
  const kF = 1;
  assert.equal(lindhardZeroT(1, kF, 2), Infinity);
  assert.ok(lindhardZeroT(1, kF, 2 - 1e-6) > lindhardZeroT(1, kF, 2 - 1e-3));
  // 2D: flat below 2k_F, √ drop above
  assert.equal(lindhardZeroT(2, kF, 1.999), 1 / (2 * Math.PI));
  const d2 = (lindhardZeroT(2, kF, 2 + 1e-8) - lindhardZeroT(2, kF, 2)) / 1e-8;
  assert.ok(d2 < -10, `2D slope just above 2k_F: ${d2}`);
  // 3D: value N/2 at 2k_F, slope grows like ln(1/ε)
  const n = densityOfStatesPerSpin(3, kF);
  assert.ok(Math.abs(lindhardZeroT(3, kF, 2) - n / 2) < 1e-16);
  const slope = (e: number) => (lindhardZeroT(3, kF, 2 - e) - lindhardZeroT(3, kF, 2 - 2 * e)) / e;
  assert.ok(slope(1e-6) < slope(1e-3) && slope(1e-9) < slope(1e-6) - 0.5 * n, 'slope keeps growing (log divergence)');
});

test('finite temperature: continuous as T → 0, smooths the 1D divergence', () => {
  for (const dim of [1, 2, 3] as const) {
    for (const q of [0.5, 1.7, 3]) {
      const cold = lindhard(dim, 1, q, { temperature: 1e-5 });
      assert.ok(Math.abs(cold - lindhardZeroT(dim, 1, q)) < 1e-6 * lindhardZeroT(dim, 1, q), `d = ${dim}, q = ${q}`);
    }
  }
  const hot = lindhard(1, 1, 2, { temperature: 0.05 });
  assert.ok(Number.isFinite(hot) && hot > lindhard(1, 1, 1.5));
});

test('bad input is an InputError naming the argument', () => {
  assert.throws(() => lindhard(1, 1, 1, { temperature: -1 }), (e: unknown) => e instanceof InputError && e.field === 'temperature');
  assert.throws(() => lindhard(0 as 1, 1, 1), (e: unknown) => e instanceof InputError && e.field === 'dim');
  assert.throws(() => lindhard(1, -1, 1), (e: unknown) => e instanceof InputError && e.field === 'kF');
});
