/**
 * The `rkky explore` static server (no browser needed): serves files under
 * its root on 127.0.0.1 only, refuses paths outside it, and reports a taken
 * port as one InputError line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parsePort, serveStatic } from '../../src/cli/explore.js';
import { InputError } from '../../src/errors.js';

let dir: string;
let server: Server;
let port: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rkky-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'a.json'), '{"ok": true}');
  server = await serveStatic(dir, 0);
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

test('serves index.html and files with their content type, on 127.0.0.1', async () => {
  const address = server.address();
  assert.equal(typeof address === 'object' && address?.address, '127.0.0.1');
  const index = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /text\/html/);
  const json = await fetch(`http://127.0.0.1:${port}/a.json`);
  assert.deepEqual(await json.json(), { ok: true });
  assert.equal((await fetch(`http://127.0.0.1:${port}/missing.js`)).status, 404);
});

test('never serves a file outside the root', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/%2e%2e/%2e%2e/etc/passwd`);
  assert.ok(res.status === 403 || res.status === 404, `status ${res.status}`);
});

test('a taken port is one clear InputError naming --port', async () => {
  await assert.rejects(serveStatic(dir, port), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.message, `--port: port ${port} on 127.0.0.1 is already in use; choose another with --port`);
    return true;
  });
});

test('--port must be an integer 0..65535', () => {
  assert.equal(parsePort('8080'), 8080);
  assert.throws(() => parsePort('http'), /--port: expected an integer in 0\.\.65535, got 'http'/);
  assert.throws(() => parsePort('70000'), InputError);
});
