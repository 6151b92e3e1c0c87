import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { modelHamiltonian } from '../../src/model/hamiltonian.js';
import { denseFreeEnergy, freeEnergyFromEigenvalues } from '../../src/solvers/freeEnergy.js';
import { exactFreeEnergy, ZERO_MODE_RESOLUTION } from '../../src/rkky/exactEngine.js';
import { prng } from '../rng.js';

/** DESIGN.md §1 over the positive eigenvalues, written out: −½ Σ ε − T Σ ln(1 + e^{−ε/T}). */
const positiveForm = (values: number[], T: number) =>
  values.filter((e) => e > 0).reduce((s, e) => s - 0.5 * e - (T > 0 ? T * Math.log1p(Math.exp(-e / T)) : 0), 0);

test('zero modes count −T ln 2 per ± pair whatever the sign of their rounding', () => {
  const T = 0.01;
  const levels = [0.3, -0.3, 1.2, -1.2];
  const want = positiveForm(levels, T) - T * Math.LN2;
  for (const zeros of [[0, 0], [1e-16, -1e-16], [1e-16, 2e-16], [-1e-16, -3e-17], [-0, 0]])
    assert.ok(Math.abs(freeEnergyFromEigenvalues([...levels, ...zeros], T) - want) < 1e-15, `zeros ${zeros}`);
  assert.ok(Math.abs(freeEnergyFromEigenvalues([0.4, -0.4, 1e-16, 1e-16], 0) - -0.2) < 1e-16);
});

test('symmetric form equals the positive-eigenvalue form on ± paired spectra (random, T = 0 and T > 0)', () => {
  const u = prng(3);
  for (const T of [0, 1e-3, 0.05, 2]) {
    const values: number[] = [];
    for (let k = 0; k < 40; k++) {
      const e = 5 * u();
      values.push(e, -e);
    }
    const got = freeEnergyFromEigenvalues(values, T);
    assert.ok(Math.abs(got - positiveForm(values, T)) <= 1e-14 * Math.abs(got), `T=${T}`);
  }
});

/** Flat band t = 0, μ = 0, 10×10, T = 0.01, one impurity J = 1: 396 zero levels and ±½ (twice each). */
const FLAT = { lattice: { shape: [10, 10] }, hopping: 0, chemicalPotential: 0, temperature: 0.01, impurities: [{ site: [3, 3], spin: [0, 0, 1], coupling: 1 }] };
const FLAT_F = -198 * 0.01 * Math.LN2 - 2 * (0.25 + 0.01 * Math.log1p(Math.exp(-50)));

test('flat band: dense F = −198·T ln 2 − 2(¼ + T ln(1 + e^{−50})) = −1.8724314', () => {
  assert.ok(Math.abs(FLAT_F - -1.8724314) < 1e-7);
  const model = parseModel(FLAT);
  assert.ok(Math.abs(denseFreeEnergy(modelHamiltonian(model), 0.01) - FLAT_F) < 1e-12);
});

test('flat band: the exact engine\'s total free energy equals it too at T = 0.01 (and at T = 0 within the zero-mode resolution)', async () => {
  const model = parseModel(FLAT);
  const got = await exactFreeEnergy(model.source, 0.01, { threads: 1 });
  assert.ok(Math.abs(got - FLAT_F) < 1e-9, `${got} vs ${FLAT_F}`);
  // T = 0: each of the 396 exact zero levels may err by ≈ 0.04·ZERO_MODE_RESOLUTION·X0 (X0 = ½): ≤ 396·½·2e-8.
  const zero = await exactFreeEnergy(model.source, 0, { threads: 1 });
  assert.ok(Math.abs(zero - -0.5) < 396 * 0.5 * 0.05 * ZERO_MODE_RESOLUTION * 0.5, `T = 0: ${zero}`);
});
