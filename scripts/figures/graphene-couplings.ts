/**
 * The graphene couplings figure of docs/lattices.md: R³·J(R) between spin 1 on
 * an A site of examples/graphene.json, put on a periodic 64×64-cell torus (64 is
 * no multiple of 3, so the Dirac points are not on its k mesh and no exact zero
 * modes appear; no zigzag edges), and spin 2 on A sites (A–A) and B sites
 * (A–B) along the armchair direction x, by the exact engine, beside the Dirac
 * theory of the continuum module (grapheneExchange; its on-site coupling
 * J_c S·σ is −J/2 of the model's −(J/2) S·σ).
 *
 *   npm run build && node dist/scripts/figures/graphene-couplings.js [out.svg]
 */
import { readFileSync } from 'node:fs';
import { grapheneExchange } from '../../src/continuum/graphene.js';
import { parseModel } from '../../src/model/model.js';
import { lineChartSvg, writeFigure, type Series } from '../../src/plot/index.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { targetSweep, type Target } from '../../src/rkky/problem.js';
import { configurationEnergies } from '../../src/rkky/sweep.js';

const out = process.argv[2] ?? 'docs/figures/graphene-couplings.svg';
const L = 64;
const file = JSON.parse(readFileSync('examples/graphene.json', 'utf8'));
const model = parseModel({
  ...file,
  lattice: { ...file.lattice, shape: [L, L], periodic: [true, true] },
  impurities: [{ ...file.impurities[0], site: [L / 2, L / 2] }],
});
const lat = model.lattice;
const { site: site1, coupling } = model.impurities[0]!;
const [c1, c2] = lat.site(site1);
// Cell (n, n) sits at x = 3n on the x axis: A sites at R = 3n, B sites at R = 3n + 1 from an A site.
const along = (sublattice: number, n: number): Target => ({ cell: [c1 + n, c2 + n], sublattice });
const pairs = [
  { name: 'A–A', pair: 'same' as const, targets: [1, 2, 3, 4, 5].map((n) => along(0, n)) },
  { name: 'A–B', pair: 'opposite' as const, targets: [0, 1, 2, 3, 4, 5].map((n) => along(1, n)) },
];
const series: Series[] = [];
for (const p of pairs) {
  const problem = targetSweep(model, p.targets);
  const { deltas } = await configurationEnergies(problem, 'exact', {});
  const R = problem.sites2.map((j) => lat.distance(site1, j));
  const J = deltas.map((dF) => extractCouplings(dF).J[2]);
  const dirac = R.map((r) => r ** 3 * grapheneExchange([r, 0], p.pair, coupling / 2));
  R.forEach((r, k) => console.log(`${p.name}  R = ${r}  J = ${J[k]!.toExponential(4)}  R³J = ${(r ** 3 * J[k]!).toExponential(4)}  Dirac R³J = ${dirac[k]!.toExponential(4)}`));
  series.push({ name: `${p.name} exact`, x: R, y: R.map((r, k) => r ** 3 * J[k]!) });
  series.push({ name: `${p.name} Dirac`, x: R, y: dirac });
}
await writeFigure(out, await lineChartSvg({
  title: 'Undoped graphene, J = 0.5t, T = 0.01t: R³·J(R)',
  xLabel: 'distance R along x (nearest-neighbour units)',
  yLabel: 'R³·J_z / t (J > 0: antiparallel)',
  series,
  points: true,
  legend: 'right',
  width: 380,
  height: 260,
}));
