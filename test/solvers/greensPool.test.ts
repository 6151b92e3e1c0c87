import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledOrModule } from '../../src/solvers/greensPool.js';
import { repoRoot } from '../refs.js';

test('the Green\'s-function workers load the bundle when it is at least as new as the module, else the module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rkky-bundle-'));
  const [module, bundle] = ['w.js', 'w.bundle.js'].map((f) => join(dir, f));
  const [m, b] = [module, bundle].map((p) => pathToFileURL(p!));
  writeFileSync(module!, '');
  assert.equal(bundledOrModule(m!, b!).href, m!.href, 'no bundle');
  writeFileSync(bundle!, '');
  utimesSync(module!, 1000, 1000);
  utimesSync(bundle!, 2000, 2000);
  assert.equal(bundledOrModule(m!, b!).href, b!.href, 'newer bundle');
  utimesSync(bundle!, 1000, 1000);
  assert.equal(bundledOrModule(m!, b!).href, b!.href, 'equal times (a packed tarball)');
  utimesSync(module!, 3000, 3000);
  assert.equal(bundledOrModule(m!, b!).href, m!.href, 'stale bundle (tsc ran alone)');
  // `npm run build` leaves the real bundle newer than the module.
  const real = ['greensWorker.js', 'greensWorker.bundle.js'].map((f) => statSync(join(repoRoot, 'dist/src/solvers', f)).mtimeMs);
  assert.ok(real[1]! >= real[0]!, 'dist/src/solvers/greensWorker.bundle.js is current');
});
