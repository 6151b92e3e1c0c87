import { parseModel, type Model } from '../../src/model/model.js';
import { clusterProblem } from '../../src/cluster/problem.js';
import { clusterSetup, type Cluster } from '../../src/cluster/setup.js';
import { hamiltonianWith, hostHamiltonian } from '../../src/model/hamiltonian.js';
import { denseFreeEnergy } from '../../src/solvers/freeEnergy.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { prng } from '../rng.js';

/** A random small host: 2D open or periodic lattice with random μ, pairing, Zeeman, Rashba. */
export function randomHost(seed: number, extra: object = {}): object {
  const r = prng(seed);
  const kinds = [{}, { s: 0.2 + 0.1 * r() }, { s: 0.1, p: [0, 0.15], dVector: 'e_z * p_x' }, { p: 0.2, dVector: 'e_z * (p_x + jp_y)' }];
  const pairing = kinds[Math.floor((r() + 1) * 2) % 4]!;
  return {
    lattice: { shape: [6, 5] },
    chemicalPotential: -1 + r(),
    temperature: 0.02 + 0.01 * r(),
    zeeman: [0.1 * r(), 0, 0.1 * r()],
    rashba: 0.2 * r(),
    pairing,
    ...extra,
  };
}

/** Random distinct sites on a 6×5 lattice and random couplings. */
export function randomImpurities(seed: number, n: number): object[] {
  const r = prng(seed);
  const used = new Set<string>();
  const out: object[] = [];
  while (out.length < n) {
    const site = [Math.floor((r() + 1) * 3), Math.floor((r() + 1) * 2.5)];
    if (used.has(site.join())) continue;
    used.add(site.join());
    out.push({ site, spin: [0, 0, 1], coupling: 1 + r() });
  }
  return out;
}

export function randomUnit(r: () => number): [number, number, number] {
  for (;;) {
    const v: [number, number, number] = [r(), r(), r()];
    const n = Math.hypot(...v);
    if (n > 0.1 && n <= 1) return [v[0] / n, v[1] / n, v[2] / n];
  }
}

export async function setupOf(input: object): Promise<{ model: Model; cluster: Cluster }> {
  const model = parseModel(input);
  return { model, cluster: await clusterSetup(clusterProblem(model), { greens: serialGreens }) };
}

/** ΔF by dense diagonalization of the full model with the given spins. */
export function denseDeltaF(model: Model, spins: readonly (readonly number[])[]): number {
  const imps = model.impurities.map((imp, i) => ({ ...imp, spin: [...spins[i]!] as [number, number, number] }));
  return denseFreeEnergy(hamiltonianWith(model, imps), model.temperature) - denseFreeEnergy(hostHamiltonian(model), model.temperature);
}
