import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { modelHamiltonian } from '../../src/model/hamiltonian.js';
import { ldosMap, localDensityOfStates } from '../../src/rkky/ldos.js';
import { eigh } from '../../src/math/eigh.js';
import { denseLdos } from './denseLdos.js';

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
    const { electron: e, hole: hh } = denseLdos(values, vectors!, h.dim, site, omega, eta);
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

/** −(1/π) Im of the spectral sum Σ_n ψ_n(a) ψ_n(b)* /(ω + iη − ε_n), an independent dense evaluation of G_ab. */
function denseSpectral(h: ReturnType<typeof modelHamiltonian>, omega: number, eta: number, a: number, b: number) {
  const { values, vectors } = eigh(h.dense(), h.dim, { vectors: true });
  let re = 0, im = 0;
  for (let n = 0; n < h.dim; n++) {
    const [ar, ai] = [vectors![2 * (a * h.dim + n)]!, vectors![2 * (a * h.dim + n) + 1]!];
    const [br, bi] = [vectors![2 * (b * h.dim + n)]!, vectors![2 * (b * h.dim + n) + 1]!];
    // ψ(a) ψ(b)* / (ω − ε + iη)
    const [pr, pi] = [ar * br + ai * bi, ai * br - ar * bi];
    const d = (omega - values[n]!) ** 2 + eta * eta;
    const [gr, gi] = [(omega - values[n]!) / d, -eta / d];
    re += pr * gr - pi * gi;
    im += pr * gi + pi * gr;
  }
  return { re, im };
}

test('spin-resolved LDOS: ρ↑ + ρ↓ = ρ_e, the spin density −(1/π) Im Tr[σ_a G] matches a dense evaluation for a tilted impurity', async () => {
  const tilted = parseModel({
    lattice: { shape: [6, 5] },
    chemicalPotential: -0.7,
    pairing: { s: 0.2 },
    rashba: 0.15,
    impurities: [{ site: [2, 2], spin: [0.6, -0.48, 0.64], coupling: 2 }],
  });
  const h = modelHamiltonian(tilted);
  const site = tilted.impurities[0]!.site;
  const eta = 0.03;
  const [row] = await localDensityOfStates(tilted, { site, energies: [0.11], broadening: eta, threads: 1 });
  const g = (a: number, b: number) => denseSpectral(h, 0.11, eta, 4 * site + a, 4 * site + b);
  assert.ok(Math.abs(row!.up + row!.down - row!.electron) < 1e-12);
  const sx = -(g(0, 1).im + g(1, 0).im) / Math.PI;
  const sy = -(g(0, 1).re - g(1, 0).re) / Math.PI;
  const sz = -(g(0, 0).im - g(1, 1).im) / Math.PI;
  for (const [got, want] of [[row!.spin[0], sx], [row!.spin[1], sy], [row!.spin[2], sz]] as const) assert.ok(Math.abs(got - want) < 1e-9, `${got} vs ${want}`);
  assert.ok(Math.hypot(...row!.spin) > 1e-3, 'the impurity polarizes the site');
});

test('spin density follows the impurity spin (z → x rotates s_z into s_x) and ∫ρ_e dω = 2 per site', async () => {
  const base = { lattice: { shape: [7] }, chemicalPotential: 0.3, pairing: { s: 0.25 } };
  const along = (spin: number[]) => parseModel({ ...base, impurities: [{ site: [3], spin, coupling: 1.5 }] });
  const [z] = await localDensityOfStates(along([0, 0, 1]), { site: 3, energies: [0.2], broadening: 0.05, threads: 1 });
  const [x] = await localDensityOfStates(along([1, 0, 0]), { site: 3, energies: [0.2], broadening: 0.05, threads: 1 });
  assert.ok(Math.abs(x!.spin[0] - z!.spin[2]) < 1e-10 && Math.abs(x!.spin[2]) < 1e-10 && Math.abs(z!.spin[0]) < 1e-10);
  const step = 0.02;
  const energies = Array.from({ length: 4001 }, (_, k) => -40 + k * step);
  const rows = await localDensityOfStates(along([0, 0, 1]), { site: 3, energies, broadening: 0.05, threads: 1 });
  const integral = rows.reduce((s, r) => s + r.electron, 0) * step;
  // The Lorentzian tails beyond |ω| = 40 carry 2·(2/π)(η/40) ≈ 0.003.
  assert.ok(Math.abs(integral - 2) < 5e-3, `∫ρ_e = ${integral}`);
});

test('an LDOS map at one energy equals the single-site LDOS at each of its sites', async () => {
  const sites = [0, 9, 17, 30, 55];
  const map = await ldosMap(model, { sites, omega: 0.07, broadening: 0.02, threads: 1 });
  for (const [k, site] of sites.entries()) {
    const [one] = await localDensityOfStates(model, { site, energies: [0.07], broadening: 0.02, threads: 1 });
    assert.ok(Math.abs(map[k]!.electron - one!.electron) < 1e-10 && Math.abs(map[k]!.hole - one!.hole) < 1e-10, `site ${site}`);
  }
});
