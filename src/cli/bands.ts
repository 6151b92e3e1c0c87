import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { bandEnergies, electronBlocks } from '../bands/bands.js';
import { bulkHost, type BulkHost } from '../bands/bulk.js';
import { DEFAULT_PATHS, highSymmetryPath, pathThrough, type KPath } from '../bands/path.js';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { resolveModelArgument } from './examples.js';
import { bandsChartSvg } from '../plot/index.js';
import { action, parseNumber } from './action.js';
import { writeFigureFile, writeOutputFile } from './io.js';
import { formatRows, outputFormat, type Row } from './output.js';

/** Parse `--k "k1,k2; k1,k2; …"`: d reduced coordinates per point. */
export function parseKPoints(value: string, dim: number): number[][] {
  const points = value.split(';').map((p) => p.trim()).filter((p) => p !== '');
  if (points.length === 0) throw new InputError('--k', `expected k points such as '${['0', '0', '0'].slice(0, dim).join(',')}; ${['0.5', '0', '0'].slice(0, dim).join(',')}', got '${value}'`);
  return points.map((p) => {
    const parts = p.split(',');
    if (parts.length !== dim) throw new InputError('--k', `expected ${dim} reduced coordinate${dim > 1 ? 's' : ''} per point for a ${dim}D lattice, got '${p}'`);
    return parts.map((c) => parseNumber('--k', c.trim()));
  });
}

/** Validate `--plot FILE` before any work. */
export function checkPlotFile(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const file = String(value);
  if (!['.svg', '.png'].includes(extname(file).toLowerCase())) throw new InputError('--plot', `expected a file name ending in .svg or .png, got '${file}'`);
  return file;
}

/** The blocks `bands` and `dos` diagonalize: the spinful normal state H(R), or Ĥ(R) with --bdg. */
export const chosenBlocks = (host: BulkHost, bdg: boolean) => (bdg ? host.bdg : electronBlocks(host.bdg));

/** The k points of `rkky bands`: --k as given, else --path (default: the preset's). */
function kPoints(host: BulkHost, opts: Record<string, unknown>): { k: number[][]; path: KPath | null } {
  if (opts.k !== undefined) {
    if (opts.path !== undefined) throw new InputError('--k', 'cannot be combined with --path');
    if (opts.points !== undefined) throw new InputError('--points', 'applies to --path, not to --k');
    return { k: parseKPoints(String(opts.k), host.dim), path: null };
  }
  if (host.kpath.length > 0) {
    const points = opts.points !== undefined ? parseNumber('--points', String(opts.points)) : 100;
    if (opts.path === undefined) return pathOf(pathThrough(host.kpath, points, host.vectors));
    // --path names points of the .win kpoint_path.
    // A name the path lists twice (X at two equivalent points) means its first occurrence.
    const named = new Map<string, (typeof host.kpath)[number][number]>();
    for (const p of host.kpath.flat()) if (!named.has(p.name)) named.set(p.name, p);
    const names = String(opts.path).split(',').map((s) => s.trim());
    const corners = names.map((n) => {
      const p = named.get(n);
      if (!p) throw new InputError('--path', `unknown point '${n}': the .win kpoint_path names ${[...named.keys()].join(', ')}`);
      return p;
    });
    if (corners.length < 2) throw new InputError('--path', 'expected at least two points');
    return pathOf(pathThrough(corners.slice(0, -1).map((p, q) => [p, corners[q + 1]!] as const), points, host.vectors));
  }
  if (host.preset === null || !DEFAULT_PATHS[host.preset])
    throw new InputError(opts.path !== undefined ? '--path' : '--k', 'named k points need lattice.preset; give the k points of a general lattice with --k "k1,k2; …" (reduced coordinates)');
  const names = opts.path !== undefined ? String(opts.path).split(',').map((s) => s.trim()) : [...DEFAULT_PATHS[host.preset]!];
  const points = opts.points !== undefined ? parseNumber('--points', String(opts.points)) : 100;
  const path = highSymmetryPath(host.preset, names, points, host.vectors, host.dim);
  return { k: path.k, path };
}

const pathOf = (path: KPath) => ({ k: path.k, path });

/** `rkky bands <model.json>`: the bulk bands ε_n(k) of the host's unit cell. */
export function registerBands(program: Command): void {
  program
    .command('bands')
    .description('bulk bands ε_n(k) of the host (H(k) = Σ_R H(R) e^{2πi k·R}, k in reduced coordinates); impurities, custom blocks, lattice.shape and lattice.periodic play no part')
    .argument('<model>', 'model file (JSON)')
    .option('--k <points>', 'k points in reduced coordinates, e.g. "0,0; 0.5,0; 0.5,0.5"')
    .option('--path <names>', 'high-symmetry path of the preset, e.g. G,K,M,G (default: the preset\'s standard path; on a Wannier90 host the .win kpoint_path, whose point names --path may use)')
    .option('--points <n>', 'k points along --path, corners included (default 100)')
    .option('--bdg', 'quasiparticle bands of the BdG Hamiltonian (4m bands) instead of the normal state (2m)')
    .option('--json', 'print {"k": [...], "energies": [[...], ...]} (ascending, every spinful band)')
    .option('--csv', 'print CSV: k1.., e1..')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .option('--plot <file>', 'also draw the bands to FILE.svg or FILE.png')
    .action(
      action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
        if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
        const plot = checkPlotFile(opts.plot);
        const host = bulkHost(loadModel(resolveModelArgument(file)));
        const { k, path } = kPoints(host, opts);
        const bdg = Boolean(opts.bdg);
        const energies = bandEnergies(chosenBlocks(host, bdg), k).map((e) => [...e]);
        if (plot) {
          const x = path ? path.x : k.map((_, q) => q);
          await writeFigureFile(plot, await bandsChartSvg({
            title: `${bdg ? 'BdG quasiparticle' : 'normal-state'} bands of ${basename(file)}`,
            yLabel: host.unit === 'eV' ? (bdg ? 'E (eV)' : 'ε − μ (eV)') : bdg ? 'E / t' : 'ε − μ (t)',
            x,
            energies,
            labels: path?.labels,
          }));
        }
        const format = outputFormat({ json: Boolean(opts.json), csv: Boolean(opts.csv), out: opts.out as string | undefined });
        let text: string;
        if (format === 'json') {
          const meta = path ? { path: { x: path.x, labels: path.labels } } : {};
          text = `${JSON.stringify({ bdg, bands: energies[0]!.length, ...meta, k, energies })}\n`;
        } else {
          const rows: Row[] = k.map((kq, q) => {
            const row: Row = {};
            if (path) row.point = path.labels.find((l) => l.index === q)?.name ?? '';
            kq.forEach((v, i) => (row[`k${i + 1}`] = v));
            energies[q]!.forEach((e, n) => (row[`e${n + 1}`] = e));
            return row;
          });
          text = formatRows(rows, format);
        }
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
      }),
    );
}
