import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { writeFigure, type Series } from '../plot/index.js';
import { paperChartSvg } from '../reproduce/plots.js';
import type { Axis } from '../rkky/problem.js';
import { computeCouplings, type CouplingRow, type CouplingsResult } from '../rkky/sweep.js';
import { resolveModelArgument } from './examples.js';
import { action, parseNumber, parseRange } from './action.js';
import { interruptSignal, writeOutputFile } from './io.js';
import { addEngineOptions, exactOptions, parseEngine, type EngineFlags } from './options.js';
import { progressBar } from './progress.js';

const AX = ['x', 'y', 'z'];

/** One CSV line per separation: sites, F0, μ, μ1, μ2, η (row-major), J, D. */
export function couplingsCsv(result: CouplingsResult): string {
  const dim = result.rows[0]?.site1.length ?? 0;
  const vec = (name: string) => AX.map((a) => `${name}_${a}`);
  const header = [
    'separation',
    ...AX.slice(0, dim).map((a) => `site1_${a}`),
    ...AX.slice(0, dim).map((a) => `site2_${a}`),
    'F0', ...vec('mu'), ...vec('mu1'), ...vec('mu2'),
    ...AX.flatMap((a) => AX.map((b) => `eta_${a}${b}`)),
    ...vec('J'), ...vec('D'),
  ];
  const second = result.rows.some((r) => r.secondOrder);
  if (second) header.push(...vec('J2'), ...vec('D2'));
  const line = (r: CouplingRow) =>
    [r.separation, ...r.site1, ...r.site2, r.F0, ...r.mu, ...r.mu1, ...r.mu2, ...r.eta.flat(), ...r.J, ...r.D,
      ...(second ? [...r.secondOrder!.J, ...r.secondOrder!.D] : [])].join(',');
  return [header.join(','), ...result.rows.map(line)].join('\n') + '\n';
}

/** How `--plot` draws J: as is, |J| on a log axis (`--scale log`), or the envelope |J|·δ^d (`--envelope`). */
export interface CouplingsChartOptions {
  scale?: 'linear' | 'log';
  envelope?: boolean;
}

/**
 * The chart of `--plot`: J_a and D_a against δ, leaving out components that
 * vanish identically (e.g. D_x, D_y of the paper's s+ip_x model); the y
 * components are dashed, so J_y stays visible where it equals J_x.
 */
export function couplingsChartSvg(result: CouplingsResult, title: string, options: CouplingsChartOptions = {}): Promise<string> {
  const x = result.rows.map((r) => r.separation);
  const dim = result.rows[0]?.site1.length ?? 1;
  const transform = (v: number, delta: number) => (options.envelope ? Math.abs(v) * delta ** dim : options.scale === 'log' ? Math.abs(v) : v);
  const wrap = (name: string) => (options.envelope ? `|${name}|·δ${dim === 1 ? '' : dim === 2 ? '²' : '³'}` : options.scale === 'log' ? `|${name}|` : name);
  const series: Series[] = [];
  for (const [name, get] of [['J', (r: CouplingRow) => r.J], ['D', (r: CouplingRow) => r.D]] as const)
    AX.forEach((a, i) => {
      const raw = result.rows.map((r) => get(r)[i]!);
      if (raw.some((v) => Math.abs(v) > ROUND_OFF))
        series.push({ name: wrap(`${name}_${a}`), x, y: raw.map((v, k) => transform(v, x[k]!)), dash: a === 'y' });
    });
  if (series.length === 0) series.push({ name: wrap('J_x'), x, y: result.rows.map((r, k) => transform(r.J[0], x[k]!)) });
  const yLabel = options.envelope ? `Envelope |coupling|·(δ/a)^${dim} (units of t)` : options.scale === 'log' ? '|Coupling| (units of t, log scale)' : 'Coupling (units of t)';
  return paperChartSvg(
    { title, xLabel: 'Separation δ (lattice constants a)', yLabel, series, points: true, logY: options.scale === 'log', roundOff: ROUND_OFF },
    { integerX: true },
  );
}

/** Couplings below this (units of t) are round-off of quantities that vanish by symmetry. */
const ROUND_OFF = 1e-13;

