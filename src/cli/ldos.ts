import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { localDensityOfStates } from '../solvers/ldos.js';
import { resolveModelArgument } from './examples.js';
import { action, parseNumber, parseRange } from './action.js';
import { interruptSignal, writeOutputFile } from './io.js';
import { parseThreads } from './options.js';
import { progressBar } from './progress.js';

/** `rkky ldos <model.json> --site x,y`: the local density of states (electron and hole parts). */
export function registerLdos(program: Command): void {
  program
    .command('ldos')
    .description('local density of states ρ(ω) = −(1/π) Im G_ii(ω + iη) at a site, electron and hole parts (shows Yu–Shiba–Rusinov states)')
    .argument('<model>', 'model file (JSON)')
    .option('--site <coords>', 'site as comma-separated coordinates, e.g. 50,50 (default: the first impurity)')
    .option('--energies <A:B:STEP>', 'energies ω', '-0.3:0.3:0.005')
    .option('--broadening <eta>', 'Lorentzian broadening η', '0.005')
    .option('--host', 'leave the impurities out (the clean host)')
    .option('--json', 'print {"rows": [{"omega", "electron", "hole"}]}')
    .option('--csv', 'print CSV')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .option('--threads <n>', 'worker threads (default: all cores)')
    .action(
      action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
        if (opts.json && opts.csv) throw new InputError('--csv', 'cannot be combined with --json');
        const energies = parseRange('--energies', String(opts.energies));
        const broadening = parseNumber('--broadening', String(opts.broadening));
        const threads = parseThreads(opts.threads as string | undefined);
        const model = loadModel(resolveModelArgument(file));
        let site: number;
        if (opts.site !== undefined) {
          const coords = String(opts.site).split(',').map((c) => parseNumber('--site', c));
          if (coords.length !== model.lattice.dim) throw new InputError('--site', `expected ${model.lattice.dim} coordinates, got '${opts.site}'`);
          site = model.lattice.index(coords, '--site');
        } else if (model.impurities.length > 0) site = model.impurities[0]!.site;
        else throw new InputError('--site', 'required when the model has no impurity');
        const bar = progressBar('ldos');
        const rows = await localDensityOfStates(model, {
          site,
          energies,
          broadening,
          impurities: !opts.host,
          threads,
          onProgress: bar.update,
          signal: interruptSignal(),
        }).finally(() => bar.finish());
        const text = opts.json
          ? `${JSON.stringify({ site: model.lattice.site(site).slice(0, model.lattice.dim), rows })}\n`
          : ['omega,electron,hole', ...rows.map((r) => `${r.omega},${r.electron},${r.hole}`)].join('\n') + '\n';
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
      }),
    );
}
