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

test('J_inter(n) = explicit layer impurities by the real-space exact engine and by dense diagonalization, on 5 seeded random films', async () => {
  for (let seed = 1; seed <= 5; seed++) {
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
  // Cubic film near the band bottom: ε = −2t Σ cos k − μ; the caliper along z at k∥ = 0: cos k_F = (−μ − 4)/2.
  const mu = -5.4;
  const kF = Math.acos((-mu - 4) / 2);
  const Lz = 44, z1 = 12;
  const model = parseModel({ lattice: { shape: [6, 6, Lz], periodic: [true, true, false] }, chemicalPotential: mu, temperature: 0.05, impurities: [{ site: [0, 0, z1], spin: UP, coupling: 0.2 }] });
  const spacers = Array.from({ length: 13 }, (_, k) => k + 2);
  const res = await interlayerExchange(model, { spacers, filmMesh: [48, 48, Lz], estimateError: true, threads: 2 });
  assert.ok(res.estimatedRelativeError! < 0.05, `k∥ mesh error ${res.estimatedRelativeError}`);
  const lattice = res.rows.map((r) => r.J);
  const continuum = spacers.map((n) => interlayerCoupling(kF, n + 1, { coupling: 0.2 }));
  // The continuum sign convention: E/A = J_IEC m̂1·m̂2, the same as ours (J > 0 antiparallel).
  const lambda = lattice.reduce((s, x, k) => s + x * continuum[k]!, 0) / continuum.reduce((s, x) => s + x * x, 0);
  const residual = Math.hypot(...lattice.map((x, k) => x - lambda * continuum[k]!)) / Math.hypot(...lattice);
  assert.ok(lambda > 0, `same phase: λ = ${lambda}`);
  assert.ok(residual < 0.35, `shape mismatch ${residual} (λ = ${lambda}); lattice ${lattice.map((x) => x.toExponential(2))}; continuum ${continuum.map((x) => x.toExponential(2))}`);
});

test('interlayer: clear errors for layers outside the film and non-film hosts', async () => {
  const film = parseModel({ lattice: { shape: [3, 3, 4], periodic: [true, true, false] }, impurities: [{ site: [0, 0, 1], spin: UP, coupling: 1 }] });
  await assert.rejects(interlayerExchange(film, { spacers: [5], serial: true }), (e: unknown) => e instanceof InputError && e.field === '--spacers');
  const bulk = parseModel({ lattice: { shape: [3, 3, 4], periodic: [true, true, true] }, impurities: [{ site: [0, 0, 1], spin: UP, coupling: 1 }] });
  await assert.rejects(interlayerExchange(bulk, { spacers: [1], serial: true }), (e: unknown) => e instanceof InputError && e.field === 'lattice.periodic');
});
