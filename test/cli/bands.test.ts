import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { modelFile, rkky, tempPath, usageError } from './run.js';

const square = { lattice: { shape: [4, 3] }, chemicalPotential: -1, zeeman: [0, 0, 0.2], pairing: { s: 0.3 }, impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 2 }] };


test('bands --json: ascending spinful bands equal the closed form; shape, periodic flags and impurities play no part', () => {
  const r = rkky(['bands', modelFile(square), '--k', '0,0; 0.5,0; 0.25,0.1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.k, [[0, 0], [0.5, 0], [0.25, 0.1]]);
  out.k.forEach(([k1, k2]: number[], q: number) => {
    const e = -2 * (Math.cos(2 * Math.PI * k1!) + Math.cos(2 * Math.PI * k2!)) + 1;
    const expected = [e - 0.2, e + 0.2];
    out.energies[q].forEach((v: number, n: number) => assert.ok(Math.abs(v - expected[n]!) < 1e-12, `${v} vs ${expected[n]}`));
  });
  const periodic = rkky(['bands', modelFile({ ...square, lattice: { shape: [9, 7], periodic: [true, true] }, impurities: [] }), '--k', '0,0; 0.5,0; 0.25,0.1', '--json']);
  assert.deepEqual(JSON.parse(periodic.stdout).energies, out.energies);
});

test('bands --bdg: 4m quasiparticle bands ±√(ξ² + Δ²) ± h', () => {
  const r = rkky(['bands', modelFile(square), '--k', '0.1,0.3', '--bdg', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const xi = -2 * (Math.cos(0.2 * Math.PI) + Math.cos(0.6 * Math.PI)) + 1;
  const E = Math.hypot(xi, 0.3);
  const expected = [-E - 0.2, -E + 0.2, E - 0.2, E + 0.2];
  out.energies[0].forEach((v: number, n: number) => assert.ok(Math.abs(v - expected[n]!) < 1e-12, `${v} vs ${expected[n]}`));
});

test('bands along the default path: labels at the corners, --points, CSV, table, -o and --plot', () => {
  const r = rkky(['bands', modelFile(square), '--json', '--points', '21']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.k.length, 21);
  assert.deepEqual(out.path.labels.map((l: { name: string }) => l.name), ['G', 'X', 'M', 'G']);
  assert.deepEqual(out.k[out.path.labels[2].index], [0.5, 0.5]);
  const csv = rkky(['bands', modelFile(square), '--path', 'M,X', '--points', '3', '--csv']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.deepEqual(csv.stdout.trim().split('\n').map((l) => l.split(',').slice(0, 3).join(',')), ['point,k1,k2', 'M,0.5,0.5', ',0.5,0.25', 'X,0.5,0']);
  const table = rkky(['bands', modelFile(square), '--path', 'G,X', '--points', '2']);
  assert.match(table.stdout.split('\n')[0]!, /point\s+k1\s+k2\s+e1\s+e2/);
  const [json, svg] = [tempPath('bands.json'), tempPath('bands.svg')];
  assert.equal(rkky(['bands', modelFile(square), '--points', '30', '-o', json, '--plot', svg]).code, 0);
  assert.equal(JSON.parse(readFileSync(json, 'utf8')).k.length, 30);
  assert.match(readFileSync(svg, 'utf8'), /<svg[\s\S]*Γ/);
});

test('bands of examples/graphene.json: the two bands touch at the Dirac point K, ±3 at Γ', () => {
  const r = rkky(['bands', 'examples/graphene.json', '--path', 'G,K', '--points', '2', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.path.labels.map((l: { name: string }) => l.name), ['G', 'K']);
  assert.ok(out.energies[0].every((e: number, n: number) => Math.abs(e - (n < 2 ? -3 : 3)) < 1e-12), `Γ: ${out.energies[0]}`);
  assert.ok(out.energies[1].every((e: number) => Math.abs(e) < 1e-12), `K: ${out.energies[1]}`);
});

test('bands: bad input is one line naming the option', () => {
  const f = modelFile(square);
  usageError(['bands', f, '--path', 'G,K,M'], "--path: unknown point 'K' for the square lattice (expected one of G, X, M)");
  usageError(['bands', f, '--k', '0.1'], '--k: expected 2 reduced coordinates per point');
  usageError(['bands', f, '--k', '0.1,x'], "--k: expected a number, got 'x'");
  usageError(['bands', f, '--k', '0,0', '--path', 'G,X'], '--k: cannot be combined with --path');
  usageError(['bands', f, '--k', '0,0', '--points', '4'], '--points: applies to --path');
  usageError(['bands', f, '--plot', 'bands.pdf'], '--plot');
  const general = modelFile({ lattice: { vectors: [[1, 0], [0.3, 1]], basis: [{ name: 'A', position: [0, 0] }], shape: [2, 2] } });
  usageError(['bands', general], '--k: named k points need lattice.preset');
});

test('dos: ∫ρ dE = bands per cell (2m normal, 4m BdG), JSON meta, CSV, --plot; bad input names the option', () => {
  for (const bdg of [false, true]) {
    const r = rkky(['dos', modelFile(square), '--mesh', '40', '--energies', '-8:8:0.01', '--broadening', '0.1', '--json', ...(bdg ? ['--bdg'] : [])]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.mesh, [40, 40]);
    assert.equal(out.kernel, 'gaussian');
    assert.equal(out.bands, bdg ? 4 : 2);
    const rows = out.rows as { energy: number; dos: number }[];
    const integral = rows.slice(1).reduce((s, row, i) => s + ((row.energy - rows[i]!.energy) * (row.dos + rows[i]!.dos)) / 2, 0);
    assert.ok(Math.abs(integral - out.bands) < 1e-6, `∫ρ = ${integral}`);
  }
  const csv = rkky(['dos', modelFile(square), '--mesh', '8,6', '--kernel', 'lorentzian', '--csv', '--plot', tempPath('dos.svg')]);
  assert.equal(csv.code, 0, csv.stderr);
  const csvLines = csv.stdout.trim().split('\n').filter((l) => !l.startsWith('#')); // '# key: value' metadata lines first
  assert.equal(csvLines[0], 'energy,dos');
  assert.equal(csvLines.length, 402);
  assert.ok(existsSync(tempPath('dos.svg')));
  const f = modelFile(square);
  usageError(['dos', f, '--mesh', '4,4,4'], '--mesh: expected 1 or 2 sizes');
  usageError(['dos', f, '--kernel', 'box'], "--kernel: expected gaussian or lorentzian, got 'box'");
});
