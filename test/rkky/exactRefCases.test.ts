import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRef } from '../refs.js';
import { refModelInput } from '../refCase.js';
import { parseModel } from '../../src/model/model.js';
import { exactFreeEnergy } from '../../src/rkky/exactEngine.js';
import { serialGreens } from '../../src/solvers/greens.js';

const refs = loadRef('free_energy_cases.json');

test('exact engine total F (LU determinants at the pole nodes) = bodge on every reference case, T = 0, 0.01, 0.1', async () => {
  for (const c of refs.cases) {
    const model = parseModel(refModelInput(c.parameters));
    for (const [T, F] of Object.entries<number>(c.free_energy)) {
      const got = await exactFreeEnergy(model.source, Number(T), { greens: serialGreens });
      assert.ok(Math.abs(got - F) <= 1e-9 * Math.abs(F), `${c.id} T=${T}: ${got} vs ${F}`);
    }
  }
});
