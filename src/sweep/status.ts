/**
 * `rkky sweep status`: progress of a sweep directory from its result files,
 * and the scheduler's view (`squeue`, `sacct`) of the jobs `rkky sweep slurm
 * --submit` recorded in DIR/slurm.json, when those commands exist.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gridSize } from './axes.js';
import { readJournals } from './journal.js';
import { readManifest } from './manifest.js';

export const SLURM_JOBS = 'slurm.json';

export interface SweepStatus {
  hash: string;
  points: number;
  done: number;
  files: { file: string; lines: number; torn: boolean; seconds: number }[];
  /** Jobs recorded by --submit, and what squeue/sacct say (when available). */
  jobs?: { array: string; merge: string };
  scheduler?: string[];
}

function run(cmd: string, args: string[]): string | undefined {
  const res = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  return res.error || res.status !== 0 ? undefined : res.stdout;
}

export function sweepStatus(dir: string): SweepStatus {
  const { hash, definition } = readManifest(dir);
  const journals = readJournals(dir);
  const done = new Set<string>();
  for (const j of journals) for (const l of j.lines) if (l.sweep === hash) done.add(l.point);
  const status: SweepStatus = {
    hash,
    points: gridSize(definition.axes),
    done: done.size,
    files: journals.map((j) => ({ file: basename(j.path), lines: j.lines.length, torn: j.torn, seconds: j.lines.reduce((s, l) => s + l.seconds, 0) })),
  };
  const jobsFile = join(dir, SLURM_JOBS);
  if (existsSync(jobsFile)) {
    const jobs = JSON.parse(readFileSync(jobsFile, 'utf8')) as { array: string; merge: string };
    status.jobs = jobs;
    const ids = `${jobs.array},${jobs.merge}`;
    const queue = run('squeue', ['-h', '-j', ids, '-o', '%i %T %M %R']);
    const acct = run('sacct', ['-n', '-P', '-X', '-j', ids, '-o', 'JobID,State,ExitCode,Elapsed']);
    const lines: string[] = [];
    if (queue !== undefined) lines.push(...queue.trim().split('\n').filter(Boolean).map((l) => `squeue: ${l}`));
    if (acct !== undefined) lines.push(...acct.trim().split('\n').filter(Boolean).map((l) => `sacct: ${l.replaceAll('|', ' ')}`));
    status.scheduler = lines;
  }
  return status;
}

export function statusText(s: SweepStatus): string {
  const pct = s.points ? ((100 * s.done) / s.points).toFixed(1) : '100';
  const out = [`sweep ${s.hash}: ${s.done}/${s.points} points done (${pct} %)`];
  for (const f of s.files) out.push(`  ${f.file}: ${f.lines} points, ${f.seconds.toFixed(1)} s of compute${f.torn ? ', torn last line (recomputed on --resume)' : ''}`);
  if (s.jobs) out.push(`SLURM: array job ${s.jobs.array}, merge job ${s.jobs.merge}`, ...(s.scheduler ?? []).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}
