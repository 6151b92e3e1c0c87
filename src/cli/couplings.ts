import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { writeFigure, type Series } from '../plot/index.js';
import { paperChartSvg } from '../reproduce/plots.js';
import type { Axis } from '../rkky/problem.js';
import { computeCouplings, parseTargets, shellTargets, type CouplingRow, type CouplingsResult } from '../rkky/sweep.js';
import { action, parseNumber, parseRange } from './action.js';
import { interruptSignal, writeOutputFile } from './io.js';
import { addEngineOptions, exactOptions, parseEngine, type EngineFlags } from './options.js';
import { progressBar } from './progress.js';

const AX = ['x', 'y', 'z'];

/** One CSV line per separation: sites, F0, μ, μ1, μ2, η (row-major), J, D, then sublattices, Cartesian displacement and distance. */
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
    'sublattice1', 'sublattice2', ...vec('displacement'), 'distance',
  ];
  const line = (r: CouplingRow) =>
    [r.separation, ...r.site1, ...r.site2, r.F0, ...r.mu, ...r.mu1, ...r.mu2, ...r.eta.flat(), ...r.J, ...r.D, r.sublattice1 ?? '', r.sublattice2 ?? '', ...(r.displacement ?? ['', '', '']), r.distance ?? ''].join(',');
  return [header.join(','), ...result.rows.map(line)].join('\n') + '\n';
}

/**
 * The chart of `--plot`: J_a and D_a against δ, leaving out components that
 * vanish identically (e.g. D_x, D_y of the paper's s+ip_x model).
 */
export function couplingsChartSvg(result: CouplingsResult, title: string): Promise<string> {
  const x = result.rows.map((r) => r.separation);
  const series: Series[] = [];
  for (const [name, get] of [['J', (r: CouplingRow) => r.J], ['D', (r: CouplingRow) => r.D]] as const)
    AX.forEach((a, i) => {
      const y = result.rows.map((r) => get(r)[i]!);
      if (y.some((v) => v !== 0)) series.push({ name: `${name}_${a}`, x, y });
    });
  if (series.length === 0) series.push({ name: 'J_x', x, y: result.rows.map((r) => r.J[0]) });
  return paperChartSvg({ title, xLabel: 'Separation δ/a', yLabel: 'Coupling / t', series, points: true }, { integerX: true });
}

function table(result: CouplingsResult): string {
  const f = (x: number) => x.toExponential(6).padStart(14);
  const site = (r: CouplingRow) => `${r.site2.join(',')}${r.sublattice2 && r.sublattice2 !== r.sublattice1 ? ` ${r.sublattice2}` : ''}`.padStart(12);
  const head = `${'δ'.padStart(3)} ${'site2'.padStart(12)} ${'distance'.padStart(9)} ${['Jx', 'Jy', 'Jz', 'Dx', 'Dy', 'Dz', '|μ|'].map((s) => s.padStart(14)).join(' ')}`;
  const rows = result.rows.map(
    (r) => `${String(r.separation).padStart(3)} ${site(r)} ${(r.distance ?? 0).toFixed(4).padStart(9)} ${[...r.J, ...r.D, Math.hypot(...r.mu)].map(f).join(' ')}`,
  );
  return [`# couplings (engine: ${result.engine}); F ≈ F0 + μ1·S1 + μ2·S2 + J·(S1∘S2) + D·(S1×S2) + …`, head, ...rows].join('\n') + '\n';
}

/** `rkky couplings <model.json> --separations A:B`: the 36-configuration couplings for a separation sweep. */
export function registerCouplings(program: Command): void {
  const cmd = program
    .command('couplings')
    .description('couplings μ, η, J, D between spin 1 (first impurity) and spin 2 at site1 + δ·direction, from 36 exact free energies')
    .argument('<model>', 'model file (JSON) with at least one impurity')
    .option('--separations <A:B>', 'separations δ (integers), e.g. 1:20: spin 2 at cell(site1) + δ·a_direction on spin 1\'s sublattice')
    .option('--direction <axis>', 'displacement axis of spin 2: x, y or z (the Bravais vector a1, a2, a3 on non-cubic lattices)', 'x')
    .option('--to <sites>', 'spin 2 at each listed site in turn: "n1,n2[,n3][,sublattice]; …" (cell, then optional sublattice name)')
    .option('--shells <R>', 'spin 2 at every site within distance R of spin 1, nearest first')
    .option('--json', 'print {"engine", "rows": [...]} as JSON')
    .option('--csv', 'print one CSV row per separation')
    .option('--raw', 'include the 36 free energies of every separation (JSON)')
    .option('--second-order', 'also report the second-order (J², LKAG-type) η, J, D from the same Green\'s functions (JSON: "secondOrder")')
    .option('--infinite <M>', 'periodic hosts: thermodynamic limit from an M^d k-mesh (F0 then refers to the M^d torus)')
    .option('-o, --out <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--plot <file>', 'also draw J and D against δ to FILE.svg or FILE.png');
  addEngineOptions(cmd).action(
      action(async (file: string, opts: EngineFlags & Record<string, string | boolean | undefined>) => {
        if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
        const engine = parseEngine(String(opts.engine));
        const chosen = ['separations', 'to', 'shells'].filter((k) => opts[k] !== undefined);
        if (chosen.length !== 1) throw new InputError('--separations', chosen.length === 0 ? 'required (or --to, or --shells)' : `cannot be combined: --${chosen.join(', --')}`);
        const separations = opts.separations !== undefined ? parseRange('--separations', String(opts.separations), true) : undefined;
        const shells = opts.shells !== undefined ? parseNumber('--shells', String(opts.shells)) : undefined;
        if (shells !== undefined && !(shells > 0)) throw new InputError('--shells', `expected a positive distance, got '${opts.shells}'`);
        const direction = String(opts.direction);
        if (!AX.includes(direction)) throw new InputError('--direction', `expected x, y or z, got '${direction}'`);
        const exact = exactOptions(opts);
        if (opts.plot && !['.svg', '.png'].includes(extname(String(opts.plot)).toLowerCase()))
          throw new InputError('--plot', `expected a file name ending in .svg or .png, got '${opts.plot}'`);
        const model = loadModel(file);
        let mesh: number[] | undefined;
        if (opts.infinite !== undefined) {
          const M = parseNumber('--infinite', String(opts.infinite));
          if (!Number.isInteger(M) || M < Math.max(...model.lattice.shape)) throw new InputError('--infinite', `expected an integer mesh size ≥ the lattice size, got '${opts.infinite}'`);
          mesh = model.lattice.shape.map((L) => (L <= 2 ? L : M));
        }
        const targets = opts.to !== undefined ? parseTargets(model.lattice, String(opts.to)) : shells !== undefined ? shellTargets(model, shells) : undefined;
        const bar = progressBar('couplings');
        const result = await computeCouplings(model, {
          separations,
          targets,
          direction: direction as Axis,
          engine,
          raw: Boolean(opts.raw),
          secondOrder: Boolean(opts.secondOrder),
          ...exact,
          mesh,
          onProgress: bar.update,
          signal: interruptSignal(),
        }).finally(() => bar.finish());
        if (opts.plot) await writeFigure(String(opts.plot), await couplingsChartSvg(result, `couplings of ${basename(file)} (engine: ${result.engine})`));
        const text = opts.json ? `${JSON.stringify(result)}\n` : opts.csv ? couplingsCsv(result) : table(result);
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
      }),
    );
}
