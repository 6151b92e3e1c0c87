/**
 * The paper's stated facts (arXiv:2407.07144) as checks on computed data.
 * Each check names the figure it belongs to, quotes the statement, says what
 * was measured, and passes or fails by a stated criterion. The evaluators are
 * pure functions of coupling rows (so tests can feed them reduced sizes); the
 * `CHECKS` list binds them to the sweeps of a ReproRun, computing the extra
 * models some need (y displacement, real Δ_p).
 *
 * Thresholds: "vanishes" means below 1e-6 of the relevant finite scale (the
 * engine's numerical noise is ~1e-12 of it); "roughly an order of magnitude"
 * means a ratio above 10^0.5, "roughly two orders" above 10^1.5.
 */
import type { CouplingRow } from '../rkky/sweep.js';
import { gapMap, type GapPoint } from './fig1b.js';
import { paperSweep } from './fig1c.js';
import { dmiRatio, heisenbergScale } from './fig2.js';
import { relativeChange, windingSweeps, type WindingSweep } from './fig3a.js';
import { chemicalPotentialScan, type MuPoint } from './fig3b.js';
import { sci, type FigureId } from './figure.js';
import type { ReproRun } from './runner.js';
import { FULL_SETUP, paperModel, type ReproSetup } from './setup.js';

export interface CheckResult {
  id: string;
  figure: FigureId;
  /** The paper's statement being checked. */
  statement: string;
  passed: boolean;
  /** A paper-size-only check on a reduced setup: not evaluated, and not a failure. */
  skipped?: boolean;
  /** What was measured and the criterion, in one line. */
  measured: string;
}

/** A check's verdict before it is labelled. */
export interface Verdict {
  passed: boolean;
  measured: string;
}

/** Relative size below which a coupling "vanishes". */
export const VANISHES = 1e-6;

const maxAbs = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Sign changes of a sequence, ignoring exact zeros (D_z(μ = 0) = 0 sits between two signs). */
export function signChangeCount(values: readonly number[]): number {
  const nonzero = values.filter((v) => v !== 0);
  let n = 0;
  for (let k = 1; k < nonzero.length; k++) if (nonzero[k - 1]! * nonzero[k]! < 0) n++;
  return n;
}

/** D vanishes when Δ_s = 0 or Δ_p = 0 and is finite when both are finite (Fig. 1(b) grid). */
export function dmiNeedsBothGaps(points: readonly GapPoint[]): Verdict {
  const axes = points.filter((p) => p.gapS === 0 || p.gapP === 0);
  const mixed = points.filter((p) => p.gapS !== 0 && p.gapP !== 0);
  const onAxes = maxAbs(axes.flatMap((p) => p.row.D));
  const scale = maxAbs(mixed.map((p) => p.row.D[2]));
  const weakest = Math.min(...mixed.map((p) => Math.abs(p.row.D[2])));
  return {
    passed: axes.length > 0 && mixed.length > 0 && onAxes <= VANISHES * scale && weakest > 100 * VANISHES * scale,
    measured: `max |D| with Δ_s = 0 or Δ_p = 0: ${sci(onAxes)} t (${axes.length} points); |D_z| with both finite: ${sci(weakest)}..${sci(scale)} t (${mixed.length} points); criterion: axes ≤ 1e-6·max, mixed ≥ 1e-4·max`,
  };
}

/** s + p_x without the i (real Δ_p): D vanishes, measured against the s+ip_x D_z of the same δ. */
export function dmiNeedsTheI(real: readonly CouplingRow[], complex: readonly CouplingRow[]): Verdict {
  const dReal = maxAbs(real.flatMap((r) => r.D));
  const scale = maxAbs(complex.map((r) => r.D[2]));
  return {
    passed: dReal <= VANISHES * scale,
    measured: `max |D| for Δ_p = 0.1t (real), δ = ${real[0]!.separation}..${real.at(-1)!.separation}: ${sci(dReal)} t vs max |D_z| = ${sci(scale)} t for Δ_p = 0.1i·t; criterion ≤ 1e-6·max`,
  };
}

/** D ∥ e_z for displacement along x: D_x = D_y = 0 while D_z is finite. */
export function dmiAlongZ(rows: readonly CouplingRow[]): Verdict {
  const dxy = maxAbs(rows.flatMap((r) => [r.D[0], r.D[1]]));
  const dz = maxAbs(rows.map((r) => r.D[2]));
  return { passed: dz > 0 && dxy <= VANISHES * dz, measured: `max |D_x|, |D_y| = ${sci(dxy)} t vs max |D_z| = ${sci(dz)} t; criterion ≤ 1e-6·max |D_z|` };
}

