/**
 * The `rkky` command line (loaded by main.ts). Each command lives in its own
 * file and registers itself here; this file only wires them and maps
 * commander's usage errors to exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';
import { die, EXIT_USAGE } from './action.js';
import { checkOutputPath } from './io.js';

const program = new Command('rkky')
  .description('RKKY interaction toolkit: exact lattice couplings, continuum theory, spin models')
  .version('0.1.0')
  .exitOverride();

// Commander's errors on one line: "unknown command 'energ' (Did you mean energy?)".
program.configureOutput({
  outputError: (str, write) => write(`rkky: ${str.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
});

/**
 * Output paths are checked before any work, for every command: -o/--out
 * files and --plot figures (not empty, writable, not one of the inputs), and
 * reproduce's --out directory.
 */
program.hook('preAction', (_program, command) => {
  const opts = command.opts() as Record<string, unknown>;
  const inputs = [...command.args, ...(typeof opts.positions === 'string' ? [opts.positions] : [])];
  // `sweep run|slurm --out DIR` write their own result directory (appended lines, resumable): checked there.
  if (command.parent?.name() === 'sweep' && ['run', 'slurm'].includes(command.name())) return;
  if (command.name() === 'reproduce') checkOutputPath('--out', opts.out, [], true);
  else checkOutputPath('-o', opts.out, inputs);
  checkOutputPath('--plot', opts.plot, inputs);
});

/**
 * The commands, in help order, each loaded on demand: a run of one command
 * imports only that command's modules (start-up of `rkky couplings` is then
 * a fraction of loading all of them), while help and unknown commands load all.
 */
const COMMANDS: [string, () => Promise<(program: Command) => void>][] = [
  ['energy', async () => (await import('./energy.js')).registerEnergy],
  ['couplings', async () => (await import('./couplings.js')).registerCouplings],
  ['interlayer', async () => (await import('./interlayer.js')).registerInterlayer],
  ['scan', async () => (await import('./scan.js')).registerScan],
  ['ldos', async () => (await import('./ldos.js')).registerLdos],
  ['cluster', async () => (await import('./cluster.js')).registerCluster],
  ['maps', async () => (await import('./maps.js')).registerMaps],
  ['selfconsistent', async () => (await import('./selfconsistent.js')).registerSelfConsistent],
  ['bands', async () => (await import('./bands.js')).registerBands],
  ['dos', async () => (await import('./dos.js')).registerDos],
  ['continuum', async () => (await import('./continuum.js')).registerContinuum],
  ['spins', async () => (await import('./spins.js')).registerSpins],
  ['moments', async () => (await import('./moments.js')).registerMoments],
  ['reproduce', async () => (await import('./reproduce.js')).registerReproduce],
  ['examples', async () => (await import('./examples.js')).registerExamples],
  ['explore', async () => (await import('./explore.js')).registerExplore],
  ['sweep', async () => (await import('./sweep.js')).registerSweep],
];

/** The command named on the command line (the first argument that is not an option), if it is one of ours. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  return COMMANDS.some(([name]) => name === first) ? first : undefined;
}

const requested = requestedCommand(process.argv);
for (const [name, load] of COMMANDS) if (requested === undefined || name === requested) (await load())(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
      process.exit(0);
    process.exit(EXIT_USAGE);
  }
  if (err instanceof InputError) die(err.message, EXIT_USAGE);
  throw err;
}
