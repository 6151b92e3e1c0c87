/**
 * Write a figure to disk by extension: `.svg` as text, `.png` rasterised
 * with resvg (system fonts, DejaVu Sans by default), atomically.
 */
import { Resvg } from '@resvg/resvg-js';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './files.js';

/** Rasterise SVG text to PNG bytes (scale 2 for crisp lines). */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return resvg.render().asPng();
}

/** Write `svg` to `path` as .svg or .png (by extension), atomically; other extensions are an InputError naming the path. */
export async function writeFigure(path: string, svg: string): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.svg') return writeFileAtomic(path, svg);
  if (ext === '.png') return writeFileAtomic(path, svgToPng(svg));
  throw new InputError(path, 'expected a figure file name ending in .svg or .png');
}
