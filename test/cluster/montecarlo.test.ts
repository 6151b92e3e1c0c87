import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterEnergy } from '../../src/cluster/freeEnergy.js';
import { ClusterReplica } from '../../src/cluster/replica.js';
import { RealClusterReplica } from '../../src/cluster/realReplica.js';
import { clusterMonteCarlo } from '../../src/cluster/montecarlo.js';
import { gaussLegendre } from '../../src/math/quadrature.js';
import { Rng, randomSpins } from '../../src/spins/random.js';
import { randomHost, randomImpurities, setupOf } from './helpers.js';

async function checkReplica(input: object, n: number) {
  const { cluster } = await setupOf(input);
  const rng = new Rng(4);
  const start = randomSpins(n, rng);
  // Both Woodbury replicas (complex and real Majorana form) against the direct ΔF of the complex path, and each other.
  const rep = new ClusterReplica(cluster, start);
  assert.ok(cluster.majorana, 'the host is particle–hole symmetric: the real form must exist');
  const real = new RealClusterReplica(cluster, start);
  const energy = new ClusterEnergy(cluster, 'complex');
  const s = new Float64Array(3);
  for (let step = 0; step < 40; step++) {
    rng.unitVector(s, 0);
    const i = rng.int(n);
    const change = rep.propose(i, s);
    const changeReal = real.propose(i, s);
    const trial = rep.spins.slice();
    trial.set(s, 3 * i);
    const direct = energy.all(trial) - energy.all(rep.spins);
    assert.ok(Math.abs(change - direct) <= 1e-9 * Math.max(1e-3, Math.abs(direct)), `step ${step}: ${change} vs ${direct}`);
    assert.ok(Math.abs(changeReal - direct) <= 1e-9 * Math.max(1e-3, Math.abs(direct)), `step ${step}: real ${changeReal} vs ${direct}`);
    rep.accept(i, s, change);
    real.accept(i, s, changeReal);
  }
  assert.ok(Math.abs(rep.deltaF - energy.all(rep.spins)) <= 1e-9 * Math.abs(rep.deltaF));
  assert.ok(Math.abs(real.deltaF - energy.all(real.spins)) <= 1e-9 * Math.abs(real.deltaF));
  // After the updates, a fresh recompute gives the same next proposal (the updated inverse equals the direct one).
  rng.unitVector(s, 0);
  const before = real.propose(1, s);
  real.recompute();
  assert.ok(Math.abs(real.propose(1, s) - before) <= 1e-10 * Math.max(1e-3, Math.abs(before)));
}

test('cluster replicas (complex and real): Woodbury-updated energies follow the direct ΔF over many accepted moves', () =>
  checkReplica(randomHost(8, { impurities: randomImpurities(80, 4) }), 4));

test('cluster replica on a two-orbital host (8×8 spin blocks next to 4×4 ones)', () =>
  checkReplica(
    {
      lattice: { shape: [4, 4], vectors: [[1, 0], [0, 1]], basis: [{ name: 'A', position: [0, 0], orbitals: 2 }] },
      chemicalPotential: -0.8, temperature: 0.03, rashba: 0.2, zeeman: [0, 0, 0.1], pairing: { s: 0.25 },
      impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 1.5 }, { site: [2, 1], orbitals: [1], spin: [0, 0, 1], coupling: 2 }, { site: [1, 3], spin: [0, 0, 1], coupling: 1.2 }],
    },
    3,
  ));

test('exact MC on a 2-spin cluster reproduces the Boltzmann averages by quadrature over both spheres', async () => {
  const { cluster } = await setupOf(randomHost(3, { temperature: 0.08, lattice: { shape: [5, 4] }, impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 2 }, { site: [2, 2], spin: [0, 0, 1], coupling: 2.5 }] }));
  const energy = new ClusterEnergy(cluster);
  // Quadrature: Gauss–Legendre in cos θ, trapezoid in φ on each sphere.
  const gl = gaussLegendre(10);
  const nPhi = 16;
  const pts: [number, number, number][] = [], w: number[] = [];
  for (let a = 0; a < gl.x.length; a++)
    for (let b = 0; b < nPhi; b++) {
      const c = gl.x[a]!, s = Math.sqrt(1 - c * c), phi = (2 * Math.PI * b) / nPhi;
      pts.push([s * Math.cos(phi), s * Math.sin(phi), c]);
      w.push(gl.w[a]!);
    }
  const spins = new Float64Array(6);
  const E: number[] = [], W: number[] = [], M: number[] = [];
  for (let p = 0; p < pts.length; p++)
    for (let q = 0; q < pts.length; q++) {
      spins.set(pts[p]!, 0);
      spins.set(pts[q]!, 3);
      E.push(energy.all(spins));
      W.push(w[p]! * w[q]!);
      M.push(Math.hypot(pts[p]![0] + pts[q]![0], pts[p]![1] + pts[q]![1], pts[p]![2] + pts[q]![2]) / 2);
    }
  const spread = Math.max(...E) - Math.min(...E);
  const T = spread / 2;
  const Emin = Math.min(...E);
  let z = 0, e = 0, m = 0;
  E.forEach((x, k) => {
    const b = W[k]! * Math.exp(-(x - Emin) / T);
    z += b;
    e += b * x;
    m += b * M[k]!;
  });
  const mc = clusterMonteCarlo(cluster, { temperatures: [T], sweeps: 12000, seed: 7 });
  const pt = mc.points[0]!;
  const eRef = e / z / 2, mRef = m / z;
  assert.ok(Math.abs(pt.energy.value - eRef) <= 4 * pt.energy.error + 1e-3 * spread, `⟨E⟩/N: MC ${pt.energy.value} ± ${pt.energy.error} vs quadrature ${eRef}`);
  assert.ok(Math.abs(pt.magnetization.value - mRef) <= 4 * pt.magnetization.error + 1e-3, `⟨|M|⟩/N: MC ${pt.magnetization.value} ± ${pt.magnetization.error} vs quadrature ${mRef}`);
});
