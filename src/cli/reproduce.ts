/**
 * `rkky reproduce <figure>`: regenerate a figure of arXiv:2407.07144 (data +
 * plot) at the paper's sizes, or smaller with --quick, and optionally check
 * the paper's stated facts (--check).
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { svgToPng } from '../plot/index.js';
import { gapGrid } from '../reproduce/fig1b.js';
import { CHECKS, runChecks, type CheckResult } from '../reproduce/checks.js';
import { flattenRow, type Figure, type FigureRow } from '../reproduce/figure.js';
import { FIGURES, FIGURE_IDS, figureById } from '../reproduce/registry.js';
import { ReproRun } from '../reproduce/runner.js';
import { FULL_SETUP, QUICK_SETUP } from '../reproduce/setup.js';
import { action, EXIT_FAILURE } from './action.js';
import { stageDirectory } from './io.js';
import { checkFinite } from './finite.js';
import { exactOptions } from './options.js';
import { formatRows } from './output.js';
import { progressBar } from './progress.js';

interface ReproduceFlags {
  quick?: boolean;
  out: string;
  json?: boolean;
  check?: boolean;
  png: boolean;
  tolerance?: string;
  threads?: string;
  grid?: string;
}

const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));

/** The figures a `<figure>` argument names. */
function selectFigures(name: string): Figure[] {
  if (name === 'all') return [...FIGURES];
  const fig = figureById(name);
  if (!fig) throw new InputError('<figure>', `expected one of ${FIGURE_IDS.join(', ')} or all, got '${name}'`);
  return [fig];
}


function checksTable(results: readonly CheckResult[]): string {
  return results.map((r) => `${r.skipped ? 'SKIP' : r.passed ? 'PASS' : 'FAIL'}  ${r.figure.padEnd(5)}  ${r.id}: ${r.measured}`).join('\n') + '\n';
}

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description(
      'regenerate a figure of arXiv:2407.07144 (DMI from mixed-parity superconductivity): data (CSV, JSON) and plot (SVG, PNG) in --out, a summary on stdout',
    )
    .argument('<figure>', `${FIGURE_IDS.join(' | ')} | all`)
    .option('--quick', `smaller lattices (${QUICK_SETUP.size}×${QUICK_SETUP.size}; Fig. 3(b) ${QUICK_SETUP.muSize}×${QUICK_SETUP.muSize}) instead of the paper's ${FULL_SETUP.size}×${FULL_SETUP.size} (Fig. 3(b) ${FULL_SETUP.muSize}×${FULL_SETUP.muSize})`)
    .option('--out <dir>', 'directory for FIG.csv, FIG.json, FIG.svg, FIG.png (and checks.json)', './rkky-figures')
    .option('--json', 'print the data instead of the summary: {"rows": [...]} for one figure, {"figures": {FIG: {"rows": [...]}}} for all (with --check also "checks")')
    .option('--check', "also check the paper's stated facts for these figures (extra runs where needed); exit code 1 if one fails")
    .option('--no-png', 'skip the PNG copies of the plots')
    .option('--tolerance <tol>', 'exact engine: accuracy of the pole expansion (Fermi-function error)', '1e-11')
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--grid <n>', 'Fig. 1(b): gap values per axis from 0 to 0.2 (paper: 5), computed as a sweep (docs/sweeps.md)')
    .addHelpText(
      'after',
      `\nFigures:\n${FIGURES.map((f) => `  ${f.id.padEnd(6)} ${f.title}`).join('\n')}\n\nChecks (--check):\n${CHECKS.map((c) => `  ${c.figure.padEnd(6)} ${c.id}: ${c.statement}`).join('\n')}\n`,
    )
    .action(
      action(async (name: string, opts: ReproduceFlags) => {
        const figures = selectFigures(name);
        const base = opts.quick ? QUICK_SETUP : FULL_SETUP;
        const setup = opts.grid === undefined ? base : { ...base, gaps: gapGrid(Number(opts.grid)) };
        const { tolerance, threads } = exactOptions({ engine: 'exact', tolerance: opts.tolerance, threads: opts.threads });
        const dir = String(opts.out);
        // Files go to a temporary directory beside --out, moved into place when every figure is done.
        const staging = stageDirectory('--out', dir);
        const put = (name: string, data: string | Uint8Array) => writeFileSync(join(staging, name), data);
        const run = new ReproRun(setup, { tolerance, threads });
        const say = (line: string) => {
          if (!opts.json) process.stdout.write(`${line}\n`);
        };
        const data: Record<string, { rows: FigureRow[] }> = {};
        const timings: Record<string, number> = {};
        const tAll = performance.now();
        say(`# arXiv:2407.07144 at ${setup.name} size; files in ${dir}`);
        for (const fig of figures) {
          const t0 = performance.now();
          const bar = progressBar(fig.id);
          const out = await fig.compute(run, bar.update).finally(() => bar.finish());
          checkFinite(out.rows, fig.id);
          const svg = await out.svg();
          timings[fig.id] = seconds(t0);
          const base = join(dir, fig.id);
          const json = { figure: fig.id, title: fig.title, paper: fig.paper, setup: setup.name, ...out.meta, seconds: timings[fig.id], rows: out.rows };
          put(`${fig.id}.json`, `${JSON.stringify(json)}\n`);
          put(`${fig.id}.csv`, formatRows(out.rows.map(flattenRow), 'csv'));
          put(`${fig.id}.svg`, svg);
          if (opts.png) put(`${fig.id}.png`, svgToPng(svg));
          data[fig.id] = { rows: out.rows };
          say(`${fig.id}: ${fig.title} (${timings[fig.id]} s) → ${base}.{${opts.png ? 'svg,png' : 'svg'},csv,json}`);
          for (const line of out.summary) say(`  ${line}`);
        }
        let checks: CheckResult[] | undefined;
        if (opts.check) {
          const t0 = performance.now();
          const bar = progressBar('checks');
          checks = await runChecks(run, figures.map((f) => f.id), (_c, d, t) => bar.update(d, t)).finally(() => bar.finish());
          timings.checks = seconds(t0);
          checkFinite(checks, 'checks');
          put('checks.json', `${JSON.stringify({ setup: setup.name, seconds: timings.checks, checks })}\n`);
          const evaluated = checks.filter((c) => !c.skipped);
          say(`checks (${timings.checks} s): ${evaluated.filter((c) => c.passed).length}/${evaluated.length} passed${evaluated.length < checks.length ? `, ${checks.length - evaluated.length} skipped (paper size only)` : ''}`);
          if (!opts.json) process.stdout.write(checksTable(checks));
          if (checks.some((c) => !c.passed)) process.exitCode = EXIT_FAILURE;
        }
        say(`total ${seconds(tAll)} s (${run.calls} engine runs)`);
        if (opts.json) {
          const body: Record<string, unknown> = figures.length === 1 && name !== 'all' ? { rows: data[figures[0]!.id]!.rows } : { figures: data };
          if (checks) body.checks = checks;
          process.stdout.write(`${JSON.stringify(body)}\n`);
        }
      }),
    );
}
