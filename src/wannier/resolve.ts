/**
 * `lattice.wannier90` of a model file → the host's unit cell (host.ts). The
 * files come as already-read text keyed by the paths written in the model
 * (the model-loading layer, src/model/load.ts, reads them relative to the
 * model file), so that the library never touches the file system.
 */
import { InputError } from '../errors.js';
import type { z } from 'zod';
import type { wannier90Schema } from '../model/schema.js';
import { parseCentres, type WannierCentres } from './centres.js';
import { parseHr, type WannierHr } from './hr.js';
import { wannierHost, type WannierHost } from './host.js';
import { parseTb } from './tb.js';
import { parseWin, type WannierWin } from './win.js';
import { parseWsvec } from './wsvec.js';

export type Wannier90Spec = z.output<typeof wannier90Schema>;

/** Text of the files a model refers to, keyed by the path as written in the model file. */
export type ModelFiles = Readonly<Record<string, string>>;

/** Every file path a wannier90 entry names (what the loader has to read). */
export function wannierPaths(spec: Partial<Record<'hr' | 'tb' | 'centres' | 'win' | 'wsvec', unknown>>): string[] {
  return (['hr', 'tb', 'centres', 'win', 'wsvec'] as const).flatMap((k) => (typeof spec[k] === 'string' ? [spec[k] as string] : []));
}

const FIELD = 'lattice.wannier90';

export function resolveWannier(spec: Wannier90Spec, files: ModelFiles): WannierHost {
  const text = (key: 'hr' | 'tb' | 'centres' | 'win' | 'wsvec'): string | null => {
    const path = spec[key];
    if (path === undefined) return null;
    const t = files[path];
    if (t === undefined) throw new InputError(`${FIELD}.${key}`, `the file '${path}' was not provided (read model files with loadModel, or pass the file contents to parseModel)`);
    return t;
  };
  if ((spec.hr === undefined) === (spec.tb === undefined)) throw new InputError(FIELD, 'expected exactly one of "hr" (seedname_hr.dat) and "tb" (seedname_tb.dat)');
  let hr: WannierHr;
  let vectors: Float64Array | null = null;
  if (spec.tb !== undefined) {
    const tb = parseTb(text('tb')!, spec.tb);
    hr = tb;
    vectors = tb.vectors;
  } else hr = parseHr(text('hr')!, spec.hr!);
  const winText = text('win');
  const win: WannierWin | null = winText === null ? null : parseWin(winText, spec.win!);
  if (!vectors) vectors = win?.vectors ?? null;
  if (!vectors) throw new InputError(`${FIELD}.win`, spec.win === undefined ? 'needs the lattice vectors: give "win" (unit_cell_cart) or use "tb"' : `the .win file '${spec.win}' has no unit_cell_cart block`);
  const centresText = text('centres');
  const centres: WannierCentres | null = centresText === null ? null : parseCentres(centresText, spec.centres!);
  const wsvecText = text('wsvec');
  const shifts = wsvecText === null ? null : parseWsvec(wsvecText, spec.wsvec!, hr);
  return wannierHost({
    hr,
    vectors,
    centres: centres?.centres ?? null,
    atoms: win && win.atoms.length > 0 ? win.atoms : centres?.atoms ?? [],
    shifts,
    spinors: spec.spinors ?? (win?.spinors ? 'interleaved' : false),
    groupByAtom: spec.groupByAtom,
    cutoff: spec.cutoff,
    kpath: win?.kpath ?? [],
    field: FIELD,
  });
}
