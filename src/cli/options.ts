import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { ExactOptions } from '../rkky/exactEngine.js';
import type { EngineName } from '../rkky/sweep.js';
import { parseNumber } from './action.js';

const ENGINES = ['dense', 'exact', 'auto'] as const;
const POLES = ['rational', 'ozaki', 'matsubara'] as const;

/** Flags shared by every command that computes free energies. */
export interface EngineFlags {
  engine: string;
  tolerance?: string;
  poles?: string;
  threads?: string;
  maxMemory?: string;
}

/** Add --engine, --tolerance, --poles and --threads to a command. */
export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option('--engine <engine>', 'dense | exact | auto (auto: dense only for tiny lattices)', 'auto')
    .option('--tolerance <tol>', 'exact engine: accuracy of the pole expansion (Fermi-function error)', '1e-11')
    .option('--poles <kind>', 'exact engine: rational | ozaki | matsubara', 'rational')
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--max-memory <GB>', 'refuse runs whose estimated memory exceeds this (default: the free memory of the machine and cgroup)');
}

/** Validate `--engine`. */
export function parseEngine(value: string): EngineName {
  if (!(ENGINES as readonly string[]).includes(value)) throw new InputError('--engine', `expected dense, exact or auto, got '${value}'`);
  return value as EngineName;
}

/** Validate `--threads`. */
export function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError('--threads', `expected a positive integer, got '${value}'`);
  return n;
}

/** The exact engine's options from the shared flags. */
export function exactOptions(flags: EngineFlags): ExactOptions {
  const tolerance = parseNumber('--tolerance', flags.tolerance ?? '1e-11');
  if (!(tolerance > 0 && tolerance < 1)) throw new InputError('--tolerance', `expected a number in (0, 1), got '${flags.tolerance}'`);
  const poles = flags.poles ?? 'rational';
  if (!(POLES as readonly string[]).includes(poles)) throw new InputError('--poles', `expected rational, ozaki or matsubara, got '${poles}'`);
  return { tolerance, poles: poles as ExactOptions['poles'], threads: parseThreads(flags.threads) };
}
