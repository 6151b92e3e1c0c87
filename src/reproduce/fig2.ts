/**
 * Fig. 2 of arXiv:2407.07144: magnitudes |J_x|, |J_y|, |J_z| and |D_z| of the
 * finite RKKY coefficients against δ (same sweep as Fig. 1(c)), on a log axis.
 */
import type { CouplingRow } from '../rkky/sweep.js';
import { paperSweep } from './fig1c.js';
import { separationRow, sci, listText, type Figure } from './figure.js';
import { paperChartSvg } from './plots.js';

/** max(|J_x|, |J_y|, |J_z|): the size of the Heisenberg/Ising part. */
export const heisenbergScale = (r: CouplingRow): number => Math.max(...r.J.map(Math.abs));

/** |D_z| / max|J_a|: > 1 where the DMI dominates. */
export const dmiRatio = (r: CouplingRow): number => Math.abs(r.D[2]) / heisenbergScale(r);

export const fig2: Figure = {
  id: 'fig2',
  title: 'Fig. 2: |J_x|, |J_y|, |J_z|, |D_z| vs δ',
  paper:
    'Magnitudes of all finite RKKY coefficients in an s+ip_x superconductor with Δ_s = Δ_p = 0.1t. The DMI coefficient D_z has similar magnitude to the conventional RKKY coefficients {J_x, J_y, J_z}, but it dominates strongly for some separation distances δ. For δ = 6a or 9a the DMI is roughly an order of magnitude larger than the Heisenberg contribution; for δ = 5a the Heisenberg contribution is roughly two orders of magnitude larger. J is roughly Heisenberg-like (J_x = J_y = J_z) for small separations but acquires an increasing Ising contribution (J_z ≠ J_x = J_y) as the spins are moved apart.',
  async compute(run, onProgress) {
    const rows = await paperSweep(run, onProgress);
    const L = run.setup.size;
    const x = rows.map((r) => r.separation);
    const abs = (f: (r: CouplingRow) => number) => rows.map((r) => Math.abs(f(r)));
    const dominant = rows.filter((r) => dmiRatio(r) > 1).map((r) => `${r.separation} (×${dmiRatio(r).toFixed(1)})`);
    return {
      rows: rows.map(separationRow),
      meta: { lattice: [L, L], separations: run.setup.separations, temperature: run.setup.temperature },
      summary: [
        `${L}×${L}, δ = ${listText(run.setup.separations)}: |D_z| > max|J| at δ = ${dominant.join(', ') || 'none'}`,
        `J_z/J_x at δ = ${rows[0]!.separation}: ${(rows[0]!.J[2] / rows[0]!.J[0]).toFixed(3)}; at δ = ${rows.at(-1)!.separation}: ${(rows.at(-1)!.J[2] / rows.at(-1)!.J[0]).toFixed(3)} (max |J| ${sci(heisenbergScale(rows.at(-1)!))} t)`,
      ],
      svg: () =>
        paperChartSvg(
          {
            title: `Fig. 2: RKKY coefficients vs separation (${L}×${L}, Δ_s = Δ_p = 0.1t)`,
            xLabel: 'Separation δ/a',
            yLabel: 'Magnitude of RKKY coefficient / t',
            series: [
              { name: '|J_x|', x, y: abs((r) => r.J[0]) },
              { name: '|J_y|', x, y: abs((r) => r.J[1]) },
              { name: '|J_z|', x, y: abs((r) => r.J[2]) },
              { name: '|D_z|', x, y: abs((r) => r.D[2]) },
            ],
            logY: true,
            points: true,
          },
          { integerX: true },
        ),
    };
  },
};
