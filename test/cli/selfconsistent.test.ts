import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { modelFile, rkky, tempPath } from './run.js';

const model = {
  lattice: { preset: 'square', shape: [6, 5] },
  chemicalPotential: -0.5,
  temperature: 0.05,
  pairing: { s: 0.3, attraction: 2 },
  impurities: [{ site: [2, 2], spin: [0, 0, 1], coupling: 1.5 }],
};

test('rkky selfconsistent --json: converged gap per site, suppressed at the impurity; F', () => {
  const r = rkky(['selfconsistent', modelFile(model), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.converged, true);
  assert.ok(out.residual <= 1e-10);
  assert.equal(out.gap.length, 30);
  const at = (x: number, y: number) => out.gap[x * 5 + y][0];
  assert.ok(at(2, 2) < at(4, 3), 'Δ is suppressed at the magnetic impurity');
  assert.ok(Number.isFinite(out.F));
  const clean = JSON.parse(rkky(['selfconsistent', modelFile(model), '--json', '--no-impurities']).stdout);
  assert.ok(clean.gap[12][0] > out.gap[12][0]);
});

test('rkky selfconsistent: non-convergence is exit 1 unless --allow-unconverged; bad input is one line, exit 2', () => {
  const file = modelFile(model);
  const r = rkky(['selfconsistent', file, '--json', '--max-iterations', '2']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /did not converge/);
  assert.equal(JSON.parse(r.stdout).converged, false);
  assert.equal(rkky(['selfconsistent', file, '--json', '--max-iterations', '2', '--allow-unconverged']).code, 0);
  const noGuess = rkky(['selfconsistent', modelFile({ ...model, pairing: { attraction: 2 } })]);
  assert.equal(noGuess.code, 2);
  assert.match(noGuess.stderr, /pairing\.s/);
  const negative = rkky(['selfconsistent', modelFile({ ...model, pairing: { s: 0.3, attraction: -1 } })]);
  assert.equal(negative.code, 2);
  assert.match(negative.stderr, /attraction/);
});

test('rkky maps: density, magnetization, pairing, ldos rows; CSV; heatmap; bad quantity', () => {
  const plain = { ...model, pairing: { s: 0.3 } };
  const file = modelFile(plain);
  const m = JSON.parse(rkky(['maps', file, '--quantity', 'magnetization', '--json']).stdout);
  assert.equal(m.rows.length, 30);
  assert.deepEqual(m.rows[12].cell, [2, 2]);
  assert.equal(m.rows[12].value.length, 3);
  // The impurity spin along z polarizes its own site; x, y vanish.
  assert.ok(Math.abs(m.rows[12].value[2]) > 1e-3 && Math.abs(m.rows[12].value[0]) < 1e-12);
  const n = JSON.parse(rkky(['maps', file, '--quantity', 'density', '--json', '--no-impurities']).stdout);
  // Clean host: inversion symmetry of the open sample.
  assert.ok(Math.abs(n.rows[0].value - n.rows[29].value) < 1e-10);
  const csv = rkky(['maps', file, '--quantity', 'pairing', '--csv']).stdout.trim().split('\n');
  assert.equal(csv[0], 'cell,sublattice,orbital,re,im');
  assert.equal(csv.length, 31);
  const plot = tempPath('ldos.svg');
  const l = rkky(['maps', file, '--quantity', 'ldos', '--energy', '0.1', '--broadening', '0.02', '--json', '--plot', plot]);
  assert.equal(l.code, 0, l.stderr);
  assert.ok(JSON.parse(l.stdout).rows.every((row: { value: number[] }) => row.value[0] > 0 && row.value[1] > 0));
  assert.ok(existsSync(plot));
  const bad = rkky(['maps', file, '--quantity', 'spin']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--quantity/);
});

test('rkky selfconsistent --ysr-scan: parity flips where the bound state changes sign; couplings --self-consistent rows per radius', () => {
  const ysrModel = { lattice: { shape: [7, 7] }, chemicalPotential: -0.5, temperature: 0.01, pairing: { s: 0.3, attraction: 2 }, impurities: [{ site: [3, 3], spin: [0, 0, 1], coupling: 1 }] };
  const r = rkky(['selfconsistent', modelFile(ysrModel), '--ysr-scan', '3.5:4:0.5', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const [a, b] = JSON.parse(r.stdout).ysr;
  assert.equal(a.parity, 1);
  assert.equal(b.parity, -1);
  assert.ok(a.boundState > 0 && b.boundState < 0);
  const twoSpins = rkky(['selfconsistent', modelFile({ ...ysrModel, impurities: [...ysrModel.impurities, ...ysrModel.impurities] }), '--ysr-scan', '1']);
  assert.equal(twoSpins.code, 2);
  assert.match(twoSpins.stderr, /exactly one impurity/);
  const c = rkky(['couplings', modelFile({ ...model, lattice: { preset: 'square', shape: [4, 4] }, impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 1 }] }), '--self-consistent', '--region', '0,1', '--separations', '1', '--json']);
  assert.equal(c.code, 0, c.stderr);
  const rows = JSON.parse(c.stdout).rows;
  assert.deepEqual(rows.map((x: { region: number }) => x.region), [0, 1]);
  assert.ok(rows.every((x: { converged: boolean; J: number[] }) => x.converged && x.J.every(Number.isFinite)));
});

test('rkky maps and selfconsistent refuse, up front and in one line, a lattice whose kept factorizations do not fit (or exceed --max-memory)', async () => {
  const { usageError } = await import('./run.js');
  const big = modelFile({ lattice: { shape: [3000, 3000] }, chemicalPotential: -1, pairing: { s: 0.2, attraction: 2 } });
  const small = modelFile({ lattice: { shape: [9, 9] }, chemicalPotential: -1, temperature: 0.05, pairing: { s: 0.2, attraction: 2 } });
  usageError(['maps', big, '--quantity', 'density'], 'lattice.shape');
  usageError(['selfconsistent', big, '--json'], 'lattice.shape');
  usageError(['selfconsistent', big, '--critical-temperature'], 'lattice.shape');
  usageError(['maps', small, '--quantity', 'density', '--max-memory', '0.001'], 'lattice.shape');
  usageError(['selfconsistent', small, '--max-memory', 'lots'], '--max-memory');
  const r = rkky(['maps', small, '--quantity', 'density', '--max-memory', '4', '--csv']);
  assert.equal(r.code, 0, r.stderr);
});
