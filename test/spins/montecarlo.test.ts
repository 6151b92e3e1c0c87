import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpinModel, binderCrossing, cubicHeisenberg, exchangeTensor, runMonteCarlo, type Estimate } from '../../src/spins/index.js';

/**
 * Exact thermal averages for systems whose energy depends on one cosine c ∈ [−1, 1] with uniform
 * measure (one spin against a fixed axis, or the relative angle of two free spins):
 * ⟨f⟩ = ∫ f(c) e^{−βE(c)} dc / ∫ e^{−βE(c)} dc, by Simpson's rule.
 */
function exact(E: (c: number) => number, beta: number) {
  const n = 4000;
  let z = 0, e1 = 0, e2 = 0, c1 = 0;
  const e0 = Math.min(E(-1), E(1), E(0));
  for (let k = 0; k <= n; k++) {
    const c = -1 + (2 * k) / n;
    const w = (k === 0 || k === n ? 1 : k % 2 ? 4 : 2) * Math.exp(-beta * (E(c) - e0));
    z += w;
    e1 += w * E(c);
    e2 += w * E(c) ** 2;
    c1 += w * c;
  }
  return { energy: e1 / z, variance: e2 / z - (e1 / z) ** 2, cos: c1 / z };
}

function near(est: Estimate, value: number, what: string, maxError = 0.02) {
  assert.ok(Number.isFinite(est.error) && est.error < maxError, `${what}: error bar ${est.error}`);
  assert.ok(Math.abs(est.value - value) < 5 * est.error + 1e-12, `${what}: ${est.value} ± ${est.error} vs exact ${value}`);
}

test('two spins E = J S1·S2: energy, specific heat and ⟨m²⟩ match the exact averages (with and without tempering)', () => {
  const J = 1;
  const model = new SpinModel({ n: 2, pairs: [{ i: 0, j: 1, eta: exchangeTensor(J) }] });
  const temps = [0.3, 0.6, 1.2];
  for (const tempering of [false, true]) {
    const r = runMonteCarlo(model, { temperatures: temps, sweeps: 40000, seed: 3, tempering });
    r.points.forEach((p, k) => {
      const ex = exact((c) => J * c, 1 / temps[k]);
      near(p.energy, ex.energy / 2, `E/N at T = ${temps[k]}`);
      near(p.specificHeat, ex.variance / (2 * temps[k] ** 2), `C at T = ${temps[k]}`, 0.05);
    });
    if (tempering) assert.ok(r.points[0].swapAcceptance! > 0.1);
  }
});

test('one spin with field and easy axis (nonlinear term: Metropolis + over-relaxation with acceptance test)', () => {
  const h = 0.4, A = 0.8;
  const model = new SpinModel({ n: 1, pairs: [], field: [0, 0, h], anisotropy: [{ site: 0, constant: A, axis: [0, 0, 1] }] });
  for (const T of [0.25, 1]) {
    const r = runMonteCarlo(model, { temperatures: [T], sweeps: 60000, seed: 7 });
    near(r.points[0].energy, exact((c) => -h * c - A * c * c, 1 / T).energy, `E at T = ${T}`, 0.01);
  }
  // Biquadratic pair: E = K (S1·S2)².
  const bq = new SpinModel({ n: 2, pairs: [{ i: 0, j: 1, eta: exchangeTensor(0.2), biquadratic: -0.6 }] });
  const r = runMonteCarlo(bq, { temperatures: [0.3], sweeps: 40000, seed: 8 });
  near(r.points[0].energy, exact((c) => 0.2 * c - 0.6 * c * c, 1 / 0.3).energy / 2, 'biquadratic E/N', 0.01);
});

test('simple-cubic ferromagnet: low-T energy −3 + T(1 − 1/N) (equipartition), EA overlap q² → 1 cold and ≈ 1/N hot', () => {
  const model = cubicHeisenberg([4, 4, 4], -1);
  const r = runMonteCarlo(model, { temperatures: [0.1, 20], sweeps: 2000, replicas: 2, seed: 2 });
  const [cold, hot] = r.points;
  near(cold.energy, -3 + 0.1 * (1 - 1 / 64), 'E/N at T = 0.1', 0.01);
  assert.ok(cold.magnetization.value > 0.9 && cold.binder.value > 0.66);
  assert.ok(cold.overlap!.q2.value > 0.9, `q² cold ${cold.overlap!.q2.value}`);
  assert.ok(Math.abs(hot.overlap!.q2.value - 1 / 64) < 0.01, `q² hot ${hot.overlap!.q2.value}`);
  assert.ok(Math.abs(hot.binder.value - 4 / 9) < 0.05, 'Gaussian limit of U');
  assert.ok(r.pairTermsPerSecond > 0);
});

test('runs are reproducible from the seed; bad options are InputErrors', () => {
  const model = cubicHeisenberg([3, 3, 3], -1);
  const opts = { temperatures: [1, 1.5], sweeps: 200, seed: 5, tempering: true, replicas: 2 as const };
  const a = runMonteCarlo(model, opts), b = runMonteCarlo(model, opts);
  assert.deepEqual(a.points, b.points);
  assert.deepEqual(a.configurations, b.configurations);
  const c = runMonteCarlo(model, { ...opts, seed: 6 });
  assert.notDeepEqual(a.points[0].energy, c.points[0].energy);
  assert.throws(() => runMonteCarlo(model, { temperatures: [-1], sweeps: 100 }), /temperatures\[0\]/);
  assert.throws(() => runMonteCarlo(model, { temperatures: [1], sweeps: 10 }), /sweeps/);
  assert.throws(() => runMonteCarlo(model, { temperatures: [1], sweeps: 100, tempering: true }), /tempering/);
});

test('binderCrossing interpolates the sign change of U_L1 − U_L2', () => {
  assert.ok(Math.abs(binderCrossing([1, 2, 3], [0.6, 0.5, 0.4], [0.7, 0.5 - 1e-9, 0.3])! - 2) < 1e-6);
  assert.equal(binderCrossing([1, 2], [0.6, 0.5], [0.5, 0.4]), null);
  assert.ok(Math.abs(binderCrossing([1, 2], [0.6, 0.4], [0.5, 0.5])! - 1.5) < 1e-12);
});
