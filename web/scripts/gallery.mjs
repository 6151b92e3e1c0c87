#!/usr/bin/env node
/**
 * Regenerate web/public/gallery/gallery.json from the SVG/PNG figures in that
 * folder. Titles and captions already in the manifest are kept; new files get
 * their file name as title (edit the JSON to improve it). Then rebuild the
 * site (`npm run web:build`) so the gallery page lists them.
 *
 *   node web/scripts/gallery.mjs
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../public/gallery/', import.meta.url));
const manifestPath = join(dir, 'gallery.json');
const old = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')).figures ?? [] : [];
const known = new Map(old.map((f) => [f.file, f]));
const files = readdirSync(dir).filter((f) => /\.(svg|png)$/i.test(f)).sort();
const figures = files.map((file) => known.get(file) ?? { file, title: file.replace(/\.(svg|png)$/i, ''), caption: '' });
writeFileSync(manifestPath, JSON.stringify({ figures }, null, 2) + '\n');
console.log(`gallery.json: ${figures.length} figure(s)${figures.length ? ': ' + files.join(', ') : ''}`);
