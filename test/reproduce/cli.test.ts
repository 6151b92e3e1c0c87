/**
 * The CLI contract of `rkky reproduce` (run in a child process through a
 * test-only Command, before the command is wired into main.ts) and the
 * `--plot` option of `rkky couplings`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerCouplings } from '../../src/cli/couplings.js';
import { repoRoot } from '../refs.js';

const dir = mkdtempSync(join(tmpdir(), 'rkky-reproduce-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A script file rather than `node -e`: worker threads inherit the parent's
 * exec flags, and `--input-type` (needed by -e) is not allowed in a worker.
 */
const script = join(dir, 'rkky-reproduce.mjs');
writeFileSync(
  script,
  [
    `import { Command } from ${JSON.stringify(import.meta.resolve('commander'))};`,
    `import { registerReproduce } from ${JSON.stringify(new URL('../../src/cli/reproduce.js', import.meta.url).href)};`,
    "const p = new Command('rkky').exitOverride();",
    'p.configureOutput({ outputError: (s, w) => w(`rkky: ${s.replace(/^error: /, "").trim()}\\n`) });',
    'registerReproduce(p);',
    "try { await p.parseAsync(process.argv.slice(2), { from: 'user' }); } catch (e) { process.exit(e.exitCode === 0 ? 0 : 2); }",
  ].join('\n'),
);
function reproduce(args: string[]) {
  const r = spawnSync(process.execPath, [script, 'reproduce', ...args], { encoding: 'utf8', cwd: repoRoot });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('reproduce fig1c --quick --json prints {"rows": [{separation, mu, J, D}]} and writes the files', () => {
  const out = join(dir, 'fig1c');
  const r = reproduce(['fig1c', '--quick', '--json', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json), ['rows']);
  assert.equal(json.rows.length, 20);
  json.rows.forEach((row: { separation: number; mu: number[]; J: number[]; D: number[] }, k: number) => {
    assert.deepEqual(Object.keys(row), ['separation', 'mu', 'J', 'D']);
    assert.equal(row.separation, k + 1);
    for (const v of [row.mu, row.J, row.D]) assert.ok(Array.isArray(v) && v.length === 3 && v.every(Number.isFinite));
  });
  // the paper's headline: a finite D_z along z, oscillating in sign
  assert.ok(json.rows[0].D[2] > 1e-3 && json.rows.some((row: { D: number[] }) => row.D[2] < 0));
  for (const ext of ['csv', 'json', 'svg', 'png']) assert.ok(existsSync(join(out, `fig1c.${ext}`)), ext);
  const csv = readFileSync(join(out, 'fig1c.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'separation,mu_x,mu_y,mu_z,J_x,J_y,J_z,D_x,D_y,D_z');
  assert.equal(csv.length, 21);
  const svg = readFileSync(join(out, 'fig1c.svg'), 'utf8');
  for (const label of ['Separation δ/a', 'DMI coefficient D_z/t', 'Fig. 1(c)']) assert.ok(svg.includes(label), label);
});

test('reproduce fig1c --quick --check: summary, PASS lines, checks.json, exit 0', () => {
  const out = join(dir, 'check');
  const r = reproduce(['fig1c', '--quick', '--check', '--no-png', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /fig1c: Fig\. 1\(c\)/);
  assert.match(r.stdout, /4\/4 passed/);
  assert.equal(r.stdout.match(/^PASS /gm)?.length, 4);
  const checks = JSON.parse(readFileSync(join(out, 'checks.json'), 'utf8')).checks;
  assert.deepEqual(checks.map((c: { id: string }) => c.id), ['dmi-along-z', 'dmi-damped-oscillation', 'no-dmi-along-y', 'no-single-spin-term']);
  assert.ok(!existsSync(join(out, 'fig1c.png')));
});

test('reproduce: an unknown figure or a bad option is one stderr line and exit code 2', () => {
  const bad = reproduce(['fig4', '--out', join(dir, 'bad')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^rkky: <figure>: expected one of fig1b, fig1c, fig2, fig3a, fig3b or all, got 'fig4'\n$/);
  const tol = reproduce(['fig1c', '--quick', '--tolerance', 'x', '--out', join(dir, 'bad')]);
  assert.equal(tol.code, 2);
  assert.equal(tol.stderr.trim().split('\n').length, 1);
});

test('couplings --plot writes a figure beside the usual output', async () => {
  const program = new Command('rkky').exitOverride();
  registerCouplings(program);
  const model = join(dir, 'model.json');
  writeFileSync(
    model,
    JSON.stringify({ lattice: { shape: [9, 9] }, chemicalPotential: -3, pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' }, temperature: 0.01, impurities: [{ site: [4, 4], spin: [0, 0, 1], coupling: 3 }] }),
  );
  const svg = join(dir, 'couplings.svg');
  await program.parseAsync(['couplings', model, '--separations', '1:3', '--csv', '--plot', svg, '-o', join(dir, 'c.csv')], { from: 'user' });
  const text = readFileSync(svg, 'utf8');
  assert.match(text, /^<svg/);
  for (const label of ['J_x', 'J_z', 'D_z', 'Separation δ (lattice constants a)', 'units of t']) assert.ok(text.includes(label), label);
  assert.ok(!text.includes('>D_x<'), 'identically zero components are left out');
  assert.equal(readFileSync(join(dir, 'c.csv'), 'utf8').trim().split('\n').length, 4);
});
