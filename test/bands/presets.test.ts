/** Bands of model files (the library's lattice presets, general lattices, orbitals, complex hoppings) against closed forms. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandEnergies, electronBlocks } from '../../src/bands/bands.js';
import { bulkHost } from '../../src/bands/bulk.js';
import { cartesianK, DEFAULT_PATHS, highSymmetryPath } from '../../src/bands/path.js';
import { parseModel } from '../../src/model/model.js';
import { prng } from '../rng.js';
import { CLOSED, spinful } from './closedForms.js';

const SHAPES: Record<string, number[]> = { chain: [5], square: [3, 4], cubic: [2, 2, 2], honeycomb: [3, 3], triangular: [3, 3], kagome: [2, 3], bcc: [2, 2, 2], fcc: [3, 2, 2] };
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

test('bands of every lattice preset (model file → Bloch blocks) equal their closed forms, along the default path and at random k', () => {
  const rnd = prng(21);
  for (const [preset, shape] of Object.entries(SHAPES)) {
    const host = bulkHost(parseModel({ lattice: { preset, shape }, hopping: 1, chemicalPotential: 0.3 }));
    const d = host.dim;
    const path = highSymmetryPath(preset, DEFAULT_PATHS[preset]!, 40, host.vectors, d);
    const ks = [...path.k, ...Array.from({ length: 10 }, () => Array.from({ length: d }, () => rnd()))];
    const bands = bandEnergies(electronBlocks(host.bdg), ks);
    ks.forEach((k, q) => close(bands[q]!, spinful(CLOSED[preset]!(k, cartesianK(k, host.vectors)).map((e) => e - 0.3)), 1e-11, `${preset} at ${k.join(',')}`));
  }
});

test('a general lattice with the honeycomb vectors and basis has the honeycomb bands', () => {
  const s3 = Math.sqrt(3);
  const general = bulkHost(parseModel({ lattice: { vectors: [[1.5, s3 / 2], [1.5, -s3 / 2]], basis: [{ name: 'A', position: [0, 0] }, { name: 'B', position: [1, 0] }], shape: [2, 2] } }));
  assert.equal(general.preset, null);
  const ks = [[0.1, 0.7], [2 / 3, 1 / 3], [0.45, -0.2]];
  bandEnergies(electronBlocks(general.bdg), ks).forEach((e, q) => close(e, spinful(CLOSED.honeycomb!(ks[q]!, [])), 1e-12, `k = ${ks[q]}`));
});

test('two orbitals per site: an on-site matrix [[0, v], [v, 0]] splits each band into ε(k) ± v', () => {
  const v = 0.4;
  const host = bulkHost(parseModel({ lattice: { vectors: [[1, 0], [0, 1]], basis: [{ name: 'A', position: [0, 0], orbitals: 2 }], shape: [3, 3] }, onsite: [{ sublattice: 'A', H: [[0, v], [v, 0]] }] }));
  const ks = [[0.2, 0.1], [0.5, 0.5]];
  bandEnergies(electronBlocks(host.bdg), ks).forEach((e, q) => {
    const eps = CLOSED.square!(ks[q]!, [])[0]!;
    close(e, spinful([eps - v, eps + v]), 1e-12, `k = ${ks[q]}`);
  });
});

test('a complex explicit hopping along a1 (Peierls phase) shifts the chain band: −2t cos(2πk + θ)', () => {
  const theta = 0.7;
  const host = bulkHost(parseModel({ lattice: { preset: 'chain', shape: [4] }, hopping: 0, hoppings: [{ from: 'A', to: 'A', cell: [1], H: [[[-Math.cos(theta), -Math.sin(theta)]]] }] }));
  for (const k of [0, 0.13, 0.4]) {
    // h(+1) = −e^{iθ}, h(−1) = −e^{−iθ}: H(k) = −2 cos(2πk + θ).
    close(bandEnergies(electronBlocks(host.bdg), [[k]])[0]!, spinful([-2 * Math.cos(2 * Math.PI * k + theta)]), 1e-12, `k = ${k}`);
  }
});
