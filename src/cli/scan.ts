import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { angleScan, type Plane } from '../rkky/angleScan.js';
import type { Axis } from '../rkky/problem.js';
import { resolveModelArgument } from './examples.js';
import { action, parseNumber } from './action.js';
import { writeOutputFile } from './io.js';
import { checkFinite } from './finite.js';
import { checkResources } from './resources.js';
import { resolveEngine } from '../rkky/sweep.js';
import { addEngineOptions, exactOptions, parseEngine, type EngineFlags } from './options.js';
import { progressBar } from './progress.js';

/** `rkky scan <model.json> --separation δ`: F(θ) of spin 2 rotated relative to spin 1, with its Fourier fit (biquadratic term). */
export function registerScan(program: Command): void {
  const cmd = program
    .command('scan')
    .description('angle scan F(θ): spin 1 along u, spin 2 along cos θ u + sin θ v; Fourier coefficients and the biquadratic term')
    .argument('<model>', 'model file (JSON) with at least one impurity')
    .requiredOption('--separation <d>', 'separation δ of spin 2 (integer)')
    .option('--direction <axis>', 'displacement axis: x, y or z', 'x')
    .option('--plane <uv>', 'rotation plane, first axis = spin 1: xy, yz, zx, ...', 'xy')
    .option('--angles <n>', 'number of angles over 2π', '24')
    .option('--json', 'print {"rows": [{"theta", "F"}], "fourier", "biquadratic"}')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout');
  addEngineOptions(cmd).action(
    action(async (file: string, opts: EngineFlags & Record<string, string | boolean | undefined>) => {
      const separation = parseNumber('--separation', String(opts.separation));
      if (!Number.isInteger(separation) || separation < 1) throw new InputError('--separation', `expected a positive integer, got '${opts.separation}'`);
      const angles = parseNumber('--angles', String(opts.angles));
      const direction = String(opts.direction);
      if (!['x', 'y', 'z'].includes(direction)) throw new InputError('--direction', `expected x, y or z, got '${direction}'`);
      const engine = parseEngine(opts.engine);
      const exact = exactOptions(opts);
      const model = loadModel(resolveModelArgument(file));
      if (!Number.isInteger(angles) || angles < 1 || angles > 100000) throw new InputError('--angles', `expected an integer in 1..100000, got '${opts.angles}'`);
      checkResources(model, { engine: resolveEngine(engine, model.lattice.nSites), threads: exact.threads }, opts.maxMemory);
      const bar = progressBar('scan');
      const res = await angleScan(model, {
        separation,
        direction: direction as Axis,
        plane: String(opts.plane) as Plane,
        angles,
        engine,
        ...exact,
        onProgress: bar.update,
      }).finally(() => bar.finish());
      checkFinite(res, 'scan');
      const text = opts.json
        ? `${JSON.stringify(res)}\n`
        : [
            `# angle scan (engine: ${res.engine}); biquadratic B = ${res.biquadratic}`,
            `# Fourier a_m = ${res.fourier.a.join(', ')}`,
            `# Fourier b_m = ${res.fourier.b.join(', ')}`,
            'theta,F',
            ...res.rows.map((r) => `${r.theta},${r.F}`),
          ].join('\n') + '\n';
      if (opts.out) await writeOutputFile(String(opts.out), text);
      else process.stdout.write(text);
    }),
  );
}
