/** Run the built CLI (dist/src/cli/main.js) as a user would. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../refs.js';
import { NODE_FLAGS } from '../../src/cli/nodeFlags.js';

export const cliPath = resolve(repoRoot, 'dist/src/cli/main.js');

export function rkky(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, cliPath, ...args], { encoding: 'utf8', input, cwd: repoRoot });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'rkky-test-'));
let counter = 0;
/** Write a model (object or raw text) to a temporary file and return its path. */
export function modelFile(model: unknown): string {
  const path = join(dir, `model-${counter++}.json`);
  writeFileSync(path, typeof model === 'string' ? model : JSON.stringify(model));
  return path;
}
export const tempPath = (name: string) => join(dir, name);

/** A run's outcome as `rkky` reports it. */
export type Run = { code: number | null; stdout: string; stderr: string };

/**
 * Assert a usage error: exit 2, exactly one line on stderr starting "rkky: " and naming `field`,
 * no stack trace, nothing on stdout. `run` defaults to the built CLI on `args`.
 */
export function usageError(args: string[], field: string, run: (args: string[]) => Run = rkky) {
  oneLineError(run(args), 2, field, args.join(' '));
}

/** Exit code `code`, exactly one stderr line starting "rkky: " and naming `field`, no stack trace, nothing on stdout. */
export function oneLineError(r: Run, code: number, field: string, what = '') {
  assert.equal(r.code, code, `exit code for ${what}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0]!, /^rkky: /);
  assert.ok(lines[0]!.includes(field), `'${lines[0]}' names ${field}`);
  assert.ok(!r.stderr.includes('    at '), 'no stack trace');
  assert.equal(r.stdout, '');
}

/**
 * Resolve once process `pid` has used `cpuSeconds` of CPU time (utime + stime in /proc/pid/stat,
 * all its threads): past start-up and into its computation, however loaded the machine is, so
 * that a signal sent then tests the command's own handling rather than Node's start-up.
 */
export async function whenBusy(pid: number, cpuSeconds: number, timeoutMs = 120_000): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const start = Date.now();
  for (;;) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      throw new Error(`process ${pid} exited before it used ${cpuSeconds} s of CPU time: its workload is too short for this test`);
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of proc(5))
    if (ticks / 100 >= cpuSeconds) return;
    if (Date.now() - start > timeoutMs) throw new Error(`process ${pid} did not reach ${cpuSeconds} s of CPU time within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
