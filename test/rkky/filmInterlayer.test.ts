/**
 * Interlayer exchange J_inter(n) of films: against explicit impurities on
 * every site of the two layers (real-space exact engine with wrap bonds, and
 * dense diagonalization), on seeded random films, and against the continuum
 * interlayer formula at low filling (period and phase).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel, type Model } from '../../src/model/model.js';
import { buildHost } from '../../src/model/host.js';
import { exactSweep } from '../../src/rkky/exactEngine.js';
import { denseConfigurationEnergies } from '../../src/rkky/denseEngine.js';
import { interlayerExchange } from '../../src/rkky/interlayer.js';
import type { PairProblem } from '../../src/rkky/problem.js';
import type { SpinPair } from '../../src/rkky/configurations.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { interlayerCoupling } from '../../src/continuum/interlayer.js';
import { InputError } from '../../src/errors.js';
import { prng } from '../rng.js';

const UP: [number, number, number] = [0, 0, 1], DOWN: [number, number, number] = [0, 0, -1];
const FOUR: SpinPair[] = [[UP, UP], [UP, DOWN], [DOWN, UP], [DOWN, DOWN]];

/** The two magnetic layers as one pair problem: spin 1 on every node of layer z1, spin 2 on every node of layer z2 (stack axis = last). */
function layerProblem(model: Model, z1: number, z2s: number[], J1: number, J2: number): PairProblem {
  const lat = model.lattice;
  const nodesOf = (z: number) => [...Array(lat.nSites).keys()].filter((s) => lat.site(s)[lat.dim - 1] === z).map((s) => lat.node(s, 0));
  return { host: buildHost(model), site1: 0, sites2: z2s.map(() => 0), nodes1: nodesOf(z1), nodes2: z2s.map(nodesOf), coupling1: J1, coupling2: J2, temperature: model.temperature };
}

test('J_inter(n) = explicit layer impurities by the real-space exact engine and by dense diagonalization, on 4 seeded random films', async () => {
  for (let seed = 1; seed <= 4; seed++) {
    const u = prng(seed);
    const r = () => (u() + 1) / 2;
    const slab = seed % 2 === 1;
    const shape = slab ? [3, 2 + Math.floor(2 * r()), 5] : [4 + Math.floor(2 * r()), 5];
    const input = {
      lattice: { shape, periodic: slab ? [true, true, false] : [true, false] },
      hopping: 0.5 + r(),
      chemicalPotential: 3 * r() - 1.5,
      rashba: r() < 0.5 ? 0.3 * r() : 0,
      zeeman: r() < 0.5 ? [0.2 * u(), 0.2 * u(), 0.2 * u()] : [0, 0, 0],
      pairing: { s: r() < 0.5 ? 0.3 * r() : 0, p: r() < 0.5 ? [0.2 * r(), 0] : 0, dVector: 'e_z * p_x' },
      temperature: [0, 0.02, 0.1][seed % 3]!,
      impurities: [{ site: slab ? [0, 0, 1] : [0, 1], spin: UP, coupling: 2 * r() - 1 }, { site: slab ? [0, 0, 3] : [0, 3], spin: UP, coupling: 1 + r() }],
    };
    const label = `seed ${seed}: ${shape.join('×')}`;
    const model = parseModel(input);
    const inPlane = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const res = await interlayerExchange(model, { spacers: [0, 1, 2], serial: true });
    assert.equal(res.inPlaneCells, inPlane);
    const problem = layerProblem(model, 1, [2, 3, 4], input.impurities[0]!.coupling, input.impurities[1]!.coupling);
    const [sparse, dense] = await Promise.all([exactSweep(problem, { greens: serialGreens }, FOUR), denseConfigurationEnergies(problem, { threads: 1 }, FOUR)]);
    for (let s = 0; s < 3; s++) {
      const eta = (F: ArrayLike<number>) => (F[0]! - F[1]! - F[2]! + F[3]!) / (4 * inPlane);
      const jSparse = eta(sparse.deltas[s]!), jDense = eta(dense[s]!);
      const J = res.rows[s]!.J;
      assert.ok(Math.abs(J - jSparse) <= 1e-9 * Math.abs(jSparse) + 1e-14, `${label} n=${s}: film ${J} vs sparse ${jSparse}`);
      assert.ok(Math.abs(J - jDense) <= 1e-8 * Math.abs(jDense) + 1e-12, `${label} n=${s}: film ${J} vs dense ${jDense}`);
    }
  }
});

test('J_inter(n) at low filling follows the continuum interlayer formula: period π/k_F and phase (caliper k_F along the normal)', async () => {
  // Cubic film near the band bottom: ε = −2t Σ cos k − μ; the caliper along z at k∥ = 0: cos k_F = (−μ − 4)/2,
  // 2k_F = 1.59 here, period π/k_F = 3.95 layers. The layers sit ≥ 5 layers from the surfaces; T = 0.1 keeps
  // the k∥ sum converged on a 16×16 mesh (the thermal length v_F/2πT ≈ 2 layers only damps the envelope).
  const mu = -5.4;
  const kF = Math.acos((-mu - 4) / 2);
  const Lz = 22, z1 = 5;
  const model = parseModel({ lattice: { shape: [4, 4, Lz], periodic: [true, true, false] }, chemicalPotential: mu, temperature: 0.1, impurities: [{ site: [0, 0, z1], spin: UP, coupling: 0.2 }] });
  // The spacers where the continuum's oscillating factor is near an extremum (|C|·d² ≥ 0.9 of its envelope).
  const spacers = [2, 4, 6, 8, 10];
  const res = await interlayerExchange(model, { spacers, filmMesh: [16, 16, Lz], threads: 2 });
  const continuum = spacers.map((n) => interlayerCoupling(kF, n + 1, { coupling: 0.2 }));
  const envelope = Math.max(...continuum.map((c, k) => Math.abs(c) * (spacers[k]! + 1) ** 2));
  continuum.forEach((c, k) => assert.ok(Math.abs(c) * (spacers[k]! + 1) ** 2 > 0.9 * envelope, `spacer ${spacers[k]} is at an extremum`));
  // Same sign at every extremum over 2 periods: the period agrees to better than a quarter period over that
  // span (≈ 12%), and the phase to better than π/2 (the lattice's non-parabolic band, surfaces and T shift it by less).
  res.rows.forEach((r, k) => assert.equal(Math.sign(r.J), Math.sign(continuum[k]!), `spacer ${r.spacers}: lattice ${r.J} vs continuum ${continuum[k]}`));
});

test('interlayer: clear errors for layers outside the film and non-film hosts', async () => {
  const film = parseModel({ lattice: { shape: [3, 3, 4], periodic: [true, true, false] }, impurities: [{ site: [0, 0, 1], spin: UP, coupling: 1 }] });
  await assert.rejects(interlayerExchange(film, { spacers: [5], serial: true }), (e: unknown) => e instanceof InputError && e.field === '--spacers');
  const bulk = parseModel({ lattice: { shape: [3, 3, 4], periodic: [true, true, true] }, impurities: [{ site: [0, 0, 1], spin: UP, coupling: 1 }] });
  await assert.rejects(interlayerExchange(bulk, { spacers: [1], serial: true }), (e: unknown) => e instanceof InputError && e.field === 'lattice.periodic');
});
