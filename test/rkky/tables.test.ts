import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRef } from '../refs.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { DIRECTION_LABELS, THIRTY_SIX } from '../../src/rkky/configurations.js';
import { denseConfigurationEnergy, denseHost } from '../../src/rkky/denseEngine.js';
import { separationSweep } from '../../src/rkky/problem.js';
import { tableModel } from './tableModel.js';

const tables = loadRef('rkky_tables.json');

const rawArray = (raw: Record<string, number>) => {
  const F: number[] = [];
  for (const a of DIRECTION_LABELS) for (const b of DIRECTION_LABELS) F.push(raw[`${a},${b}`]!);
  return F;
};

for (const [id, host] of Object.entries<any>(tables.hosts)) {
  test(`extraction from the 36 raw free energies reproduces bodge's couplings (${id})`, () => {
    for (const row of host.by_separation) {
      const c = extractCouplings(rawArray(row.free_energies));
      const scale = Math.max(...row.eta.flat().map(Math.abs));
      const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-8 * scale + 1e-12, `${what}: ${a} vs ${b}`);
      close(c.F0, row.eps0, 'F0');
      for (let a = 0; a < 3; a++) {
        close(c.mu[a]!, row.mu[a], 'mu');
        close(c.mu1[a]!, row.mu1[a], 'mu1');
        close(c.mu2[a]!, row.mu2[a], 'mu2');
        close(c.J[a]!, row.J[a], 'J');
        close(c.D[a]!, row.D[a], 'D');
        for (let b = 0; b < 3; b++) close(c.eta[a]![b]!, row.eta[a][b], 'eta');
      }
    }
  });
}

/** A few raw 21×21 free energies through the dense path (each is one 1764×1764 diagonalization). */
const spots: [string, number, string][] = [
  ['a_normal_21', 3, 'x+,x-'],
  ['d_sip_21', 2, 'x+,y+'],
  ['d_sip_21', 2, 'y+,x+'],
  ['e_sip_y_21', 1, 'z+,x-'],
];
for (const [id, sep, key] of spots) {
  test(`dense free energy of ${id}, δ = ${sep}, ${key} matches bodge to 1e-10`, () => {
    const host = tables.hosts[id];
    const row = host.by_separation.find((r: any) => r.sep === sep);
    const model = tableModel(host.parameters);
    const problem = separationSweep(model, [sep], host.parameters.displacement_axis);
    const [a, b] = key.split(',').map((s) => DIRECTION_LABELS.indexOf(s as (typeof DIRECTION_LABELS)[number]));
    const F = denseConfigurationEnergy(problem, denseHost(problem), 0, THIRTY_SIX[6 * a! + b!]!);
    const want = row.free_energies[key];
    assert.ok(Math.abs(F - want) <= 1e-10 * Math.abs(want), `${F} vs ${want}`);
  });
}
