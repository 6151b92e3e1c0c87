/**
 * `rkky explore [--port P]`: serve the browser explorer (the static site in
 * web/dist) on 127.0.0.1 only. The site does all numerics itself in Web
 * Workers; this server only hands out files. If web/dist is missing it is
 * built first with Vite's JS API (a dev dependency).
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { action } from './action.js';

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

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Build web/dist with Vite (JS API) into `outDir` (default web/dist). */
export async function buildSite(outDir?: string): Promise<void> {
  const configFile = join(repoRoot(), 'web', 'vite.config.ts');
  // An installed package ships web/dist prebuilt (built at `prepack`) and has no sources to build from.
  if (!existsSync(configFile))
    throw new InputError('explore', `the built explorer is missing from this installation (${webDist()}): reinstall the rkky package`);
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new InputError('explore', 'the site is not built (web/dist is missing) and Vite is not installed: run `npm install` then `npm run web:build`');
  }
  await vite.build({ configFile, logLevel: 'warn', ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}) });
}

/**
 * Serve the files under `root` on 127.0.0.1:`port` (0 picks a free port).
 * Resolves with the server once it listens; a taken port is an InputError.
 */
export function serveStatic(root: string, port: number): Promise<Server> {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new InputError('--port', `port ${port} on 127.0.0.1 is already in use; choose another with --port`));
      else if (err.code === 'EACCES') reject(new InputError('--port', `not allowed to listen on port ${port}; choose one above 1023`));
      else reject(err);
    });
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
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
          process.stderr.write('rkky: building the explorer (web/dist)…\n');
          await buildSite();
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
