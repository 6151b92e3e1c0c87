import { trace } from '../trace.js';
import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import type { Series } from '../plot/index.js';
import { paperChartSvg } from '../reproduce/plots.js';
import type { Axis } from '../rkky/problem.js';
import { computeCouplings, parseTargets, shellTargets, type CouplingRow, type CouplingsResult } from '../rkky/sweep.js';
import { resolveModelArgument } from './examples.js';
import { action, parseNumber, parseRange } from './action.js';
import { writeFigureFile, writeOutputFile } from './io.js';
import { checkFinite } from './finite.js';
import { checkResources } from './resources.js';
import { resolveEngine } from '../rkky/sweep.js';
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
  const second = result.rows.some((r) => r.secondOrder);
  if (second) header.push(...vec('J2'), ...vec('D2'));
  const line = (r: CouplingRow) =>
    [r.separation, ...r.site1, ...r.site2, r.F0, ...r.mu, ...r.mu1, ...r.mu2, ...r.eta.flat(), ...r.J, ...r.D, r.sublattice1 ?? '', r.sublattice2 ?? '', ...(r.displacement ?? ['', '', '']), r.distance ?? '',
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

/** The header line of an infinite-host run: method and estimated error. */
export function infiniteLine(result: CouplingsResult): string | null {
  const inf = result.infinite;
  if (!inf) return null;
  const how =
    inf.method === 'adaptive'
      ? `adaptive Brillouin-zone quadrature, tolerance ${inf.tolerance}`
      : inf.method === 'doubling'
        ? `film, in-plane k∥ mesh doubled to ${inf.mesh} per axis until η changed by ≤ ${inf.tolerance}`
        : `${inf.mesh}^d k-mesh, error estimated against the ${Math.floor(inf.mesh! / 2)}^d mesh`;
  return `infinite host (${how}): estimated relative error of η ≤ ${inf.estimatedRelativeError.toExponential(2)}; F0 relative to the clean host${inf.method === 'adaptive' ? '' : ' (mesh torus)'}`;
}

/** Couplings below this (units of t) are round-off of quantities that vanish by symmetry. */
const ROUND_OFF = 1e-13;

function table(result: CouplingsResult): string {
  // Round-off of components that vanish by symmetry prints as 0 (the JSON and CSV keep the raw numbers).
  const f = (x: number) => (Math.abs(x) < ROUND_OFF ? '0' : x.toExponential(6)).padStart(14);
  const site = (r: CouplingRow) => `${r.site2.join(',')}${r.sublattice2 && r.sublattice2 !== r.sublattice1 ? ` ${r.sublattice2}` : ''}`.padStart(12);
  const head = `${'δ'.padStart(3)} ${'site2'.padStart(12)} ${'distance'.padStart(9)} ${['Jx', 'Jy', 'Jz', 'Dx', 'Dy', 'Dz', '|μ|'].map((s) => s.padStart(14)).join(' ')}`;
  const rows = result.rows.map(
    (r) => `${String(r.separation).padStart(3)} ${site(r)} ${(r.distance ?? 0).toFixed(4).padStart(9)} ${[...r.J, ...r.D, Math.hypot(...r.mu)].map(f).join(' ')}`,
  );
  const inf = infiniteLine(result);
  const lines = [`# couplings (engine: ${result.engine}${result.film ? ', film solver' : ''}; units of t); F ≈ F0 + μ1·S1 + μ2·S2 + J·(S1∘S2) + D·(S1×S2) + …`, ...(inf ? [`# ${inf}`] : []), head, ...rows];
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
    .option('--separations <A:B>', 'separations δ (integers), e.g. 1:20: spin 2 at cell(site1) + δ·a_direction on spin 1\'s sublattice')
    .option('--direction <axis>', 'displacement axis of spin 2: x, y or z (the Bravais vector a1, a2, a3 on non-cubic lattices)', 'x')
    .option('--to <sites>', 'spin 2 at each listed site in turn: "n1,n2[,n3][,sublattice]; …" (cell, then optional sublattice name)')
    .option('--shells <R>', 'spin 2 at every site within distance R of spin 1, nearest first')
    .option('--json', 'print {"engine", "rows": [...]} as JSON')
    .option('--csv', 'print one CSV row per separation')
    .option('--raw', 'include the 36 free energies of every separation (JSON)')
    .option('--second-order', 'also report the second-order (J², LKAG-type) η, J, D from the same Green\'s functions (JSON: "secondOrder")')
    .option(
      '--infinite [M]',
      'periodic hosts: thermodynamic limit. Without M: adaptive Brillouin-zone quadrature converged to --infinite-tolerance in η at every separation (any T ≥ 0, separations not limited by lattice.shape, memory independent of the resolution). With M: an M^d k-mesh (≤ 1.5 GB), its error estimated against the (M/2)^d mesh',
    )
    .option('--film <mode>', 'films and slabs (periodic along some axes, open along others): auto (the film solver when its cost estimate is lower), on (force it), off (real space)', 'auto')
    .option('--infinite-tolerance <tol>', 'relative accuracy of η at each separation for --infinite', '1e-6')
    .option('-o, --out <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--plot <file>', 'also draw J and D against δ to FILE.svg or FILE.png')
    .option('--scale <scale>', '--plot: linear, or log (|J|, |D| on a log axis)', 'linear')
    .option('--envelope', '--plot: draw the envelope |J|·δ^d (d the lattice dimension) instead of J')
    .option('--self-consistent', 'solve Δ self-consistently (pairing.attraction U) on the sites within --region of the spins, the host outside at its clean self-consistent gap')
    .option('--region <R,...>', 'with --self-consistent: region radii (several show the convergence in R; default 2)');
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
        if (opts.scale !== 'linear' && opts.scale !== 'log') throw new InputError('--scale', `expected linear or log, got '${opts.scale}'`);
        trace('cli modules loaded');
        const model = loadModel(resolveModelArgument(file));
        trace('model loaded');
        let mesh: number[] | undefined;
        const infiniteTolerance = parseNumber('--infinite-tolerance', String(opts.infiniteTolerance ?? '1e-6'));
        if (!(infiniteTolerance > 0 && infiniteTolerance < 1)) throw new InputError('--infinite-tolerance', `expected a number in (0, 1), got '${opts.infiniteTolerance}'`);
        if (opts.infinite !== undefined && opts.infinite !== true) {
          const M = parseNumber('--infinite', String(opts.infinite));
          // On a film the k∥ mesh spans the periodic axes only.
          const lat = model.lattice;
          const filmMesh = opts.film !== 'off' && lat.periodic.some((p, a) => a < lat.dim && p) && lat.size.some((L, a) => a < lat.dim && !lat.periodic[a] && L > 2);
          const L = Math.max(...lat.shape.filter((_, a) => !filmMesh || lat.periodic[a]));
          if (!Number.isInteger(M) || Math.floor(M / 2) < L)
            throw new InputError('--infinite', `expected an integer mesh size M with M/2 ≥ the lattice size ${L} (the error is estimated on the M/2 mesh), got '${opts.infinite}'`);
          mesh = lat.shape.map((La, a) => (La <= 2 || (filmMesh && !lat.periodic[a]) ? La : M));
        }
        const lat = model.lattice;
        const filmMode = String(opts.film);
        if (!['auto', 'on', 'off'].includes(filmMode)) throw new InputError('--film', `expected auto, on or off, got '${filmMode}'`);
        const film = filmMode !== 'off' && lat.periodic.some((p, a) => a < lat.dim && p) && lat.size.some((L, a) => a < lat.dim && !lat.periodic[a] && L > 1) && model.custom.length === 0 && model.impurities.length <= 2;
        // The film solver holds a few layer blocks per thread: estimated like k-space on the lattice's own mesh.
        const kspace = film || mesh !== undefined || (lat.size.every((L, a) => L <= 2 || lat.periodic[a]) && model.custom.length === 0 && model.impurities.length <= 2);
        const resolved = resolveEngine(engine, lat.nNodes);
        checkResources(model, { engine: resolved, threads: exact.threads, mesh: film ? undefined : mesh, kspace }, opts.maxMemory);
        // The exact engine's workers load the solver while the host is built (unused ones end with the command).
        if (resolved === 'exact' && !film && !opts.selfConsistent && opts.infinite !== true) (await import('../solvers/greensPool.js')).prestartGreensWorkers(exact.threads);
        const targets = opts.to !== undefined ? parseTargets(model.lattice, String(opts.to)) : shells !== undefined ? shellTargets(model, shells) : undefined;
        if (opts.region !== undefined && !opts.selfConsistent) throw new InputError('--region', 'only with --self-consistent');
        if (opts.selfConsistent) {
          const radii = String(opts.region ?? '2').split(',').map((r) => parseNumber('--region', r));
          const { selfConsistentCouplings, selfConsistentCouplingsText } = await import('../rkky/selfConsistentRegion.js');
          const scBar = progressBar('couplings');
          const rows = await selfConsistentCouplings(model, { separations, targets, direction: direction as Axis }, radii, { threads: exact.threads, onProgress: scBar.update }).finally(() => scBar.finish());
          const text = opts.json ? `${JSON.stringify({ selfConsistent: true, rows })}\n` : selfConsistentCouplingsText(rows);
          if (opts.out) await writeOutputFile(String(opts.out), text);
          else process.stdout.write(text);
          return;
        }
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
          infinite: opts.infinite === true,
          film: filmMode as 'auto' | 'on' | 'off',
          infiniteTolerance,
          onProgress: bar.update,
        }).finally(() => bar.finish());
        checkFinite(result, 'couplings');
        const inf = infiniteLine(result);
        if (inf) process.stderr.write(`rkky: ${inf}\n`);
        if (opts.plot) await writeFigureFile(String(opts.plot), await couplingsChartSvg(result, `couplings of ${basename(file)} (engine: ${result.engine})`, { scale: opts.scale, envelope: Boolean(opts.envelope) }));
        if (opts.raw && opts.csv) process.stderr.write('rkky: --raw: the 36 free energies per separation are written with --json only\n');
        const text = opts.json ? `${JSON.stringify(result)}\n` : opts.csv ? couplingsCsv(result) : table(result);
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
      }),
    );
}
