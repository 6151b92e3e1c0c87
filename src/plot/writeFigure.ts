/**
 * Write a figure to disk by extension: `.svg` as text, `.png` rasterised
 * with resvg (system fonts, DejaVu Sans by default), atomically.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './files.js';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvgModule: ResvgModule | undefined;
/**
 * resvg is a native addon whose loader probes the C library (process.report):
 * ~40 ms of every CLI start, so it is required only when a PNG is rendered.
 */
function resvg(): ResvgModule {
  resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvgModule;
}

/** Rasterise SVG text to PNG bytes (scale 2 for crisp lines). */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const renderer = new (resvg().Resvg)(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return renderer.render().asPng();
}

/** Write `svg` to `path` as .svg or .png (by extension), atomically; other extensions are an InputError naming the path. */
export async function writeFigure(path: string, svg: string): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.svg') return writeFileAtomic(path, svg);
  if (ext === '.png') return writeFileAtomic(path, svgToPng(svg));
  throw new InputError(path, 'expected a figure file name ending in .svg or .png');
}
