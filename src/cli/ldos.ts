import type { Command } from 'commander';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import type { Model } from '../model/model.js';
import { heatmapSvg, lineChartSvg, type Series } from '../plot/index.js';
import { ldosMap, localDensityOfStates, MAX_MAP_SITES, type LdosPoint } from '../rkky/ldos.js';
import { resolveModelArgument } from './examples.js';
import { action, parseNumber, parseRange } from './action.js';
import { writeFigureFile, writeOutputFile } from './io.js';
import { checkFinite } from './finite.js';
import { checkResources, likelyKSpace } from './resources.js';
import { parseThreads } from './options.js';
import { progressBar } from './progress.js';

const SPINS = ['up', 'down', 'x', 'y', 'z'] as const;
type SpinChoice = (typeof SPINS)[number];

/** The column `--spin` adds: ρ_↑, ρ_↓, or the spin density along an axis. */
const spinColumn = (spin: SpinChoice) => (spin === 'up' || spin === 'down' ? spin : `spin_${spin}`);
const spinValue = (p: LdosPoint, spin: SpinChoice) => (spin === 'up' ? p.up : spin === 'down' ? p.down : p.spin[{ x: 0, y: 1, z: 2 }[spin]]);

function parseSite(model: Model, value: string): number {
  const coords = value.split(',').map((c) => parseNumber('--site', c));
  if (coords.length !== model.lattice.dim) throw new InputError('--site', `expected ${model.lattice.dim} coordinates, got '${value}'`);
  return model.lattice.index(coords, '--site');
}

/** `--region x0:x1,y0:y1`: the sites of a rectangle (inclusive ranges, one per lattice axis). */
function parseRegion(model: Model, value: string): { axes: number[][]; sites: number[] } {
  const parts = value.split(',');
  if (parts.length !== model.lattice.dim) throw new InputError('--region', `expected ${model.lattice.dim} ranges A:B separated by commas, got '${value}'`);
  const axes = parts.map((p) => parseRange('--region', p, true));
  const count = axes.reduce((n, a) => n * a.length, 1);
  if (count > MAX_MAP_SITES) throw new InputError('--region', `expected at most ${MAX_MAP_SITES} sites, got ${count}`);
  const sites: number[] = [];
  const walk = (prefix: number[]) => {
    if (prefix.length === axes.length) sites.push(model.lattice.index(prefix, '--region'));
    else for (const c of axes[prefix.length]!) walk([...prefix, c]);
  };
  walk([]);
  return { axes, sites };
}

