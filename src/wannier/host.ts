/**
 * A Wannier90 model as a host's unit cell (DESIGN.md §1, Wannier hosts):
 * Bravais vectors, basis sites with orbitals, and the spinful normal-state
 * Bloch blocks h(R)_{(l,s),(l',s')} = ⟨l s, 0|H|l' s', R⟩ = H(R)_{mn}/ndegen(R)
 * (eV) over the cell's nodes l (one Wannier function, or one spinor pair, each).
 *
 * - With wsvec shifts, H(R)_mn hops to every R + T_j with weight 1/N_mn
 *   (use_ws_distance), exactly as Wannier90's own H(k).
 * - A spinless file is ⊗σ0; a spinor file is spinful with its functions
 *   ordered (o1↑, o1↓, o2↑, …) ("interleaved", Wannier90's order) or
 *   (o1↑, o2↑, …, o1↓, o2↓, …) ("blocked").
 * - Hermiticity: the file's largest |h(−R) − h(R)†| is reported and the
 *   blocks are symmetrized, h(R) → [h(R) + h(−R)†]/2 (a Wannier90 file is
 *   Hermitian only to its printed digits).
 * - Without groupByAtom every function (spinor pair) is a basis site named by
 *   its 1-based index at its centre (the cell origin without centres); with it
 *   the functions become the orbitals of their nearest atom (minimal image
 *   over lattice translations), whose cell shifts enter the hoppings.
 */
import { InputError } from '../errors.js';
import type { BlochBlocks } from '../host/host.js';
import type { BasisInput } from '../lattice/presets.js';
import type { Atom } from './centres.js';
import type { WannierHr } from './hr.js';
import type { NamedK } from './win.js';
import type { WannierShifts } from './wsvec.js';

export type SpinorOrder = false | 'interleaved' | 'blocked';

export interface WannierInputs {
  hr: WannierHr;
  /** Lattice vectors (Å), rows of a row-major 3×3 matrix. */
  vectors: Float64Array;
  /** Wannier centres (Å), three per function, or null. */
  centres: Float64Array | null;
  atoms: Atom[];
  shifts: WannierShifts | null;
  spinors: SpinorOrder;
  groupByAtom: boolean;
  /** Elements with |H(R)_mn/ndegen(R)| below this (eV) are dropped. */
  cutoff: number;
  kpath: [NamedK, NamedK][];
  /** Field prefix for errors, e.g. 'lattice.wannier90'. */
  field: string;
}

export interface WannierHost {
  /** Bravais vectors (Å) as three rows. */
  vectors: number[][];
  basis: BasisInput[];
  /** Normal-state spinful Bloch blocks over the m nodes of a cell (size 2m, index 2l + s). */
  blocks: BlochBlocks;
  kpath: [NamedK, NamedK][];
  /** Largest |h(−R) − h(R)†| of the file (eV) and where. */
  hermiticity: { deviation: number; cell: [number, number, number]; m: number; n: number };
  /** Largest |R_a| of any kept hopping, per axis. */
  reach: [number, number, number];
}

const norm3 = (x: number, y: number, z: number) => Math.hypot(x, y, z);

/** Assign each Wannier function to its nearest atom (minimal image): atom index and the cell T of that image. */
function nearestAtoms(centres: Float64Array, atoms: Atom[], a: Float64Array, field: string): { atom: number; cell: number[] }[] {
  const W = centres.length / 3;
  const out: { atom: number; cell: number[] }[] = [];
  for (let w = 0; w < W; w++) {
    let best = { d: Infinity, atom: -1, cell: [0, 0, 0] };
    for (let j = 0; j < atoms.length; j++)
      for (let n1 = -2; n1 <= 2; n1++)
        for (let n2 = -2; n2 <= 2; n2++)
          for (let n3 = -2; n3 <= 2; n3++) {
            const p = [0, 1, 2].map((x) => atoms[j]!.position[x] + n1 * a[x]! + n2 * a[3 + x]! + n3 * a[6 + x]!);
            const d = norm3(p[0]! - centres[3 * w]!, p[1]! - centres[3 * w + 1]!, p[2]! - centres[3 * w + 2]!);
            if (d < best.d - 1e-9) best = { d, atom: j, cell: [n1, n2, n3] };
          }
    if (best.atom < 0) throw new InputError(`${field}.groupByAtom`, 'needs atoms (atoms_frac/atoms_cart in the .win file, or atoms in the centres file)');
    out.push({ atom: best.atom, cell: best.cell });
  }
  return out;
}