/**
 * D_z shows damped oscillations in δ: at least four sign changes, and the
 * largest |D_z| over the last three separations is below 10 % of that over the
 * first three.
 */
export function dmiDampedOscillation(rows: readonly CouplingRow[]): Verdict {
  const changes = signChangeCount(rows.map((r) => r.D[2]));
  const first = maxAbs(rows.slice(0, WINDOW).map((r) => r.D[2]));
  const last = maxAbs(rows.slice(-WINDOW).map((r) => r.D[2]));
  return {
    passed: rows.length >= 2 * WINDOW && changes >= 4 && last < 0.1 * first,
    measured: `${changes} sign changes over δ = ${rows[0]!.separation}..${rows.at(-1)!.separation}; max |D_z| ${sci(first)} t over the first three δ, ${sci(last)} t (${pct(last / first)}) over the last three; criterion ≥ 4 changes, last < 10 % of first`,
  };
}

/** D = 0 for displacement along y, measured against D_z of the x displacement. */
export function noDmiAlongY(yRows: readonly CouplingRow[], xRows: readonly CouplingRow[]): Verdict {
  const dy = maxAbs(yRows.flatMap((r) => r.D));
  const dz = maxAbs(xRows.map((r) => r.D[2]));
  return { passed: dy <= VANISHES * dz, measured: `max |D| for y displacement: ${sci(dy)} t vs max |D_z| = ${sci(dz)} t for x; criterion ≤ 1e-6·max` };
}

/** μ = 0: no single-spin term (μ, μ1, μ2), measured against the exchange scale. */
export function noSingleSpinTerm(rows: readonly CouplingRow[]): Verdict {
  const mu = maxAbs(rows.flatMap((r) => [...r.mu, ...r.mu1, ...r.mu2]));
  const scale = maxAbs(rows.flatMap((r) => r.J));
  return { passed: mu <= VANISHES * scale, measured: `max |μ|, |μ1|, |μ2| = ${sci(mu)} t vs max |J| = ${sci(scale)} t; criterion ≤ 1e-6·max |J|` };
}

/**
 * Ising share of a window of separations: max |J_z − J_x| / max(|J_x|, |J_z|)
 * over the window (maxima over a window, since J oscillates through zero).
 */
export function isingShare(rows: readonly CouplingRow[]): number {
  return maxAbs(rows.map((r) => r.J[2] - r.J[0])) / maxAbs(rows.flatMap((r) => [r.J[0], r.J[2]]));
}

/** Window of separations a check compares: three consecutive ones (about one RKKY period at μ = −3t). */
export const WINDOW = 3;

/**
 * J nearly isotropic at small δ with a growing Ising part at larger δ:
 * J_x = J_y; Ising share ≤ 10 % over the first three separations, and over the
 * last three at least twice that.
 */
export function heisenbergThenIsing(rows: readonly CouplingRow[]): Verdict {
  const xy = maxAbs(rows.map((r) => r.J[0] - r.J[1])) / maxAbs(rows.flatMap((r) => r.J));
  const first = isingShare(rows.slice(0, WINDOW));
  const last = isingShare(rows.slice(-WINDOW));
  const d = (k: number) => rows.at(k)!.separation;
  return {
    passed: rows.length >= 2 * WINDOW && xy <= VANISHES && first <= 0.1 && last >= 2 * first,
    measured: `max |J_x − J_y|/max|J| = ${sci(xy)}; Ising share max|J_z − J_x|/max|J| = ${pct(first)} at δ = ${d(0)}..${d(WINDOW - 1)}, ${pct(last)} at δ = ${d(-WINDOW)}..${d(-1)}; criterion J_x = J_y, first ≤ 10 %, last ≥ 2 × first`,
  };
}

