import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { parseTargets, shellTargets, placement } from '../../src/rkky/sweep.js';
import { separationSweep } from '../../src/rkky/problem.js';
import { InputError } from '../../src/errors.js';
import { spinModelFromCouplings } from '../../src/spins/fromCouplings.js';

const graphene = parseModel({ lattice: { preset: 'honeycomb', shape: [8, 8] }, impurities: [{ site: [4, 4], spin: [0, 0, 1], coupling: 1 }] });

test('--to: cells then an optional sublattice name (also when it looks like a number)', () => {
  assert.deepEqual(parseTargets(graphene.lattice, '5,5; 4,4,B ;3,4,A'), [
    { cell: [5, 5], sublattice: 0 },
    { cell: [4, 4], sublattice: 1 },
    { cell: [3, 4], sublattice: 0 },
  ]);
  const wannier = parseModel({ lattice: { vectors: [[1, 0], [0, 1]], basis: [{ name: '1', position: [0, 0] }, { name: '2', position: [0.5, 0.5] }], shape: [3, 3] } });
  assert.deepEqual(parseTargets(wannier.lattice, '1,2,2'), [{ cell: [1, 2], sublattice: 1 }]);
  const isInput = (e: unknown) => e instanceof InputError && e.field === '--to';
  assert.throws(() => parseTargets(graphene.lattice, '5'), isInput);
  assert.throws(() => parseTargets(graphene.lattice, '5,1.5'), isInput);
  assert.throws(() => parseTargets(graphene.lattice, '5,5,C'), isInput);
});

test('--shells R: every site within R of spin 1, nearest first; A–B nearest neighbours at distance 1', () => {
  const targets = shellTargets(graphene, Math.sqrt(3));
  assert.equal(targets.length, 3 + 6);
  const lat = graphene.lattice;
  const s1 = graphene.impurities[0]!.site;
  const d = targets.map((t) => lat.distance(s1, lat.index(t.cell, 'x', t.sublattice)));
  d.slice(0, 3).forEach((x) => assert.ok(Math.abs(x - 1) < 1e-12));
  d.slice(3).forEach((x) => assert.ok(Math.abs(x - Math.sqrt(3)) < 1e-12));
  assert.ok(targets.slice(0, 3).every((t) => t.sublattice === 1) && targets.slice(3).every((t) => t.sublattice === 0));
});

test('--separations on a non-cubic lattice run along a Bravais vector on spin 1’s sublattice; rows carry Cartesian displacements', () => {
  const p = separationSweep(graphene, [1, 2], 'y');
  const lat = graphene.lattice;
  assert.deepEqual(p.sites2.map((s) => [...lat.site(s).slice(0, 2), lat.sublatticeOf(s)]), [[4, 5, 0], [4, 6, 0]]);
  const where = placement(lat, p.site1, p.sites2[1]!);
  assert.ok(Math.abs(where.displacement[0] - 3) < 1e-12 && Math.abs(where.displacement[1] + Math.sqrt(3)) < 1e-12);
  assert.equal(where.sublattice2, 'A');
});

test('rkky spins: a couplings table with Cartesian displacements serves clusters at Cartesian positions', () => {
  const eta: [[number, number, number], [number, number, number], [number, number, number]] = [[-1, 0, 0], [0, -1, 0], [0, 0, -1]];
  const table = { rows: [{ site1: [4, 4], site2: [4, 4], displacement: [1, 0, 0] as [number, number, number], eta }] };
  const model = spinModelFromCouplings(table, [[0, 0, 0], [1, 0, 0], [0, 0, 2]], { cutoff: 1.5, singleSite: false });
  assert.equal(model.pairI.length, 1);
  assert.throws(() => spinModelFromCouplings(table, [[0, 0, 0], [0, 1, 0]], { singleSite: false }), InputError);
});
