import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { registerMoments } from '../../src/cli/moments.js';
import { runInChild, runInProcess } from '../spins/cliHarness.js';
import { tempPath } from './run.js';

const run = (args: string[]) => runInProcess(registerMoments, ['moments', ...args]);

test('moments hund <ion> --json: the contract {S, L, J, gJ, muEff} with μ_eff = g_J √(J(J+1))', async () => {
  const dy = JSON.parse(await run(['hund', 'Dy3+', '--json']));
  for (const key of ['S', 'L', 'J', 'gJ', 'muEff']) assert.ok(key in dy, key);
  assert.deepEqual([dy.S, dy.L, dy.J], [2.5, 5, 7.5]);
  assert.ok(Math.abs(dy.muEff - dy.gJ * Math.sqrt(dy.J * (dy.J + 1))) < 1e-12);
  const fe = JSON.parse(await run(['hund', 'Fe2+', '--json', '--spin-only']));
  assert.ok(Math.abs(fe.muEff - Math.sqrt(24)) < 1e-12);
  assert.match(await run(['hund', 'Co2+']), /4F9\/2/);
});

test('moments curie and fit: a Curie–Weiss table fits back to its θ and μ_eff', async () => {
  const csv = await run(['curie', 'Gd3+', '--temperatures', '20:300:10', '--theta', '-3', '--csv']);
  const file = tempPath('gd.csv');
  writeFileSync(file, csv);
  const fit = JSON.parse(await run(['fit', file, '--json']));
  assert.ok(Math.abs(fit.theta.value + 3) < 1e-6);
  assert.ok(Math.abs(fit.muEff.value - Math.sqrt(63)) < 1e-6);
  const svg = tempPath('fit.svg');
  assert.match(await run(['fit', file, '--tmin', '50', '--plot', svg]), /θ = -3\.00000 ± /);
  assert.ok(readFileSync(svg, 'utf8').includes('<svg'));
});

test('unknown ions and bad options: exit 2 with one stderr line', () => {
  for (const [args, field] of [
    [['hund', 'Xx3+', '--json'], 'Xx3+'],
    [['hund', 'Fe'], 'Fe'],
    [['curie', 'Gd3+', '--temperatures', '1:10', '--units', 'furlongs'], '--units'],
    [['fit', tempPath('missing.csv')], 'missing.csv'],
  ] as const) {
    const r = runInChild('src/cli/moments.js', 'registerMoments', ['moments', ...args]);
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].startsWith('rkky: ') && lines[0].includes(field), lines[0]);
    assert.equal(r.stdout, '');
  }
});
