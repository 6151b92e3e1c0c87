import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { modelFile, rkky, tempPath, usageError } from './run.js';
import { repoRoot } from '../refs.js';

const good = {
  lattice: { shape: [6, 5] },
  chemicalPotential: -1.3,
  pairing: { s: 0.2 },
  temperature: 0.01,
  impurities: [{ site: [2, 2], spin: [0, 0, 1], coupling: 1 }],
};

/** Assert a usage error: exit 2, exactly one line on stderr mentioning `field`, nothing on stdout, no stack trace. */

test('energy --json prints {"F", "engine"}', () => {
  const r = rkky(['energy', modelFile(good), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(typeof out.F, 'number');
  assert.equal(out.engine, 'dense');
});

test('couplings --json has the contract fields; --csv one row per separation; -o writes a file', () => {
  const r = rkky(['couplings', modelFile(good), '--separations', '1:2', '--json', '--raw', '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.engine, 'dense');
  assert.equal(out.rows.length, 2);
  for (const key of ['separation', 'site1', 'site2', 'F0', 'mu', 'mu1', 'mu2', 'eta', 'J', 'D', 'raw']) assert.ok(key in out.rows[0], key);
  assert.deepEqual(out.rows[1].site2, [4, 2]);
  assert.equal(Object.keys(out.rows[0].raw).length, 36);
  const csv = rkky(['couplings', modelFile(good), '--separations', '1:2', '--csv', '--direction', 'y']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.ok(lines[0]!.startsWith('separation,site1_x,site1_y,site2_x,site2_y,F0'));
  const out2 = tempPath('c.json');
  assert.equal(rkky(['couplings', modelFile(good), '--separations', '1:1', '--json', '-o', out2]).code, 0);
  assert.equal(JSON.parse(readFileSync(out2, 'utf8')).rows.length, 1);
});

test('--help works on every command', () => {
  for (const args of [['--help'], ['energy', '--help'], ['couplings', '--help']]) {
    const r = rkky(args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: rkky/);
  }
});

test('malformed model files are one-line usage errors naming the field', () => {
  const { lattice, ...noLattice } = good;
  void lattice;
  usageError(['energy', modelFile(noLattice)], 'lattice');
  usageError(['energy', modelFile({ ...good, zeeman: [0, 1] })], 'zeeman');
  usageError(['energy', modelFile({ ...good, impurities: [{ site: [2, 2], spin: [0, 1], coupling: 1 }] })], 'impurities[0].spin');
  usageError(['energy', modelFile({ ...good, chemicalPotentail: 1 })], 'chemicalPotentail');
  usageError(['energy', modelFile({ ...good, impurities: [{ site: [9, 2], spin: [0, 0, 1], coupling: 1 }] })], 'impurities[0].site');
  usageError(['energy', modelFile({ ...good, temperature: -0.1 })], 'temperature');
  usageError(['energy', modelFile({ ...good, custom: [{ sites: [[0, 0], [1, 0]], H: [[0.5, 0], [0, 0.5]] }] })], 'hamiltonian');
  // The exact engine's workers are started before the host is built: a build error still ends in one line, exit 2.
  usageError(['couplings', modelFile({ ...good, custom: [{ sites: [[0, 0], [1, 0]], H: [[0.5, 0], [0, 0.5]] }] }), '--separations', '1', '--engine', 'exact', '--threads', '2'], 'hamiltonian');
  usageError(['energy', modelFile({ ...good, lattice: { shape: [4, 0] } })], 'lattice.shape[1]');
  usageError(['energy', modelFile({ ...good, pairing: { p: 0.1 } })], 'pairing.dVector');
  usageError(['energy', modelFile({ ...good, pairing: { p: 0.1, dVector: 'e_z * q_x' } })], 'pairing.dVector');
  usageError(['energy', modelFile('{ "lattice": ')], 'not valid JSON');
  usageError(['energy', '/nonexistent/model.json'], '/nonexistent/model.json');
});

test('a Hermitian custom block is accepted and changes F', () => {
  const custom = [{ sites: [[0, 0], [1, 0]], H: [[0.5, 0], [0, 0.5]] }, { sites: [[1, 0], [0, 0]], H: [[0.5, 0], [0, 0.5]] }];
  const a = JSON.parse(rkky(['energy', modelFile(good), '--json']).stdout).F;
  const b = rkky(['energy', modelFile({ ...good, custom }), '--json']);
  assert.equal(b.code, 0, b.stderr);
  assert.notEqual(JSON.parse(b.stdout).F, a);
});

test('bad CLI arguments are usage errors', () => {
  const f = modelFile(good);
  usageError(['couplings', f], '--separations');
  usageError(['couplings', f, '--separations', '1-3'], '--separations');
  usageError(['couplings', f, '--separations', '1:9'], '--separations');
  usageError(['couplings', f, '--separations', '1:2', '--direction', 'w'], '--direction');
  usageError(['couplings', f, '--separations', '1:2', '--engine', 'magic'], '--engine');
  usageError(['couplings', f, '--separations', '1:2', '--json', '--csv'], '--csv');
  usageError(['couplings', modelFile({ ...good, impurities: [] }), '--separations', '1:2'], 'impurities');
  usageError(['energy'], 'model');
  usageError(['frobnicate'], 'frobnicate');
  assert.equal(existsSync(tempPath('never.json')), false);
});

test('Ctrl-C cancels a long run cleanly: exit 130, one line, no output file, no temp files', async () => {
  const { spawn } = await import('node:child_process');
  const { readdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  const { cliPath, whenBusy } = await import('./run.js');
  const out = tempPath('cancelled.json');
  // The paper's host on 201×201 (about 9 s of CPU): the 101×101 run itself now ends within 2 s of CPU.
  const paper = JSON.parse(readFileSync(`${repoRoot}/examples/paper.json`, 'utf8'));
  const model = modelFile({ ...paper, lattice: { ...paper.lattice, shape: [201, 201] }, impurities: [{ ...paper.impurities[0], site: [100, 100] }] });
  const child = spawn(process.execPath, [cliPath, 'couplings', model, '--separations', '1:20', '--json', '-o', out], { cwd: repoRoot });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Signal once the run is computing (measured in its CPU time, not a fixed delay: a loaded machine starts slowly).
  await whenBusy(child.pid!, 2);
  child.kill('SIGINT');
  const code = await new Promise((r) => child.on('exit', (c) => r(c)));
  assert.equal(code, 130);
  assert.equal(stderr.trim(), 'rkky: cancelled');
  assert.equal(existsSync(out), false);
  assert.deepEqual(readdirSync(dirname(out)).filter((f) => f.includes('cancelled')), []);
});

test('a successful run on a pipe prints nothing on stderr (no progress bar)', () => {
  const r = rkky(['couplings', modelFile(good), '--separations', '1:1', '--engine', 'exact', '--json']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.equal(JSON.parse(r.stdout).engine, 'exact');
});
