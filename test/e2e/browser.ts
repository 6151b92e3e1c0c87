/**
 * Shared harness of the end-to-end tests: build the explorer into a fresh
 * directory (Vite JS API), serve it with the `rkky explore` server on a free
 * port, and drive it with Debian's Chromium through playwright-core. Tests
 * skip, with a message, where /usr/bin/chromium (or $RKKY_CHROMIUM) is
 * missing, so `npm test` still passes on such a machine.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, serveStatic } from '../../src/cli/explore.js';

export const CHROMIUM = process.env.RKKY_CHROMIUM ?? '/usr/bin/chromium';

/** false when the browser exists, else the reason to skip (node:test prints it). */
export const skipBrowser: string | false = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set RKKY_CHROMIUM): browser tests skipped`;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Playwright = typeof import('playwright-core');
export type Page = import('playwright-core').Page;
type Context = import('playwright-core').BrowserContext;

export interface Explorer {
  base: string;
  page: Page;
  context: Context;
  close(): Promise<void>;
}

/** Build, serve and open the explorer; `close` removes everything again. */
export async function openExplorer(): Promise<Explorer> {
  const work = mkdtempSync(join(tmpdir(), 'rkky-e2e-'));
  const site = join(work, 'site');
  await buildSite(site);
  const server: Server = await serveStatic(site, 0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const { chromium } = (await import('playwright-core')) as Playwright;
  // A persistent context is how Playwright takes a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    base: `http://127.0.0.1:${port}/`,
    page,
    context,
    async close() {
      await context.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(work, { recursive: true, force: true });
      if (errors.length) throw new Error(`uncaught errors in the page: ${errors.join('; ')}`);
    },
  };
}

/** The `data-series` of a plot: [{name, x, y}]. */
export async function plotted(page: Page, plot: string): Promise<{ name: string; x: number[]; y: (number | null)[] }[]> {
  const text = await page.getAttribute(`[data-plot="${plot}"]`, 'data-series');
  if (!text) throw new Error(`plot ${plot} has no data`);
  return JSON.parse(text);
}

/** The error line of a form field. */
export const fieldError = (page: Page, field: string) => page.locator(`[data-field="${field}"] .error`).first();

/** Agreement |a − b| ≤ rel·max(|a|, |b|) + abs. */
export function close(a: number, b: number, rel: number, abs = 0): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}
