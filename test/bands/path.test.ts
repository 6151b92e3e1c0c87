import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandEnergies } from '../../src/bands/bands.js';
import { cartesianK, DEFAULT_PATHS, highSymmetryPath, pointCoordinates, pointNames } from '../../src/bands/path.js';
import { InputError } from '../../src/errors.js';
import { nearestNeighbourBlocks, TEST_LATTICES, vectorMatrix } from './tightBinding.js';

const near = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol;

test('named points in reduced coordinates (hexagonal presets, and the cubic family for standard primitive vectors)', () => {
  const red = (preset: string, name: string) => {
    const l = TEST_LATTICES[preset]!;
    return pointCoordinates(preset, name, vectorMatrix(l), l.vectors.length);
  };
  for (const p of ['honeycomb', 'triangular', 'kagome']) {
    assert.deepEqual(red(p, 'K'), [2 / 3, 1 / 3]);
    assert.deepEqual(red(p, 'M'), [0.5, 0]);
  }
  assert.deepEqual(red('chain', 'X'), [0.5]);
  assert.deepEqual(red('cubic', 'R'), [0.5, 0.5, 0.5]);
  // bcc (−1,1,1)a/2…: H = (½, ½, −½), N = (0, 0, ½), P = (¼, ¼, ¼); fcc (0,1,1)a/2…: X = (0, ½, ½), L = (½, ½, ½).
  assert.deepEqual(red('bcc', 'H'), [0.5, 0.5, -0.5]);
  assert.deepEqual(red('bcc', 'N'), [0, 0, 0.5]);
  assert.deepEqual(red('bcc', 'P'), [0.25, 0.25, 0.25]);
  assert.deepEqual(red('fcc', 'X'), [0, 0.5, 0.5]);
  assert.deepEqual(red('fcc', 'L'), [0.5, 0.5, 0.5]);
  assert.deepEqual(red('fcc', 'W'), [0.25, 0.5, 0.75]);
});

test('K is a Brillouin-zone corner: equidistant from Γ and two neighbouring reciprocal lattice points', () => {
  for (const p of ['honeycomb', 'triangular', 'kagome']) {
    const a = vectorMatrix(TEST_LATTICES[p]!);
    const dist = (k: number[], g: number[]) => Math.hypot(...cartesianK(k.map((x, i) => x - g[i]!), a));
    const K = pointCoordinates(p, 'K', a, 2);
    const r = dist(K, [0, 0]);
    assert.ok(near(dist(K, [1, 0]), r) && near(dist(K, [1, 1]), r), p);
    for (const g of [[0, 1], [-1, 0], [1, -1]]) assert.ok(dist(K, g) > r * 1.1, `${p}: no closer lattice point`);
    const M = pointCoordinates(p, 'M', a, 2);
    assert.ok(near(dist(M, [0, 0]), dist(M, [1, 0])), `${p}: M on the zone boundary`);
  }
});

test('band energies at the named points: Dirac point of graphene, kagome K, triangular K and M, bcc/fcc points', () => {
  const at = (preset: string, name: string) => {
    const l = TEST_LATTICES[preset]!;
    return [...bandEnergies(nearestNeighbourBlocks(l), [pointCoordinates(preset, name, vectorMatrix(l), l.vectors.length)])[0]!];
  };
  assert.ok(at('honeycomb', 'K').every((e) => near(e, 0, 1e-12)), 'graphene: four zero modes at K');
  const kag = at('kagome', 'K');
  assert.ok(near(kag[0]!, -1) && near(kag[3]!, -1) && near(kag[5]!, 2), `kagome K: ${kag}`);
  assert.ok(near(at('triangular', 'K')[0]!, 3) && near(at('triangular', 'M')[0]!, 2));
  assert.ok(near(at('cubic', 'R')[0]!, 6) && near(at('bcc', 'H')[0]!, 8) && near(at('bcc', 'P')[0]!, 0));
  assert.ok(near(at('fcc', 'X')[0]!, 4) && near(at('fcc', 'W')[0]!, 4) && near(at('fcc', 'L')[0]!, 0));
});

test('highSymmetryPath: N points, corners exact, x increasing with segment lengths in proportion', () => {
  const l = TEST_LATTICES.honeycomb!;
  const path = highSymmetryPath('honeycomb', ['G', 'K', 'M', 'G'], 61, vectorMatrix(l), 2);
  assert.equal(path.k.length, 61);
  assert.equal(path.x.length, 61);
  assert.deepEqual(path.labels.map((p) => p.name), ['G', 'K', 'M', 'G']);
  assert.deepEqual(path.k[path.labels[1]!.index], [2 / 3, 1 / 3]);
  assert.deepEqual(path.k[60], [0, 0]);
  for (let i = 1; i < 61; i++) assert.ok(path.x[i]! > path.x[i - 1]!);
  // |ΓK| = 4π/(3√3), |KM| = 2π/(3√3), |MΓ| = 2π/3 for a nearest-neighbour distance 1.
  const len = [4 * Math.PI / (3 * Math.sqrt(3)), 2 * Math.PI / (3 * Math.sqrt(3)), 2 * Math.PI / 3];
  assert.ok(near(path.labels[3]!.x, len[0]! + len[1]! + len[2]!, 1e-12));
  const intervals = path.labels.slice(1).map((p, s) => p.index - path.labels[s]!.index);
  intervals.forEach((n, s) => assert.ok(Math.abs(n - (60 * len[s]!) / (len[0]! + len[1]! + len[2]!)) <= 1, `segment ${s}: ${n}`));
  const tiny = highSymmetryPath('honeycomb', ['G', 'K', 'M', 'G'], 4, vectorMatrix(l), 2);
  assert.equal(tiny.k.length, 4);
});

test('every preset has its default path; bad names and counts are one-line InputErrors', () => {
  for (const [preset, names] of Object.entries(DEFAULT_PATHS)) {
    for (const n of names) assert.ok(pointNames(preset).includes(n), `${preset}: ${n}`);
    const l = TEST_LATTICES[preset]!;
    assert.equal(highSymmetryPath(preset, names, 50, vectorMatrix(l), l.vectors.length).k.length, 50);
  }
  const a = vectorMatrix(TEST_LATTICES.square!);
  assert.throws(() => highSymmetryPath('square', ['G', 'K'], 10, a, 2), (e: unknown) => e instanceof InputError && /--path: unknown point 'K' for the square lattice \(expected one of G, X, M\)/.test(e.message));
  assert.throws(() => highSymmetryPath('square', ['G'], 10, a, 2), /--path: expected at least two points/);
  assert.throws(() => highSymmetryPath('square', ['G', 'X', 'M'], 2, a, 2), /--points/);
  assert.throws(() => pointNames('custom'), /lattice.preset: no named k points/);
});
