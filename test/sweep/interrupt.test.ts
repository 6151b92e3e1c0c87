/**
 * `rkky sweep run` killed at random moments (SIGKILL: no chance to clean up)
 * and resumed, and stopped with SIGTERM: the merged result equals an
 * uninterrupted run, with no point missing or duplicated and no partial line.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJournals } from '../../src/sweep/journal.js';
import { mergeDirectory, type Merged } from '../../src/sweep/merge.js';
import { runSweep } from '../../src/sweep/run.js';
import { prng } from '../rng.js';
import { definition, rkky, rkkyChild, scratch, sweepFile, writeJson } from './fixture.js';

const { dir, cleanup } = scratch('kill');
after(cleanup);

const file = sweepFile(21, 'exact', { chemicalPotential: '-1.5:0:0.5', 'pairing.p.1': [0.05, 0.15] });
const sweepPath = writeJson(join(dir, 'sweep.json'), file);
let reference: Merged;

before(async () => {
  await runSweep(definition(file), { dir: join(dir, 'reference'), threads: 2 });
  reference = mergeDirectory(join(dir, 'reference')).merged;
});

/** Lines per point hash over all result files (a duplicate would show as 2). */
function linesPerPoint(d: string): Map<string, number> {
  const count = new Map<string, number>();
  for (const j of readJournals(d)) for (const l of j.lines) count.set(l.point, (count.get(l.point) ?? 0) + 1);
  return count;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('kill -9 at random moments, then --resume: the same merged result, nothing missing or duplicated', async () => {
  const d = join(dir, 'killed');
  const r = prng(2026);
  const progress: number[] = [];
  for (let round = 0; round < 4; round++) {
    const child = rkkyChild(['sweep', 'run', sweepPath, '--out', d, '--shard', `${round % 2}/2`, '--resume', '--threads', '2']);
    let running = true;
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => ((running = false), res(code))));
    // Kill once this run has written a new point (so it is surely mid-run), after a random extra delay.
    const before = linesPerPoint(d).size;
    while (running && linesPerPoint(d).size === before) await sleep(20);
    await sleep(150 * (r() + 1));
    child.kill('SIGKILL');
    await exited;
    const counts = linesPerPoint(d);
    assert.ok([...counts.values()].every((c) => c === 1), `round ${round}: a point was written twice`);
    progress.push(counts.size);
  }
  for (const shard of ['0/2', '1/2']) {
    const res = rkky(['sweep', 'run', sweepPath, '--out', d, '--shard', shard, '--resume']);
    assert.equal(res.status, 0, res.stderr);
  }
  const report = mergeDirectory(d);
  assert.deepEqual(report.missing, []);
  assert.deepEqual(report.duplicates, []);
  assert.deepEqual(report.conflicts, []);
  assert.deepEqual(report.merged, reference);
  assert.ok([...linesPerPoint(d).values()].every((c) => c === 1));
  // Which rounds the kills caught is up to the scheduler; the log shows it.
  console.log(`# points on disk after each kill: ${progress.join(', ')} of ${report.points}`);
});

test('SIGTERM stops a run with exit code 143 leaving whole lines only; --resume completes it', async () => {
  const d = join(dir, 'term');
  const child = rkkyChild(['sweep', 'run', sweepPath, '--out', d, '--threads', '1']);
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const results = join(d, 'results-0-of-1.jsonl');
  for (let k = 0; k < 600 && !(existsSync(results) && readFileSync(results, 'utf8').length > 0); k++) await sleep(50);
  child.kill('SIGTERM');
  const code = await exited;
  assert.equal(code, 143, stderr);
  assert.match(stderr, /rkky: cancelled/);
  const text = readFileSync(results, 'utf8');
  assert.ok(text.endsWith('\n'));
  assert.ok(readJournals(d).every((j) => !j.torn));
  const res = rkky(['sweep', 'run', sweepPath, '--out', d, '--resume']);
  assert.equal(res.status, 0, res.stderr);
  assert.deepEqual(mergeDirectory(d).merged, reference);
});
