/**
 * The explorer's static file server: hands out the built site on loopback
 * only, and nothing else. Its rules, each against a concrete attack:
 * - only GET and HEAD (405 with `Allow` otherwise);
 * - only loopback `Host` headers (127.0.0.1, localhost, [::1], with the
 *   server's port): a DNS-rebinding page on another name gets 421;
 * - a request path is decoded once, must not contain NUL or `..` segments,
 *   and its real path (symlinks resolved) must lie inside the real root
 *   and be a regular file: a symlink in web/dist to /etc/passwd is 404;
 * - every answer carries `X-Content-Type-Options: nosniff`,
 *   `X-Frame-Options: DENY`, a Content-Security-Policy allowing only the
 *   site's own scripts, styles and Web Workers, and no referrer.
 */
import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { InputError } from '../errors.js';

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

/**
 * The site's own module scripts and Web Workers ('self'), which may compile
 * WebAssembly (the solver's SIMD kernels; 'wasm-unsafe-eval' permits no JS
 * eval); inline styles for the SVG charts; data:/blob: images (favicon,
 * downloads). No eval, no plug-ins, no framing, no form posts, no connections
 * elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<OutgoingHttpHeaders> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a Host header names this server on loopback (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`; the port may be left out only for 80). */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!m) return false;
  const name = m[1]!.replace(/\.$/, '');
  const p = m[2] === undefined ? 80 : Number(m[2]);
  return LOOPBACK_HOSTS.has(name) && p === port;
}

/** The decoded URL path of a request as path segments, or null when it is malformed, contains NUL, or leaves the root. */
export function requestSegments(url: string | undefined): string[] | null {
  if (!url || !url.startsWith('/') || url.includes('\0')) return null;
  const rawPath = url.split(/[?#]/, 1)[0]!;
  let segments: string[];
  try {
    // Decode each segment on its own, so that %2f cannot smuggle in a separator.
    segments = rawPath.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  if (segments.some((s) => s.includes('\0') || s.includes('/') || s.includes('\\') || s === '..' || s === '.')) return null;
  return segments.filter((s) => s !== '');
}

function send(res: ServerResponse, status: number, text: string, extra: OutgoingHttpHeaders = {}, head = false) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...extra });
  res.end(head ? undefined : text);
}

/** The real path of the file a request asks for, if it is a regular file inside `realRoot`; directories serve their index.html. */
async function resolveFile(realRoot: string, segments: string[]): Promise<string | null> {
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);
  try {
    let file = await realpath(join(realRoot, ...segments));
    if (!inside(file)) return null;
    if ((await stat(file)).isDirectory()) file = await realpath(join(file, 'index.html'));
    if (!inside(file) || !(await stat(file)).isFile()) return null;
    return file;
  } catch {
    return null;
  }
}

async function handle(realRoot: string, port: () => number, req: IncomingMessage, res: ServerResponse) {
  const head = req.method === 'HEAD';
  if (!isLoopbackHost(req.headers.host, port())) return send(res, 421, 'misdirected request: this server answers only to 127.0.0.1, localhost or [::1] with its port', {}, head);
  if (req.method !== 'GET' && !head) return send(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  const segments = requestSegments(req.url);
  if (!segments) return send(res, 400, 'bad request path', {}, head);
  const file = await resolveFile(realRoot, segments);
  if (!file) return send(res, 404, 'not found', {}, head);
  const body = await readFile(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
  });
  res.end(head ? undefined : body);
}

/**
 * Serve the files under `root` on 127.0.0.1:`port` (0 picks a free port).
 * Resolves with the server once it listens; a taken port is an InputError.
 */
export function serveStatic(root: string, port: number): Promise<Server> {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return Promise.reject(new InputError('explore', `the site directory ${root} does not exist`));
  }
  let actualPort = port;
  const server = createServer((req, res) => {
    handle(realRoot, () => actualPort, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'server error');
      else res.destroy();
    });
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new InputError('--port', `port ${port} on 127.0.0.1 is already in use; choose another with --port`));
      else if (err.code === 'EACCES') reject(new InputError('--port', `not allowed to listen on port ${port}; choose one above 1023`));
      else reject(new InputError('--port', `cannot listen on 127.0.0.1:${port} (${err.code ?? err.message})`));
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) actualPort = address.port;
      resolveServer(server);
    });
  });
}
