/**
 * The docs' YSR-parity figure (docs/selfconsistency.md): one classical spin at the centre of a 9×9
 * open square lattice (U = 2, μ = −0.5, T = 0.01), `ysrScan` over J: Re Δ at the impurity, the
 * signed bound-state level E_b of the (c↑, c†↓) sector and the ground-state parity (drawn as ±0.1).
 * Usage: node dist/scripts/ysrParity.js docs/figures
 */
import { join } from 'node:path';
import { parseModel } from '../src/model/model.js';
import { ysrScan } from '../src/solvers/ysr.js';
import { lineChartSvg } from '../src/plot/lineChart.js';
import { writeFigure } from '../src/plot/writeFigure.js';

const dir = process.argv[2] ?? 'docs/figures';
const model = parseModel({ lattice: { shape: [9, 9] }, chemicalPotential: -0.5, temperature: 0.01, pairing: { s: 0.3, attraction: 2 }, impurities: [{ site: [4, 4], spin: [0, 0, 1], coupling: 2 }] });
const Js = Array.from({ length: 13 }, (_, k) => 2 + 0.25 * k);
const points = await ysrScan(model, Js, { tolerance: 1e-9 });
for (const p of points) console.log(`J=${p.coupling} Δ_imp=${p.gapAtImpurity[0].toFixed(5)} E_b=${p.boundState?.toFixed(5)} parity=${p.parity} it=${p.iterations}`);
const withLevel = points.filter((p) => p.boundState !== null);
await writeFigure(join(dir, 'ysr-parity.svg'), await lineChartSvg({
  title: 'YSR transition, 9×9, U = 2, T = 0.01',
  xLabel: 'exchange J (t)', yLabel: 'energy (t)', points: true,
  series: [
    { name: 'Re Δ impurity', x: points.map((p) => p.coupling), y: points.map((p) => p.gapAtImpurity[0]) },
    { name: 'E_b', x: withLevel.map((p) => p.coupling), y: withLevel.map((p) => p.boundState!) },
    { name: 'parity × 0.1', x: points.map((p) => p.coupling), y: points.map((p) => 0.1 * p.parity) },
  ],
}));
