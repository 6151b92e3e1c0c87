/**
 * `rkky sweep run | merge | slurm | status | plot | fig1b`: parameter grids
 * over model-file fields, computed in deterministic shards into resumable
 * result files, on one machine or as a SLURM job array (src/sweep/).
 */
import type { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { NODE_FLAGS } from './nodeFlags.js';
import { fig1bSweep, gapGrid } from '../reproduce/fig1b.js';
import { FULL_SETUP, QUICK_SETUP } from '../reproduce/setup.js';
import { definitionHash, loadSweep, sweepFileOf, sweepPoints } from '../sweep/definition.js';
import { MANIFEST, readManifest, writeManifest } from '../sweep/manifest.js';
import { listPoints, mergeDirectory, mergedCsv, type Merged } from '../sweep/merge.js';
import { sweepPlotSvg } from '../sweep/plot.js';
import { runSweep } from '../sweep/run.js';
import { parseShard } from '../sweep/shards.js';
import { shellQuote, slurmScripts, submitScripts } from '../sweep/slurm.js';
import { SLURM_JOBS, statusText, sweepStatus } from '../sweep/status.js';
import { action, die, EXIT_FAILURE, parseNumber } from './action.js';
import { writeFigureFile, writeOutputFile } from './io.js';
import { writeFileAtomicSync } from '../plot/files.js';
import { parseThreads } from './options.js';
import { progressBar } from './progress.js';

const note = (line: string) => process.stderr.write(`rkky: ${line}\n`);

function positiveInt(flag: string, value: string): number {
  const n = parseNumber(flag, value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(flag, `expected a positive integer, got '${value}'`);
  return n;
}

/** This rkky, as a command line the compute nodes can run (node binary + main.js, absolute). */
const defaultRkky = () => [process.execPath, ...NODE_FLAGS, fileURLToPath(new URL('./main.js', import.meta.url))].map(shellQuote).join(' ');

function readMerged(path: string): Merged {
  let json: Merged;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as Merged;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code ? `cannot read the merged file (${code})` : `not valid JSON: ${(err as Error).message}`);
  }
  if (!json || typeof json.axes !== 'object' || !Array.isArray(json.rows)) throw new InputError(path, "expected the output of 'rkky sweep merge' ({\"axes\", \"rows\"})");
  return json;
}

