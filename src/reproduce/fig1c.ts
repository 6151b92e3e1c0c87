/**
 * Fig. 1(c) of arXiv:2407.07144: the DMI coefficient D_z of the s+ip_x
 * superconductor (Δ_s = Δ_p = 0.1t) against the separation δ = 1..20 along x.
 */
import type { CouplingRow } from '../rkky/sweep.js';
import { separationRow, sci, listText, type Figure } from './figure.js';
import { paperChartSvg } from './plots.js';
import type { ReproRun } from './runner.js';
import { paperModel } from './setup.js';

/** The paper's base sweep (spin 2 at δ·e_x, δ over setup.separations): shared by Figs. 1(c), 2 and the checks. */
export function paperSweep(run: ReproRun, onProgress?: (done: number, total: number) => void): Promise<CouplingRow[]> {
  const s = run.setup;
  return run.sweep({ model: paperModel({ size: s.size, temperature: s.temperature }), separations: s.separations }, onProgress);
}

/** Separations at which a sequence changes sign (between δ_k and δ_k+1, reported as δ_k+1). */
export function signChanges(rows: readonly CouplingRow[], value: (r: CouplingRow) => number): number[] {
  const out: number[] = [];
  for (let k = 1; k < rows.length; k++) if (value(rows[k - 1]!) * value(rows[k]!) < 0) out.push(rows[k]!.separation);
  return out;
}

export const fig1c: Figure = {
  id: 'fig1c',
  title: 'Fig. 1(c): D_z vs separation δ',
  paper:
    'DMI coefficient as a function of δ for Δ_s = Δ_p = 0.1t. This shows that the DMI term exhibits the same damped oscillations as the usual RKKY interactions.',
  async compute(run, onProgress) {
    const rows = await paperSweep(run, onProgress);
    const L = run.setup.size;
    const dz = rows.map((r) => r.D[2]);
    const peak = rows.reduce((a, r) => (Math.abs(r.D[2]) > Math.abs(a.D[2]) ? r : a));
    return {
      rows: rows.map(separationRow),
      meta: { lattice: [L, L], separations: run.setup.separations, temperature: run.setup.temperature },
      summary: [
        `D_z(δ) on ${L}×${L}, δ = ${listText(run.setup.separations)}: largest |D_z| = ${sci(peak.D[2])} t at δ = ${peak.separation}, |D_z(δ=${rows.at(-1)!.separation})| = ${sci(Math.abs(dz.at(-1)!))} t`,
        `sign changes at δ = ${signChanges(rows, (r) => r.D[2]).join(', ')} (damped oscillation)`,
      ],
      svg: () =>
        paperChartSvg(
          {
            title: `Fig. 1(c): DMI vs separation (${L}×${L}, Δ_s = Δ_p = 0.1t)`,
            xLabel: 'Separation δ/a',
            yLabel: 'DMI coefficient D_z/t',
            series: [{ name: 'D_z', x: rows.map((r) => r.separation), y: dz }],
            points: true,
          },
          { integerX: true },
        ),
    };
  },
};