/** `rkky ldos <model.json> --site x,y`: the local density of states (electron and hole parts), or a map at one energy. */
export function registerLdos(program: Command): void {
  program
    .command('ldos')
    .description('local density of states ρ(ω) = −(1/π) Im G_ii(ω + iη) at a site, electron and hole parts (each sums both spins: ∫ρ_e dω = 2), or a map over a region at one energy (shows Yu–Shiba–Rusinov states)')
    .argument('<model>', 'model file (JSON) or a built-in example name')
    .option('--site <coords>', 'site as comma-separated coordinates, e.g. 50,50 (default: the first impurity)')
    .option('--energies <A:B:STEP>', 'energies ω (units of t)', '-0.3:0.3:0.005')
    .option('--broadening <eta>', 'Lorentzian broadening η', '0.005')
    .option('--spin <s>', 'add a spin-resolved column: up (ρ↑), down (ρ↓), or x, y, z (spin density ρ↑ − ρ↓ along that axis)')
    .option('--region <ranges>', 'map: the LDOS on every site of a rectangle, e.g. 40:60,40:60 (with --energy)')
    .option('--energy <omega>', 'map: the energy ω of the map (e.g. a YSR energy)')
    .option('--host', 'leave the impurities out (the clean host)')
    .option('--json', 'print {"site", "rows": [{"omega", "electron", "hole", "up", "down", "spin"}]} (map: rows per site)')
    .option('--csv', 'print CSV')
    .option('--plot <file>', 'also draw ρ(ω) (map: a heatmap of ρ_e) to FILE.svg or FILE.png')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--max-memory <GB>', 'refuse runs whose estimated memory exceeds this (default: the free memory)')
    .action(
      action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
        if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
        const spin = opts.spin as SpinChoice | undefined;
        if (spin !== undefined && !SPINS.includes(spin)) throw new InputError('--spin', `expected up, down, x, y or z, got '${spin}'`);
        if (opts.plot && !['.svg', '.png'].includes(extname(String(opts.plot)).toLowerCase()))
          throw new InputError('--plot', `expected a file name ending in .svg or .png, got '${opts.plot}'`);
        if ((opts.region === undefined) !== (opts.energy === undefined)) throw new InputError(opts.region ? '--energy' : '--region', 'a map needs both --region and --energy');
        const broadening = parseNumber('--broadening', String(opts.broadening));
        const threads = parseThreads(opts.threads as string | undefined);
        if (!(broadening > 0)) throw new InputError('--broadening', `expected a positive number, got '${opts.broadening}'`);
        const model = loadModel(resolveModelArgument(file));
        checkResources(model, { engine: 'exact', threads, kspace: likelyKSpace(model, !opts.host) }, opts.maxMemory as string | undefined);
        const bar = progressBar('ldos');
        let text: string;
        if (opts.region !== undefined) {
          const omega = parseNumber('--energy', String(opts.energy));
          const { axes, sites } = parseRegion(model, String(opts.region));
          const points = await ldosMap(model, { sites, omega, broadening, impurities: !opts.host, threads }).finally(() => bar.finish());
          checkFinite(points, 'ldos');
          const coords = sites.map((s) => model.lattice.site(s).slice(0, model.lattice.dim));
          const rows = points.map((p, k) => ({ site: coords[k]!, electron: p.electron, hole: p.hole, up: p.up, down: p.down, spin: p.spin }));
          if (opts.plot) {
            const [xs, ys = [0]] = axes;
            const values = ys.map((_, iy) => xs!.map((_, ix) => points[ix * ys.length + iy]!.electron));
            await writeFigureFile(
              String(opts.plot),
              await heatmapSvg({ title: `LDOS ρ_e at ω = ${omega} t (η = ${broadening})`, xLabel: 'x (lattice constants)', yLabel: axes.length > 1 ? 'y (lattice constants)' : '', valueLabel: 'ρ_e (states/t)', x: xs!, y: ys, values }),
            );
          }
          text = opts.json
            ? `${JSON.stringify({ omega, broadening, rows })}\n`
            : [`# LDOS map at omega = ${omega}, broadening ${broadening}; electron and hole parts sum both spins`, `${['x', 'y', 'z'].slice(0, model.lattice.dim).join(',')},electron,hole${spin ? `,${spinColumn(spin)}` : ''}`,
                ...rows.map((r, k) => `${r.site.join(',')},${r.electron},${r.hole}${spin ? `,${spinValue(points[k]!, spin)}` : ''}`)].join('\n') + '\n';
        } else {
          const energies = parseRange('--energies', String(opts.energies));
          let site: number;
          if (opts.site !== undefined) site = parseSite(model, String(opts.site));
          else if (model.impurities.length > 0) site = model.impurities[0]!.site;
          else throw new InputError('--site', 'required when the model has no impurity');
          const rows = await localDensityOfStates(model, {
            site,
            energies,
            broadening,
            impurities: !opts.host,
            threads,
            onProgress: bar.update,
          }).finally(() => bar.finish());
          checkFinite(rows, 'ldos');
          const where = model.lattice.site(site).slice(0, model.lattice.dim);
          if (opts.plot) {
            const x = rows.map((r) => r.omega);
            const series: Series[] = [
              { name: 'electron ρ_e', x, y: rows.map((r) => r.electron) },
              { name: 'hole ρ_h', x, y: rows.map((r) => r.hole), dash: true },
            ];
            if (spin) series.push({ name: spinColumn(spin), x, y: rows.map((r) => spinValue(r, spin)) });
            await writeFigureFile(
              String(opts.plot),
              await lineChartSvg({ title: `LDOS at site (${where.join(', ')})${opts.host ? ', clean host' : ''}, η = ${broadening}`, xLabel: 'Energy ω (units of t)', yLabel: 'ρ(ω) (states per t)', series }),
            );
          }
          text = opts.json
            ? `${JSON.stringify({ site: where, broadening, rows })}\n`
            : [`omega,electron,hole${spin ? `,${spinColumn(spin)}` : ''}`, ...rows.map((r) => `${r.omega},${r.electron},${r.hole}${spin ? `,${spinValue(r, spin)}` : ''}`)].join('\n') + '\n';
        }
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
      }),
    );
}
