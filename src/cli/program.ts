/**
 * The `rkky` command line (loaded by main.ts). Each command lives in its own
 * file and registers itself here; this file only wires them and maps
 * commander's usage errors to exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';
import { die, EXIT_USAGE } from './action.js';
import { checkOutputPath } from './io.js';
import { registerBands } from './bands.js';
import { registerCluster } from './cluster.js';
import { registerContinuum } from './continuum.js';
import { registerCouplings } from './couplings.js';
import { registerDos } from './dos.js';
import { registerEnergy } from './energy.js';
import { registerInterlayer } from './interlayer.js';
import { registerExamples } from './examples.js';
import { registerExplore } from './explore.js';
import { registerLdos } from './ldos.js';
import { registerMaps } from './maps.js';
import { registerMoments } from './moments.js';
import { registerReproduce } from './reproduce.js';
import { registerSpins } from './spins.js';
import { registerScan } from './scan.js';
import { registerSelfConsistent } from './selfconsistent.js';
import { registerSweep } from './sweep.js';

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

registerEnergy(program);
registerCouplings(program);
registerInterlayer(program);
registerScan(program);
registerLdos(program);
registerCluster(program);
registerMaps(program);
registerSelfConsistent(program);
registerBands(program);
registerDos(program);
registerContinuum(program);
registerSpins(program);
registerMoments(program);
registerReproduce(program);
registerExamples(program);
registerExplore(program);
registerSweep(program);

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
