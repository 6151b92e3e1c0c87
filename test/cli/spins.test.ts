import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { registerSpins } from '../../src/cli/spins.js';
import { repoRoot } from '../refs.js';
import { runInChild, runInProcess } from '../spins/cliHarness.js';
import { modelFile, tempPath, usageError as usageErrorOf } from './run.js';

/** A usage error of `rkky spins …` (run in a child process with only the spins command registered). */
const usageError = (args: string[], field: string) => usageErrorOf(args, field, (a) => runInChild('src/cli/spins.js', 'registerSpins', ['spins', ...a]));

const example = resolve(repoRoot, 'examples/couplings-sip-demo.json');
const run = (args: string[]) => runInProcess(registerSpins, ['spins', ...args]);

/** Exit code 2 and exactly one stderr line naming `field`. */

test('spins minimize: the 5-spin adatom chain from the example table, JSON and a picture', async () => {
  const svg = tempPath('chain.svg');
  const out = JSON.parse(await run(['minimize', example, '--chain', '5', '--json', '--plot', svg]));
  assert.equal(out.spins.length, 5);
  assert.equal(out.angles.length, 4, 'nearest-neighbour pairs only');
  assert.ok(out.energy < 0 && out.torque < 1e-9 && out.convention.includes('S_iᵀ η_ij S_j'));
  assert.ok(readFileSync(svg, 'utf8').startsWith('<svg'));
  const text = await run(['minimize', example, '--chain', '3', '--starts', '3']);
  assert.match(text, /^# ground state of/);
  assert.match(text, /0–1: [\d.]+°/);
});

test('spins montecarlo --cubic: CSV rows per temperature, JSON with tempering, a PNG plot', async () => {
  const csv = (await run(['montecarlo', '--cubic', '3', '--temperatures', '1,2', '--sweeps', '200', '--csv'])).trim().split('\n').filter((l) => !l.startsWith('#'));
  assert.equal(csv.length, 3);
  assert.ok(csv[0].startsWith('T,energy,energy_err,C'));
  const png = tempPath('mc.png');
  const json = JSON.parse(
    await run(['montecarlo', '--cubic', '3', '--temperatures', '1:1.2:0.1', '--sweeps', '100', '--tempering', '--replicas', '2', '--json', '--plot', png, '--plot-quantity', 'overlap']),
  );
  assert.equal(json.rows.length, 3);
  assert.ok('q2' in json.rows[0] && 'swap' in json.rows[0] && json.pairTermsPerSecond > 0);
  assert.deepEqual([...readFileSync(png).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
});

test('spins meanfield: T_c = θ = zJ/3 for the cubic ferromagnet; spin S factor; M(T) CSV', async () => {
  const mf = JSON.parse(await run(['meanfield', '--cubic', '4', '--json']));
  assert.ok(Math.abs(mf.tc - 2) < 1e-9 && Math.abs(mf.theta - 2) < 1e-12);
  const half = JSON.parse(await run(['meanfield', '--cubic', '4', '--spin', '0.5', '--json']));
  assert.ok(Math.abs(half.tc - 6) < 1e-9);
  const csv = (await run(['meanfield', '--cubic', '4', '--temperatures', '1,3', '--csv'])).trim().split('\n').filter((l) => !l.startsWith('#'));
  assert.equal(csv.length, 3);
  assert.ok(Number(csv[2].split(',')[2]) < 1e-6, 'M = 0 above T_c');
});

test('spins export: Vampire tensorial .ucf, Spirit pairs and an rkky model file that reloads', async () => {
  assert.match(await run(['export', example, '--chain', '3', '--format', 'vampire', '--t-mev', '10']), /\n6 tensorial\n/);
  assert.match(await run(['export', example, '--chain', '3', '--format', 'spirit']), /n_interaction_pairs 3/);
  const saved = tempPath('chain-model.json');
  await run(['export', example, '--chain', '4', '--format', 'rkky', '-o', saved]);
  const again = JSON.parse(await run(['minimize', saved, '--json', '--starts', '4']));
  const direct = JSON.parse(await run(['minimize', example, '--chain', '4', '--json', '--starts', '4']));
  assert.ok(Math.abs(again.energy - direct.energy) < 1e-12);
});

test('spins --spin-glass: random impurities coupled by the continuum rkkyExchange', async () => {
  const args = ['--spin-glass', '16', '--box', '8', '--kf', '1.3', '--model-seed', '2'];
  const out = JSON.parse(await run(['meanfield', ...args, '--json']));
  assert.ok(Number.isFinite(out.tc) && out.tc > 0 && Number.isFinite(out.theta));
  const mc = JSON.parse(await run(['montecarlo', ...args, '--temperatures', '0.01,0.02', '--sweeps', '100', '--replicas', '2', '--json']));
  assert.equal(mc.spins, 16);
});

test('bad input: one stderr line, exit code 2', () => {
  usageError(['minimize', example, '--chain', '12'], 'displacement (9, 0, 0)');
  usageError(['minimize', example], '--chain');
  usageError(['minimize'], 'input');
  usageError(['montecarlo', '--cubic', '3', '--temperatures', '0:1:0.5'], '--temperatures');
  usageError(['minimize', modelFile({ spins: [{}], pairs: [{ i: 0, j: 3, J: 1 }] })], 'pairs[0].j');
  usageError(['export', example, '--chain', '2', '--format', 'xyz'], '--format');
  usageError(['montecarlo', '--cubic', '3', '--temperatures', '1', '--plot', tempPath('x.svg'), '--plot-quantity', 'overlap'], '--replicas 2');
  usageError(['minimize', example, '--chain', '2', '--plot', tempPath('x.gif')], 'x.gif');
});
