/**
 * Fig. 1(b) of arXiv:2407.07144: D_z at δ = a as a map over the singlet gap
 * Δ_s and the triplet gap Δ_p (Δ_p enters as i·Δ_p, the s+ip_x state).
 */
import { InputError } from '../errors.js';
import { heatmapSvg } from '../plot/index.js';
import type { CouplingRow } from '../rkky/sweep.js';
import { definitionHash, type SweepDefinition } from '../sweep/definition.js';
import { computeSweep } from '../sweep/run.js';
import { sci, type Figure } from './figure.js';
import type { ReproRun, SweepJob } from './runner.js';
import { paperModel, type ReproSetup } from './setup.js';

export interface GapPoint {
  gapS: number;
  gapP: number;
  row: CouplingRow;
}

/** Largest gap of the map (both axes run from 0 to it). */
export const MAX_GAP = 0.2;

/** `n` gap values 0 .. MAX_GAP (n = 5: the paper's 0, 0.05, …, 0.2), rounded to 12 digits. */
export function gapGrid(n: number): number[] {
  if (!Number.isInteger(n) || n < 2 || n > 1001) throw new InputError('--grid', `expected an integer number of gap values in 2..1001, got ${n}`);
  return Array.from({ length: n }, (_, k) => Number(((MAX_GAP * k) / (n - 1)).toPrecision(12)));
}

/**
 * The map as a sweep definition: the paper's model with Δ_p = i·g (key path
 * `pairing.p.1`, the imaginary part) as the outer axis and Δ_s as the inner
 * one, D at δ = setup.gapSeparation; `rkky sweep fig1b` writes it as a sweep
 * file for `rkky sweep run` / `rkky sweep slurm`.
 */
export function fig1bSweep(setup: ReproSetup, engine: { tolerance?: number; poles?: SweepDefinition['poles'] } = {}): SweepDefinition {
  return {
    model: paperModel({ size: setup.size, temperature: setup.temperature, gapS: 0, gapP: [0, 0] }) as unknown as SweepDefinition['model'],
    axes: [
      { path: 'pairing.p.1', values: [...setup.gaps] },
      { path: 'pairing.s', values: [...setup.gaps] },
    ],
    separations: [setup.gapSeparation],
    direction: 'x',
    engine: 'exact',
    tolerance: engine.tolerance ?? 1e-11,
    poles: engine.poles ?? 'rational',
    secondOrder: false,
  };
}

/** Maps already computed in a run (checks and the figure share one). */
const computed = new WeakMap<ReproRun, Map<string, Promise<GapPoint[]>>>();

/**
 * D at δ = setup.gapSeparation for every (Δ_s, Δ_p) of the grid, Δ_p the outer
 * loop, through the sweep machinery (whole points on long-lived workers). With
 * an explicit `greens` provider (tests, browsers) the points run in this thread.
 */
export function gapMap(run: ReproRun, onProgress?: (done: number, total: number) => void): Promise<GapPoint[]> {
  const s = run.setup;
  const pairs = s.gaps.flatMap((gapP) => s.gaps.map((gapS) => ({ gapS, gapP })));
  if (run.engine.greens) {
    const jobs: SweepJob[] = pairs.map(({ gapS, gapP }) => ({
      model: paperModel({ size: s.size, temperature: s.temperature, gapS, gapP: [0, gapP] }),
      separations: [s.gapSeparation],
    }));
    return run.sweeps(jobs, onProgress).then((rows) => pairs.map((p, k) => ({ ...p, row: rows[k]![0]! })));
  }
  const def = fig1bSweep(s, run.engine);
  const key = definitionHash(def);
  let maps = computed.get(run);
  if (!maps) computed.set(run, (maps = new Map()));
  let hit = maps.get(key);
  if (!hit) {
    run.calls += pairs.length;
    hit = computeSweep(def, { threads: run.engine.threads, signal: run.engine.signal, onProgress }).then((lines) =>
      pairs.map((p, k) => ({ ...p, row: lines[k]!.rows[0]! })),
    );
    hit.catch(() => maps.delete(key));
    maps.set(key, hit);
  }
  return hit;
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
