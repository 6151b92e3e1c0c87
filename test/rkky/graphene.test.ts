import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { honeycombLatticeSusceptibility } from '../../src/continuum/index.js';

/**
 * The lattice engine on graphene against the exact lattice susceptibility of
 * the continuum module. Weak coupling J on undoped, normal graphene in the
 * thermodynamic limit (k-space, 512² mesh): η_aa = −(J²/2) χ_σ(R) to O(J⁴)
 * (H' = −(J/2) S·σ, as on the square lattice). Along m(a1 + a2) = (3m, 0) the
 * A–A factor 1 + cos 2K·R is 2, so χ_AA ∝ 1/R³ without oscillation.
 */
test('graphene: A–A ferromagnetic, A–B antiferromagnetic, both = the exact lattice susceptibility (J² law), ∝ 1/R³ undoped', async () => {
  const [T, J] = [0.02, 0.05];
  const model = parseModel({
    lattice: { preset: 'honeycomb', shape: [16, 16], periodic: [true, true] },
    chemicalPotential: 0,
    temperature: T,
    impurities: [{ site: [0, 0], spin: [0, 0, 1], coupling: J }],
  });
  const ms = [2, 3, 4, 6];
  for (const [pair, sublattice] of [['same', 0], ['opposite', 1]] as const) {
    const targets = ms.map((m) => ({ cell: [m, m], sublattice }));
    const { rows } = await computeCouplings(model, { targets, engine: 'exact', secondOrder: true, mesh: [512, 512], threads: 2 });
    const chi = honeycombLatticeSusceptibility(ms.map((m) => [m, m] as [number, number]), pair, { chemicalPotential: 0, temperature: T });
    const scale = Math.max(...chi.map((x) => (J * J / 2) * Math.abs(x)));
    rows.forEach((r, k) => {
      const want = -(J * J / 2) * chi[k]!;
      assert.ok(Math.abs(r.distance! - (3 * ms[k]! + (pair === 'same' ? 0 : 1))) < 1e-12, `distance ${r.distance}`);
      assert.ok(Math.abs(r.J[0] - r.J[2]) < 1e-9 * Math.abs(r.J[0]) && Math.max(...r.D.map(Math.abs)) < 1e-9 * Math.abs(r.J[0]), 'isotropic Heisenberg');
      assert.ok(Math.abs(r.secondOrder!.J[0] - want) < 1e-6 * Math.abs(want) + 1e-14, `${pair} m = ${ms[k]}: engine ${r.secondOrder!.J[0]} vs lattice ${want}`);
      assert.ok(Math.abs(r.J[0] - want) < 2e-3 * scale, `${pair} m = ${ms[k]}: exact ${r.J[0]} vs J² law ${want}`);
      assert.ok(pair === 'same' ? r.J[0] < 0 : r.J[0] > 0, `${pair}: J = ${r.J[0]} has the wrong sign`);
    });
    // 1/R³: J·R³ at the two largest separations agrees to 15 % (T = 0.02 cuts off only at R ~ v/T ≈ 75).
    const [a, b] = [rows[2]!, rows[3]!].map((r) => r.J[0] * r.distance! ** 3);
    assert.ok(Math.abs(a! - b!) < 0.15 * Math.abs(b!), `${pair}: J R³ = ${a} vs ${b}`);
  }
});