function table(result: CouplingsResult): string {
  // Round-off of components that vanish by symmetry prints as 0 (the JSON and CSV keep the raw numbers).
  const f = (x: number) => (Math.abs(x) < ROUND_OFF ? '0' : x.toExponential(6)).padStart(14);
  const head = `${'δ'.padStart(3)} ${['Jx', 'Jy', 'Jz', 'Dx', 'Dy', 'Dz', '|μ|'].map((s) => s.padStart(14)).join(' ')}`;
  const rows = result.rows.map(
    (r) => `${String(r.separation).padStart(3)} ${[...r.J, ...r.D, Math.hypot(...r.mu)].map(f).join(' ')}`,
  );
  const lines = [`# couplings (engine: ${result.engine}; units of t); F ≈ F0 + μ1·S1 + μ2·S2 + J·(S1∘S2) + D·(S1×S2) + …`, head, ...rows];
  if (result.rows.some((r) => r.secondOrder)) {
    lines.push('# second order (J², LKAG-type):', `${'δ'.padStart(3)} ${['Jx²', 'Jy²', 'Jz²', 'Dx²', 'Dy²', 'Dz²'].map((s) => s.padStart(14)).join(' ')}`);
    for (const r of result.rows) lines.push(`${String(r.separation).padStart(3)} ${[...r.secondOrder!.J, ...r.secondOrder!.D].map(f).join(' ')}`);
  }
  if (result.rows.some((r) => r.raw)) lines.push('# --raw: the 36 free energies per separation are printed with --json only');
  return lines.join('\n') + '\n';
}

/** `rkky couplings <model.json> --separations A:B`: the 36-configuration couplings for a separation sweep. */
export function registerCouplings(program: Command): void {
  const cmd = program
    .command('couplings')
    .description('couplings μ, η, J, D between spin 1 (first impurity) and spin 2 at site1 + δ·direction, from 36 exact free energies')
    .argument('<model>', 'model file (JSON) with at least one impurity')
    .requiredOption('--separations <A:B>', 'separations δ (integers), e.g. 1:20')
    .option('--direction <axis>', 'displacement axis of spin 2: x, y or z', 'x')
    .option('--json', 'print {"engine", "rows": [...]} as JSON')
    .option('--csv', 'print one CSV row per separation')
    .option('--raw', 'include the 36 free energies of every separation (JSON)')
    .option('--second-order', 'also report the second-order (J², LKAG-type) η, J, D from the same Green\'s functions (JSON: "secondOrder")')
    .option('--infinite <M>', 'periodic hosts: thermodynamic limit from an M^d k-mesh (F0 then refers to the M^d torus)')
    .option('-o, --out <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--plot <file>', 'also draw J and D against δ to FILE.svg or FILE.png')
    .option('--scale <scale>', '--plot: linear, or log (|J|, |D| on a log axis)', 'linear')
    .option('--envelope', '--plot: draw the envelope |J|·δ^d (d the lattice dimension) instead of J');
  addEngineOptions(cmd).action(
      action(async (file: string, opts: EngineFlags & Record<string, string | boolean | undefined>) => {
        if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
        const engine = parseEngine(String(opts.engine));
        const separations = parseRange('--separations', String(opts.separations), true);
        const direction = String(opts.direction);
        if (!AX.includes(direction)) throw new InputError('--direction', `expected x, y or z, got '${direction}'`);
        const exact = exactOptions(opts);
        if (opts.plot && !['.svg', '.png'].includes(extname(String(opts.plot)).toLowerCase()))
          throw new InputError('--plot', `expected a file name ending in .svg or .png, got '${opts.plot}'`);
        if (opts.scale !== 'linear' && opts.scale !== 'log') throw new InputError('--scale', `expected linear or log, got '${opts.scale}'`);
        const model = loadModel(resolveModelArgument(file));
        let mesh: number[] | undefined;
        if (opts.infinite !== undefined) {
          const M = parseNumber('--infinite', String(opts.infinite));
          if (!Number.isInteger(M) || M < Math.max(...model.lattice.shape)) throw new InputError('--infinite', `expected an integer mesh size ≥ the lattice size, got '${opts.infinite}'`);
          mesh = model.lattice.shape.map((L) => (L <= 2 ? L : M));
        }
        const bar = progressBar('couplings');
        const result = await computeCouplings(model, {
          separations,
          direction: direction as Axis,
          engine,
          raw: Boolean(opts.raw),
          secondOrder: Boolean(opts.secondOrder),
          ...exact,
          mesh,
          onProgress: bar.update,
          signal: interruptSignal(),
        }).finally(() => bar.finish());
        if (opts.plot) await writeFigure(String(opts.plot), await couplingsChartSvg(result, `couplings of ${basename(file)} (engine: ${result.engine})`, { scale: opts.scale, envelope: Boolean(opts.envelope) }));
        if (opts.raw && opts.csv) process.stderr.write('rkky: --raw: the 36 free energies per separation are written with --json only\n');
        const text = opts.json ? `${JSON.stringify(result)}\n` : opts.csv ? couplingsCsv(result) : table(result);
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
      }),
    );
}
