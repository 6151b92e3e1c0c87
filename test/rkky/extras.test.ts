import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { angleScan } from '../../src/rkky/angleScan.js';

const host = (J: number) =>
  parseModel({
    lattice: { shape: [8, 6] },
    chemicalPotential: -0.9,
    pairing: { s: 0.1, p: [0, 0.15], dVector: 'e_z * p_x' },
    temperature: 0.02,
    impurities: [{ site: [2, 3], spin: [0, 0, 1], coupling: J }],
  });

test('second-order (LKAG) tensor converges to the exact η as J → 0', async () => {
  const dev = async (J: number) => {
    const { rows } = await computeCouplings(host(J), { separations: [2], engine: 'exact', secondOrder: true, threads: 1 });
    const r = rows[0]!;
    const scale = Math.max(...r.eta.flat().map(Math.abs));
    return Math.max(...r.eta.flat().map((x, k) => Math.abs(x - r.secondOrder!.eta.flat()[k]!))) / scale;
  };
  // The first correction to the bilinear terms is O(J⁴) (odd orders in one spin cancel), so the relative error is O(J²).
  const [d1, d2] = [await dev(0.01), await dev(0.02)];
  assert.ok(d1 < 1e-4, `relative deviation at J = 0.01: ${d1}`);
  assert.ok(d2 > 3 * d1 && d2 < 5 * d1, `quadratic in J: ${d1} → ${d2}`);
});

test('angle scan: exact = dense, endpoints equal the 36-configuration free energies', async () => {
  const m = host(2);
  const [exact, dense] = await Promise.all([
    angleScan(m, { separation: 2, plane: 'xy', angles: 8, engine: 'exact', threads: 1 }),
    angleScan(m, { separation: 2, plane: 'xy', angles: 8, engine: 'dense', threads: 1 }),
  ]);
  const spread = Math.max(...dense.rows.map((r) => Math.abs(r.F - dense.rows[0]!.F)));
  exact.rows.forEach((r, k) => {
    assert.ok(Math.abs(r.F - dense.rows[k]!.F) < 1e-12 * Math.abs(r.F), `θ = ${r.theta}`);
    const [de, dd] = [r.F - exact.rows[0]!.F, dense.rows[k]!.F - dense.rows[0]!.F];
    assert.ok(Math.abs(de - dd) < 1e-9 * spread, `F(θ) − F(0) at θ = ${r.theta}: ${de} vs ${dd}`);
  });
  assert.ok(Math.abs(exact.biquadratic - dense.biquadratic) < 1e-8 * spread);
  const { rows } = await computeCouplings(m, { separations: [2], engine: 'dense', raw: true, threads: 1 });
  const raw = rows[0]!.raw!;
  assert.ok(Math.abs(dense.rows[0]!.F - raw['x+,x+']!) < 1e-10 * Math.abs(raw['x+,x+']!));
  assert.ok(Math.abs(dense.rows[2]!.F - raw['x+,y+']!) < 1e-10 * Math.abs(raw['x+,y+']!));
  assert.ok(Math.abs(dense.rows[4]!.F - raw['x+,x-']!) < 1e-10 * Math.abs(raw['x+,x-']!));
});

test('weak coupling keeps relative accuracy: exact η = second-order η to 1e-6 at J = 1e-4 (η ≈ 1e-10 of F)', async () => {
  const { rows } = await computeCouplings(host(1e-4), { separations: [1, 3], engine: 'exact', secondOrder: true, threads: 1 });
  for (const r of rows) {
    const scale = Math.max(...r.secondOrder!.eta.flat().map(Math.abs));
    assert.ok(scale < 1e-8 * Math.abs(r.F0), 'the exchange is many orders below F');
    r.eta.flat().forEach((x, k) => assert.ok(Math.abs(x - r.secondOrder!.eta.flat()[k]!) <= 1e-6 * scale, `eta[${k}]: ${x} vs ${r.secondOrder!.eta.flat()[k]}`));
  }
});
