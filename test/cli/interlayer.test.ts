/** `rkky interlayer` as a user runs it: JSON/CSV/table agree with the library, bad input is one line. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interlayerExchange } from '../../src/rkky/interlayer.js';
import { modelFile, oneLineError, rkky, usageError } from './run.js';

const film = {
  lattice: { shape: [4, 4, 6], periodic: [true, true, false] },
  chemicalPotential: -1,
  pairing: { s: 0.2 },
  temperature: 0.05,
  impurities: [{ site: [0, 0, 1], spin: [0, 0, 1] as [number, number, number], coupling: 0.5 }],
};

test('interlayer: JSON rows equal the library, CSV and the table carry the same numbers, nothing on stderr on a pipe', async () => {
  const path = modelFile(film);
  const r = rkky(['interlayer', path, '--spacers', '0:2', '--json', '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout);
  const lib = await interlayerExchange(film, { spacers: [0, 1, 2], serial: true });
  assert.equal(out.rows.length, 3);
  out.rows.forEach((row: { spacers: number; layer1: number; layer2: number; J: number }, s: number) => {
    assert.deepEqual([row.spacers, row.layer1, row.layer2], [s, 1, 2 + s]);
    assert.ok(Math.abs(row.J - lib.rows[s]!.J) <= 1e-12 * Math.abs(lib.rows[s]!.J), `n=${s}: ${row.J} vs ${lib.rows[s]!.J}`);
  });
  const csv = rkky(['interlayer', path, '--spacers', '0:2', '--csv', '--threads', '1']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'spacers,layer1,layer2,J');
  assert.equal(Number(lines[1]!.split(',')[3]), out.rows[0].J);
  const table = rkky(['interlayer', path, '--spacers', '1']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^# interlayer exchange/);
});

test('interlayer: one-line usage errors for bad spacers, axes, meshes, memory, hosts and flags', () => {
  const path = modelFile(film);
  usageError(['interlayer', path, '--spacers', 'a:b'], '--spacers');
  usageError(['interlayer', path, '--spacers', '0:9'], '--spacers');
  usageError(['interlayer', path, '--spacers', '1', '--spin-axis', 'w'], '--spin-axis');
  usageError(['interlayer', path, '--spacers', '1', '--infinite', '5'], '--infinite');
  usageError(['interlayer', path, '--spacers', '1', '--max-memory', '1e-6'], '--max-memory');
  usageError(['interlayer', path, '--spacers', '1', '--json', '--csv'], '--csv');
  usageError(['interlayer', path, '--spacers', '1', '--engine', 'dense'], '--engine');
  usageError(['interlayer', path, '--spacers', '1', '--plot', 'out.pdf'], '--plot');
  const open = modelFile({ ...film, lattice: { shape: [4, 4, 6] } });
  usageError(['interlayer', open, '--spacers', '1'], 'lattice.periodic');
  const none = modelFile({ ...film, impurities: [] });
  oneLineError(rkky(['interlayer', none, '--spacers', '1']), 2, 'impurities');
});
