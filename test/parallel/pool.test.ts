/** The worker pool: bad options, throwing callbacks, and virtual-memory limits. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { InputError } from '../../src/errors.js';
import { threadsThatFit, WORKER_ADDRESS_SPACE } from '../../src/parallel/addressSpace.js';
import { checkPoolOptions } from '../../src/parallel/options.js';
import { cliPath, modelFile } from '../cli/run.js';

const GB = 2 ** 30;

test('threadsThatFit: all without a limit, fewer under a tight one, an InputError when none fit', () => {
  assert.equal(threadsThatFit(8, null), 8);
  assert.equal(threadsThatFit(8, { limit: 100 * GB, used: GB }), 8);
  const few = threadsThatFit(8, { limit: GB + 3.5 * WORKER_ADDRESS_SPACE, used: GB });
  assert.ok(few >= 1 && few < 8, String(few));
  assert.throws(() => threadsThatFit(2, { limit: 1.2 * GB, used: 1.1 * GB }), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.field, 'ulimit -v');
    assert.ok(!err.message.includes('\n'));
    return true;
  });
});

test('pool options: thread counts must be positive integers; callbacks functions', () => {
  for (const threads of [0, -1, 1.5, NaN, Infinity, -Infinity, '2', null, true, [2]])
    assert.throws(() => checkPoolOptions({ threads }), /^InputError: options\.threads: expected a positive integer/, String(threads));
  assert.throws(() => checkPoolOptions({ onProgress: 'yes' }), /options\.onProgress: expected a function/);
  assert.throws(() => checkPoolOptions({ signal: {} }), /options\.signal: expected an AbortSignal/);
  assert.throws(() => checkPoolOptions(null), /options: expected an object, got null/);
  checkPoolOptions(undefined);
  checkPoolOptions({ threads: 3, onProgress: () => {}, signal: new AbortController().signal });
});

const tiny = {
  lattice: { shape: [4, 4] },
  chemicalPotential: -1,
  temperature: 0.1,
  impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 1 }],
};

test('under ulimit -v the CLI either works or says so in one line (never a V8 abort)', { skip: process.platform !== 'linux' && 'Linux only' }, () => {
  const path = modelFile(tiny);
  for (const kB of [4000000, 1600000])
    for (const engine of ['dense', 'exact']) {
      const r = spawnSync('bash', ['-c', `ulimit -v ${kB} && exec '${process.execPath}' '${cliPath}' couplings '${path}' --separations 1:2 --engine ${engine} --threads 2 --json`], {
        encoding: 'utf8',
        timeout: 60000,
      });
      assert.ok(r.status === 0 || r.status === 2, `ulimit ${kB}, ${engine}: status ${r.status} signal ${r.signal}: ${r.stderr.slice(0, 300)}`);
      if (r.status === 2) {
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, /^rkky: (ulimit -v|memory): /);
      } else assert.equal(JSON.parse(r.stdout).rows.length, 2);
      if (kB === 4000000) assert.equal(r.status, 0, r.stderr);
    }
});

test('tasks given as a function (called once the workers are spawned): same results as the list; a throwing function rejects; none is empty', async () => {
  const { parseModel } = await import('../../src/model/model.js');
  const { buildHost } = await import('../../src/model/host.js');
  const { greensAtEnergies, greensAtLaterEnergies } = await import('../../src/solvers/greensPool.js');
  const host = buildHost(parseModel({ lattice: { shape: [5, 4] }, chemicalPotential: -0.7, pairing: { s: 0.2 } }));
  const energies = [0.05, 0.3, 1.1].map((im) => ({ re: 0, im }));
  const listed = await greensAtEnergies(host, [3, 11], energies, { threads: 2 });
  let calls = 0;
  const later = await greensAtLaterEnergies(host, [3, 11], () => (calls++, energies), { threads: 2 });
  assert.equal(calls, 1);
  assert.equal(later.length, energies.length);
  later.forEach((r, i) => {
    assert.deepEqual(r.greens, listed[i]!.greens);
    assert.equal(r.logAbsDet, listed[i]!.logAbsDet);
  });
  await assert.rejects(greensAtLaterEnergies(host, [3], () => { throw new InputError('temperature', 'a number'); }), /temperature: a number/);
  assert.deepEqual(await greensAtLaterEnergies(host, [3], () => []), []);
});

test('prestarted workers: a pool takes them (same results), leftovers end on closeWarmWorkers; tasks after a shared-data message', async () => {
  const { parseModel } = await import('../../src/model/model.js');
  const { buildHost } = await import('../../src/model/host.js');
  const { closeWarmWorkers } = await import('../../src/parallel/pool.js');
  const { greensAtEnergies, prestartGreensWorkers, warmGreensWorkers } = await import('../../src/solvers/greensPool.js');
  const { serialGreens } = await import('../../src/solvers/greens.js');
  const host = buildHost(parseModel({ lattice: { shape: [6, 5] }, chemicalPotential: -0.4, zeeman: [0, 0, 0.1], pairing: { s: 0.2 } }));
  const energies = [0.02, 0.4, 2.5].map((im) => ({ re: 0, im }));
  const serial = await serialGreens(host, [4, 17], energies);
  // Started before the host is built (as `rkky couplings` does), taken by the next pool.
  assert.equal(prestartGreensWorkers(2), 2);
  assert.equal(prestartGreensWorkers(2), 2, 'already warm: none added');
  const pooled = await greensAtEnergies(host, [4, 17], energies, { threads: 2 });
  assert.equal(warmGreensWorkers(), 0);
  pooled.forEach((r, i) => {
    assert.deepEqual(r.greens, serial[i]!.greens);
    assert.equal(r.logAbsDet, serial[i]!.logAbsDet);
  });
  // A pool with fewer threads leaves one waiting; closing ends it (and an empty close is immediate).
  prestartGreensWorkers(2);
  const seen: number[] = [];
  const one = await greensAtEnergies(host, [4], energies.slice(0, 2), { threads: 1, onResult: (id) => seen.push(id) });
  assert.equal(one.length, 2);
  assert.deepEqual(seen.sort(), [0, 1]);
  assert.equal(warmGreensWorkers(), 1);
  await closeWarmWorkers();
  assert.equal(warmGreensWorkers(), 0);
  await closeWarmWorkers();
});