export function registerSweep(program: Command): void {
  const sweep = program
    .command('sweep')
    .description('parameter sweeps over model-file fields: sharded, resumable runs, merging, SLURM job arrays, plots (docs/sweeps.md)');

  sweep
    .command('run')
    .description('compute the points of a sweep file (one shard of it with --shard), one result line per finished point in DIR')
    .argument('<sweep>', 'sweep file (JSON): {"model", "axes", "couplings", "engine", "options"}')
    .requiredOption('--out <dir>', 'result directory (sweep.json + results-I-of-N.jsonl)')
    .option('--shard <I/N>', 'compute only shard I of N (0 <= I < N; deterministic, cost-balanced)', '0/1')
    .option('--resume', 'continue a directory holding results of the same sweep definition (finished points are skipped)')
    .option('--threads <n>', 'worker threads, each computing whole points (default: all cores)')
    .action(
      action(async (file: string, opts: { out: string; shard: string; resume?: boolean; threads?: string }) => {
        const def = loadSweep(file);
        const shard = parseShard(opts.shard);
        const threads = parseThreads(opts.threads);
        const bar = progressBar(`sweep ${shard.index}/${shard.count}`);
        const s = await runSweep(def, { dir: opts.out, shard, resume: Boolean(opts.resume), threads, onProgress: bar.update, log: note }).finally(() => bar.finish());
        process.stdout.write(
          `sweep ${s.hash} shard ${shard.index}/${shard.count}: ${s.shardTotal} of ${s.total} points, ${s.skipped} already done, ${s.computed} computed → ${s.file}\n`,
        );
      }),
    );

  sweep
    .command('merge')
    .description('merge the result files of DIR into one table {"axes", "rows": [{"point", "separation", "mu", "J", "D", "eta", ...}]}')
    .argument('<dir>', 'result directory of rkky sweep run')
    .option('-o, --out <file>', 'write JSON (or CSV for a .csv name) to FILE atomically instead of stdout')
    .option('--csv <file>', 'also write the table as CSV to FILE')
    .option('--partial', 'write what is there even if points are missing (listed in "missing"); exit code 0')
    .action(
      action(async (dir: string, opts: { out?: string; csv?: string; partial?: boolean }) => {
        const report = mergeDirectory(dir);
        for (const t of report.torn) note(`${t}: torn last line (a kill in mid-write); its point counts as missing until 'sweep run --resume' recomputes it`);
        if (report.duplicates.length) note(`${listPoints(report, report.duplicates, 'duplicate points (identical results, merged once)')}`);
        if (report.conflicts.length) die(listPoints(report, report.conflicts, 'conflicting points (different results for the same point)'), EXIT_FAILURE);
        if (report.missing.length && !opts.partial)
          die(`${listPoints(report, report.missing, `of ${report.points} points missing`)} (run 'rkky sweep run --resume', or merge with --partial)`, EXIT_FAILURE);
        if (report.missing.length) note(listPoints(report, report.missing, `of ${report.points} points missing (--partial)`));
        const merged = report.missing.length ? { ...report.merged, missing: report.missing } : report.merged;
        const json = `${JSON.stringify(merged)}\n`;
        if (opts.csv) await writeOutputFile(opts.csv, mergedCsv(report.merged));
        if (opts.out) await writeOutputFile(opts.out, opts.out.toLowerCase().endsWith('.csv') ? mergedCsv(report.merged) : json);
        else process.stdout.write(json);
      }),
    );

  sweep
    .command('slurm')
    .description('write (and print) a SLURM job-array script running the shards of a sweep, plus a merge job chained with --dependency=afterok')
    .argument('<sweep>', 'sweep file (JSON)')
    .requiredOption('--out <dir>', 'result directory (shared by all tasks; the scripts and logs go there too)')
    .requiredOption('--tasks <n>', 'number of array tasks N (shards)')
    .option('--cpus-per-task <n>', 'cores per task (its --threads)', '1')
    .option('--partition <name>', '#SBATCH --partition')
    .option('--time <limit>', '#SBATCH --time, e.g. 02:00:00')
    .option('--mem <size>', '#SBATCH --mem, e.g. 4G')
    .option('--account <name>', '#SBATCH --account')
    .option('--qos <name>', '#SBATCH --qos')
    .option('--job-name <name>', '#SBATCH --job-name', 'rkky-sweep')
    .option('--rkky <command>', 'how the compute nodes run rkky (default: this node and this rkky, absolute paths)')
    .option('--submit', "submit with 'sbatch --parsable' (array job, then the merge job) and print the job ids")
    .action(
      action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
        const def = loadSweep(file);
        const hash = definitionHash(def);
        sweepPoints(def, hash);
        const dir = String(opts.out);
        if (existsSync(join(dir, MANIFEST)) && readManifest(dir).hash !== hash)
          throw new InputError('--out', `'${dir}' holds results of a different sweep definition; use another directory`);
        writeManifest(dir, def);
        mkdirSync(join(dir, 'logs'), { recursive: true });
        const definitionFile = join(dir, 'definition.json');
        writeFileAtomicSync(definitionFile, `${JSON.stringify(sweepFileOf(def), null, 1)}\n`);
        const scripts = slurmScripts({
          sweepFile: definitionFile,
          dir,
          tasks: positiveInt('--tasks', String(opts.tasks)),
          cpusPerTask: positiveInt('--cpus-per-task', String(opts.cpusPerTask)),
          partition: opts.partition as string | undefined,
          time: opts.time as string | undefined,
          mem: opts.mem as string | undefined,
          account: opts.account as string | undefined,
          qos: opts.qos as string | undefined,
          jobName: String(opts.jobName),
          rkky: (opts.rkky as string | undefined) ?? defaultRkky(),
        });
        writeFileAtomicSync(scripts.arrayPath, scripts.array);
        writeFileAtomicSync(scripts.mergePath, scripts.merge);
        if (!opts.submit) {
          process.stdout.write(`# ${scripts.arrayPath}\n${scripts.array}\n# ${scripts.mergePath}\n${scripts.merge}\n`);
          process.stdout.write(`# submit: jid=$(sbatch --parsable ${scripts.arrayPath}) && sbatch --dependency=afterok:$jid ${scripts.mergePath}\n`);
          return;
        }
        const jobs = submitScripts(scripts);
        writeFileAtomicSync(join(dir, SLURM_JOBS), `${JSON.stringify(jobs)}\n`);
        process.stdout.write(`array job ${jobs.array}\nmerge job ${jobs.merge}\n`);
      }),
    );

  sweep
    .command('status')
    .description('progress of a sweep directory from its result files (and squeue/sacct for jobs submitted with --submit)')
    .argument('<dir>', 'result directory')
    .option('--json', 'print the status as JSON')
    .action(
      action(async (dir: string, opts: { json?: boolean }) => {
        const s = sweepStatus(dir);
        process.stdout.write(opts.json ? `${JSON.stringify(s)}\n` : statusText(s));
      }),
    );

  sweep
    .command('plot')
    .description('plot one quantity of a merged sweep: a heatmap over --x and --y, or lines over --x')
    .argument('<merged>', "output of 'rkky sweep merge' (JSON)")
    .requiredOption('--x <path>', 'axis on the horizontal axis (a key path of the sweep)')
    .option('--y <path>', 'second axis (heatmap)')
    .requiredOption('--quantity <q>', 'F0, J_x..J_z, D_x..D_z, mu_x.., mu1_x.., mu2_x.., eta_xx..eta_zz')
    .option('--separation <d>', 'separation δ to show (default: the only one)')
    .option('--title <text>', 'plot title')
    .option('--x-label <text>', 'horizontal axis title (default: the key path)')
    .option('--y-label <text>', 'vertical axis title (default: the key path, or the quantity for lines)')
    .requiredOption('-o, --out <file>', 'figure file (.svg or .png)')
    .action(
      action(async (file: string, opts: { x: string; y?: string; quantity: string; separation?: string; title?: string; xLabel?: string; yLabel?: string; out: string }) => {
        const merged = readMerged(file);
        const separation = opts.separation === undefined ? undefined : parseNumber('--separation', opts.separation);
        const svg = await sweepPlotSvg(merged, { x: opts.x, y: opts.y, quantity: opts.quantity, separation, title: opts.title, xLabel: opts.xLabel, yLabel: opts.yLabel });
        await writeFigureFile(opts.out, svg);
      }),
    );

  sweep
    .command('fig1b')
    .description("write the sweep file of the paper's Fig. 1(b) map (D_z over Δ_s, Δ_p) on a finer grid, for 'sweep run' or 'sweep slurm'")
    .option('--grid <n>', 'gap values per axis (0..0.2)', '41')
    .option('--size <L>', `odd lattice side (paper: ${FULL_SETUP.size}; --quick size ${QUICK_SETUP.size})`, String(FULL_SETUP.size))
    .requiredOption('-o, --out <file>', 'sweep file to write (JSON)')
    .action(
      action(async (opts: { grid: string; size: string; out: string }) => {
        const size = positiveInt('--size', opts.size);
        if (size % 2 === 0 || size < 3) throw new InputError('--size', `expected an odd lattice side >= 3, got ${size}`);
        const def = fig1bSweep({ ...FULL_SETUP, size, gaps: gapGrid(positiveInt('--grid', opts.grid)) });
        await writeOutputFile(opts.out, `${JSON.stringify(sweepFileOf(def), null, 1)}\n`);
      }),
    );
}
