/**
 * SLURM job arrays for a sweep: an array script whose task I runs shard I/N
 * with --resume (so a requeued or preempted task continues where it stopped),
 * and a merge job that runs once every array task has succeeded
 * (`--dependency=afterok:<array job>`). The scheduler does the scheduling;
 * rkky only writes the scripts and, with --submit, calls `sbatch --parsable`.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';

export interface SlurmOptions {
  /** Sweep file the tasks run (absolute after `slurmScripts`). */
  sweepFile: string;
  dir: string;
  tasks: number;
  cpusPerTask: number;
  partition?: string;
  time?: string;
  mem?: string;
  account?: string;
  qos?: string;
  jobName?: string;
  /** The command that runs rkky on the compute nodes (default: this node binary and this rkky). */
  rkky: string;
}

/** Single-quote a word for sh. */
export const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const SAFE_VALUE = /^[\w@%+=:,./-]+$/;

function directives(o: SlurmOptions, name: string, extra: string[]): string[] {
  const lines = [`#SBATCH --job-name=${name}`, ...extra, `#SBATCH --cpus-per-task=${o.cpusPerTask}`];
  for (const [flag, value] of [['partition', o.partition], ['time', o.time], ['mem', o.mem], ['account', o.account], ['qos', o.qos]] as const) {
    if (value === undefined) continue;
    if (!SAFE_VALUE.test(value)) throw new InputError(`--${flag}`, `expected a plain SLURM value (letters, digits, -_.:,=+@%/), got '${value}'`);
    lines.push(`#SBATCH --${flag}=${value}`);
  }
  return lines;
}

export interface SlurmScripts {
  array: string;
  merge: string;
  arrayPath: string;
  mergePath: string;
}

/** The array script and the merge script (their text and where they go in DIR). */
export function slurmScripts(o: SlurmOptions): SlurmScripts {
  if (!Number.isInteger(o.tasks) || o.tasks < 1) throw new InputError('--tasks', `expected a positive integer, got ${o.tasks}`);
  if (!Number.isInteger(o.cpusPerTask) || o.cpusPerTask < 1) throw new InputError('--cpus-per-task', `expected a positive integer, got ${o.cpusPerTask}`);
  const dir = resolve(o.dir);
  const name = o.jobName ?? 'rkky-sweep';
  if (!SAFE_VALUE.test(name)) throw new InputError('--job-name', `expected letters, digits and -_., got '${name}'`);
  const logs = join(dir, 'logs');
  const q = shellQuote;
  const array = [
    '#!/bin/bash',
    ...directives(o, name, [`#SBATCH --array=0-${o.tasks - 1}`, `#SBATCH --output=${logs}/task-%A_%a.out`, '#SBATCH --requeue', '#SBATCH --open-mode=append']),
    '# Task I computes shard I of the sweep; --resume skips points already in DIR, so a',
    '# requeued or preempted task continues where it stopped.',
    'set -euo pipefail',
    `exec ${o.rkky} sweep run ${q(resolve(o.sweepFile))} --out ${q(dir)} --shard "$SLURM_ARRAY_TASK_ID/${o.tasks}" --resume --threads "\${SLURM_CPUS_PER_TASK:-1}"`,
    '',
  ].join('\n');
  const merge = [
    '#!/bin/bash',
    ...directives({ ...o, cpusPerTask: 1 }, `${name}-merge`, [`#SBATCH --output=${logs}/merge-%j.out`]),
    '# Runs after every array task succeeded (submitted with --dependency=afterok:<array job>).',
    'set -euo pipefail',
    `exec ${o.rkky} sweep merge ${q(dir)} -o ${q(join(dir, 'merged.json'))} --csv ${q(join(dir, 'merged.csv'))}`,
    '',
  ].join('\n');
  return { array, merge, arrayPath: join(dir, 'sweep.sbatch'), mergePath: join(dir, 'merge.sbatch') };
}

/** The job id printed by `sbatch --parsable` ("123" or "123;cluster"). */
export function parseJobId(stdout: string): string {
  const id = stdout.trim().split(';')[0]!;
  if (!/^\d+$/.test(id)) throw new Error(`sbatch printed '${stdout.trim()}', expected a job id`);
  return id;
}

function sbatch(args: string[]): string {
  const res = spawnSync('sbatch', ['--parsable', ...args], { encoding: 'utf8' });
  if (res.error) throw new InputError('--submit', `cannot run sbatch (${(res.error as NodeJS.ErrnoException).code ?? res.error.message}); is SLURM installed on this machine?`);
  if (res.status !== 0) throw new InputError('--submit', `sbatch failed: ${(res.stderr || res.stdout).trim().split('\n')[0]}`);
  return parseJobId(res.stdout);
}

/** Submit the array job, then the merge job chained on it; returns both ids. */
export function submitScripts(s: SlurmScripts): { array: string; merge: string } {
  const array = sbatch([s.arrayPath]);
  const merge = sbatch([`--dependency=afterok:${array}`, s.mergePath]);
  return { array, merge };
}
