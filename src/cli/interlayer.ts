import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { paperChartSvg } from '../reproduce/plots.js';
import { interlayerExchange, type InterlayerResult } from '../rkky/interlayer.js';
import { resolveModelArgument } from './examples.js';
import { action, parseNumber, parseRange } from './action.js';
import { writeFigureFile, writeOutputFile } from './io.js';
import { checkFinite } from './finite.js';
import { addEngineOptions, exactOptions, type EngineFlags } from './options.js';
import { progressBar } from './progress.js';
import { checkResources } from './resources.js';

/** One CSV line per spacer thickness. */
export function interlayerCsv(result: InterlayerResult): string {
  const error = result.rows.some((r) => r.error !== undefined);
  const header = ['spacers', 'layer1', 'layer2', 'J', ...(error ? ['error'] : [])];
  return [header.join(','), ...result.rows.map((r) => [r.spacers, r.layer1, r.layer2, r.J, ...(error ? [r.error] : [])].join(','))].join('\n') + '\n';
}

function table(result: InterlayerResult): string {
  const lines = [
    `# interlayer exchange J_inter(n) per in-plane cell (units of t; J > 0 favours antiparallel layers), ${result.inPlaneCells} in-plane cells, layers along axis ${result.axis + 1}`,
    ...(result.estimatedRelativeError !== undefined ? [`# k∥ mesh error (against the M/2 mesh): relative ${result.estimatedRelativeError.toExponential(2)}`] : []),
    `${'n'.padStart(4)} ${'layer1'.padStart(7)} ${'layer2'.padStart(7)} ${'J'.padStart(14)}`,
    ...result.rows.map((r) => `${String(r.spacers).padStart(4)} ${String(r.layer1).padStart(7)} ${String(r.layer2).padStart(7)} ${r.J.toExponential(6).padStart(14)}`),
  ];
  return lines.join('\n') + '\n';
}

/** `rkky interlayer <model.json> --spacers A:B`: J_inter(n) between the first impurity's layer and the layer n + 1 above it. */
export function registerInterlayer(program: Command): void {
  const cmd = program
    .command('interlayer')
    .description('interlayer exchange J_inter(n) of a film: every site of the first impurity\'s layer carries S1, every site of the layer n + 1 above carries S2')
    .argument('<model>', 'film model file (periodic along some axes, open along the others) with one or two impurities (layer 1 and the couplings)')
    .requiredOption('--spacers <A:B>', 'spacer thicknesses n ≥ 0 (layers strictly between the two magnetic layers), e.g. 1:20')
    .option('--spin-axis <axis>', 'spin axis of the ±S configurations: x, y or z', 'z')
    .option('--infinite <M>', 'film infinite in-plane: an M×M k∥ mesh on the periodic axes, its error estimated against the M/2 mesh')
    .option('--json', 'print {"rows": [...]} as JSON')
    .option('--csv', 'print one CSV row per spacer')
    .option('-o, --out <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--plot <file>', 'also draw J_inter against n to FILE.svg or FILE.png');
  addEngineOptions(cmd).action(
    action(async (file: string, opts: EngineFlags & Record<string, string | boolean | undefined>) => {
      if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
      if (String(opts.engine) === 'dense') throw new InputError('--engine', 'interlayer uses the film solver (exact engine); use --engine exact or auto');
      const spacers = parseRange('--spacers', String(opts.spacers), true);
      const spinAxis = String(opts.spinAxis);
      if (!['x', 'y', 'z'].includes(spinAxis)) throw new InputError('--spin-axis', `expected x, y or z, got '${spinAxis}'`);
      if (opts.plot && !['.svg', '.png'].includes(extname(String(opts.plot)).toLowerCase()))
        throw new InputError('--plot', `expected a file name ending in .svg or .png, got '${opts.plot}'`);
      const exact = exactOptions(opts);
      const model = loadModel(resolveModelArgument(file));
      const lat = model.lattice;
      let filmMesh: number[] | undefined;
      if (opts.infinite !== undefined) {
        const M = parseNumber('--infinite', String(opts.infinite));
        const L = Math.max(...lat.shape.filter((_, a) => lat.periodic[a]), 1);
        if (!Number.isInteger(M) || Math.floor(M / 2) < L)
          throw new InputError('--infinite', `expected an integer mesh size M with M/2 ≥ the in-plane lattice size ${L} (the error is estimated on the M/2 mesh), got '${opts.infinite}'`);
        filmMesh = lat.shape.map((La, a) => (lat.periodic[a] ? M : La));
      }
      // The film solver holds a few layer blocks per thread: estimated like k-space on the lattice's own mesh.
      checkResources(model, { engine: 'exact', threads: exact.threads, kspace: true }, opts.maxMemory as string | undefined);
      const bar = progressBar('interlayer');
      const result = await interlayerExchange(model, { spacers, spinAxis: spinAxis as 'x' | 'y' | 'z', filmMesh, estimateError: filmMesh !== undefined, ...exact, onProgress: bar.update }).finally(() => bar.finish());
      checkFinite(result, 'interlayer');
      if (result.estimatedRelativeError !== undefined) process.stderr.write(`rkky: k∥ mesh ${opts.infinite}: estimated relative error of J_inter ≤ ${result.estimatedRelativeError.toExponential(2)} (against the M/2 mesh)\n`);
      if (opts.plot) {
        const x = result.rows.map((r) => r.spacers);
        const svg = await paperChartSvg(
          { title: `interlayer exchange of ${basename(file)}`, xLabel: 'Spacer layers n', yLabel: 'J_inter per in-plane cell (units of t)', series: [{ name: 'J_inter', x, y: result.rows.map((r) => r.J) }], points: true },
          { integerX: true },
        );
        await writeFigureFile(String(opts.plot), svg);
      }
      const text = opts.json ? `${JSON.stringify(result)}\n` : opts.csv ? interlayerCsv(result) : table(result);
      if (opts.out) await writeOutputFile(String(opts.out), text);
      else process.stdout.write(text);
    }),
  );
}
