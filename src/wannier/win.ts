/**
 * The parts of a Wannier90 input file (seedname.win) a host needs:
 * `unit_cell_cart` (with an optional `bohr`/`ang` unit line), `atoms_frac` or
 * `atoms_cart`, `spinors` and `kpoint_path`. Keywords are case-insensitive,
 * `key = value`, `key : value` and `key value` are the same, comments start
 * with ! or #, blocks are `begin name` … `end name`; everything else is ignored.
 */
import { InputError } from '../errors.js';
import type { Atom } from './centres.js';
import { parseReal, TextLines } from './text.js';

/** Bohr radius in Å (CODATA 2018; Wannier90's default bohr). */
export const BOHR_ANGSTROM = 0.529177210903;

/** A named point of the k path in reduced coordinates (fractions of the reciprocal vectors). */
export interface NamedK {
  name: string;
  k: [number, number, number];
}

export interface WannierWin {
  /** Lattice vectors a_1..a_3 (Å), rows of a row-major 3×3 matrix, or null without unit_cell_cart. */
  vectors: Float64Array | null;
  atoms: Atom[];
  spinors: boolean;
  /** kpoint_path segments [from, to]. */
  kpath: [NamedK, NamedK][];
}

interface Block {
  /** 1-based line of each data line. */
  lines: number[];
  fields: string[][];
}

const stripComment = (s: string) => s.replace(/[!#].*$/, '');

function boolean(v: string, lines: TextLines, line: number, key: string): boolean {
  const s = v.toLowerCase().replace(/^\./, '').replace(/\.$/, '');
  if (s === 'true' || s === 't') return true;
  if (s === 'false' || s === 'f') return false;
  throw lines.error(`expected ${key} = .true. or .false., got '${v}'`, line);
}

export function parseWin(text: string, name: string): WannierWin {
  const lines = new TextLines(text, name);
  const blocks = new Map<string, Block>();
  const keys = new Map<string, { value: string; line: number }>();
  let open: { name: string; block: Block; line: number } | null = null;
  for (let ln = 1; ln <= lines.count; ln++) {
    const raw = stripComment(lines.next('a line')).trim();
    if (raw === '') continue;
    const begin = /^begin\s*[:=]?\s*([A-Za-z_]+)\s*(.*)$/i.exec(raw);
    const end = /^end\s*[:=]?\s*([A-Za-z_]+)/i.exec(raw);
    if (open) {
      if (end) {
        if (end[1]!.toLowerCase() !== open.name) throw lines.error(`expected 'end ${open.name}' (block opened on line ${open.line}), got '${raw}'`, ln);
        blocks.set(open.name, open.block);
        open = null;
      } else {
        open.block.lines.push(ln);
        open.block.fields.push(raw.split(/\s+/));
      }
      continue;
    }
    if (begin) {
      open = { name: begin[1]!.toLowerCase(), block: { lines: [], fields: [] }, line: ln };
      // Data on the begin line itself (seen in the wild: `begin kpoint_path L 0.5 …`).
      if (begin[2]) {
        open.block.lines.push(ln);
        open.block.fields.push(begin[2].trim().split(/\s+/));
      }
      continue;
    }
    const kv = /^([A-Za-z_]+)\s*[=:]?\s*(.*)$/.exec(raw);
    if (kv) keys.set(kv[1]!.toLowerCase(), { value: kv[2]!.trim(), line: ln });
  }
  if (open) throw new InputError(`${name}:${open.line}`, `block '${open.name}' has no 'end ${open.name}'`);

  let vectors: Float64Array | null = null;
  const cell = blocks.get('unit_cell_cart');
  const unitScale = (b: Block): { scale: number; start: number } => {
    const first = b.fields[0]?.[0]?.toLowerCase();
    if (b.fields[0]?.length === 1 && (first === 'bohr' || first === 'ang')) return { scale: first === 'bohr' ? BOHR_ANGSTROM : 1, start: 1 };
    return { scale: 1, start: 0 };
  };
  if (cell) {
    const { scale, start } = unitScale(cell);
    if (cell.fields.length - start !== 3) throw lines.error(`expected unit_cell_cart to hold 3 lattice vectors (after an optional bohr/ang line), got ${cell.fields.length - start} lines`, cell.lines[0] ?? 1);
    vectors = new Float64Array(9);
    for (let k = 0; k < 3; k++) {
      const f = cell.fields[start + k]!, ln = cell.lines[start + k]!;
      if (f.length !== 3) throw lines.error(`expected a lattice vector x y z, got ${f.length} fields`, ln);
      f.forEach((s, x) => (vectors![3 * k + x] = scale * parseReal(s, withLine(lines, ln), `a${k + 1} component`)));
    }
  }
  const atoms: Atom[] = [];
  const frac = blocks.get('atoms_frac'), cart = blocks.get('atoms_cart');
  if (frac && cart) throw lines.error('expected atoms_frac or atoms_cart, not both', cart.lines[0] ?? 1);
  if (frac || cart) {
    const b = (frac ?? cart)!;
    const { scale, start } = cart ? unitScale(cart) : { scale: 1, start: 0 };
    if (frac && !vectors) throw lines.error('atoms_frac needs unit_cell_cart', frac.lines[0] ?? 1);
    for (let q = start; q < b.fields.length; q++) {
      const f = b.fields[q]!, ln = b.lines[q]!;
      if (f.length !== 4) throw lines.error(`expected an atom: symbol x y z, got ${f.length} fields`, ln);
      const v = f.slice(1).map((s) => parseReal(s, withLine(lines, ln), 'an atom coordinate'));
      const p: [number, number, number] = frac
        ? [0, 1, 2].map((x) => v[0]! * vectors![x]! + v[1]! * vectors![3 + x]! + v[2]! * vectors![6 + x]!) as [number, number, number]
        : (v.map((c) => c * scale) as [number, number, number]);
      atoms.push({ symbol: f[0]!, position: p });
    }
  }
  const sp = keys.get('spinors');
  const spinors = sp ? boolean(sp.value, lines, sp.line, 'spinors') : false;
  const kpath: [NamedK, NamedK][] = [];
  const path = blocks.get('kpoint_path');
  if (path) {
    const points: NamedK[] = [];
    path.fields.forEach((f, q) => {
      const ln = path.lines[q]!;
      if (f.length % 4 !== 0) throw lines.error(`expected kpoint_path points as 'label k1 k2 k3' (two per segment), got ${f.length} fields`, ln);
      for (let p = 0; p < f.length; p += 4)
        points.push({ name: f[p]!, k: f.slice(p + 1, p + 4).map((s) => parseReal(s, withLine(lines, ln), 'a reduced k coordinate')) as [number, number, number] });
    });
    if (points.length % 2 !== 0) throw lines.error(`expected kpoint_path segments of two points each, got ${points.length} points`, path.lines[0] ?? 1);
    for (let s = 0; s < points.length; s += 2) kpath.push([points[s]!, points[s + 1]!]);
  }
  return { vectors, atoms, spinors, kpath };
}

/** A TextLines view whose errors name line `ln` (for fields of a block read after the scan). */
function withLine(lines: TextLines, ln: number): TextLines {
  const view = Object.create(lines) as TextLines;
  view.error = (expected: string) => lines.error(expected, ln);
  return view;
}
