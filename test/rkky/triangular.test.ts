import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { susceptibility, susceptibilityEnvelope } from '../../src/continuum/index.js';

/**
 * A triangular host near its band bottom against the 2D continuum RKKY law.
 * ε_k = −2t Σ_j cos(k·e_j) = −6t + (3t/2)k² + O(k⁴) (nearest-neighbour distance
 * 1): m* = 1/(3t). A lattice coupling J is the continuum one J·A (A = √3/2 the
 * cell area), so per site pair χ_lattice = A²·χ_2D of mass m* (energies in
 * m = 1 units are m*·E): η_aa = −(J²/2)·A²·m*·χ_2D(k_F R; m*T), k_F = √(2m*ε_F).
 */
test('triangular host at low filling ≈ the 2D continuum law with m* = 1/(3t)', async () => {
  const [t, eF, T, J] = [1, 0.05, 0.004, 0.05];
  const model = parseModel({
    lattice: { preset: 'triangular', shape: [64, 64], periodic: [true, true] },
    hopping: t,
    chemicalPotential: -6 * t + eF,
    temperature: T,
    impurities: [{ site: [0, 0], spin: [0, 0, 1], coupling: J }],
  });
  const separations = [10, 20, 30, 40];
  const { rows } = await computeCouplings(model, { separations, engine: 'exact', mesh: [1024, 1024], threads: 2 });
  const mass = 1 / (3 * t);
  const area2 = 3 / 4;
  const kF = Math.sqrt(2 * mass * eF);
  rows.forEach((r, k) => {
    const R = separations[k]!;
    assert.ok(Math.abs(r.distance! - R) < 1e-12);
    const cont = -(J * J / 2) * area2 * mass * susceptibility(2, kF, R, { temperature: mass * T });
    const env = (J * J / 2) * area2 * mass * susceptibilityEnvelope(2, kF, R);
    assert.ok(Math.abs(r.J[0] - cont) < 0.04 * env, `R = ${R}: lattice ${r.J[0]} vs continuum ${cont} (envelope ${env})`);
  });
});
