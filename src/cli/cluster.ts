import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { spinConfigurationSvg } from '../spins/svg.js';
import {
  compareGroundStatesParallel,
  compareMonteCarlo,
  configurationRowsParallel,
  expandCluster,
  modelCluster,
  parseConfigurations,
  type Cluster,
  type ExpansionReport,
  type GroundStateComparison,
} from '../cluster/index.js';
import { action, parseNumber } from './action.js';
import { parseTemperatures } from './spins.js';
import { writeFigureFile, writeOutputFile } from './io.js';
import { exactOptions, type EngineFlags } from './options.js';
import { addOutputOptions, outputFormat, formatRows, type Row } from './output.js';
import { progressBar } from './progress.js';

type Opts = EngineFlags & Record<string, string | boolean | undefined>;

const triples = (s: Float64Array) => Array.from({ length: s.length / 3 }, (_, i) => [s[3 * i]!, s[3 * i + 1]!, s[3 * i + 2]!]);
const deg = (r: number) => (r * 180) / Math.PI;

function integer(name: string, value: string, min: number): number {
  const n = parseNumber(name, value);
  if (!Number.isInteger(n) || n < min) throw new InputError(name, `expected an integer ≥ ${min}, got '${value}'`);
  return n;
}

function groundStateOutput(cluster: Cluster, gs: GroundStateComparison, format: string): string {
  if (format === 'json')
    return `${JSON.stringify({
      reference: cluster.reference,
      exact: { ...gs.exact, spins: triples(gs.exact.spins) },
      pairwise: { ...gs.pairwise, spins: triples(gs.pairwise.spins) },
      energyError: gs.energyError,
      maxAngleError: gs.maxAngleError,
    })}\n`;
  const rows: Row[] = triples(gs.exact.spins).map((s, i) => {
    const p = gs.pairwise.spins.subarray(3 * i, 3 * i + 3);
    return {
      spin: i,
      exact_x: s[0]!, exact_y: s[1]!, exact_z: s[2]!,
      pair_x: p[0]!, pair_y: p[1]!, pair_z: p[2]!,
      angle_next_exact_deg: i < gs.exact.bondAngles.length ? deg(gs.exact.bondAngles[i]!) : null,
      angle_next_pair_deg: i < gs.pairwise.bondAngles.length ? deg(gs.pairwise.bondAngles[i]!) : null,
    };
  });
  if (format === 'csv') return formatRows(rows, 'csv');
  const head = [
    `# exact ground state:    ΔF = ${gs.exact.deltaF.toExponential(9)}  F = ${gs.exact.F.toPrecision(15)}  (torque ${gs.exact.torque.toExponential(1)})`,
    `# pairwise ground state: ΔF_exact = ${gs.pairwise.deltaF.toExponential(9)}  (pair model ${gs.pairwise.pairEnergy.toExponential(9)})`,
    `# energy error of the pairwise picture ${gs.energyError.toExponential(3)} t, largest angle error ${deg(gs.maxAngleError).toFixed(3)}°`,
  ];
  return `${head.join('\n')}\n${formatRows(rows, 'table')}`;
}

function expansionOutput(ex: ExpansionReport, format: string): string {
  if (format === 'json')
    return `${JSON.stringify({
      singles: ex.singles,
      pairs: ex.pairs.map((p) => ({ sites: p.sites, eta: p.eta, J: p.J, D: p.D, biquadratic: p.biquadratic })),
      triples: ex.triples.map((t) => ({ sites: t.sites, trilinear: t.trilinear, chirality: t.chirality })),
      residual: ex.residual,
    })}\n`;
  const pairRows: Row[] = ex.pairs.map((p) => ({
    i: p.sites[0], j: p.sites[1], Jx: p.J[0], Jy: p.J[1], Jz: p.J[2], Dx: p.D[0], Dy: p.D[1], Dz: p.D[2], B: p.biquadratic ?? null,
  }));
  if (format === 'csv') return formatRows(pairRows, 'csv');
  const tripleRows: Row[] = ex.triples.map((t) => ({ i: t.sites[0], j: t.sites[1], k: t.sites[2], chirality: t.chirality, max_trilinear: Math.max(...t.trilinear.flat(2).map(Math.abs)) }));
  const r = ex.residual;
  return [
    '# pairs (F ≈ Σ S_iᵀ η_ij S_j + B_ij (S_i·S_j)², only that pair present)',
    formatRows(pairRows, 'table').trimEnd(),
    '# triples (J_χ S_i·(S_j × S_k), only those three present)',
    tripleRows.length ? formatRows(tripleRows, 'table').trimEnd() : '(none)',
    `# residual of the pairwise model on ${r.configurations} random configurations: RMS ${r.rms.toExponential(3)}, max ${r.max.toExponential(3)} (with B: RMS ${r.withBiquadratic.rms.toExponential(3)}, max ${r.withBiquadratic.max.toExponential(3)}); spread of ΔF ${r.spread.toExponential(3)}`,
  ].join('\n') + '\n';
}

