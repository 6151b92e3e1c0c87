/**
 * SLURM: the generated scripts, and a real single-node cluster (started by
 * .ci/slurm-up.sh in CI): a 4-task array submitted with `rkky sweep slurm
 * --submit`, merged by the chained job, equal bit for bit to a serial run.
 * Without a cluster the test says why, and fails on CI (CI=true).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeDirectory } from '../../src/sweep/merge.js';
import { runSweep } from '../../src/sweep/run.js';
import { parseJobId, slurmScripts } from '../../src/sweep/slurm.js';
import { definition, rkky, scratch, sweepFile, writeJson } from './fixture.js';

const { dir, cleanup } = scratch('slurm');
after(cleanup);

test('the array script runs shard $SLURM_ARRAY_TASK_ID/N with --resume; the merge script merges DIR', () => {
  const s = slurmScripts({ sweepFile: '/data/my sweep.json', dir: '/scratch/run', tasks: 16, cpusPerTask: 4, partition: 'short', time: '01:00:00', mem: '4G', rkky: 'rkky' });
  assert.match(s.array, /^#!\/bin\/bash\n/);
  assert.match(s.array, /^#SBATCH --array=0-15$/m);
  assert.match(s.array, /^#SBATCH --cpus-per-task=4$/m);
  assert.match(s.array, /^#SBATCH --partition=short$/m);
  assert.match(s.array, /^#SBATCH --time=01:00:00$/m);
  assert.match(s.array, /^#SBATCH --mem=4G$/m);
  assert.match(s.array, /^#SBATCH --requeue$/m);
  assert.match(s.array, /^exec rkky sweep run '\/data\/my sweep\.json' --out \/scratch\/run --shard "\$SLURM_ARRAY_TASK_ID\/16" --resume --threads "\$\{SLURM_CPUS_PER_TASK:-1\}"$/m);
  assert.match(s.merge, /^exec rkky sweep merge \/scratch\/run -o \/scratch\/run\/merged\.json --csv \/scratch\/run\/merged\.csv$/m);
  assert.doesNotMatch(s.merge, /--array/);
  assert.equal(s.arrayPath, '/scratch/run/sweep.sbatch');
  assert.throws(() => slurmScripts({ sweepFile: 'x', dir: 'd', tasks: 2, cpusPerTask: 1, partition: 'a b; rm', rkky: 'rkky' }), /--partition: expected a plain SLURM value/);
  assert.throws(() => slurmScripts({ sweepFile: 'x', dir: 'd', tasks: 0, cpusPerTask: 1, rkky: 'rkky' }), /--tasks: expected a positive integer/);
  assert.equal(parseJobId('1234\n'), '1234');
  assert.equal(parseJobId('1234;cluster\n'), '1234');
});

/** Why no cluster can take jobs here, or undefined when one can. */
function clusterUnavailable(): string | undefined {
  const sinfo = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8', timeout: 10_000 });
  if (sinfo.error) return `sinfo cannot run (${(sinfo.error as NodeJS.ErrnoException).code}): SLURM is not installed (.ci/slurm-up.sh installs and starts it)`;
  if (sinfo.status !== 0) return `sinfo failed: ${(sinfo.stderr || sinfo.stdout).trim().split('\n')[0]} (is slurmctld running? see .ci/slurm-up.sh)`;
  if (!/^(idle|mix|alloc)/m.test(sinfo.stdout)) return `no node can take jobs (sinfo states: ${sinfo.stdout.trim().split('\n').join(', ') || 'none'})`;
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a real SLURM cluster runs a 4-task sweep array and the chained merge; = the serial run, bit for bit', async (t) => {
  const why = clusterUnavailable();
  if (why) {
    if (process.env.CI === 'true') assert.fail(`SLURM test cannot run on CI: ${why}`);
    t.skip(why);
    return;
  }
  const file = sweepFile(33, 'exact', { chemicalPotential: [-1.4, -0.6], 'pairing.s': [0, 0.05, 0.1, 0.2] });
  const sweepPath = writeJson(join(dir, 'sweep.json'), file);
  const out = join(dir, 'cluster');
  const submit = rkky(['sweep', 'slurm', sweepPath, '--out', out, '--tasks', '4', '--submit']);
  assert.equal(submit.status, 0, submit.stderr);
  const ids = [...submit.stdout.matchAll(/^(array|merge) job (\d+)$/gm)].map((m) => m[2]!);
  assert.equal(ids.length, 2, submit.stdout);
  await runSweep(definition(file), { dir: join(dir, 'serial'), threads: 2 });
  // Wait (bounded) until neither job is queued or running any more.
  const deadline = Date.now() + 240_000;
  for (;;) {
    const q = spawnSync('squeue', ['-h', '-j', ids.join(','), '-o', '%i %T'], { encoding: 'utf8' });
    if (q.status === 0 && q.stdout.trim() === '') break;
    if (Date.now() > deadline) assert.fail(`SLURM jobs ${ids.join(', ')} still queued after 240 s: ${q.stdout.trim()}`);
    await sleep(1000);
  }
  const logs = () => spawnSync('sh', ['-c', `tail -n 5 ${join(out, 'logs')}/*`], { encoding: 'utf8' }).stdout;
  assert.ok(existsSync(join(out, 'merged.json')), `the merge job wrote no merged.json; logs:\n${logs()}`);
  const merged = JSON.parse(readFileSync(join(out, 'merged.json'), 'utf8'));
  const serial = mergeDirectory(join(dir, 'serial')).merged;
  assert.deepEqual(merged, serial);
  assert.deepEqual(mergeDirectory(out).merged, serial);
  assert.equal(readFileSync(join(out, 'merged.csv'), 'utf8').trim().split('\n').length, 1 + serial.rows.length);
  for (let i = 0; i < 4; i++) assert.ok(existsSync(join(out, `results-${i}-of-4.jsonl`)), `task ${i} wrote no results`);
  const status = rkky(['sweep', 'status', out]);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /8\/8 points done/);
  assert.match(status.stdout, new RegExp(`SLURM: array job ${ids[0]}, merge job ${ids[1]}`));
});
