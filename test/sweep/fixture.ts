/** Small sweeps shared by the sweep tests: 5×5 superconductors, seeded random base parameters. */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { NODE_FLAGS } from '../../src/cli/nodeFlags.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerCouplings } from '../../src/cli/couplings.js';
import type { CouplingRow } from '../../src/rkky/sweep.js';
import { parseSweep, pointModel, type SweepDefinition } from '../../src/sweep/definition.js';
import { pointAt } from '../../src/sweep/axes.js';
import type { MergedRow } from '../../src/sweep/merge.js';
import { repoRoot } from '../refs.js';
import { prng } from '../rng.js';

export const CLI = join(repoRoot, 'dist/src/cli/main.js');

/** A fresh scratch directory (removed by the returned cleanup). */
export function scratch(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `rkky-sweep-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A 5×5 s+ip_x model with seeded random μ, gaps and Rashba term (and a fixed third spin). */
export function baseModel(seed: number): Record<string, unknown> {
  const r = prng(seed);
  return {
    lattice: { shape: [5, 5] },
    chemicalPotential: -1 + 0.5 * r(),
    rashba: 0.2 * r(),
    pairing: { s: 0.1 + 0.05 * r(), p: [0, 0.1 + 0.05 * r()], dVector: 'e_z * p_x' },
    temperature: 0.02,
    impurities: [
      { site: [1, 2], spin: [0, 0, 1], coupling: 2 },
      { site: [1, 2], spin: [0, 0, 1], coupling: 1.5 },
      { site: [4, 0], spin: [1, 0, 0], coupling: 0.7 },
    ],
  };
}

/** A sweep file over three kinds of key path (top-level, nested object, array element). */
export function sweepFile(seed: number, engine: 'exact' | 'auto', axes: Record<string, unknown>): Record<string, unknown> {
  return { model: baseModel(seed), axes, couplings: { separations: '1:2', direction: 'x' }, engine };
}

export const definition = (file: Record<string, unknown>): SweepDefinition => parseSweep(file);

export function writeJson(path: string, value: unknown): string {
  writeFileSync(path, `${JSON.stringify(value)}\n`);
  return path;
}

/** The rows of `rkky couplings <point model> --separations … --engine … --json` (in-process), for point `index`. */
export async function couplingsCli(def: SweepDefinition, index: number, dir: string): Promise<CouplingRow[]> {
  const model = writeJson(join(dir, `point-${index}.json`), pointModel(def, pointAt(def.axes, index)));
  const out = join(dir, `point-${index}.out.json`);
  const program = new Command('rkky').exitOverride();
  registerCouplings(program);
  const seps = def.separations;
  await program.parseAsync(['couplings', model, '--separations', `${seps[0]}:${seps.at(-1)}`, '--direction', def.direction, '--engine', def.engine, '--json', '-o', out], { from: 'user' });
  return (JSON.parse(readFileSync(out, 'utf8')) as { rows: CouplingRow[] }).rows;
}

/** A merged row without its point and engine: what `rkky couplings` prints for that separation. */
export const couplingPart = ({ point: _p, engine: _e, ...row }: MergedRow) => row;

/** Run the CLI synchronously. */
export const rkky = (args: string[]): SpawnSyncReturns<string> => spawnSync(process.execPath, [...NODE_FLAGS, CLI, ...args], { encoding: 'utf8' });

/** Start the CLI in the background. */
export const rkkyChild = (args: string[]) => spawn(process.execPath, [...NODE_FLAGS, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
