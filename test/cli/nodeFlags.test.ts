import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../src/cli/nodeFlags.js';
import { repoRoot } from '../refs.js';
import { cliPath } from './run.js';

test('the rkky command runs with NODE_FLAGS everywhere: its shebang, npm start, npm run bench, and the file executed by itself', () => {
  const first = readFileSync(cliPath, 'utf8').split('\n')[0];
  assert.equal(first, `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  const start: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.start;
  assert.ok(start.startsWith(`node ${NODE_FLAGS.join(' ')} dist/src/cli/main.js `), start);
  const bench: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.bench;
  assert.ok(bench.endsWith(`node ${NODE_FLAGS.join(' ')} dist/bench/run.js`), bench);
  // Run as the kernel runs the installed bin link: the interpreter and its one argument from the shebang line, then the file.
  const [interpreter, argument] = [first.slice(2, first.indexOf(' ')), first.slice(first.indexOf(' ') + 1)];
  const r = spawnSync(interpreter, [argument, cliPath, '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+/);
  assert.equal(r.stderr, '');
});