/** `rkky cluster <model.json>`: every impurity is a spin; exact free energies, ground states, expansion, Monte Carlo. */
export function registerCluster(program: Command): void {
  const cmd = program
    .command('cluster')
    .description('every impurity a classical spin: exact free energies of configurations, exact ground state vs pairwise, multi-spin expansion, exact Monte Carlo')
    .argument('<model>', 'model file (JSON); each impurity is one cluster spin')
    .option('--configurations <file>', 'JSON list of configurations (each a list of N spin vectors): prints F and ΔF = F − F(host) of each')
    .option('--minimize', 'exact ground state (L-BFGS on the spheres) beside the pairwise model\'s')
    .option('--starts <n>', 'random starts of --minimize', '8')
    .option('--expand', 'pair tensors η_ij, biquadratic B_ij, trilinear tensors and chirality J_χ of triples, residual of the pairwise model')
    .option('--triple-cutoff <R>', '--expand: only triples whose spins are pairwise within distance R')
    .option('--samples <n>', '--expand: random configurations for the residual', '50')
    .option('--montecarlo', 'exact Monte Carlo on ΔF beside Monte Carlo of the pairwise model')
    .option('--temperatures <A:B:STEP|list>', '--montecarlo: spin temperatures (units of t)')
    .option('--sweeps <n>', '--montecarlo: measurement sweeps', '2000')
    .option('--tempering', '--montecarlo: parallel tempering')
    .option('--seed <n>', 'PRNG seed', '1')
    .option('--plot <file>', 'draw the (exact) ground state or final Monte Carlo configuration as arrows (.svg or .png)')
    .option('--plane <plane>', 'projection plane of the plot: xy, xz or yz', 'xy')
    .option('--tolerance <tol>', 'accuracy of the pole expansion (Fermi-function error)', '1e-11')
    .option('--poles <kind>', 'rational | ozaki | matsubara', 'rational')
    .option('--threads <n>', 'worker threads (default: all cores)');
  addOutputOptions(cmd).action(
    action(async (file: string, opts: Opts) => {
      const modes = ['configurations', 'minimize', 'expand', 'montecarlo'].filter((k) => opts[k] !== undefined);
      if (modes.length > 1) throw new InputError(`--${modes[1]}`, `cannot be combined with --${modes[0]}`);
      const plane = String(opts.plane);
      if (!['xy', 'xz', 'yz'].includes(plane)) throw new InputError('--plane', `expected xy, xz or yz, got '${plane}'`);
      if (opts.plot && !['.svg', '.png'].includes(extname(String(opts.plot)).toLowerCase()))
        throw new InputError('--plot', `expected a file name ending in .svg or .png, got '${opts.plot}'`);
      const seed = integer('--seed', String(opts.seed), 0);
      const format = outputFormat({ json: Boolean(opts.json), csv: Boolean(opts.csv), out: opts.out as string | undefined });
      const model = loadModel(file);
      const n = model.impurities.length;
      let configurations: number[][][] | undefined;
      if (opts.configurations !== undefined) {
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(String(opts.configurations), 'utf8'));
        } catch (err) {
          throw new InputError('--configurations', `cannot read '${opts.configurations}' as JSON (${(err as Error).message.split('\n')[0]})`);
        }
        configurations = parseConfigurations(json, n);
      }
      if (opts.montecarlo && opts.temperatures === undefined) throw new InputError('--temperatures', 'required with --montecarlo');
      const temperatures = opts.montecarlo ? parseTemperatures(String(opts.temperatures)) : [];
      const spinBound = configurations ? Math.max(1, ...configurations.flat().map((s) => Math.hypot(...s))) : 1;
      // Ctrl-C ends the process through the CLI's signal handler (signals.ts); no abort signal is needed here.
      const signal = undefined;
      const setupBar = progressBar('cluster setup');
      const cluster = await modelCluster(model, { ...exactOptions(opts), onProgress: setupBar.update, signal }, spinBound).finally(() => setupBar.finish());
      const bar = progressBar('cluster');
      let text: string;
      let plot: { spins: Float64Array; title: string } | null = null;
      try {
        if (opts.minimize) {
          const gs = await compareGroundStatesParallel(cluster, { starts: integer('--starts', String(opts.starts), 0), seed, onProgress: bar.update, signal, threads: exactOptions(opts).threads });
          plot = { spins: gs.exact.spins, title: `exact ground state, ΔF = ${gs.exact.deltaF.toExponential(6)} t` };
          text = groundStateOutput(cluster, gs, format);
        } else if (opts.expand) {
          const cutoff = opts.tripleCutoff !== undefined ? parseNumber('--triple-cutoff', String(opts.tripleCutoff)) : undefined;
          if (cutoff !== undefined && !(cutoff > 0)) throw new InputError('--triple-cutoff', `expected a positive distance, got '${opts.tripleCutoff}'`);
          text = expansionOutput(expandCluster(cluster, { tripleCutoff: cutoff, samples: integer('--samples', String(opts.samples), 1), seed, onProgress: bar.update, signal }), format);
        } else if (opts.montecarlo) {
          const mc = compareMonteCarlo(cluster, { temperatures, sweeps: integer('--sweeps', String(opts.sweeps), 1), tempering: Boolean(opts.tempering), seed, onProgress: bar.update, signal });
          const { exact, pairwise } = mc;
          plot = { spins: exact.configurations[0]!, title: `exact MC, T = ${temperatures[0]} t` };
          const rows: Row[] = exact.points.map((p, k) => {
            const q = pairwise.points[k]!;
            return {
              T: p.temperature,
              E_exact: p.energy.value, E_exact_err: p.energy.error, E_pair: q.energy.value, E_pair_err: q.energy.error,
              M_exact: p.magnetization.value, M_exact_err: p.magnetization.error, M_pair: q.magnetization.value, M_pair_err: q.magnetization.error,
              C_exact: p.specificHeat.value, C_pair: q.specificHeat.value, chi_exact: p.susceptibility.value, chi_pair: q.susceptibility.value,
              binder_exact: p.binder.value, binder_pair: q.binder.value, acceptance_exact: p.acceptance,
            };
          });
          const pairMovesPerSecond = pairwise.movesPerSecond;
          text = formatRows(rows, format, { spins: n, movesPerSecondExact: exact.movesPerSecond, movesPerSecondPair: pairMovesPerSecond });
          if (format === 'table') text = `# exact MC ${exact.movesPerSecond.toFixed(0)} moves/s, pairwise MC ${pairMovesPerSecond.toFixed(0)} moves/s (E = ΔF per spin)\n${text}`;
        } else {
          const confs = configurations ?? [model.impurities.map((i) => [...i.spin])];
          const rows = await configurationRowsParallel(cluster, confs, { threads: exactOptions(opts).threads, signal });
          if (format === 'json') text = `{"reference": ${JSON.stringify(cluster.reference)}, "rows": [\n  ${rows.map((r) => JSON.stringify(r)).join(',\n  ')}\n]}\n`;
          else
            text = formatRows(
              rows.map((r, k) => ({ configuration: k, F: r.F, deltaF: r.deltaF, ...Object.fromEntries(r.spins.flatMap((s, i) => ['x', 'y', 'z'].map((a, c) => [`s${i}_${a}`, s[c]!]))) })),
              format,
            );
        }
      } finally {
        bar.finish();
      }
      if (opts.plot) {
        if (!plot) throw new InputError('--plot', 'needs --minimize or --montecarlo');
        await writeFigureFile(String(opts.plot), spinConfigurationSvg(Float64Array.from(cluster.problem.positions.flat()), plot.spins, { plane: plane as 'xy', title: plot.title }));
      }
      if (opts.out) await writeOutputFile(String(opts.out), text);
      else process.stdout.write(text);
    }),
  );
}
