import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerContinuum } from '../../src/cli/continuum.js';
import { formatRows, outputFormat, writeRows } from '../../src/cli/output.js';
import { susceptibilityZeroT } from '../../src/continuum/index.js';

/**
 * Run `rkky <args> -o FILE` in-process and return what it wrote. (Output goes
 * to a file rather than a captured stdout: node's test runner talks to its
 * parent over this process's stdout.)
 */
const scratch = mkdtempSync(join(tmpdir(), 'rkky-cli-'));
let counter = 0;
after(() => rmSync(scratch, { recursive: true, force: true }));
async function run(args: string[]): Promise<string> {
  const program = new Command('rkky').exitOverride();
  registerContinuum(program);
  const file = join(scratch, `out-${counter++}.txt`);
  await program.parseAsync([...args, '-o', file], { from: 'user' });
  return readFileSync(file, 'utf8');
}

test('continuum lindhard --json prints {"rows": [{q, chi}]}', async () => {
  const out = JSON.parse(await run(['continuum', 'lindhard', '--dim', '3', '--kf', '1', '--q', '0:3:0.5', '--json']));
  assert.equal(out.rows.length, 7);
  assert.deepEqual(Object.keys(out.rows[0]), ['q', 'chi']);
  assert.ok(Math.abs(out.rows[0].chi - 1 / (2 * Math.PI ** 2)) < 1e-15);
});

test('continuum range --json prints {"rows": [{R, chi, J}]} with J = −2J²χ', async () => {
  const out = JSON.parse(await run(['continuum', 'range', '--dim', '2', '--kf', '1.5', '--r', '1:5:1', '--coupling', '0.5', '--json']));
  assert.equal(out.rows.length, 5);
  for (const row of out.rows) {
    assert.deepEqual(Object.keys(row), ['R', 'chi', 'J']);
    assert.equal(row.chi, susceptibilityZeroT(2, 1.5, row.R));
    assert.equal(row.J, -0.5 * row.chi);
  }
  const damped = JSON.parse(await run(['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '2:2:1', '--temperature', '0.01', '--mean-free-path', '10', '--json']));
  assert.ok(Math.abs(damped.rows[0].chi) < Math.abs(susceptibilityZeroT(3, 1, 2)));
});

test('continuum range --plot out.svg writes a figure and --csv the data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rkky-cli-'));
  try {
    const svg = join(dir, 'out.svg');
    const csv = await run(['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '0.5:20:0.05', '--plot', svg, '--csv']);
    assert.ok(readFileSync(svg, 'utf8').startsWith('<svg'));
    const lines = csv.trim().split('\n');
    assert.equal(lines[0], 'R,chi,J');
    assert.equal(lines.length, 1 + 391);
    // format from the extension of -o
    const program = new Command('rkky').exitOverride();
    registerContinuum(program);
    await program.parseAsync(['continuum', 'range', '--dim', '1', '--kf', '1', '--r', '1:3:1', '-o', join(dir, 'r.csv')], { from: 'user' });
    assert.equal(readFileSync(join(dir, 'r.csv'), 'utf8').split('\n')[0], 'R,chi,J');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the other subcommands produce rows', async () => {
  const friedel = JSON.parse(await run(['continuum', 'friedel', '--dim', '1', '--kf', '1', '--r', '1:2:1', '--json']));
  assert.deepEqual(Object.keys(friedel.rows[0]), ['r', 'deltaN']);
  const doniach = JSON.parse(await run(['continuum', 'doniach', '--dim', '3', '--kf', '1', '--coupling', '2', '--r', '0.5:20:0.5', '--json']));
  assert.ok(doniach.kondoTemperature > 0 && doniach.rows[0].winner === 'rkky' && doniach.rows.at(-1).winner === 'kondo');
  const iec = JSON.parse(await run(['continuum', 'interlayer', '--kf', '1', '--l', '1:3:1', '--json']));
  assert.equal(iec.period, Math.PI);
  const gr = JSON.parse(await run(['continuum', 'graphene', '--pair', 'same', '--n', '2:3', '--json']));
  assert.ok(gr.rows.every((r: { chi: number }) => r.chi > 0));
  const phys = JSON.parse(await run(['continuum', 'range', '--dim', '3', '--physical', '--kf', '1.2', '--coupling', '0.5', '--r', '5:5:1', '--json']));
  assert.equal(phys.units.J, 'eV');
});

test('output helper: JSON, CSV (quoted), table; format from flags or extension', () => {
  const rows = [{ a: 1, b: 'x,y' }, { a: 0.5, b: 'plain' }];
  assert.deepEqual(JSON.parse(formatRows(rows, 'json', { meta: 1 })), { meta: 1, rows });
  assert.equal(formatRows(rows, 'csv'), 'a,b\n1,"x,y"\n0.5,plain\n');
  assert.match(formatRows(rows, 'table'), /a\s+b/);
  assert.equal(formatRows([], 'json'), '{"rows": []}\n');
  assert.equal(outputFormat({ out: 'x.CSV' }), 'csv');
  assert.equal(outputFormat({ out: 'x.json', csv: true }), 'csv');
  assert.equal(outputFormat({}), 'table');
  assert.equal(typeof writeRows, 'function');
});

// Bad flags: one line on stderr naming the option, exit code 2 (spawned, since the CLI exits).
const root = resolve(fileURLToPath(import.meta.url), '../../../..');
function spawnCli(args: string[]) {
  const entry = join(root, 'dist/src/cli/continuum.js');
  const script = `
    const { Command, CommanderError } = await import('commander');
    const { registerContinuum } = await import(${JSON.stringify(entry)});
    const program = new Command('rkky').exitOverride();
    program.configureOutput({ outputError: (s, w) => w('rkky: ' + s.replace(/^error: /, '')) });
    registerContinuum(program);
    try { await program.parseAsync(${JSON.stringify(args)}, { from: 'user' }); }
    catch (e) { if (e instanceof CommanderError) process.exit(2); throw e; }`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
}

test('bad flags exit with code 2 and one line naming the option', () => {
  const cases: [string[], string][] = [
    [['continuum', 'range', '--dim', '4', '--kf', '1', '--r', '1:2'], '--dim'],
    [['continuum', 'range', '--dim', '3', '--kf', '0', '--r', '1:2'], '--kf'],
    [['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '3:1'], '--r'],
    [['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '1:2', '--temperature', '-1'], '--temperature'],
    [['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '1:2', '--mean-free-path', '-2'], '--mean-free-path'],
    [['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '1:2', '--dispersion-power', '5'], '--dispersion-power'],
    [['continuum', 'lindhard', '--dim', '3', '--kf', '1', '--q', 'x'], '--q'],
    [['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '1:2', '--plot', 'out.pdf'], 'out.pdf'],
    [['continuum', 'range', '--dim', '3', '--kf', '1', '--r', '1:2', '--bogus'], '--bogus'],
  ];
  for (const [args, name] of cases) {
    const r = spawnCli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: status ${r.status}, stderr ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0]!.startsWith('rkky: ') && lines[0]!.includes(name), r.stderr);
  }
  assert.ok(!existsSync(join(root, 'out.pdf')));
});
