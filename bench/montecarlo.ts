/**
 * Monte Carlo throughput: pair terms evaluated per second (one neighbour-list entry read while
 * building a local field counts as one) by Metropolis + over-relaxation sweeps, for
 * - the simple-cubic Heisenberg ferromagnet, L = 16 (isotropic fast path: η = J·1),
 * - the same lattice with a small DMI on every bond (general 3×3 tensors),
 * - a dilute 3D RKKY spin glass (500 impurities, long-range couplings within L/2).
 * The tensor/isotropic ratio is measured in the same run.
 */
import { Rng, SpinModel, cubicHeisenberg, exchangeTensor, randomSpinGlass, runMonteCarlo } from '../src/spins/index.js';

function throughput(model: SpinModel, sweeps: number): { perSecond: number; sweepsPerSecond: number } {
  runMonteCarlo(model, { temperatures: [1.4], sweeps: 20, thermalization: 0, bins: 2, seed: 9 }); // warm up the JIT
  const r = runMonteCarlo(model, { temperatures: [1.4], sweeps, thermalization: 0, bins: 2, seed: 1 });
  return { perSecond: r.pairTermsPerSecond, sweepsPerSecond: sweeps / r.seconds };
}

export async function bench(): Promise<string[]> {
  const L = 16;
  const iso = cubicHeisenberg([L, L, L], -1);
  const withDmi = new SpinModel({
    n: iso.n,
    pairs: Array.from({ length: iso.pairCount }, (_, k) => ({ i: iso.pairI[k], j: iso.pairJ[k], eta: exchangeTensor(-1, [0, 0, 0.1]) })),
  });
  const glass = randomSpinGlass(
    { count: 500, dim: 3, box: 20, placement: 'continuum', minDistance: 0.5 },
    (R) => Math.cos(2 * R) / R ** 3,
    new Rng(1),
  );
  const a = throughput(iso, 400), b = throughput(withDmi, 400), c = throughput(glass, 100);
  const fmt = (x: number) => `${(x / 1e6).toFixed(1)} M pair terms/s`;
  return [
    `montecarlo sc Heisenberg L=${L} (isotropic path): ${fmt(a.perSecond)}, ${a.sweepsPerSecond.toFixed(0)} sweeps/s (1 Metropolis + 2 over-relaxation per sweep)`,
    `montecarlo sc L=${L} with DMI (3×3 tensors): ${fmt(b.perSecond)}, ${(b.perSecond / a.perSecond).toFixed(2)}× the isotropic path`,
    `montecarlo RKKY spin glass, 500 spins, ${(2 * glass.pairCount / glass.n).toFixed(0)} neighbours each: ${fmt(c.perSecond)}, ${c.sweepsPerSecond.toFixed(0)} sweeps/s`,
  ];
}