/** The DMI dominates at δ = 6 and 9 (ratio ≥ 10^0.5) and the Heisenberg term at δ = 5 (ratio ≥ 10^1.5). */
export function dmiDominatesSometimes(rows: readonly CouplingRow[]): Verdict {
  const at = (d: number) => rows.find((r) => r.separation === d);
  const [r5, r6, r9] = [at(5), at(6), at(9)];
  if (!r5 || !r6 || !r9) return { passed: false, measured: 'needs separations 5, 6 and 9' };
  const [q5, q6, q9] = [dmiRatio(r5), dmiRatio(r6), dmiRatio(r9)];
  return {
    passed: q6 >= 10 ** 0.5 && q9 >= 10 ** 0.5 && 1 / q5 >= 10 ** 1.5,
    measured: `|D_z|/max|J| = ${q6.toFixed(2)} at δ = 6, ${q9.toFixed(2)} at δ = 9; max|J|/|D_z| = ${(1 / q5).toFixed(1)} at δ = 5 (max|J| = ${sci(heisenbergScale(r5))} t); criterion ≥ 3.16, ≥ 3.16, ≥ 31.6`,
  };
}

/** ν = +1 and ν = −1 give the same D. */
export function windingSignIrrelevant(sweeps: readonly WindingSweep[]): Verdict {
  const plus = sweeps.find((s) => s.winding === 1)!.rows;
  const minus = sweeps.find((s) => s.winding === -1)!.rows;
  const diff = maxAbs(plus.flatMap((r, k) => r.D.map((d, a) => d - minus[k]!.D[a]!)));
  const scale = maxAbs(plus.map((r) => r.D[2]));
  return { passed: diff <= VANISHES * scale, measured: `max |D(ν=+1) − D(ν=−1)| = ${sci(diff)} t vs max |D_z| = ${sci(scale)} t; criterion ≤ 1e-6·max` };
}

/**
 * The winding's effect over δ = 1..10: the two largest relative changes are at
 * δ = 5 and 8 and are enhancements of 192 % ± 30 %; the only reduction
 * beyond 1 % is at δ = 10, and it is weak (above −50 %).
 */
export function windingEnhances(sweeps: readonly WindingSweep[]): Verdict {
  const base = sweeps.find((s) => s.winding === 0)!.rows;
  const plus = sweeps.find((s) => s.winding === 1)!.rows;
  const changes = plus.map((r, k) => ({ separation: r.separation, change: relativeChange(r.D[2], base[k]!.D[2]) }));
  const ranked = [...changes].sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  const topTwo = ranked.slice(0, 2).map((c) => c.separation).sort((a, b) => a - b);
  const reductions = changes.filter((c) => c.change < -0.01);
  const top = ranked[0]!.change;
  const passed =
    topTwo.join() === '5,8' &&
    ranked.slice(0, 2).every((c) => Math.abs(c.change - 1.92) <= 0.3) &&
    reductions.length === 1 && reductions[0]!.separation === 10 && reductions[0]!.change > -0.5;
  return {
    passed,
    measured: `largest changes at δ = ${topTwo.join(' and ')} (${ranked.slice(0, 2).map((c) => pct(c.change)).join(', ')}; max ${pct(top)}); reductions beyond 1 % at δ = ${reductions.map((c) => `${c.separation} (${pct(c.change)})`).join(', ') || 'none'}; criterion top two at 5 and 8 within 192 ± 30 %, the only reduction at 10, weaker than −50 %`,
  };
}

/** D_z(μ) antisymmetric about μ = 0: |D_z(μ) + D_z(−μ)| ≤ 1e-6 · max |D_z| for every ±μ pair of the grid, and D_z(0) = 0. */
export function muAntisymmetric(scan: readonly MuPoint[]): Verdict {
  let worst = 0;
  let pairs = 0;
  for (const p of scan) {
    const q = scan.find((s) => Math.abs(s.chemicalPotential + p.chemicalPotential) < 1e-9);
    if (!q || q.chemicalPotential < p.chemicalPotential) continue;
    pairs++;
    p.rows.forEach((r, j) => (worst = Math.max(worst, Math.abs(r.D[2] + q.rows[j]!.D[2]))));
  }
  const scale = maxAbs(scan.flatMap((p) => p.rows.map((r) => r.D[2])));
  return { passed: pairs > 1 && worst <= VANISHES * scale, measured: `max |D_z(μ) + D_z(−μ)| = ${sci(worst)} t over ${pairs} pairs vs max |D_z| = ${sci(scale)} t; criterion ≤ 1e-6·max` };
}

/**
 * D_z ≈ 0 beyond the band edge: for |μ| > 4t, |D_z| decreases monotonically
 * in |μ| on every curve, and for |μ| ≥ 4.5t it is below 5 % of that curve's maximum.
 */
