/**
 * Reader of Wannier90's seedname_wsvec.dat (use_ws_distance = .true.): a
 * header line, then for every R and pair (m, n) of hr.dat a line
 * `R1 R2 R3 m n`, the number N of shifts, and N lines `T1 T2 T3`. The element
 * H(R)_mn then hops to every R + T_j with weight 1/N (the Wigner–Seitz image
 * of centre n closest to centre m), so H(k) = Σ_R Σ_j e^{2πi k·(R+T_j)} H(R)_mn /(ndegen(R)·N).
 */
import { InputError } from '../errors.js';
import type { WannierHr } from './hr.js';
import { expectFields, parseInteger, TextLines } from './text.js';

export interface WannierShifts {
  /** shifts of element (r, m, n) are T_j for j in offsets[s]..offsets[s+1]−1, s = (r·W + m)·W + n (0-based m, n). */
  offsets: Int32Array;
  /** T_j, three integers each. */
  shifts: Int32Array;
}

export function parseWsvec(text: string, name: string, hr: WannierHr): WannierShifts {
  const lines = new TextLines(text, name);
  lines.next('the header line');
  const W = hr.numWann;
  const index = new Map<string, number>();
  for (let r = 0; r < hr.nrpts; r++) index.set(`${hr.cells[3 * r]} ${hr.cells[3 * r + 1]} ${hr.cells[3 * r + 2]}`, r);
  const total = hr.nrpts * W * W;
  const lists: (number[] | undefined)[] = new Array(total);
  for (let e = 0; e < total; e++) {
    const f = expectFields(lines, 5, `R1 R2 R3 m n (entry ${e + 1} of ${total} = nrpts·num_wann² of the hr file)`);
    const v = f.map((s) => parseInteger(s, lines, 'an integer'));
    const r = index.get(v.slice(0, 3).join(' '));
    if (r === undefined) throw lines.error(`R = (${v.slice(0, 3).join(' ')}) is not a lattice vector of the hr file`);
    const [m, n] = [v[3]!, v[4]!];
    if (m < 1 || m > W || n < 1 || n > W) throw lines.error(`expected Wannier indices m, n in 1..${W}, got ${m} ${n}`);
    const s = (r * W + m - 1) * W + n - 1;
    if (lists[s]) throw lines.error(`R = (${v.slice(0, 3).join(' ')}), (m, n) = (${m}, ${n}) appears twice`);
    const [c] = expectFields(lines, 1, 'the number of shifts');
    const N = parseInteger(c!, lines, 'the number of shifts');
    if (N < 1) throw lines.error(`expected at least one shift, got ${N}`);
    const list: number[] = [];
    for (let j = 0; j < N; j++) list.push(...expectFields(lines, 3, `shift ${j + 1} of ${N}: T1 T2 T3`).map((t) => parseInteger(t, lines, 'a shift component')));
    lists[s] = list;
  }
  if (!lines.atEnd()) throw new InputError(`${name}:${lines.position + 1}`, `expected the end of the file after ${total} entries (does the wsvec file belong to this hr file?)`);
  const offsets = new Int32Array(total + 1);
  for (let s = 0; s < total; s++) offsets[s + 1] = offsets[s]! + lists[s]!.length / 3;
  const shifts = new Int32Array(3 * offsets[total]!);
  for (let s = 0; s < total; s++) shifts.set(lists[s]!, 3 * offsets[s]!);
  return { offsets, shifts };
}
