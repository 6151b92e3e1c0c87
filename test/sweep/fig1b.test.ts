/** `rkky reproduce fig1b` on the sweep machinery: the same numbers as the per-model path, and its sweep file. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fig1bSweep, gapGrid, gapMap } from '../../src/reproduce/fig1b.js';
import { ReproRun } from '../../src/reproduce/runner.js';
import { FULL_SETUP } from '../../src/reproduce/setup.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { definitionHash } from '../../src/sweep/definition.js';
import { loadSweep } from '../../src/sweep/definition.js';
import { rkky, scratch } from './fixture.js';

const { dir, cleanup } = scratch('fig1b');
after(cleanup);

test('gapGrid(5) is the paper grid; other sizes span 0..0.2', () => {
  assert.deepEqual(gapGrid(5), FULL_SETUP.gaps);
  assert.deepEqual(gapGrid(3), [0, 0.1, 0.2]);
  assert.equal(gapGrid(41)[1], 0.005);
  assert.throws(() => gapGrid(1), /--grid: expected an integer number of gap values/);
});

test('the Fig. 1(b) map through the sweep workers equals the per-model computation, bit for bit', async () => {
  const setup = { ...FULL_SETUP, name: 'test', size: 5, gaps: gapGrid(3) };
  const viaSweep = new ReproRun(setup);
  const perModel = new ReproRun(setup, { greens: serialGreens });
  const a = await gapMap(viaSweep);
  assert.deepEqual(a, await gapMap(perModel));
  assert.equal(viaSweep.calls, 9);
  assert.equal(await gapMap(viaSweep), await gapMap(viaSweep), 'memoized per run');
  assert.equal(viaSweep.calls, 9);
  for (const p of a) if (p.gapS === 0 || p.gapP === 0) assert.ok(Math.abs(p.row.D[2]) < 1e-12);
});

test('rkky sweep fig1b writes the same definition as a sweep file', () => {
  const file = join(dir, 'fig1b.json');
  const r = rkky(['sweep', 'fig1b', '--grid', '7', '--size', '11', '-o', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(definitionHash(loadSweep(file)), definitionHash(fig1bSweep({ ...FULL_SETUP, size: 11, gaps: gapGrid(7) })));
  const bad = rkky(['sweep', 'fig1b', '--size', '10', '-o', file]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^rkky: --size: expected an odd lattice side/);
});
