import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SpinModel,
  cubicHeisenberg,
  curieWeissTheta,
  exchangeTensor,
  meanFieldMagnetization,
  meanFieldTc,
  responseFunction,
} from '../../src/spins/index.js';

test('mean-field T_c = zJ/3 for the classical nearest-neighbour Heisenberg ferromagnet (z = 2, 4, 6)', () => {
  const J = 1.7;
  for (const [shape, z] of [[[12], 2], [[6, 6], 4], [[5, 5, 5], 6]] as const) {
    const model = cubicHeisenberg([...shape], -J);
    const tc = meanFieldTc(model);
    assert.ok(Math.abs(tc.tc - (z * J) / 3) < 1e-9, `z = ${z}: ${tc.tc}`);
    const cw = curieWeissTheta(model);
    assert.ok(Math.abs(cw.theta - (z * J) / 3) < 1e-12, 'θ = T_c for the ferromagnet');
    assert.equal(cw.curieConstant, 1 / 3);
  }
});

test('quantum spin S: T_c = zJ(S+1)/(3S); antiferromagnet: θ = −zJ/3 and T_N = zJ/3 on a bipartite lattice', () => {
  const model = cubicHeisenberg([4, 4, 4], -1);
  assert.ok(Math.abs(meanFieldTc(model, { spin: 0.5 }).tc - 6) < 1e-9, 'S = 1/2: 6·(3/2)/(3/2) = 6');
  assert.ok(Math.abs(meanFieldTc(model, { spin: 2.5 }).tc - (6 * 3.5) / 7.5) < 1e-9);
  const afm = cubicHeisenberg([4, 4, 4], 1);
  assert.ok(Math.abs(curieWeissTheta(afm).theta + 2) < 1e-12);
  assert.ok(Math.abs(meanFieldTc(afm).tc - 2) < 1e-9, 'Néel mode at q = (π, π, π)');
  assert.throws(() => meanFieldTc(model, { spin: 0.3 }), /half-integer/);
});

test('DMI enters λ_max: a two-spin pair J, D has T_c = √(J² + D²)/3 (classical)', () => {
  const J = -0.5, D = 0.2;
  const model = new SpinModel({ n: 2, pairs: [{ i: 0, j: 1, eta: exchangeTensor(J, [0, 0, D]) }] });
  assert.ok(Math.abs(meanFieldTc(model).tc - Math.hypot(J, D) / 3) < 1e-12);
});

test('M(T) solves m = L(3 T_c m / T) for the ferromagnet, and vanishes above T_c', () => {
  const model = cubicHeisenberg([4, 4, 4], -1);
  const L = responseFunction();
  const points = meanFieldMagnetization(model, [0.5, 1, 1.5, 1.9, 2.2, 3]);
  for (const p of points) {
    if (p.temperature > 2) {
      assert.ok(p.magnetization < 1e-6, `T = ${p.temperature}: m = ${p.magnetization}`);
      continue;
    }
    // Independent check: the scalar Weiss equation m = L(β z J m), z J = 6, solved by bisection.
    let lo = 1e-9, hi = 1;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (L((6 * mid) / p.temperature) > mid) lo = mid;
      else hi = mid;
    }
    assert.ok(p.converged, `converged at T = ${p.temperature}`);
    assert.ok(Math.abs(p.magnetization - lo) < 1e-7, `T = ${p.temperature}: ${p.magnetization} vs ${lo}`);
    assert.ok(Math.abs(p.order - lo) < 1e-7);
  }
  // Brillouin with S → large approaches Langevin.
  const B = responseFunction({ spin: 500 });
  assert.ok(Math.abs(B(2) - L(2)) < 2e-3);
});