export function muBandEdge(scan: readonly MuPoint[]): Verdict {
  const nCurves = scan[0]?.rows.length ?? 0;
  let monotone = true;
  let worst = 0;
  for (let j = 0; j < nCurves; j++) {
    const curve = scan.map((p) => ({ mu: p.chemicalPotential, d: Math.abs(p.rows[j]!.D[2]) }));
    const peak = maxAbs(curve.map((c) => c.d));
    for (const side of [1, -1]) {
      const out = curve.filter((c) => side * c.mu > 4).sort((a, b) => side * (a.mu - b.mu));
      for (let k = 1; k < out.length; k++) if (out[k]!.d > out[k - 1]!.d) monotone = false;
    }
    worst = Math.max(worst, maxAbs(curve.filter((c) => Math.abs(c.mu) >= 4.5).map((c) => c.d)) / peak);
  }
  const beyond = scan.some((p) => Math.abs(p.chemicalPotential) >= 4.5);
  return {
    passed: beyond && monotone && worst <= 0.05,
    measured: `|D_z| ${monotone ? 'decreases monotonically' : 'does NOT decrease monotonically'} for |μ| > 4t; max over |μ| ≥ 4.5t = ${pct(worst)} of the curve's maximum; criterion monotone and ≤ 5 %`,
  };
}

/** Whether a setup has the paper's lattices (Figs. 1–3(a): 101×101, Fig. 3(b): 51×51) and temperature. */
export const isPaperSize = (s: ReproSetup): boolean =>
  s.size === FULL_SETUP.size && s.muSize === FULL_SETUP.muSize && s.temperature === FULL_SETUP.temperature;

/**
 * The μ-oscillations shrink with δ: on every curve beyond the first, the
 * amplitude max |D_z| is smaller and the number of sign changes inside the band
 * (|μ| < 4t) larger than on the curve before (curves in increasing δ).
 */
export function muOscillationsShrink(scan: readonly MuPoint[]): Verdict {
  const nCurves = scan[0]?.rows.length ?? 0;
  const inBand = scan.filter((p) => Math.abs(p.chemicalPotential) < 4);
  const curves = Array.from({ length: nCurves }, (_, j) => {
    const changes = signChangeCount(inBand.map((p) => p.rows[j]!.D[2]));
    return { separation: scan[0]!.rows[j]!.separation, amplitude: maxAbs(scan.map((p) => p.rows[j]!.D[2])), changes };
  });
  const passed = nCurves >= 2 && curves.every((c, j) => j === 0 || (c.amplitude < curves[j - 1]!.amplitude && c.changes > curves[j - 1]!.changes));
  return {
    passed,
    measured: `${curves.map((c) => `δ = ${c.separation}: amplitude ${sci(c.amplitude)} t, ${c.changes} sign changes in |μ| < 4t`).join('; ')}; criterion amplitude falls and sign changes rise with δ`,
  };
}

export interface Check {
  id: string;
  figure: FigureId;
  statement: string;
  /**
   * A quantitative statement about the paper's lattice (values at particular δ):
   * finite-size shifts on smaller lattices move it, so it is only evaluated at
   * the paper's size.
   */
  paperSizeOnly?: boolean;
  evaluate(run: ReproRun, onProgress?: (done: number, total: number) => void): Promise<Verdict>;
}

/** The real-Δ_p (s + p_x) and y-displacement sweeps, over the paper's separations. */
const sPlusPx = (run: ReproRun, onProgress?: (done: number, total: number) => void) =>
  run.sweep({ model: paperModel({ size: run.setup.size, temperature: run.setup.temperature, gapP: [0.1, 0] }), separations: run.setup.separations }, onProgress);
const ySweep = (run: ReproRun, onProgress?: (done: number, total: number) => void) =>
  run.sweep({ model: paperModel({ size: run.setup.size, temperature: run.setup.temperature }), separations: run.setup.separations, direction: 'y' }, onProgress);

