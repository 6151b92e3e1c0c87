#!/usr/bin/env node
/**
 * The `rkky` command line. Each command lives in its own file and registers
 * itself here; this file only wires them and maps commander's usage errors
 * to exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from './action.js';
import { registerContinuum } from './continuum.js';
import { registerCouplings } from './couplings.js';
import { registerEnergy } from './energy.js';
import { registerExplore } from './explore.js';
import { registerLdos } from './ldos.js';
import { registerMaps } from './maps.js';
import { registerMoments } from './moments.js';
import { registerReproduce } from './reproduce.js';
import { registerSpins } from './spins.js';
import { registerScan } from './scan.js';
import { registerSelfConsistent } from './selfconsistent.js';

const program = new Command('rkky')
  .description('RKKY interaction toolkit: exact lattice couplings, continuum theory, spin models')
  .version('0.1.0')
  .exitOverride();

program.configureOutput({
  outputError: (str, write) => write(`rkky: ${str.replace(/^error: /, '').trim()}\n`),
});

registerEnergy(program);
registerCouplings(program);
registerScan(program);
registerLdos(program);
registerMaps(program);
registerSelfConsistent(program);
registerContinuum(program);
registerSpins(program);
registerMoments(program);
registerReproduce(program);
registerExplore(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
      process.exit(0);
    process.exit(EXIT_USAGE);
  }
  throw err;
}
