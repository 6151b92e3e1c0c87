import type { Command } from 'commander';
import { basename } from 'node:path';
import { bulkHost } from '../bands/bulk.js';
import { broadenedDensity, meshEnergies, type Broadening } from '../bands/dos.js';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { lineChartSvg, writeFigure } from '../plot/index.js';
import { action, parseNumber, parseRange } from './action.js';
import { checkPlotFile, chosenBlocks } from './bands.js';
import { writeRows, type Row } from './output.js';

/** Default k points per reciprocal vector, by lattice dimension. */
const DEFAULT_MESH = [4096, 120, 32];
/** Energies of the default window: the band range ± this many widths, this many points. */
const PAD = 5, DEFAULT_POINTS = 401;

function parseMesh(value: string | undefined, dim: number): number[] {
  if (value === undefined) return Array.from({ length: dim }, () => DEFAULT_MESH[dim - 1]!);
  const parts = value.split(',').map((s) => parseNumber('--mesh', s.trim()));
  const mesh = parts.length === 1 ? Array.from({ length: dim }, () => parts[0]!) : parts;
  if (mesh.length !== dim) throw new InputError('--mesh', `expected 1 or ${dim} sizes for a ${dim}D lattice, got '${value}'`);
  if (mesh.some((n) => !Number.isInteger(n) || n < 1)) throw new InputError('--mesh', `expected positive integers, got '${value}'`);
  if (mesh.reduce((a, b) => a * b, 1) > 1e7) throw new InputError('--mesh', `too many k points (at most 10000000), got '${value}'`);
  return mesh;
}

/** `rkky dos <model.json>`: the bulk density of states per unit cell from H(k) on a k mesh. */
export function registerDos(program: Command): void {
  program
    .command('dos')
    .description('bulk density of states per unit cell, ρ(E) = (1/N_k) Σ_k Σ_n g(E − ε_n(k)) on a uniform k mesh (∫ρ dE = number of bands per cell)')
    .argument('<model>', 'model file (JSON)')
    .option('--mesh <N>', `k points per reciprocal vector: N or N1,N2,N3 (default ${DEFAULT_MESH.join(' / ')} in 1D / 2D / 3D)`)
    .option('--energies <A:B:STEP>', `energies E (default: the band range ± ${PAD} widths, ${DEFAULT_POINTS} points)`)
    .option('--broadening <w>', 'Gaussian σ or Lorentzian η', '0.05')
    .option('--kernel <kind>', 'gaussian | lorentzian', 'gaussian')
    .option('--bdg', 'quasiparticle DOS of the BdG Hamiltonian (4m bands) instead of the normal state (2m)')
    .option('--json', 'print {"mesh", "kernel", "broadening", "bands", "rows": [{"energy", "dos"}]}')
    .option('--csv', 'print CSV: energy,dos')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .option('--plot <file>', 'also draw ρ(E) to FILE.svg or FILE.png')
    .action(
      action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
        if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
        const plot = checkPlotFile(opts.plot);
        const width = parseNumber('--broadening', String(opts.broadening));
        if (!(width > 0)) throw new InputError('--broadening', `expected a positive number, got '${opts.broadening}'`);
        const kernel = String(opts.kernel);
        if (kernel !== 'gaussian' && kernel !== 'lorentzian') throw new InputError('--kernel', `expected gaussian or lorentzian, got '${kernel}'`);
        const given = opts.energies !== undefined ? parseRange('--energies', String(opts.energies)) : null;
        const host = bulkHost(loadModel(file));
        const mesh = parseMesh(opts.mesh as string | undefined, host.dim);
        const bdg = Boolean(opts.bdg);
        const blocks = chosenBlocks(host, bdg);
        const eps = meshEnergies(blocks, mesh);
        let energies = given;
        if (!energies) {
          let lo = Infinity, hi = -Infinity;
          for (const e of eps) (lo = Math.min(lo, e)), (hi = Math.max(hi, e));
          const [a, b] = [lo - PAD * width, hi + PAD * width];
          energies = Array.from({ length: DEFAULT_POINTS }, (_, i) => Number((a + ((b - a) * i) / (DEFAULT_POINTS - 1)).toPrecision(12)));
        }
        const rho = broadenedDensity(eps, blocks.size, { energies, width, kernel: kernel as Broadening });
        if (plot)
          await writeFigure(plot, await lineChartSvg({
            title: `${bdg ? 'BdG quasiparticle' : 'normal-state'} DOS of ${basename(file)}`,
            xLabel: bdg ? 'E / t' : 'E − μ (t)',
            yLabel: 'ρ(E) (states per cell per t)',
            series: [{ name: 'dos', x: energies, y: rho }],
          }));
        const rows: Row[] = energies.map((energy, i) => ({ energy, dos: rho[i]! }));
        await writeRows(rows, { json: Boolean(opts.json), csv: Boolean(opts.csv), out: opts.out as string | undefined }, { mesh, kernel, broadening: width, bands: blocks.size, bdg });
      }),
    );
}