export const CHECKS: readonly Check[] = [
  {
    id: 'dmi-needs-both-gaps',
    figure: 'fig1b',
    statement: 'The DMI vanishes when either Δ_s → 0 or Δ_p → 0.',
    evaluate: async (run, p) => dmiNeedsBothGaps(await gapMap(run, p)),
  },
  {
    id: 'dmi-needs-the-i',
    figure: 'fig1b',
    statement: "For s + p_x superconductors without the 'i' we found no DMI.",
    evaluate: async (run, p) => dmiNeedsTheI(await sPlusPx(run, p), await paperSweep(run)),
  },
  {
    id: 'dmi-along-z',
    figure: 'fig1c',
    statement: 'D ∼ e_z for displacements along x.',
    evaluate: async (run, p) => dmiAlongZ(await paperSweep(run, p)),
  },
  {
    id: 'dmi-damped-oscillation',
    figure: 'fig1c',
    statement: 'The DMI term exhibits the same damped oscillations as the usual RKKY interactions.',
    evaluate: async (run, p) => dmiDampedOscillation(await paperSweep(run, p)),
  },
  {
    id: 'no-dmi-along-y',
    figure: 'fig1c',
    statement: 'When spins are displaced purely along the y axis, the DMI coefficient remains zero.',
    evaluate: async (run, p) => noDmiAlongY(await ySweep(run, p), await paperSweep(run)),
  },
  {
    id: 'no-single-spin-term',
    figure: 'fig1c',
    statement: 'We found no magnetic interaction between the spins and the s + ip_x superconductor (μ = 0).',
    evaluate: async (run, p) => noSingleSpinTerm(await paperSweep(run, p)),
  },
  {
    id: 'heisenberg-then-ising',
    figure: 'fig2',
    statement: 'J is roughly Heisenberg-like (J_x = J_y = J_z) for small separations but acquires an increasing Ising contribution (J_z ≠ J_x = J_y) as the spins are moved apart.',
    evaluate: async (run, p) => heisenbergThenIsing(await paperSweep(run, p)),
  },
  {
    id: 'dmi-dominates-sometimes',
    paperSizeOnly: true,
    figure: 'fig2',
    statement: 'For δ = 6a or 9a the DMI is roughly an order of magnitude larger than the Heisenberg contribution; for δ = 5a the Heisenberg contribution is roughly two orders of magnitude larger.',
    evaluate: async (run, p) => dmiDominatesSometimes(await paperSweep(run, p)),
  },
  {
    id: 'winding-sign-irrelevant',
    figure: 'fig3a',
    statement: 'The same results were obtained whether the current is applied in the positive (ν = +1) or negative (ν = −1) direction.',
    evaluate: async (run, p) => windingSignIrrelevant(await windingSweeps(run, p)),
  },
  {
    id: 'winding-enhances',
    paperSizeOnly: true,
    figure: 'fig3a',
    statement: 'D_z can be increased by up to 192 %; the largest modulation is at δ = 5a and 8a; the current in most cases enhances the DMI, only for δ = 10a a weak reduction.',
    evaluate: async (run, p) => windingEnhances(await windingSweeps(run, p)),
  },
  {
    id: 'mu-antisymmetric',
    figure: 'fig3b',
    statement: 'D_z(μ) is antisymmetric with respect to μ = 0.',
    evaluate: async (run, p) => muAntisymmetric(await chemicalPotentialScan(run, p)),
  },
  {
    id: 'mu-band-edge',
    figure: 'fig3b',
    statement: 'D_z decays exponentially for |μ| > 4t (no states at the Fermi level).',
    evaluate: async (run, p) => muBandEdge(await chemicalPotentialScan(run, p)),
  },
  {
    id: 'mu-oscillations-shrink',
    figure: 'fig3b',
    statement: 'When the spin separation δ increases, the wavelength and amplitude of the oscillations in μ decrease.',
    evaluate: async (run, p) => muOscillationsShrink(await chemicalPotentialScan(run, p)),
  },
];

/** Run the checks of the given figures (all by default), in order, sharing the run's sweeps. */
export async function runChecks(
  run: ReproRun,
  figures?: readonly FigureId[],
  onProgress?: (check: Check, done: number, total: number) => void,
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const check of CHECKS) {
    if (figures && !figures.includes(check.figure)) continue;
    if (check.paperSizeOnly && !isPaperSize(run.setup)) {
      out.push({ id: check.id, figure: check.figure, statement: check.statement, passed: true, skipped: true, measured: `skipped: a statement about the paper's ${FULL_SETUP.size}×${FULL_SETUP.size} lattice (this run: ${run.setup.size}×${run.setup.size})` });
      continue;
    }
    const v = await check.evaluate(run, onProgress && ((d, t) => onProgress(check, d, t)));
    out.push({ id: check.id, figure: check.figure, statement: check.statement, ...v });
  }
  return out;
}
