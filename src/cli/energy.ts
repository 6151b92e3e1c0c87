import type { Command } from 'commander';
import { loadModel } from '../model/load.js';
import { modelHamiltonian } from '../model/hamiltonian.js';
import { exactFreeEnergy } from '../rkky/exactEngine.js';
import { resolveEngine } from '../rkky/sweep.js';
import { denseFreeEnergy } from '../solvers/freeEnergy.js';
import { resolveModelArgument } from './examples.js';
import { action } from './action.js';
import { checkFinite } from './finite.js';
import { withDefaultSignals } from './signals.js';
import { checkResources, likelyKSpace } from './resources.js';
import { exactOptions, parseEngine, addEngineOptions, type EngineFlags } from './options.js';
import { progressBar } from './progress.js';

/** `rkky energy <model.json>`: the free energy F of the model as given (impurities included). */
export function registerEnergy(program: Command): void {
  const cmd = program
    .command('energy')
    .description('free energy F = −½Σ_{ε>0} ε − T Σ_{ε>0} ln(1 + e^{−ε/T}) of the model as given (impurities included)')
    .argument('<model>', 'model file (JSON)')
    .option('--json', 'print {"F", "engine", "temperature", "matrixSize", "seconds"} as JSON');
  addEngineOptions(cmd).action(
    action(async (file: string, opts: EngineFlags & { json?: boolean }) => {
      const engineName = parseEngine(opts.engine);
      const exact = exactOptions(opts);
      const model = loadModel(resolveModelArgument(file));
      const engine = resolveEngine(engineName, model.lattice.nSites);
      checkResources(model, { engine, threads: exact.threads, mainThreadOnly: engine === 'dense', kspace: likelyKSpace(model, true) }, opts.maxMemory);
      const start = performance.now();
      const bar = progressBar('energy');
      const F =
        engine === 'dense'
          ? await withDefaultSignals(() => denseFreeEnergy(modelHamiltonian(model), model.temperature))
          : await exactFreeEnergy(model, model.temperature, { ...exact, onProgress: bar.update }).finally(() => bar.finish());
      const seconds = (performance.now() - start) / 1000;
      const matrixSize = 4 * model.lattice.nNodes;
      checkFinite({ F }, 'energy');
      if (opts.json) process.stdout.write(`${JSON.stringify({ F, engine, temperature: model.temperature, matrixSize, seconds })}\n`);
      else process.stdout.write(`F = ${F}  (${engine}, T = ${model.temperature}, ${matrixSize}×${matrixSize}, ${seconds.toFixed(2)} s)\n`);
    }),
  );
}
