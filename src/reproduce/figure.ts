/**
 * What every reproduced figure provides: its data (computed through a
 * ReproRun), the rows it exports (JSON and CSV), its plot and a short summary.
 */
import type { Vec3 } from '../rkky/couplings.js';
import type { CouplingRow } from '../rkky/sweep.js';
import type { ReproRun } from './runner.js';

export type FigureId = 'fig1b' | 'fig1c' | 'fig2' | 'fig3a' | 'fig3b';

/** An exported row: numbers, or [x, y, z] vectors (flattened to _x, _y, _z columns in CSV). */
export type FigureRow = Record<string, number | Vec3>;

export interface FigureOutput {
  /** The rows written to FIG.json / FIG.csv and printed by `--json`. */
  rows: FigureRow[];
  /** Human-readable lines (what the figure shows, in numbers). */
  summary: string[];
  /** Lattice size and grids actually used. */
  meta: Record<string, unknown>;
  /** The plot as SVG text. */
  svg(): Promise<string>;
}

export interface Figure {
  id: FigureId;
  /** What the figure shows, e.g. "Fig. 1(c): D_z vs separation δ". */
  title: string;
  /** The paper's statement about it (caption and text), quoted in the docs and `--help`. */
  paper: string;
  compute(run: ReproRun, onProgress?: (done: number, total: number) => void): Promise<FigureOutput>;
}

/** The row of Figs. 1(c) and 2: {separation, mu, J, D}. */
export const separationRow = (r: CouplingRow): FigureRow => ({ separation: r.separation, mu: r.mu, J: r.J, D: r.D });

/** Flatten rows for CSV: a vector key k becomes k_x, k_y, k_z. */
export function flattenRow(row: FigureRow): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(row)) {
    if (Array.isArray(v)) ['x', 'y', 'z'].forEach((a, i) => (out[`${k}_${a}`] = v[i]!));
    else out[k] = v;
  }
  return out;
}

/** Compact number formatting for summaries. */
export const sci = (x: number, digits = 3): string => (x === 0 ? '0' : x.toExponential(digits));

/** "1..20" for a contiguous integer list, else the values joined. */
export function listText(values: readonly number[]): string {
  const contiguous = values.length > 2 && values.every((v, i) => i === 0 || v === values[i - 1]! + 1);
  return contiguous ? `${values[0]}..${values.at(-1)}` : values.join(', ');
}
