import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

test('compile-mode holds are counted: the flag returns after the last release, releasing twice is harmless, and workers started under a hold compute the same results', () => {
  // In a child process: V8 flags are process-wide and must not leak into the other tests.
  const script = `
    const { holdSynchronousOptimization } = await import(${JSON.stringify(`${here}../../src/parallel/compilation.js`)});
    const { runPool } = await import(${JSON.stringify(`${here}../../src/parallel/pool.js`)});
    const a = holdSynchronousOptimization(), b = holdSynchronousOptimization();
    a(); a(); b(); b();
    const c = holdSynchronousOptimization();
    const worker = new URL('data:text/javascript,' + encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.on('message', (m) => { if (m.close) return parentPort.close(); parentPort.postMessage({ id: m.id, result: m.task * m.task }); });"));
    const out = await runPool(worker, null, [1, 2, 3, 4, 5], { threads: 2 });
    c();
    console.log(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), [1, 4, 9, 16, 25]);
});
