#!/usr/bin/env node
/**
 * Regenerate docs/figures/explorer.png (the README screenshot): serve the
 * built site, run the 31×31 s+ip_x sweep on the lattice page in headless
 * Chromium and capture it.
 *
 *   npm run build && npm run web:build && node web/scripts/screenshot.mjs
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { serveStatic } = await import(join(root, 'dist/src/cli/explore.js'));
const server = await serveStatic(join(root, 'web/dist'), 0);
const profile = mkdtempSync(join(tmpdir(), 'rkky-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.RKKY_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1240, height: 780 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${server.address().port}/#/lattice`);
  await page.click('[data-run=couplings]');
  await page.waitForSelector('[data-task=couplings][data-state=done]', { timeout: 120000 });
  await page.screenshot({ path: join(root, 'docs/figures/explorer.png') });
  console.log('wrote docs/figures/explorer.png');
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
