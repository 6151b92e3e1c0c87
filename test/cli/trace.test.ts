import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliPath, modelFile } from './run.js';
import { repoRoot } from '../refs.js';

const model = {
  lattice: { shape: [9, 9] },
  chemicalPotential: -1,
  pairing: { s: 0.2 },
  temperature: 0.01,
  impurities: [{ site: [4, 4], spin: [0, 0, 1], coupling: 1 }],
};

function couplings(env: Record<string, string>) {
  const args = [cliPath, 'couplings', modelFile(model), '--separations', '1:2', '--engine', 'exact', '--threads', '2', '--json'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: repoRoot, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('RKKY_TRACE=1 writes phase timestamps of the main thread and the workers to stderr, and changes no result', () => {
  const plain = couplings({ RKKY_TRACE: '' });
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.stderr, '');
  // A start time left in the environment by hand is replaced by the process's own.
  const traced = couplings({ RKKY_TRACE: '1', RKKY_TRACE_START: 'not a time' });
  assert.equal(traced.code, 0, traced.stderr);
  assert.equal(traced.stdout, plain.stdout);
  const lines = traced.stderr.trim().split('\n');
  const events = lines.map((l) => {
    const m = /^rkky-trace (\d+\.\d) (main|w\d+) (.+)$/.exec(l);
    assert.ok(m, `trace line format: '${l}'`);
    return { ms: Number(m[1]), thread: m[2]!, label: m[3]! };
  });
  assert.ok(events.every((e) => Number.isFinite(e.ms) && e.ms >= 0 && e.ms < 600_000), 'times since the process started');
  const main = events.filter((e) => e.thread === 'main');
  assert.deepEqual(main.slice(0, 3).map((e) => e.label), ['cli start', 'cli modules loaded', 'model loaded']);
  // Times count from the process start on every thread, so each thread's own events are in order.
  for (const thread of new Set(events.map((e) => e.thread))) {
    const times = events.filter((e) => e.thread === thread).map((e) => e.ms);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), `${thread} in order`);
  }
  const workers = new Set(events.filter((e) => e.thread !== 'main').map((e) => e.thread));
  assert.equal(workers.size, 2, 'both workers trace');
  const firstTask = Math.min(...events.filter((e) => /^task \d+$/.test(e.label)).map((e) => e.ms));
  assert.ok(firstTask > main[2]!.ms, 'tasks start after the model is loaded');
  assert.ok(main.some((e) => /^pole fit done: \d+ nodes$/.test(e.label)));
});
