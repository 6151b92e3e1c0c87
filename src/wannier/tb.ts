/**
 * Reader of Wannier90's seedname_tb.dat (write_tb = .true.): a date line, the
 * three lattice vectors (Å, one per line), num_wann, nrpts, ndegen (15 per
 * line), then per R a blank line, `R1 R2 R3` and num_wann² lines `m n Re Im`
 * (H(R)_mn in eV, not divided by ndegen). The position matrix elements that
 * follow are not needed for the Hamiltonian and are not read.
 */
import { entrySlot, readCounts, type WannierHr } from './hr.js';
import { expectFields, parseInteger, parseReal, TextLines } from './text.js';

export interface WannierTb extends WannierHr {
  /** Lattice vectors a_1..a_3 (Å) as rows of a row-major 3×3 matrix. */
  vectors: Float64Array;
}

export function parseTb(text: string, name: string): WannierTb {
  const lines = new TextLines(text, name);
  lines.next('the header line (date)');
  const vectors = new Float64Array(9);
  for (let k = 0; k < 3; k++) {
    const f = expectFields(lines, 3, `lattice vector a${k + 1}: x y z in Å`);
    f.forEach((s, x) => (vectors[3 * k + x] = parseReal(s, lines, `a${k + 1} component`)));
  }
  const { numWann: W, nrpts, ndegen } = readCounts(lines);
  const cells = new Int32Array(3 * nrpts);
  const H = new Float64Array(2 * nrpts * W * W);
  const seen = new Uint8Array(W * W);
  for (let r = 0; r < nrpts; r++) {
    const R = expectFields(lines, 3, `R1 R2 R3 of block ${r + 1} of ${nrpts}`).map((s) => parseInteger(s, lines, 'a lattice vector component R'));
    cells.set(R, 3 * r);
    seen.fill(0);
    for (let e = 0; e < W * W; e++) {
      const f = expectFields(lines, 4, `m n Re Im: element ${e + 1} of ${W * W} of R block ${r + 1} of ${nrpts}`);
      const slot = entrySlot(parseInteger(f[0]!, lines, 'm'), parseInteger(f[1]!, lines, 'n'), W, seen, lines);
      H[2 * (r * W * W + slot)] = parseReal(f[2]!, lines, 'Re H');
      H[2 * (r * W * W + slot) + 1] = parseReal(f[3]!, lines, 'Im H');
    }
  }
  return { numWann: W, nrpts, cells, ndegen, H, vectors };
}
