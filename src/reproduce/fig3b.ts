/**
 * Fig. 3(b) of arXiv:2407.07144: D_z against the chemical potential μ for
 * several separations δ, on the paper's 51×51 lattice.
 */
import type { CouplingRow } from '../rkky/sweep.js';
import { sci, type Figure } from './figure.js';
import { paperChartSvg } from './plots.js';
import type { ReproRun } from './runner.js';
import { paperModel } from './setup.js';

export interface MuPoint {
  chemicalPotential: number;
  rows: CouplingRow[];
}

/** D over setup.muSeparations for every μ of setup.chemicalPotentials (setup.muSize lattice). */
export async function chemicalPotentialScan(run: ReproRun, onProgress?: (done: number, total: number) => void): Promise<MuPoint[]> {
  const s = run.setup;
  const jobs = s.chemicalPotentials.map((chemicalPotential) => ({
    model: paperModel({ size: s.muSize, temperature: s.temperature, chemicalPotential }),
    separations: s.muSeparations,
  }));
  const rows = await run.sweeps(jobs, onProgress);
  return s.chemicalPotentials.map((chemicalPotential, k) => ({ chemicalPotential, rows: rows[k]! }));
}

export const fig3b: Figure = {
  id: 'fig3b',
  title: 'Fig. 3(b): D_z vs chemical potential μ',
  paper:
    'D_z as a function of the chemical potential μ, for different δ/a (51a × 51a lattice). The DMI coefficient exhibits an oscillating dependence on μ which is antisymmetric with respect to μ = 0, and decays exponentially for |μ| > 4t. When the spin separation δ increases, the wavelength and amplitude of these oscillations decrease.',
  async compute(run, onProgress) {
    const scan = await chemicalPotentialScan(run, onProgress);
    const { muSize: L, muSeparations, chemicalPotentials } = run.setup;
    const series = muSeparations.map((d, j) => ({
      name: `δ = ${d === 1 ? '' : d}a`,
      x: scan.map((p) => p.chemicalPotential),
      y: scan.map((p) => p.rows[j]!.D[2]),
    }));
    const amplitude = series.map((s) => `${s.name}: ${sci(Math.max(...s.y.map(Math.abs)))}`);
    return {
      rows: scan.flatMap((p) => p.rows.map((r) => ({ chemicalPotential: p.chemicalPotential, separation: r.separation, mu: r.mu, J: r.J, D: r.D }))),
      meta: { lattice: [L, L], separations: muSeparations, chemicalPotentials, temperature: run.setup.temperature },
      summary: [
        `${L}×${L}, μ = ${chemicalPotentials[0]}..${chemicalPotentials.at(-1)} (${chemicalPotentials.length} values), δ = ${muSeparations.join(', ')}`,
        `max |D_z| per curve: ${amplitude.join('; ')} t`,
      ],
      svg: () =>
        paperChartSvg({
          title: `Fig. 3(b): DMI vs chemical potential (${L}×${L})`,
          xLabel: 'Chemical potential μ/t',
          yLabel: 'DMI coefficient D_z/t',
          series,
        }),
    };
  },
};
