import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { squareLatticeSusceptibility, susceptibility, susceptibilityEnvelope } from '../../src/continuum/index.js';

/**
 * The lattice engine against the textbook RKKY law. A weak impurity coupling J
 * on a normal square lattice (μ near the band bottom −4t) in the thermodynamic
 * limit (k-space, 1024² mesh): the exchange is J(R) = −2J_sd²χ_σ(R) with
 * J_sd = −J/2 (H' = −(J/2) S·σ), i.e. η_aa = −(J²/2) χ_σ(R).
 */
test('lattice engine at low filling = exact lattice susceptibility and ≈ the 2D continuum law with m* = 1/(2t)', async () => {
  const [t, eF, T, J] = [1, 0.05, 0.004, 0.05];
  const model = parseModel({
    lattice: { shape: [64, 64], periodic: [true, true] },
    hopping: t,
    chemicalPotential: -4 * t + eF,
    temperature: T,
    impurities: [{ site: [0, 0], spin: [0, 0, 1], coupling: J }],
  });
  const separations = [4, 10, 20, 30, 40];
  const { rows } = await computeCouplings(model, { separations, engine: 'exact', secondOrder: true, mesh: [1024, 1024], threads: 2 });
  const lattice = squareLatticeSusceptibility(separations.map((R) => [R, 0] as [number, number]), { chemicalPotential: -4 * t + eF, hopping: t, temperature: T });
  const mass = 1 / (2 * t);
  const kF = Math.sqrt(2 * mass * eF);
  const scale = Math.max(...lattice.map((x) => (J * J / 2) * Math.abs(x)));
  rows.forEach((r, k) => {
    const R = separations[k]!;
    const want = -(J * J / 2) * lattice[k]!;
    // isotropic Heisenberg exchange, J² law exact up to O(J⁴)
    assert.ok(Math.abs(r.J[0] - r.J[2]) < 1e-9 * Math.abs(r.J[0]) && Math.max(...r.D.map(Math.abs)) < 1e-9 * Math.abs(r.J[0]));
    assert.ok(Math.abs(r.secondOrder!.J[0] - want) < 1e-6 * Math.abs(want) + 1e-14, `R = ${R}: engine ${r.secondOrder!.J[0]} vs lattice ${want}`);
    assert.ok(Math.abs(r.J[0] - want) < 2e-3 * scale, `R = ${R}: exact ${r.J[0]} vs J² law ${want}`);
    // continuum: energies in m = 1 units are m*·E, so T → m*T, and χ_lattice = m*·χ_continuum
    const cont = -(J * J / 2) * mass * susceptibility(2, kF, R, { temperature: mass * T });
    const env = (J * J / 2) * mass * susceptibilityEnvelope(2, kF, R);
    if (R >= 10) assert.ok(Math.abs(r.J[0] - cont) < 0.04 * env, `R = ${R}: lattice ${r.J[0]} vs continuum ${cont} (envelope ${env})`);
  });
});
