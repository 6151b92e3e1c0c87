import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rkky } from '../cli/run.js';
import { hrText } from './files.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/silicon.json', import.meta.url));

test('rkky bands on the silicon example: the .win kpoint_path by default (L–Γ–X|K–Γ), ε − μ, --path with its point names', () => {
  const r = rkky(['bands', EXAMPLE, '--points', '40', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.path.labels.map((l: { name: string }) => l.name), ['L', 'G', 'X', 'K', 'G']);
  assert.equal(out.k.length, 40);
  const gamma = out.energies[out.path.labels[1].index] as number[];
  // Valence-band top Γ25′ (3 × 2 spin) at 6.2285 eV, μ = 7.1 eV.
  for (let n = 2; n < 8; n++) assert.ok(Math.abs(gamma[n]! - (6.2285 - 7.1)) < 1e-3, `${gamma[n]}`);
  const named = rkky(['bands', EXAMPLE, '--path', 'G,X', '--points', '5', '--json']);
  assert.equal(named.code, 0, named.stderr);
  assert.deepEqual(JSON.parse(named.stdout).k.at(-1), [0.5, 0, 0.5]);
  const bad = rkky(['bands', EXAMPLE, '--path', 'G,W']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^rkky: --path: unknown point 'W'/);
});

test('model errors through the CLI: a missing or malformed Wannier file is one line naming the field or file:line; a non-Hermitian file warns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rkky-wannier-cli-'));
  try {
    const win = 'begin unit_cell_cart\n1 0 0\n0 1 0\n0 0 1\nend unit_cell_cart\n';
    writeFileSync(join(dir, 'c.win'), win);
    const model = (hr: string) => {
      const p = join(dir, `m${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(p, JSON.stringify({ lattice: { wannier90: { hr, win: 'c.win' }, shape: [3, 1, 1] }, impurities: [{ site: [0, 0, 0], spin: [0, 0, 1], coupling: 1 }] }));
      return p;
    };
    const missing = rkky(['energy', model('nowhere_hr.dat')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^rkky: lattice\.wannier90\.hr: cannot read the file '.*nowhere_hr\.dat' \(ENOENT\)\n$/);
    writeFileSync(join(dir, 'cut_hr.dat'), hrText(1, [{ R: [0, 0, 0], H: [[[0.1, 0]]] }]).split('\n').slice(0, 3).join('\n'));
    const cut = rkky(['energy', model('cut_hr.dat')]);
    assert.equal(cut.code, 2);
    assert.match(cut.stderr, /^rkky: cut_hr\.dat:4: file ends early: expected 1 more ndegen weights\n$/);
    writeFileSync(join(dir, 'nh_hr.dat'), hrText(1, [{ R: [0, 0, 0], H: [[[0.1, 0]]] }, { R: [1, 0, 0], H: [[[0.5, 0]]] }, { R: [-1, 0, 0], H: [[[0.5, 0.001]]] }]));
    const warn = rkky(['energy', model('nh_hr.dat')]);
    assert.equal(warn.code, 0, warn.stderr);
    assert.match(warn.stderr, /warning: the Wannier Hamiltonian deviates from H\(−R\) = H\(R\)† by up to 1\.00e-3 eV/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
