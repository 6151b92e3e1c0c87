import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { buildHost } from '../../src/model/host.js';
import { spectralBound } from '../../src/hamiltonian/bdg.js';
import { gapMap, PARALLEL_MIN_NODES, solveGap, solveGapParallel, withOnsiteGap } from '../../src/solvers/selfConsistent.js';
import { bulkKernel, bulkPreconditioner } from '../../src/solvers/gapPreconditioner.js';
import { poleExpansion } from '../../src/solvers/poles.js';
import { prng } from '../rng.js';

const u = prng(1401);

test('bulk kernel K(r) = finite-difference response of the real-space gap map on a periodic host (Rashba, complex gap)', () => {
  const L = 8, T = 0.05, U = 2;
  const host = buildHost(parseModel({ lattice: { shape: [L, L], periodic: [true, true] }, chemicalPotential: -0.5 + 0.2 * u(), temperature: T, rashba: 0.2 + 0.1 * u() }));
  const n = L * L;
  const phase = 0.4 + u(), D = 0.3;
  const gap = new Float64Array(2 * n).map((_, k) => (k % 2 === 0 ? D * Math.cos(phase) : D * Math.sin(phase)));
  const poles = poleExpansion({ temperature: T, bound: Math.ceil(4 * (spectralBound(host.matrix) + D) + 1) / 4, tolerance: 1e-12 });
  const map = gapMap(host, U, T);
  const eps = 1e-6;
  const shifted = (s: number) => {
    const g = gap.slice();
    g[0] += s * eps * Math.cos(phase);
    g[1] += s * eps * Math.sin(phase);
    return map(g).out;
  };
  const plus = shifted(1), minus = shifted(-1);
  const h = withOnsiteGap(host.matrix, gap);
  const bulk = new Map<string, Float64Array>();
  const wrap = (x: number) => (x > L / 2 ? x - L : x);
  for (let k = h.rowPtr[0]!; k < h.rowPtr[1]!; k++) {
    const j = h.colIdx[k]!;
    bulk.set(`${wrap(Math.floor(j / L))},${wrap(j % L)},0`, h.values.slice(32 * k, 32 * (k + 1)));
  }
  const K = bulkKernel(bulk, [L, L, 1], U, phase, poles);
  for (let r = 0; r < n; r++) {
    const fd = (Math.cos(phase) * (plus[2 * r]! - minus[2 * r]!) + Math.sin(phase) * (plus[2 * r + 1]! - minus[2 * r + 1]!)) / (2 * eps);
    assert.ok(Math.abs(fd - K[r]!) < 1e-8, `K(${r}) ${K[r]} vs finite difference ${fd}`);
  }
});

test('preconditioning changes the path, not the fixed point (random open host with Rashba coupling, one impurity at the centre node)', () => {
  const T = 0.05, U = 2.3;
  const model = parseModel({ lattice: { shape: [6, 5] }, chemicalPotential: -0.3 + 0.3 * u(), temperature: T, rashba: 0.15, zeeman: [0, 0, 0.05], impurities: [{ site: [3, 2], spin: [0.3, 0, 0.9], coupling: 1.2 }, { site: [1, 3], spin: [0, 0, 1], coupling: 0.7 }] });
  const host = buildHost(model, model.impurities);
  const n = host.matrix.nSites;
  const guess = new Float64Array(2 * n).map((_, k) => (k % 2 === 0 ? 0.4 : 0.05));
  const poles = poleExpansion({ temperature: T, bound: 10, tolerance: 1e-12 });
  assert.ok(bulkPreconditioner(host.matrix, host.geometry, guess, U, poles), 'applies on an open one-orbital lattice');
  const a = solveGap(host, { attraction: U, temperature: T, guess, tolerance: 1e-11 });
  const b = solveGap(host, { attraction: U, temperature: T, guess, tolerance: 1e-11, precondition: false });
  assert.ok(a.converged && b.converged);
  // The global phase of Δ is free (gauge symmetry): compare after rotating by node 0's phase.
  const rot = Math.atan2(b.gap[1]!, b.gap[0]!) - Math.atan2(a.gap[1]!, a.gap[0]!);
  for (let i = 0; i < n; i++) {
    const re = a.gap[2 * i]! * Math.cos(rot) - a.gap[2 * i + 1]! * Math.sin(rot);
    const im = a.gap[2 * i]! * Math.sin(rot) + a.gap[2 * i + 1]! * Math.cos(rot);
    assert.ok(Math.hypot(re - b.gap[2 * i]!, im - b.gap[2 * i + 1]!) < 1e-9, `Δ(${i}) ${re},${im} vs ${b.gap[2 * i]},${b.gap[2 * i + 1]}`);
  }
  assert.ok(Math.abs(a.freeEnergy - b.freeEnergy) < 1e-10 * Math.abs(b.freeEnergy));
});

test('no bulk preconditioner on periodic axes or several nodes per cell', () => {
  const poles = poleExpansion({ temperature: 0.05, bound: 10, tolerance: 1e-8 });
  for (const lattice of [{ shape: [6, 6], periodic: [true, false] }, { preset: 'honeycomb', shape: [3, 3] }]) {
    const host = buildHost(parseModel({ lattice, chemicalPotential: -0.5 }));
    const guess = new Float64Array(2 * host.matrix.nSites).fill(0.3);
    assert.equal(bulkPreconditioner(host.matrix, host.geometry, guess, 2, poles), undefined);
  }
});

test('solveGapParallel (persistent pole workers) = solveGap on a 400-node host with an impurity', async () => {
  const T = 0.05, U = 2;
  const model = parseModel({ lattice: { shape: [20, 20] }, chemicalPotential: -0.5, temperature: T, impurities: [{ site: [9, 10], spin: [0, 0, 1], coupling: 1.5 }] });
  const host = buildHost(model, model.impurities);
  const n = host.matrix.nSites;
  assert.ok(n >= PARALLEL_MIN_NODES);
  const guess = new Float64Array(2 * n).map((_, k) => (k % 2 === 0 ? 0.3 : 0));
  const serial = solveGap(host, { attraction: U, temperature: T, guess });
  const parallel = await solveGapParallel(host, { attraction: U, temperature: T, guess, threads: 2 });
  assert.ok(serial.converged && parallel.converged);
  assert.equal(parallel.iterations, serial.iterations);
  for (let i = 0; i < 2 * n; i++) assert.ok(Math.abs(parallel.gap[i]! - serial.gap[i]!) < 1e-12, `Δ[${i}]`);
  assert.ok(Math.abs(parallel.freeEnergy - serial.freeEnergy) < 1e-12 * Math.abs(serial.freeEnergy));
});
