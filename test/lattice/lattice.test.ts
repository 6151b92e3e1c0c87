import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CubicLattice } from '../../src/lattice/lattice.js';
import { InputError } from '../../src/errors.js';

test('site ↔ index follows bodge (n = z + Lz(y + Ly x)) in 1D, 2D, 3D', () => {
  for (const shape of [[7], [4, 3], [3, 4, 5]]) {
    const lat = new CubicLattice(shape);
    assert.equal(lat.nSites, shape.reduce((a, b) => a * b, 1));
    for (let n = 0; n < lat.nSites; n++) assert.equal(lat.index(lat.site(n)), n);
  }
  assert.equal(new CubicLattice([3, 4, 5]).index([1, 2, 3]), 3 + 5 * (2 + 4 * 1));
});

test('bonds: counts for open and periodic lattices, by axis, unit bond vectors', () => {
  const open = new CubicLattice([4, 3]);
  assert.equal(open.bonds().length, 2 * (3 * 3 + 4 * 2));
  assert.equal(open.bonds(0).length, 2 * 3 * 3);
  const ring = new CubicLattice([5], [true]);
  assert.equal(ring.bonds().length, 10);
  const wrap = ring.bonds().filter((b) => b.wraps);
  assert.equal(wrap.length, 2);
  for (const b of wrap) assert.equal(Math.abs(b.delta[0]), 1);
  const torus = new CubicLattice([4, 4], [true, true]);
  assert.equal(torus.bonds().length, 4 * 16);
  for (const b of torus.bonds()) assert.equal(torus.hops(b.i, b.j), 1);
});

test('periodic edges are never added on axes of size 1 or 2 (no self-bonds, no double bonds)', () => {
  const strip = new CubicLattice([5, 1], [true, true]);
  assert.ok(strip.bonds().every((b) => b.i !== b.j));
  assert.equal(strip.bonds().length, 10);
  const two = new CubicLattice([2], [true]);
  assert.equal(two.bonds().length, 2);
});

test('distances with minimum image on periodic axes', () => {
  const lat = new CubicLattice([10, 10], [true, false]);
  assert.equal(lat.distance(lat.index([0, 0]), lat.index([9, 0])), 1);
  assert.equal(lat.distance(lat.index([0, 0]), lat.index([0, 9])), 9);
  assert.deepEqual(lat.displacement(lat.index([1, 1]), lat.index([8, 4])), [-3, 3, 0]);
  assert.equal(lat.hops(lat.index([1, 1]), lat.index([8, 4])), 6);
});

test('out-of-range sites and bad shapes are InputErrors naming the field', () => {
  const lat = new CubicLattice([3, 3]);
  assert.throws(() => lat.index([3, 0], 'impurities[0].site'), (e: unknown) => e instanceof InputError && e.field === 'impurities[0].site');
  assert.throws(() => lat.index([-1, 0]), InputError);
  assert.throws(() => lat.site(9), InputError);
  assert.throws(() => new CubicLattice([]), InputError);
  assert.throws(() => new CubicLattice([2, 2, 2, 2]), InputError);
  assert.throws(() => new CubicLattice([2.5]), InputError);
});
