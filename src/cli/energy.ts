import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadModel } from '../model/model.js';
import { modelHamiltonian } from '../model/hamiltonian.js';
import { denseFreeEnergy } from '../solvers/freeEnergy.js';
import { action } from './action.js';
import { parseEngine } from './options.js';

/** `rkky energy <model.json>`: the free energy F of the model as given (impurities included). */
export function registerEnergy(program: Command): void {
  program
    .command('energy')
    .description('free energy F = −½Σ_{ε>0} ε − T Σ_{ε>0} ln(1 + e^{−ε/T}) of the model as given')
    .argument('<model>', 'model file (JSON)')
    .option('--engine <engine>', 'dense | exact | auto', 'auto')
    .option('--json', 'print {"F", "engine", ...} as JSON')
    .action(
      action(async (file: string, opts: { engine: string; json?: boolean }) => {
        const engine = parseEngine(opts.engine);
        const model = loadModel(file);
        if (engine === 'exact') throw new InputError('--engine', "the exact engine is not available yet; use 'dense'");
        const start = performance.now();
        const h = modelHamiltonian(model);
        const F = denseFreeEnergy(h, model.temperature);
        const seconds = (performance.now() - start) / 1000;
        if (opts.json)
          process.stdout.write(`${JSON.stringify({ F, engine: 'dense', temperature: model.temperature, dimension: h.dim, seconds })}\n`);
        else process.stdout.write(`F = ${F}  (dense, T = ${model.temperature}, ${h.dim}×${h.dim}, ${seconds.toFixed(2)} s)\n`);
      }),
    );
}
