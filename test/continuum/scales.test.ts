import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aliasedPeriod,
  doniachComparison,
  fitDecayExponent,
  friedelDensity,
  HBAR2_OVER_ME,
  interlayerCoupling,
  interlayerPeriod,
  interlayerSusceptibility,
  kondoTemperature,
  physicalFermiEnergy,
  physicalRkky,
  susceptibilityZeroT,
} from '../../src/continuum/index.js';
import { InputError } from '../../src/errors.js';

test('Kondo temperature T_K = D exp(−1/(2 J ρ_σ)); none for ferromagnetic coupling', () => {
  assert.ok(Math.abs(kondoTemperature(1, 0.5, 0.5) - Math.exp(-2)) < 1e-16);
  assert.equal(kondoTemperature(1, -0.5, 0.5), 0);
  assert.throws(() => kondoTemperature(-1, 0.5, 0.5), (e: unknown) => e instanceof InputError && e.field === 'bandwidth');
});

test('Doniach: RKKY wins at short R, Kondo beyond the crossover distance', () => {
  const res = doniachComparison(3, 1, 2, [0.5, 1, 5, 10, 20]);
  assert.ok(res.kondoTemperature > 0 && Number.isFinite(res.crossoverDistance));
  assert.equal(res.rows[0]!.winner, 'rkky');
  for (const r of res.rows) if (r.R > res.crossoverDistance) assert.equal(r.winner, 'kondo');
  assert.equal(doniachComparison(3, 1, -2, [1]).crossoverDistance, Infinity); // ferromagnetic J: no Kondo
});

test('interlayer coupling: closed form is the plane sum of the 3D kernel, period π/k_F, 1/L² decay', () => {
  // d/dL χ_plane(L) = −2π L χ_σ(L) (the plane integral ∫_L^∞ 2π r χ(r) dr)
  for (const L of [0.3, 2.7, 11.1]) {
    const h = 1e-5;
    const deriv = (interlayerSusceptibility(1.3, L + h) - interlayerSusceptibility(1.3, L - h)) / (2 * h);
    assert.ok(Math.abs(deriv + 2 * Math.PI * L * susceptibilityZeroT(3, 1.3, L)) < 1e-8 * Math.abs(deriv) + 1e-12);
  }
  assert.ok(Math.abs(interlayerSusceptibility(1.3, 1e-9) - (1.3 ** 2 / (2 * Math.PI ** 2)) * (Math.PI / 4)) < 1e-9);
  const fit = fitDecayExponent((L) => interlayerSusceptibility(1, L), 2, 40, 400);
  assert.ok(Math.abs(fit.exponent - 2) < 0.02, `α = ${fit.exponent}`);
  assert.equal(interlayerPeriod(2), Math.PI);
  assert.ok(Math.abs(interlayerCoupling(1, 3, { coupling: 2, arealDensity: 0.5 }) + 2 * 4 * 0.25 * interlayerSusceptibility(1, 3)) < 1e-18);
  // q = 2.4/Å on a spacer of 2 Å layers: folded 2.4 − π, period 2π/0.7416 Å
  assert.ok(Math.abs(aliasedPeriod(2.4, 2) - (2 * Math.PI) / Math.abs(2.4 - Math.PI)) < 1e-12);
});

test('Friedel oscillations use the same kernel: δn = −2 V0 χ_σ', () => {
  assert.equal(friedelDensity(3, 1, 2.5, 0.7), -1.4 * susceptibilityZeroT(3, 1, 2.5));
  assert.ok(friedelDensity(2, 1, 0.2, 1) < 0, 'a repulsive impurity depletes charge nearby');
});

test('physical units: the 3D result is the encyclopedia Ruderman–Kittel formula with |Δ|² = 4 J_sd²', () => {
  const host = { dim: 3 as const, effectiveMass: 1.3, kF: 1.2, coupling: 0.5 };
  for (const R of [2, 5.5, 11]) {
    const x = 2 * 1.2 * R;
    const rk = (4 * 0.25 * 1.3 * (x * Math.cos(x) - Math.sin(x))) / ((2 * Math.PI) ** 3 * R ** 4 * HBAR2_OVER_ME) / 4;
    assert.ok(Math.abs(physicalRkky(host, R).J - rk) < 1e-14 * Math.abs(rk) + 1e-25);
  }
  // same host in nm: kF 12/nm, coupling 0.5e-3 eV·nm³, R 0.55 nm
  const nm = physicalRkky({ ...host, kF: 12, coupling: 0.5e-3, lengthUnit: 'nm' }, 0.55).J;
  assert.ok(Math.abs(nm / physicalRkky(host, 5.5).J - 1) < 1e-12);
  assert.ok(Math.abs(HBAR2_OVER_ME - 7.619964) < 1e-6);
  // density route: n = k_F³/(3π²)
  const viaDensity = physicalRkky({ dim: 3, effectiveMass: 1.3, density: 1.2 ** 3 / (3 * Math.PI ** 2), coupling: 0.5 }, 5.5).J;
  assert.ok(Math.abs(viaDensity / physicalRkky(host, 5.5).J - 1) < 1e-12);
  assert.ok(Math.abs(physicalFermiEnergy({ ...host, effectiveMass: 1 }) - (HBAR2_OVER_ME * 1.44) / 2) < 1e-12);
  // temperature damps
  assert.ok(Math.abs(physicalRkky({ ...host, temperatureK: 3000 }, 30).J) < Math.abs(physicalRkky(host, 30).J));
  assert.throws(() => physicalRkky({ ...host, kF: undefined }, 1), (e: unknown) => e instanceof InputError && e.field === 'kF');
});
