import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRef } from '../refs.js';
import { tableModel } from './tableModel.js';
import { separationSweep } from '../../src/rkky/problem.js';
import { exactConfigurationEnergies } from '../../src/rkky/exactEngine.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { DIRECTION_LABELS } from '../../src/rkky/configurations.js';

const tables = loadRef('rkky_tables.json');

for (const [id, host] of Object.entries<any>(tables.hosts)) {
  test(`exact engine reproduces bodge's full 21×21 table ${id} (all separations, 36 raw F, couplings)`, async () => {
    const p = host.parameters;
    const problem = separationSweep(tableModel(p), p.separations, p.displacement_axis);
    const energies = await exactConfigurationEnergies(problem);
    p.separations.forEach((sep: number, k: number) => {
      const row = host.by_separation.find((r: any) => r.sep === sep);
      const F = energies[k]!;
      const ref: number[] = [];
      for (const a of DIRECTION_LABELS) for (const b of DIRECTION_LABELS) ref.push(row.free_energies[`${a},${b}`]);
      const c = extractCouplings(F);
      const scale = Math.max(...row.eta.flat().map(Math.abs));
      for (let i = 0; i < 36; i++) assert.ok(Math.abs(F[i]! - ref[i]!) <= 1e-9 * Math.abs(ref[i]!), `F[${i}] δ=${sep}: ${F[i]} vs ${ref[i]}`);
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) assert.ok(Math.abs(c.eta[a]![b]! - row.eta[a][b]) <= 1e-8 * scale, `eta δ=${sep}`);
        assert.ok(Math.abs(c.D[a]! - row.D[a]) <= 1e-8 * scale, `D δ=${sep}: ${c.D[a]} vs ${row.D[a]}`);
        assert.ok(Math.abs(c.mu[a]! - row.mu[a]) <= 1e-8 * scale, `mu δ=${sep}`);
      }
    });
  });
}
