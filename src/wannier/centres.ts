/**
 * Reader of Wannier90's seedname_centres.xyz (write_xyz = .true.): an XYZ
 * file whose first line counts the entries, a comment line, then `X x y z`
 * for every Wannier centre (Å, Cartesian) followed by the atoms
 * (`symbol x y z`, written when translate_home_cell is off or not).
 */
import { expectFields, parseInteger, parseReal, TextLines } from './text.js';

export interface Atom {
  symbol: string;
  /** Cartesian position (Å). */
  position: [number, number, number];
}

export interface WannierCentres {
  /** Centres of the Wannier functions (Å), three numbers each, in Wannier order. */
  centres: Float64Array;
  atoms: Atom[];
}

export function parseCentres(text: string, name: string): WannierCentres {
  const lines = new TextLines(text, name);
  const [c] = expectFields(lines, 1, 'the number of entries');
  const count = parseInteger(c!, lines, 'the number of entries');
  if (count < 1) throw lines.error(`expected a positive number of entries, got ${count}`);
  lines.next('the comment line');
  const centres: number[] = [];
  const atoms: Atom[] = [];
  for (let k = 0; k < count; k++) {
    const f = expectFields(lines, 4, `entry ${k + 1} of ${count}: symbol x y z`);
    const p = f.slice(1).map((s) => parseReal(s, lines, 'a coordinate (Å)')) as [number, number, number];
    if (f[0] === 'X') {
      if (atoms.length > 0) throw lines.error('expected the Wannier centres (X) before the atoms');
      centres.push(...p);
    } else atoms.push({ symbol: f[0]!, position: p });
  }
  if (centres.length === 0) throw new TextLines('', name).error('expected at least one Wannier centre (a line starting with X)', 3);
  return { centres: Float64Array.from(centres), atoms };
}
