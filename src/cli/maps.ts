import type { Command } from 'commander';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import type { MapQuantity, MapRow } from '../solvers/maps.js';
import { action, parseNumber } from './action.js';
import { writeOutputFile } from './io.js';
import { checkResources } from './resources.js';

const QUANTITIES: MapQuantity[] = ['density', 'magnetization', 'pairing', 'ldos'];
const COLUMNS: Record<MapQuantity, string[]> = {
  density: ['n'],
  magnetization: ['s_x', 's_y', 's_z'],
  pairing: ['re', 'im'],
  ldos: ['electron', 'hole'],
};

/** The scalar drawn by --plot: n, |s|-signed s_z, |⟨c↓c↑⟩|, electron + hole LDOS. */
function plotted(q: MapQuantity, v: number | number[]): number {
  if (typeof v === 'number') return v;
  if (q === 'magnetization') return v[2]!;
  if (q === 'pairing') return Math.hypot(v[0]!, v[1]!);
  return v[0]! + v[1]!;
}

/** `rkky maps <model.json> --quantity Q`: per-site density, spin density, pairing amplitude or LDOS. */
export function registerMaps(program: Command): void {
  program
    .command('maps')
    .description('per-site maps of the density, spin density ⟨c†σc⟩, pairing amplitude ⟨c↓c↑⟩ or LDOS at one energy (selected inversion; self-consistent gap first when pairing.attraction is set)')
    .argument('<model>', 'model file (JSON)')
    .requiredOption('--quantity <q>', QUANTITIES.join('|'))
    .option('--energy <omega>', 'energy ω of the LDOS map', '0')
    .option('--broadening <eta>', 'Lorentzian broadening η of the LDOS map', '0.01')
    .option('--no-impurities', 'leave the impurities out (the clean host)')
    .option('--json', 'print {"quantity", "rows": [{"cell", "sublattice", "orbital", "value"}]}')
    .option('--csv', 'print CSV')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .option('--plot <file>', 'also draw a heatmap (2D lattices with one node per cell) to FILE.svg or FILE.png')
    .option('--max-memory <GB>', 'refuse runs whose estimated memory exceeds this (default: the free memory)')
    .action(
      action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
        const quantity = String(opts.quantity) as MapQuantity;
        if (!QUANTITIES.includes(quantity)) throw new InputError('--quantity', `expected one of ${QUANTITIES.join(', ')}, got '${opts.quantity}'`);
        if (opts.plot && !['.svg', '.png'].includes(extname(String(opts.plot)).toLowerCase()))
          throw new InputError('--plot', `expected a file name ending in .svg or .png, got '${opts.plot}'`);
        const energy = parseNumber('--energy', String(opts.energy));
        const broadening = parseNumber('--broadening', String(opts.broadening));
        const model = loadModel(file);
        checkResources(model, { engine: 'exact', selectedInversion: true }, opts.maxMemory as string | undefined);
        if (opts.plot && (model.lattice.dim !== 2 || model.lattice.nodesPerCell !== 1))
          throw new InputError('--plot', 'a heatmap needs a 2D lattice with one orbital per cell');
        // Loaded on use: the other commands start without the map solvers.
        const { spatialMap } = await import('../solvers/maps.js');
        const { rows, selfConsistent } = await spatialMap(model, { quantity, energy, broadening, impurities: opts.impurities !== false });
        const text = opts.json ? json(quantity, rows, selfConsistent) : csv(quantity, rows);
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
        if (opts.plot) {
          const { heatmapSvg } = await import('../plot/heatmap.js');
          const { writeFigure } = await import('../plot/writeFigure.js');
          const [L1, L2] = model.lattice.shape as number[];
          const values = Array.from({ length: L2! }, (_, y) => Array.from({ length: L1! }, (_, x) => plotted(quantity, rows[x * L2! + y]!.value)));
          const label = { density: 'n', magnetization: 's_z', pairing: '|⟨c↓c↑⟩|', ldos: 'LDOS' }[quantity];
          await writeFigure(String(opts.plot), await heatmapSvg({ title: `${quantity} of ${file}`, xLabel: 'n1', yLabel: 'n2', valueLabel: label, x: [...Array(L1).keys()], y: [...Array(L2).keys()], values }));
        }
      }),
    );
}

function json(quantity: MapQuantity, rows: MapRow[], sc: { converged: boolean; iterations: number; residual: number } | undefined): string {
  const out: Record<string, unknown> = { quantity, rows: rows.map(({ cell, sublattice, orbital, value }) => ({ cell, sublattice, orbital, value })) };
  if (sc) out.selfConsistent = { converged: sc.converged, iterations: sc.iterations, residual: sc.residual };
  return `${JSON.stringify(out)}\n`;
}

function csv(quantity: MapQuantity, rows: MapRow[]): string {
  const head = ['cell', 'sublattice', 'orbital', ...COLUMNS[quantity]].join(',');
  const lines = rows.map((r) => [`"${r.cell.join(' ')}"`, r.sublattice, r.orbital, ...(typeof r.value === 'number' ? [r.value] : r.value)].join(','));
  return [head, ...lines].join('\n') + '\n';
}
