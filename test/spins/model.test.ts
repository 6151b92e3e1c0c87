import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Rng,
  SpinModel,
  energyGradient,
  exchangeTensor,
  linearField,
  randomSpins,
  tensorParts,
  totalEnergy,
  transpose,
  type Mat3,
  type Vec3,
} from '../../src/spins/index.js';
import { InputError } from '../../src/errors.js';

function randomTensor(rng: Rng): Mat3 {
  return [0, 1, 2].map(() => [0, 1, 2].map(() => rng.normal())) as Mat3;
}

/** A model with every kind of term, on 5 spins. */
function fullModel(rng: Rng): SpinModel {
  return new SpinModel({
    n: 5,
    pairs: [
      { i: 0, j: 1, eta: randomTensor(rng), biquadratic: 0.3 },
      { i: 1, j: 2, eta: randomTensor(rng) },
      { i: 3, j: 0, eta: randomTensor(rng), biquadratic: -0.2 },
      { i: 2, j: 4, eta: randomTensor(rng) },
    ],
    linear: [[0.1, -0.2, 0.3], null, [0, 0, 0.5]],
    anisotropy: [{ site: 1, constant: 0.7, axis: [0, 0, 2] }, { site: 4, constant: -0.4, axis: [1, 1, 0] }],
    field: [0.05, 0.1, -0.2],
    constant: 1.5,
  });
}

/** The energy written out term by term, independently of the compiled arrays. */
function bruteEnergy(s: Float64Array, rng: Rng): number {
  const m = fullModel(rng);
  const S = (i: number): Vec3 => [s[3 * i], s[3 * i + 1], s[3 * i + 2]];
  const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  let e = 1.5;
  for (let k = 0; k < m.pairCount; k++) {
    const eta = m.pairTensor(k), a = S(m.pairI[k]), b = S(m.pairJ[k]);
    for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) e += a[p] * eta[p][q] * b[q];
    e += m.pairK[k] * dot(a, b) ** 2;
  }
  e += dot([0.1, -0.2, 0.3], S(0)) + dot([0, 0, 0.5], S(2));
  e -= 0.7 * S(1)[2] ** 2;
  e -= -0.4 * ((S(4)[0] + S(4)[1]) / Math.SQRT2) ** 2;
  for (let i = 0; i < 5; i++) e -= dot([0.05, 0.1, -0.2], S(i));
  return e;
}

test('total energy equals the Hamiltonian written term by term', () => {
  for (let seed = 1; seed <= 5; seed++) {
    const s = randomSpins(5, new Rng(100 + seed));
    const e = totalEnergy(fullModel(new Rng(seed)), s);
    assert.ok(Math.abs(e - bruteEnergy(s, new Rng(seed))) < 1e-12, `seed ${seed}`);
  }
});

test('the gradient matches finite differences and the linear field is the linear part', () => {
  const model = fullModel(new Rng(7));
  const s = randomSpins(5, new Rng(8));
  const g = new Float64Array(15);
  energyGradient(model, s, g);
  const h = 1e-6;
  for (let k = 0; k < 15; k++) {
    const p = s.slice(), m = s.slice();
    p[k] += h;
    m[k] -= h;
    const fd = (totalEnergy(model, p) - totalEnergy(model, m)) / (2 * h);
    assert.ok(Math.abs(fd - g[k]) < 1e-7, `component ${k}: ${fd} vs ${g[k]}`);
  }
  // Spin 2 has no biquadratic or anisotropy term, so its linear field is the whole gradient.
  const lf = new Float64Array(3);
  linearField(model, s, 2, lf);
  assert.ok([0, 1, 2].every((a) => Math.abs(lf[a] - g[6 + a]) < 1e-12), 'spin 2 has no nonlinear terms');
});

test('exchangeTensor and tensorParts are inverse: J diagonal, D·(S1×S2) antisymmetric part', () => {
  const eta = exchangeTensor([1, 2, 3], [0.1, -0.2, 0.3]);
  const parts = tensorParts(eta);
  assert.deepEqual(parts.diagonal, [1, 2, 3]);
  assert.ok(parts.dmi.every((d, a) => Math.abs(d - [0.1, -0.2, 0.3][a]) < 1e-15));
  assert.equal(parts.isotropic, 2);
  // S1ᵀ A S2 = D·(S1 × S2) for a random pair.
  const a: Vec3 = [0.3, -0.5, 0.81], b: Vec3 = [-0.7, 0.1, 0.2];
  const A = exchangeTensor(0, [0.1, -0.2, 0.3]);
  let lhs = 0;
  for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) lhs += a[p] * A[p][q] * b[q];
  const cross = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  assert.ok(Math.abs(lhs - (0.1 * cross[0] - 0.2 * cross[1] + 0.3 * cross[2])) < 1e-15);
  assert.deepEqual(transpose(transpose(eta)), eta);
});

test('bad model input is one InputError naming the field', () => {
  assert.throws(() => new SpinModel({ n: 2, pairs: [{ i: 0, j: 0, eta: exchangeTensor(1) }] }), (e: unknown) => e instanceof InputError && e.field === 'pairs[0]');
  assert.throws(() => new SpinModel({ n: 2, pairs: [{ i: 0, j: 2, eta: exchangeTensor(1) }] }), /pairs\[0\]\.j/);
  assert.throws(() => new SpinModel({ n: 2, pairs: [], positions: [[0, 0, 0]] }), /positions/);
  assert.throws(() => new SpinModel({ n: 1, pairs: [], anisotropy: [{ site: 0, constant: 1, axis: [0, 0, 0] }] }), /axis/);
});

test('the Rng is reproducible and uniform enough', () => {
  const a = new Rng(42), b = new Rng(42);
  for (let k = 0; k < 100; k++) assert.equal(a.nextUint32(), b.nextUint32());
  const r = new Rng(3);
  let sum = 0, sum2 = 0, z = 0;
  const v = new Float64Array(3);
  const N = 200000;
  for (let k = 0; k < N; k++) {
    const x = r.next();
    sum += x;
    sum2 += x * x;
    r.unitVector(v);
    z += v[2] * v[2];
  }
  assert.ok(Math.abs(sum / N - 0.5) < 0.005);
  assert.ok(Math.abs(sum2 / N - 1 / 3) < 0.005);
  assert.ok(Math.abs(z / N - 1 / 3) < 0.005, '⟨S_z²⟩ = 1/3 on the sphere');
});
