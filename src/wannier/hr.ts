/**
 * Reader of Wannier90's seedname_hr.dat (write_hr = .true.): a date line,
 * num_wann, nrpts, the nrpts degeneracy weights ndegen(R) (15 per line), then
 * nrpts·num_wann² lines `R1 R2 R3 m n Re Im` — H(R)_mn = ⟨m0|H|nR⟩ in eV,
 * m, n 1-based, m fastest, one block of num_wann² lines per R. The values are
 * written undivided: the model is H(R)/ndegen(R).
 */
import { InputError } from '../errors.js';
import { expectFields, parseInteger, parseReal, TextLines } from './text.js';

/** The real-space Hamiltonian of a Wannier90 model. */
export interface WannierHr {
  /** Number of Wannier functions W. */
  numWann: number;
  /** Number of lattice vectors R. */
  nrpts: number;
  /** R in units of the lattice vectors, three integers each, in file order. */
  cells: Int32Array;
  /** ndegen(R) (Wigner–Seitz degeneracy), one per R. */
  ndegen: Int32Array;
  /** H(R)_mn as written (not divided by ndegen), W×W complex interleaved row-major per R: index 2((r·W + m)·W + n). */
  H: Float64Array;
}

/** Header and degeneracies shared by hr.dat and tb.dat: num_wann, nrpts, ndegen lines. */
export function readCounts(lines: TextLines): { numWann: number; nrpts: number; ndegen: Int32Array } {
  const [w] = expectFields(lines, 1, 'num_wann');
  const numWann = parseInteger(w!, lines, 'num_wann');
  if (numWann < 1) throw lines.error(`expected num_wann ≥ 1, got ${numWann}`);
  const [r] = expectFields(lines, 1, 'nrpts');
  const nrpts = parseInteger(r!, lines, 'nrpts');
  if (nrpts < 1) throw lines.error(`expected nrpts ≥ 1, got ${nrpts}`);
  const ndegen = new Int32Array(nrpts);
  let k = 0;
  while (k < nrpts) {
    const f = lines.nextFields(`${nrpts - k} more ndegen weights`);
    if (k + f.length > nrpts) throw lines.error(`expected ${nrpts - k} more ndegen weights on this line, got ${f.length} fields (is nrpts = ${nrpts} right?)`);
    for (const s of f) {
      const v = parseInteger(s, lines, 'an ndegen weight');
      if (v < 1) throw lines.error(`expected ndegen ≥ 1, got ${v}`);
      ndegen[k++] = v;
    }
  }
  return { numWann, nrpts, ndegen };
}

/** Checks of one R block: every (m, n) once; returns the slot of (m, n) and validates 1 ≤ m, n ≤ W. */
export function entrySlot(m: number, n: number, W: number, seen: Uint8Array, lines: TextLines): number {
  if (m < 1 || m > W || n < 1 || n > W) throw lines.error(`expected Wannier indices m, n in 1..${W}, got ${m} ${n}`);
  const slot = (m - 1) * W + (n - 1);
  if (seen[slot]) throw lines.error(`element (m, n) = (${m}, ${n}) appears twice for this R`);
  seen[slot] = 1;
  return slot;
}

/** Parse the text of a seedname_hr.dat (`name` appears in errors as name:line). */
export function parseHr(text: string, name: string): WannierHr {
  const lines = new TextLines(text, name);
  lines.next('the header line (date)');
  const { numWann: W, nrpts, ndegen } = readCounts(lines);
  const cells = new Int32Array(3 * nrpts);
  const H = new Float64Array(2 * nrpts * W * W);
  const known = new Map<string, number>();
  const seen = new Uint8Array(W * W);
  for (let r = 0; r < nrpts; r++) {
    seen.fill(0);
    for (let e = 0; e < W * W; e++) {
      const f = expectFields(lines, 7, `R1 R2 R3 m n Re Im: element ${e + 1} of ${W * W} of R block ${r + 1} of ${nrpts}`);
      const R = f.slice(0, 3).map((s) => parseInteger(s, lines, 'a lattice vector component R'));
      if (e === 0) {
        const key = R.join(' ');
        if (known.has(key)) throw lines.error(`R = (${key}) appears in two blocks (blocks ${known.get(key)! + 1} and ${r + 1})`);
        known.set(key, r);
        cells.set(R, 3 * r);
      } else if (R[0] !== cells[3 * r] || R[1] !== cells[3 * r + 1] || R[2] !== cells[3 * r + 2])
        throw lines.error(`expected R = (${Array.from(cells.subarray(3 * r, 3 * r + 3)).join(' ')}) like the first line of its block (${W * W} lines per R), got (${R.join(' ')})`);
      const slot = entrySlot(parseInteger(f[3]!, lines, 'm'), parseInteger(f[4]!, lines, 'n'), W, seen, lines);
      H[2 * (r * W * W + slot)] = parseReal(f[5]!, lines, 'Re H');
      H[2 * (r * W * W + slot) + 1] = parseReal(f[6]!, lines, 'Im H');
    }
  }
  if (!lines.atEnd()) throw new InputError(`${name}:${lines.position + 1}`, `expected the end of the file after ${nrpts} blocks of ${W * W} lines (are num_wann and nrpts right?)`);
  return { numWann: W, nrpts, cells, ndegen, H };
}
