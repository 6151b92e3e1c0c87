/**
 * The installed package as a new user meets it: pack, install the tarball into
 * an empty folder (packed.ts), then use it there — the shipped files, the
 * built-in examples, the subpath imports, README links, and `rkky explore`
 * serving the prebuilt explorer without Vite. (The README's commands run in
 * the doc-tests, against the same kind of installation.)
 */
import { spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../refs.js';
import { installPacked } from './packed.js';

const installed = installPacked();
after(() => installed.cleanup());
const rkky = (args: string[]) => spawnSync('rkky', args, { cwd: installed.dir, env: installed.env, encoding: 'utf8' });

test('the tarball ships the CLI, the library, examples, docs and the built explorer, but no tests or sources', () => {
  const files = new Set(installed.files);
  for (const f of ['dist/src/cli/main.js', 'dist/src/index.d.ts', 'dist/src/spins/index.js', 'examples/paper.json', 'docs/conventions.md', 'docs/tutorial.md', 'web/dist/index.html', 'README.md'])
    assert.ok(files.has(f), f);
  assert.ok(installed.files.some((f) => /^web\/dist\/assets\/.*\.js$/.test(f)), 'explorer scripts');
  assert.ok(!installed.files.some((f) => f.startsWith('dist/test/') || f.startsWith('src/') || f.startsWith('web/src/')), 'no tests or TypeScript sources');
  assert.ok(!existsSync(join(installed.dir, 'node_modules', 'vite')), 'dev dependencies are not installed');
});

test('every relative link and image of README.md and docs/*.md resolves inside the package', () => {
  for (const page of ['README.md', ...installed.files.filter((f) => /^docs\/[^/]+\.md$/.test(f))]) {
    const text = readFileSync(join(installed.pkg, page), 'utf8');
    const dir = page.includes('/') ? page.slice(0, page.lastIndexOf('/')) : '.';
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target!) || !/^[\w./-]+\.\w+(#.*)?$/.test(target!)) continue;
      const path = join(installed.pkg, dir, target!.split('#')[0]!);
      assert.ok(existsSync(path), `${page}: link ${target} (not in the package)`);
      assert.ok(!target!.includes('shared/'), `${page}: link into internal files: ${target}`);
    }
  }
});

test('built-in examples by name: list, print, copy, and use as a model argument', () => {
  const list = rkky(['examples']);
  assert.equal(list.status, 0, list.stderr);
  for (const name of ['paper', 'small-sip', 'normal-chain', 'couplings-sip-demo']) assert.match(list.stdout, new RegExp(`^${name} `, 'm'));
  assert.equal(JSON.parse(rkky(['examples', 'paper']).stdout).lattice.shape[0], 101);
  const energy = rkky(['energy', 'normal-chain', '--json']);
  assert.equal(energy.status, 0, energy.stderr);
  assert.ok(Number.isFinite(JSON.parse(energy.stdout).F));
  const bad = rkky(['energy', 'no-such-example']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^rkky: no-such-example: no such file and no built-in example of that name \(built-in: .*paper/);
  assert.equal(rkky(['examples', 'small-sip', '--copy', 'mine']).status, 0);
  assert.ok(existsSync(join(installed.dir, 'mine', 'small-sip.json')));
});

test('the documented imports resolve: root namespaces and the rkky/continuum, rkky/spins, rkky/moments subpaths', () => {
  const code = `
    import * as root from 'rkky';
    import { lindhard } from 'rkky/continuum';
    import { findGroundState } from 'rkky/spins';
    import { hundsRules } from 'rkky/moments';
    if (root.continuum.lindhard !== lindhard || root.spins.findGroundState !== findGroundState || root.moments.hundsRules !== hundsRules) throw new Error('namespaces differ');
    console.log(hundsRules(3, 9).term);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: installed.dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '6H15/2');
});

test('rkky explore serves the shipped explorer from node_modules (no Vite there) and stops on SIGINT', async () => {
  const child = spawn('rkky', ['explore', '--port', '0'], { cwd: installed.dir, env: installed.env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`explore exited ${code}: ${stderr}`)));
  });
  try {
    assert.equal(stderr, '', 'no build step: the explorer is prebuilt');
    const index = await fetch(url);
    assert.equal(index.status, 200);
    const html = await index.text();
    assert.match(html, /<title>[^<]*rkky/i);
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html);
    assert.ok(script, 'the page loads a bundled script');
    const js = await fetch(new URL(script[1]!, url));
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.deepEqual(readFileSync(join(installed.pkg, 'web/dist', script[1]!), 'utf8'), await js.text());
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 130, 'Ctrl-C stops the server like every other command: exit 130');
  }
});

test('the packed README is the repository README', () => {
  assert.equal(readFileSync(join(installed.pkg, 'README.md'), 'utf8'), readFileSync(join(repoRoot, 'README.md'), 'utf8'));
});
