/**
 * Fuzz the CLI with a seeded set of hostile model files and argument lists
 * (test/fuzz/cases.ts): every run must end with exit 0 and finite output
 * (no NaN, Infinity or null on stdout), or exit 2 with exactly one stderr
 * line (no stack trace, no "internal error"). Two runs at a time; about 0.45 s
 * of CPU per run (Node start-up and module loading), ~70 s on two idle cores.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cliPath } from '../cli/run.js';
import { repoRoot } from '../refs.js';
import { fuzzCases, MODEL, type FuzzCase } from './cases.js';
import { KNOWN_FAILURES } from './knownFailures.js';

export const dir = mkdtempSync(join(tmpdir(), 'rkky-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export function run(c: FuzzCase): Promise<Outcome> {
  const path = join(dir, `${c.id}.json`);
  if (c.file !== undefined) writeFileSync(path, c.file);
  const args = c.args.map((a) => (a === MODEL ? path : a));
  return new Promise((resolve) => {
    // stdin closed: no case may wait for input.
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RKKY_DEBUG: '' } });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Why an outcome breaks the contract, or null when it keeps it. */
export function violation(c: FuzzCase, o: Outcome): string | null {
  if (c.args[0] === 'explore' && o.code === null) return 'explore kept running';
  if (o.code === 0) {
    if (/\bNaN\b|\bInfinity\b|\bnull\b/.test(o.stdout)) return `exit 0 with non-finite output: ${o.stdout.slice(0, 200)}`;
    return null;
  }
  if (o.code === 2) {
    const lines = o.stderr.split('\n').filter((l) => l !== '');
    if (lines.length !== 1) return `exit 2 with ${lines.length} stderr lines: ${o.stderr.slice(0, 300)}`;
    if (!lines[0]!.startsWith('rkky: ')) return `exit 2 without the rkky: prefix: ${lines[0]}`;
    if (/internal error|\n\s+at /.test(o.stderr)) return `exit 2 with an internal error: ${lines[0]}`;
    return null;
  }
  return `exit ${o.code}${o.signal ? ` (${o.signal})` : ''}: ${o.stderr.split('\n').slice(0, 3).join(' | ').slice(0, 300)}`;
}

test('fuzz: hostile model files and argument lists end in exit 0 with finite output or exit 2 with one line', { timeout: 900000 }, async (t) => {
  const cases = fuzzCases();
  assert.ok(cases.length >= 300, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'ids are unique');
  for (const id of KNOWN_FAILURES) assert.ok(cases.some((c) => c.id === id), `known failure ${id} is a case`);
  const failures: string[] = [];
  const nowPassing: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      // `explore` with a valid port would serve forever: only invalid ports are generated.
      const why = violation(c, await run(c));
      const known = KNOWN_FAILURES.includes(c.id);
      if (why && known) t.diagnostic(`known failure ${c.id} (${c.args.join(' ')}): ${why}`);
      else if (why) failures.push(`${c.id} [${c.args.join(' ')}] file ${JSON.stringify(String(c.file ?? '').slice(0, 120))}: ${why}`);
      else if (known) nowPassing.push(c.id);
    }
  };
  await Promise.all([worker(), worker()]);
  if (nowPassing.length) t.diagnostic(`now passing, remove from KNOWN_FAILURES: ${nowPassing.join(', ')}`);
  assert.equal(failures.length, 0, `${failures.length} of ${cases.length} runs broke the contract:\n${failures.join('\n')}`);
});
