/**
 * Fig. 1(b) of arXiv:2407.07144: D_z at δ = a as a map over the singlet gap
 * Δ_s and the triplet gap Δ_p (Δ_p enters as i·Δ_p, the s+ip_x state).
 */
import { heatmapSvg } from '../plot/index.js';
import type { CouplingRow } from '../rkky/sweep.js';
import { sci, type Figure } from './figure.js';
import type { ReproRun, SweepJob } from './runner.js';
import { paperModel } from './setup.js';

export interface GapPoint {
  gapS: number;
  gapP: number;
  row: CouplingRow;
}

/** D at δ = setup.gapSeparation for every (Δ_s, Δ_p) of the grid, Δ_p the outer loop. */
export async function gapMap(run: ReproRun, onProgress?: (done: number, total: number) => void): Promise<GapPoint[]> {
  const s = run.setup;
  const pairs = s.gaps.flatMap((gapP) => s.gaps.map((gapS) => ({ gapS, gapP })));
  const jobs: SweepJob[] = pairs.map(({ gapS, gapP }) => ({
    model: paperModel({ size: s.size, temperature: s.temperature, gapS, gapP: [0, gapP] }),
    separations: [s.gapSeparation],
  }));
  const rows = await run.sweeps(jobs, onProgress);
  return pairs.map((p, k) => ({ ...p, row: rows[k]![0]! }));
}

export const fig1b: Figure = {
  id: 'fig1b',
  title: 'Fig. 1(b): D_z vs Δ_s and Δ_p at δ = a',
  paper:
    'DMI coefficient D_z describing the interaction between S_1 and S_2 as function of the s-wave singlet gap Δ_s and p-wave triplet gap Δ_p for δ = a. Only when both components are non-zero, corresponding to a mixed-parity superconducting state, do we find a finite DMI term.',
  async compute(run, onProgress) {
    const points = await gapMap(run, onProgress);
    const { gaps, size: L, gapSeparation } = run.setup;
    const values = gaps.map((gapP) => gaps.map((gapS) => points.find((p) => p.gapS === gapS && p.gapP === gapP)!.row.D[2]));
    const onAxes = points.filter((p) => p.gapS === 0 || p.gapP === 0);
    const mixed = points.filter((p) => p.gapS !== 0 && p.gapP !== 0);
    const maxAbs = (ps: GapPoint[]) => Math.max(0, ...ps.map((p) => Math.abs(p.row.D[2])));
    return {
      rows: points.map((p) => ({ gapS: p.gapS, gapP: p.gapP, separation: p.row.separation, mu: p.row.mu, J: p.row.J, D: p.row.D })),
      meta: { lattice: [L, L], separation: gapSeparation, gaps, temperature: run.setup.temperature },
      summary: [
        `${L}×${L}, δ = ${gapSeparation}, ${gaps.length}×${gaps.length} grid Δ_s, Δ_p ∈ {${gaps.join(', ')}}`,
        `max |D_z| with Δ_s = 0 or Δ_p = 0: ${sci(maxAbs(onAxes))} t; with both finite: ${sci(Math.min(...mixed.map((p) => Math.abs(p.row.D[2]))))}..${sci(maxAbs(mixed))} t`,
      ],
      svg: () =>
        heatmapSvg({
          title: `Fig. 1(b): DMI at δ = ${gapSeparation === 1 ? '' : gapSeparation}a (${L}×${L})`,
          xLabel: 's-wave singlet gap Δ_s/t',
          yLabel: 'p-wave triplet gap Δ_p/t',
          valueLabel: 'D_z/t',
          x: gaps,
          y: gaps,
          values,
        }),
    };
  },
};
