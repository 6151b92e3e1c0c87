/**
 * `rkky explore [--port P]`: serve the browser explorer (the static site in
 * web/dist) on 127.0.0.1 only. The site does all numerics itself in Web
 * Workers; this server only hands out files. If web/dist is missing it is
 * built first with Vite's JS API (a dev dependency).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { action } from './action.js';
import { serveStatic } from './staticServer.js';

export { CONTENT_SECURITY_POLICY, isLoopbackHost, requestSegments, SECURITY_HEADERS, serveStatic } from './staticServer.js';

/** The repository root, from this file's place in either src/cli (sources) or dist/src/cli (built). */
function repoRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let k = 0; k < 5; k++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'web'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
}

/** Where the built site lives. */
export const webDist = (): string => join(repoRoot(), 'web', 'dist');

/**
 * Whether this process can reserve a WebAssembly memory. Vite's module lexer
 * compiles Wasm as it loads, and under `ulimit -v` that reservation (~10 GB
 * of address space) fails as an unhandled rejection inside Vite, which no
 * caller can catch; so the build asks first.
 */
export function canReserveWasmMemory(): boolean {
  try {
    const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => unknown } }).WebAssembly;
    new wasm.Memory({ initial: 1, maximum: 1 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Build web/dist with Vite (JS API) into `outDir` (default web/dist); every
 * failure is one InputError line. `onStart` runs once the build can begin.
 */
export async function buildSite(outDir?: string, onStart?: () => void): Promise<void> {
  const configFile = join(repoRoot(), 'web', 'vite.config.ts');
  // An installed package ships web/dist prebuilt (built at `prepack`) and has no sources to build from.
  if (!existsSync(configFile))
    throw new InputError('explore', `the built explorer is missing from this installation (${webDist()}): reinstall the rkky package`);
  if (!canReserveWasmMemory())
    throw new InputError(
      'explore --rebuild',
      "cannot reserve memory for WebAssembly, which Vite needs to build the site (is 'ulimit -v' set?): build with `npm run web:build` where no virtual-memory limit applies, then run `rkky explore`",
    );
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new InputError('explore', 'the site is not built (web/dist is missing) and Vite is not installed: run `npm install` then `npm run web:build`');
  }
  onStart?.();
  try {
    await vite.build({ configFile, logLevel: 'silent', ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}) });
  } catch (err) {
    throw new InputError('explore --rebuild', `building the site with Vite failed: ${firstLines(err instanceof Error ? err.message : String(err))}`);
  }
}

/** A multi-line build error as one line: its first line, joined with the next when it only announces it ("… 1 error:"). */
function firstLines(message: string): string {
  const lines = message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return 'unknown error';
  return lines[0]!.endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : lines[0]!;
}

/** Validate `--port`: an integer 0–65535 (0: any free port). */
export function parsePort(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) throw new InputError('--port', `expected an integer in 0..65535, got '${value}'`);
  return n;
}

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('serve the browser explorer (continuum, lattice, spin-chain and gallery pages; all numerics run in the browser) on 127.0.0.1')
    .option('--port <port>', 'port on 127.0.0.1', '5173')
    .option('--rebuild', 'rebuild the site with Vite before serving')
    .action(
      action(async (opts: { port: string; rebuild?: boolean }) => {
        const port = parsePort(opts.port);
        const root = webDist();
        if (opts.rebuild || !existsSync(join(root, 'index.html'))) {
          // The progress note only on a terminal: in a script, a failed build is exactly one stderr line.
          await buildSite(undefined, () => {
            if (process.stderr.isTTY) process.stderr.write('rkky: building the explorer (web/dist)…\n');
          });
        }
        const server = await serveStatic(root, port);
        const address = server.address();
        const actual = typeof address === 'object' && address ? address.port : port;
        process.stdout.write(`rkky explorer: http://127.0.0.1:${actual}/  (Ctrl-C to stop)\n`);
        await new Promise<void>((done) => {
          const stop = () => {
            server.close(() => done());
            server.closeAllConnections();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
}
