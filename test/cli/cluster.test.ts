import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { modelFile, rkky, tempPath } from './run.js';
import { parseModel } from '../../src/model/model.js';
import { hamiltonianWith, hostHamiltonian } from '../../src/model/hamiltonian.js';
import { denseFreeEnergy } from '../../src/solvers/freeEnergy.js';

const model = {
  lattice: { shape: [6, 5] },
  chemicalPotential: -1.2,
  temperature: 0.03,
  pairing: { s: 0.2 },
  rashba: 0.2,
  zeeman: [0, 0, 0.1],
  impurities: [
    { site: [1, 2], spin: [0, 0, 1], coupling: 2 },
    { site: [2, 2], spin: [0, 0, 1], coupling: 2 },
    { site: [3, 2], spin: [0, 0, 1], coupling: 2 },
  ],
};

test('rkky cluster --configurations: F and ΔF per configuration (JSON, CSV), ΔF = dense', () => {
  const file = modelFile(model);
  const confs = tempPath('confs.json');
  const spins = [[[0, 0, 1], [1, 0, 0], [0, 1, 0]], [[0, 0, -1], [0, 0, 1], [0.6, 0, 0.8]]];
  writeFileSync(confs, JSON.stringify(spins));
  const r = rkky(['cluster', file, '--configurations', confs, '--json', '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.rows.length, 2);
  const m = parseModel(model);
  spins.forEach((c, k) => {
    const imps = m.impurities.map((imp, i) => ({ ...imp, spin: c[i] as [number, number, number] }));
    const dense = denseFreeEnergy(hamiltonianWith(m, imps), m.temperature) - denseFreeEnergy(hostHamiltonian(m), m.temperature);
    assert.ok(Math.abs(out.rows[k].deltaF - dense) <= 1e-9 * Math.abs(dense), `${out.rows[k].deltaF} vs ${dense}`);
    assert.ok(Math.abs(out.rows[k].F - out.reference - out.rows[k].deltaF) <= 1e-9);
  });
  const csv = rkky(['cluster', file, '--configurations', confs, '--csv', '--threads', '1']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout.split('\n')[0]!, /^configuration,F,deltaF,s0_x/);
});

test('rkky cluster --minimize --plot, --expand JSON layout, --montecarlo table', () => {
  const file = modelFile(model);
  const svg = tempPath('gs.svg');
  const r = rkky(['cluster', file, '--minimize', '--starts', '2', '--json', '--plot', svg, '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  const gs = JSON.parse(r.stdout);
  assert.ok(gs.exact.deltaF <= gs.pairwise.deltaF + 1e-12 && gs.energyError >= -1e-12);
  assert.equal(gs.exact.spins.length, 3);
  assert.ok(existsSync(svg) && readFileSync(svg, 'utf8').includes('<svg'));
  const e = rkky(['cluster', file, '--expand', '--json', '--samples', '5', '--threads', '1']);
  assert.equal(e.code, 0, e.stderr);
  const ex = JSON.parse(e.stdout);
  assert.deepEqual(ex.pairs.map((p: { sites: number[] }) => p.sites), [[0, 1], [0, 2], [1, 2]]);
  assert.deepEqual(ex.triples[0].sites, [0, 1, 2]);
  assert.equal(ex.triples[0].trilinear.length, 3);
  assert.ok(typeof ex.triples[0].chirality === 'number' && ex.residual.configurations === 5);
  const mc = rkky(['cluster', file, '--montecarlo', '--temperatures', '0.01,0.02', '--sweeps', '40', '--tempering', '--threads', '1']);
  assert.equal(mc.code, 0, mc.stderr);
  assert.match(mc.stdout, /moves\/s/);
});

test('rkky cluster: one-line input errors', () => {
  const file = modelFile(model);
  const bad = tempPath('bad.json');
  writeFileSync(bad, JSON.stringify([[[0, 0, 1]]]));
  for (const [args, pattern] of [
    [['--configurations', bad], /--configurations\[0\]: expected a list of 3 spin vectors/],
    [['--minimize', '--expand'], /cannot be combined/],
    [['--montecarlo'], /--temperatures: required/],
    [['--minimize', '--plot', 'x.txt'], /--plot: expected a file name ending in .svg or .png/],
  ] as const) {
    const r = rkky(['cluster', file, ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  const same = modelFile({ ...model, impurities: [model.impurities[0], model.impurities[0]] });
  const r = rkky(['cluster', same]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /impurities\[1\]\.site: site already holds impurity 0/);
});
