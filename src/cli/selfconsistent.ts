import type { Command } from 'commander';
import { ConvergenceError, InputError } from '../errors.js';
import { loadModel } from '../model/load.js';
import { checkResources } from './resources.js';
import { action, parseNumber, parseRange } from './action.js';
import { writeOutputFile } from './io.js';

/** `rkky selfconsistent <model.json>`: the self-consistent on-site gap for pairing.attraction U. */
export function registerSelfConsistent(program: Command): void {
  program
    .command('selfconsistent')
    .description('self-consistent s-wave gap Δ_s(i) = U⟨c↓c↑⟩ on every site for pairing.attraction U (start: pairing.s), with F_sc = F + Σ|Δ|²/U')
    .argument('<model>', 'model file (JSON) with pairing.attraction and a nonzero pairing.s')
    .option('--tolerance <tol>', 'on max_i |Δ_out − Δ_in|', '1e-10')
    .option('--max-iterations <n>', 'iteration limit', '200')
    .option('--allow-unconverged', 'exit 0 and print the last iterate when the tolerance is not reached')
    .option('--no-impurities', 'leave the impurities out (the clean host)')
    .option('--critical-temperature', 'instead: T_c of the clean host (linearized gap equation, bisection) and, with --temperatures, Δ(T) averaged over sites')
    .option('--temperatures <A:B:STEP>', 'temperatures of the Δ(T) curve (with --critical-temperature)')
    .option('--ysr-scan <A:B:STEP>', 'instead: scan the single impurity\'s coupling J (self-consistent at each J): Δ at the impurity, the in-gap level E_b of the (c↑, c†↓) sector, and the ground-state parity relative to the clean host')
    .option('--max-memory <GB>', 'refuse runs whose estimated memory exceeds this (default: the free memory)')
    .option('--json', 'print {"converged", "iterations", "residual", "gap": [[re, im] per node], "F"}')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .action(
      action(async (file: string, opts: Record<string, string | boolean | undefined>) => {
        const tolerance = parseNumber('--tolerance', String(opts.tolerance));
        if (!(tolerance > 0)) throw new InputError('--tolerance', `expected a positive number, got '${opts.tolerance}'`);
        const maxIterations = parseNumber('--max-iterations', String(opts.maxIterations));
        if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new InputError('--max-iterations', `expected a positive integer, got '${opts.maxIterations}'`);
        const model = loadModel(file);
        // Everything but T_c and Δ(T) (the uniform host) keeps whole real-space factorizations.
        checkResources(model, { engine: 'exact', selectedInversion: !opts.criticalTemperature }, opts.maxMemory as string | undefined);
        // Loaded on use: the other commands start without the self-consistent solver.
        const { criticalTemperatureOf, selfConsistentGap } = await import('../solvers/maps.js');
        if (opts.ysrScan !== undefined) {
          const couplings = parseRange('--ysr-scan', String(opts.ysrScan));
          const { ysrScan } = await import('../solvers/ysr.js');
          const points = await ysrScan(model, couplings, { tolerance, maxIterations });
          const rows = points.map(({ gap: _gap, ...p }) => p);
          const text = opts.json
            ? `${JSON.stringify({ ysr: rows })}\n`
            : ['coupling,gap_re,gap_im,bound_state,parity,converged,iterations', ...rows.map((p) => [p.coupling, ...p.gapAtImpurity, p.boundState ?? '', p.parity, p.converged, p.iterations].join(','))].join('\n') + '\n';
          if (opts.out) await writeOutputFile(String(opts.out), text);
          else process.stdout.write(text);
          if (rows.some((p) => !p.converged) && !opts.allowUnconverged) throw new ConvergenceError('YSR scan: some couplings did not converge (see the converged column)');
          return;
        }
        if (opts.criticalTemperature) {
          const temperatures = opts.temperatures !== undefined ? parseRange('--temperatures', String(opts.temperatures)) : [];
          const { criticalTemperature, curve } = criticalTemperatureOf(model, temperatures);
          const text = opts.json
            ? `${JSON.stringify({ criticalTemperature: criticalTemperature ?? null, curve })}\n`
            : [`T_c = ${criticalTemperature ?? 'none above 1e-4'}`, ...(curve.length ? ['temperature,gap,converged', ...curve.map((c) => `${c.temperature},${c.gap},${c.converged}`)] : [])].join('\n') + '\n';
          if (opts.out) await writeOutputFile(String(opts.out), text);
          else process.stdout.write(text);
          if (curve.some((c) => !c.converged) && !opts.allowUnconverged) throw new ConvergenceError('Δ(T): some temperatures did not converge (see the converged column)');
          return;
        }
        const sc = await selfConsistentGap(model, { tolerance, maxIterations, impurities: opts.impurities !== false });
        const gap = Array.from({ length: sc.gap.length / 2 }, (_, i) => [sc.gap[2 * i]!, sc.gap[2 * i + 1]!]);
        const text = opts.json
          ? `${JSON.stringify({ converged: sc.converged, iterations: sc.iterations, residual: sc.residual, gap, F: sc.freeEnergy })}\n`
          : [`converged ${sc.converged} after ${sc.iterations} iterations (residual ${sc.residual.toExponential(2)}), F_sc = ${sc.freeEnergy}`, 'node,re,im', ...gap.map(([re, im], i) => `${i},${re},${im}`)].join('\n') + '\n';
        if (opts.out) await writeOutputFile(String(opts.out), text);
        else process.stdout.write(text);
        if (!sc.converged && !opts.allowUnconverged)
          throw new ConvergenceError(`self-consistent gap: residual ${sc.residual.toExponential(2)} > ${tolerance} after ${sc.iterations} iterations (--max-iterations, or --allow-unconverged)`);
      }),
    );
}
