import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { parseModel } from '../../src/model/model.js';

/** A 9×9 version of the paper's host; spin 1 at the centre (the mirror x → −x then kills D for y displacement). */
const host = (pairing: object) =>
  parseModel({
    lattice: { shape: [9, 9] },
    chemicalPotential: -3,
    pairing,
    temperature: 0.001,
    impurities: [{ site: [4, 4], spin: [0, 0, 1], coupling: 3 }],
  });
const sip = { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' };
const maxAbs = (v: number[]) => Math.max(...v.map(Math.abs));

test('normal metal: D = 0, J isotropic, μ = 0 (dense engine)', async () => {
  const { rows } = await computeCouplings(host({}), { separations: [1, 2], engine: 'dense' });
  for (const r of rows) {
    const scale = maxAbs(r.eta.flat());
    assert.ok(maxAbs(r.D) < 1e-8 * scale, `D = ${r.D}`);
    assert.ok(Math.abs(r.J[0] - r.J[2]) < 1e-8 * scale && Math.abs(r.J[1] - r.J[2]) < 1e-8 * scale, `J = ${r.J}`);
    assert.ok(maxAbs([...r.mu, ...r.mu1, ...r.mu2]) < 1e-8 * scale);
  }
});

test('s+ip_x host: D ∥ e_z for x displacement, D = 0 for y displacement', async () => {
  const x = await computeCouplings(host(sip), { separations: [1, 2], direction: 'x', engine: 'dense' });
  for (const r of x.rows) {
    const scale = maxAbs(r.eta.flat());
    assert.ok(Math.abs(r.D[2]) > 1e-3 * scale, `D_z = ${r.D[2]} should not vanish`);
    assert.ok(Math.abs(r.D[0]) < 1e-8 * scale && Math.abs(r.D[1]) < 1e-8 * scale);
  }
  const y = await computeCouplings(host(sip), { separations: [1, 2], direction: 'y', engine: 'dense' });
  for (const r of y.rows) assert.ok(maxAbs(r.D) < 1e-8 * maxAbs(r.eta.flat()), `D = ${r.D}`);
});

test('s+p_x without the i (real Δ_p): no DMI', async () => {
  const { rows } = await computeCouplings(host({ s: 0.1, p: 0.1, dVector: 'e_z * p_x' }), { separations: [1], engine: 'dense' });
  assert.ok(maxAbs(rows[0]!.D) < 1e-8 * maxAbs(rows[0]!.eta.flat()));
});
