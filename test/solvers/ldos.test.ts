import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { modelHamiltonian } from '../../src/model/hamiltonian.js';
import { localDensityOfStates } from '../../src/solvers/ldos.js';
import { eigh } from '../../src/math/eigh.js';

const model = parseModel({
  lattice: { shape: [8, 7] },
  chemicalPotential: -1,
  pairing: { s: 0.3 },
  impurities: [{ site: [4, 3], spin: [0, 0, 1], coupling: 2.5 }],
});

test('LDOS from the sparse Green\'s function equals the dense spectral sum (electron and hole parts)', async () => {
  const h = modelHamiltonian(model);
  const { values, vectors } = eigh(h.dense(), h.dim, { vectors: true });
  const eta = 0.02;
  const energies = [-0.5, -0.1, 0, 0.07, 0.25];
  const site = model.impurities[0]!.site;
  const rows = await localDensityOfStates(model, { site, energies, broadening: eta, threads: 1 });
  rows.forEach(({ omega, electron, hole }) => {
    let e = 0, hh = 0;
    for (let n = 0; n < h.dim; n++) {
      const w = eta / Math.PI / ((omega - values[n]!) ** 2 + eta * eta);
      const amp = (a: number) => vectors![2 * ((4 * site + a) * h.dim + n)]! ** 2 + vectors![2 * ((4 * site + a) * h.dim + n) + 1]! ** 2;
      e += w * (amp(0) + amp(1));
      hh += w * (amp(2) + amp(3));
    }
    assert.ok(Math.abs(electron - e) < 1e-9 * Math.max(1, e), `electron at ${omega}: ${electron} vs ${e}`);
    assert.ok(Math.abs(hole - hh) < 1e-9 * Math.max(1, hh), `hole at ${omega}: ${hole} vs ${hh}`);
  });
});

test('an impurity in an s-wave host has an in-gap Yu–Shiba–Rusinov peak with unequal electron and hole weights', async () => {
  const h = modelHamiltonian(model);
  const ev = Array.from(eigh(h.dense(), h.dim).values).filter((e) => e > 0);
  const ysr = ev[0]!;
  assert.ok(ysr < 0.25, `an in-gap state below Δ: ${ysr}`);
  const site = model.impurities[0]!.site;
  const eta = 0.003;
  const [peak, off] = await localDensityOfStates(model, { site, energies: [ysr, ysr + 0.05], broadening: eta, threads: 1 });
  assert.ok(peak!.electron + peak!.hole > 10 * (off!.electron + off!.hole), 'peak at the YSR energy');
  assert.ok(Math.abs(peak!.electron - peak!.hole) > 0.05 * (peak!.electron + peak!.hole), 'electron–hole asymmetry');
  const [clean] = await localDensityOfStates(model, { site, energies: [ysr], broadening: eta, impurities: false, threads: 1 });
  assert.ok(clean!.electron + clean!.hole < 0.1 * (peak!.electron + peak!.hole), 'no in-gap peak in the clean host');
});