export function wannierHost(inp: WannierInputs): WannierHost {
  const { hr, vectors: a, field } = inp;
  const W = hr.numWann;
  if (inp.centres && inp.centres.length !== 3 * W) throw new InputError(`${field}.centres`, `expected ${W} Wannier centres (num_wann of the hr file), got ${inp.centres.length / 3}`);
  if (inp.spinors && W % 2 !== 0) throw new InputError(`${field}.spinors`, `a spinor model needs an even num_wann, got ${W}`);
  const m = inp.spinors ? W / 2 : W;
  // Wannier function w ↦ (orbital l, spin s); spinless: s = -1 (⊗σ0).
  const orbitalOf = (w: number) => (!inp.spinors ? w : inp.spinors === 'interleaved' ? w >> 1 : w % m);
  const spinOf = (w: number) => (!inp.spinors ? -1 : inp.spinors === 'interleaved' ? w & 1 : Math.floor(w / m));

  // Orbital l's position (the centre, averaged over a spinor pair) and, with groupByAtom, its atom and cell shift.
  const pos = Array.from({ length: m }, () => [0, 0, 0]);
  if (inp.centres)
    for (let w = 0; w < W; w++) for (let x = 0; x < 3; x++) pos[orbitalOf(w)]![x]! += inp.centres[3 * w + x]! / (inp.spinors ? 2 : 1);
  let order = Array.from({ length: m }, (_, l) => l); // node index of orbital l
  let cellShift = Array.from({ length: m }, () => [0, 0, 0]);
  let basis: BasisInput[];
  if (inp.groupByAtom) {
    if (!inp.centres) throw new InputError(`${field}.groupByAtom`, 'needs the Wannier centres ("centres": seedname_centres.xyz)');
    if (inp.atoms.length === 0) throw new InputError(`${field}.groupByAtom`, 'needs atoms (atoms_frac/atoms_cart in the .win file, or atoms in the centres file)');
    const near = nearestAtoms(Float64Array.from(pos.flat()), inp.atoms, a, field);
    const used = inp.atoms.map((_, j) => near.some((q) => q.atom === j));
    const atomIndex = inp.atoms.map((_, j) => used.slice(0, j).filter(Boolean).length);
    order = new Array(m);
    let next = 0;
    inp.atoms.forEach((_, j) => near.forEach((q, l) => { if (q.atom === j) order[l] = next++; }));
    cellShift = near.map((q) => q.cell);
    basis = inp.atoms.flatMap((at, j) => (used[j] ? [{ name: `${at.symbol}${atomIndex[j]! + 1}`, position: [...at.position], orbitals: near.filter((q) => q.atom === j).length }] : []));
  } else basis = pos.map((p, l) => ({ name: String(l + 1), position: p, orbitals: 1 }));

  const size = 2 * m;
  const slots = new Map<string, number>();
  const cells: number[] = [];
  const data: Float64Array[] = [];
  const blockOf = (R: number[]) => {
    const key = R.join(',');
    let s = slots.get(key);
    if (s === undefined) {
      s = data.length;
      slots.set(key, s);
      cells.push(...R);
      data.push(new Float64Array(2 * size * size));
    }
    return data[s]!;
  };
  for (let r = 0; r < hr.nrpts; r++) {
    const nd = hr.ndegen[r]!;
    const R = [hr.cells[3 * r]!, hr.cells[3 * r + 1]!, hr.cells[3 * r + 2]!];
    for (let mm = 0; mm < W; mm++)
      for (let nn = 0; nn < W; nn++) {
        const s = (r * W + mm) * W + nn;
        const re = hr.H[2 * s]! / nd, im = hr.H[2 * s + 1]! / nd;
        if (re === 0 && im === 0) continue;
        if (inp.cutoff > 0 && Math.hypot(re, im) < inp.cutoff) continue;
        const [lm, ln] = [orbitalOf(mm), orbitalOf(nn)];
        const [sm, sn] = [spinOf(mm), spinOf(nn)];
        const [i, j] = [order[lm]!, order[ln]!];
        const base = [0, 1, 2].map((x) => R[x]! + cellShift[ln]![x]! - cellShift[lm]![x]!);
        const T = inp.shifts ? inp.shifts.shifts.subarray(3 * inp.shifts.offsets[s]!, 3 * inp.shifts.offsets[s + 1]!) : new Int32Array(3);
        const N = T.length / 3;
        for (let t = 0; t < N; t++) {
          const blk = blockOf(base.map((x, c) => x + T[3 * t + c]!));
          for (let spin = 0; spin < 2; spin++) {
            if (sm >= 0 && spin > 0) break;
            const [p, q] = sm < 0 ? [2 * i + spin, 2 * j + spin] : [2 * i + sm, 2 * j + sn];
            blk[2 * (p * size + q)] += re / N;
            blk[2 * (p * size + q) + 1] += im / N;
          }
        }
      }
  }
  // Symmetrize h(R) ← [h(R) + h(−R)†]/2, adding missing partners.
  const n0 = data.length;
  for (let s = 0; s < n0; s++) blockOf([-cells[3 * s]!, -cells[3 * s + 1]!, -cells[3 * s + 2]!]);
  const hermiticity = { deviation: 0, cell: [0, 0, 0] as [number, number, number], m: 0, n: 0 };
  const done = new Uint8Array(data.length);
  for (let s = 0; s < data.length; s++) {
    if (done[s]) continue;
    const t = slots.get([-cells[3 * s]!, -cells[3 * s + 1]!, -cells[3 * s + 2]!].join(','))!;
    const [A, B] = [data[s]!, data[t]!];
    for (let p = 0; p < size; p++)
      for (let q = 0; q < size; q++) {
        if (s === t && q < p) continue;
        const u = 2 * (p * size + q), v = 2 * (q * size + p);
        const dev = Math.hypot(A[u]! - B[v]!, A[u + 1]! + B[v + 1]!);
        if (dev > hermiticity.deviation) {
          const w = (l: number) => order.indexOf(l >> 1) + 1;
          Object.assign(hermiticity, { deviation: dev, cell: [cells[3 * s]!, cells[3 * s + 1]!, cells[3 * s + 2]!], m: w(p), n: w(q) });
        }
        const re = (A[u]! + B[v]!) / 2, im = (A[u + 1]! - B[v + 1]!) / 2;
        A[u] = re; A[u + 1] = im;
        B[v] = re; B[v + 1] = -im;
      }
    done[s] = done[t] = 1;
  }
  const reach: [number, number, number] = [0, 0, 0];
  for (let s = 0; s < data.length; s++) for (let x = 0; x < 3; x++) reach[x] = Math.max(reach[x], Math.abs(cells[3 * s + x]!));
  const blocks = new Float64Array(data.length * 2 * size * size);
  data.forEach((d, s) => blocks.set(d, s * 2 * size * size));
  return {
    vectors: [0, 1, 2].map((k) => Array.from(a.subarray(3 * k, 3 * k + 3))),
    basis,
    blocks: { dim: 3, size, displacements: Int32Array.from(cells), blocks },
    kpath: inp.kpath,
    hermiticity,
    reach,
  };
}
