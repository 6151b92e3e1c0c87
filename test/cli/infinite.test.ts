import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFile, rkky, usageError } from './run.js';

const periodic = {
  lattice: { shape: [4, 4], periodic: [true, true] },
  chemicalPotential: -1,
  temperature: 0.05,
  impurities: [{ site: [0, 0], spin: [0, 0, 1], coupling: 1 }],
};


test('couplings --infinite: separations beyond lattice.shape, JSON error fields, the header line', () => {
  const file = modelFile(periodic);
  const r = rkky(['couplings', file, '--separations', '9:9', '--infinite', '--json', '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.infinite.method, 'adaptive');
  assert.equal(out.infinite.tolerance, 1e-6);
  assert.deepEqual(out.rows[0].site2, [9, 0]);
  assert.ok(out.rows[0].etaError <= 1e-6 * Math.abs(out.rows[0].J[0]));
  assert.match(r.stderr, /estimated relative error of η/);
  const table = rkky(['couplings', file, '--separations', '2:2', '--infinite', '--infinite-tolerance', '1e-4', '--threads', '1']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^# infinite host \(adaptive Brillouin-zone quadrature, tolerance 0.0001\)/m);
});

test('couplings --infinite M: the mesh result with its estimated error (stderr line and JSON)', () => {
  const r = rkky(['couplings', modelFile(periodic), '--separations', '1:2', '--infinite', '64', '--json', '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.infinite.method, 'mesh');
  assert.equal(out.infinite.mesh, 64);
  assert.ok(out.infinite.estimatedRelativeError > 0 && out.rows.every((row: { etaError: number }) => row.etaError >= 0));
  assert.match(r.stderr, /64\^d k-mesh, error estimated against the 32\^d mesh/);
});

test('couplings --infinite usage errors: open host, dense engine, extra impurities, bad M, huge meshes, bad tolerance', () => {
  usageError(['couplings', modelFile({ ...periodic, lattice: { shape: [6, 6] } }), '--separations', '1:2', '--infinite'], '--infinite');
  usageError(['couplings', modelFile(periodic), '--separations', '1:2', '--infinite', '--engine', 'dense'], '--engine');
  const three = { ...periodic, impurities: [...periodic.impurities, { site: [1, 1], spin: [1, 0, 0], coupling: 1 }, { site: [2, 2], spin: [1, 0, 0], coupling: 1 }] };
  usageError(['couplings', modelFile(three), '--separations', '1:2', '--infinite'], '--infinite');
  usageError(['couplings', modelFile(periodic), '--separations', '1:2', '--infinite', '5'], '--infinite');
  usageError(['couplings', modelFile(periodic), '--separations', '1:2', '--infinite', '4096'], '--infinite');
  usageError(['couplings', modelFile(periodic), '--separations', '1:2', '--infinite', '--infinite-tolerance', '0'], '--infinite-tolerance');
  usageError(['couplings', modelFile({ ...periodic, lattice: { shape: [6, 6] } }), '--separations', '1:2', '--infinite', '64'], '--infinite');
});
