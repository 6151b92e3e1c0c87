/**
 * The unit-cell data of a translation-invariant BdG host, read off its
 * block-sparse matrix over nodes (src/host/host.ts: m nodes per cell): one
 * b×b block h'(c), b = 4m, per cell-displacement class c = (n_j − n_i) mod L,
 * in the uniform gauge of the supercurrent winding. Entry (4l + a, 4l' + e)
 * couples component a of node l of cell n to component e of node l' of cell
 * n + rep(c).
 *
 * Gauge (DESIGN.md §1, winding ν along a_1): the pairing phases
 * φ_i = 2πν x_i/L_1 and φ_ij = 2πν(x_i + δx/2)/L_1, with x the fractional
 * coordinate along a_1 (x = n1 + f_1(l); on cubic lattices the site's x), are
 * removed by c_j → e^{iθ_j} c_j with θ_j = φ_j/2 = πν x_j/L_1 (holes get
 * e^{−iθ_j}): with U_j = diag(e^{iθ_j}, e^{iθ_j}, e^{−iθ_j}, e^{−iθ_j}),
 * H' = U† H U has uniform Δ and hoppings with the Peierls phase
 * e^{±iπν δx/L_1}. θ is not periodic: a bond across the a_1 edge picks up
 * (−1)^ν in every block, so H' is translation invariant with the twisted
 * boundary condition ψ(r + L_1 a_1) = (−1)^ν ψ(r). Writing each class by a
 * representative cell displacement rep(c) (the minimal image, ties towards
 * +L/2) and w = (rep − raw)/L_1 for the number of a_1 edges crossed,
 * translation invariance reads
 *   H'_ij = h'(c)_{l_i l_j} (−1)^{ν w_ij}   for every stored block (i, j),
 * and the twisted Bloch waves e^{ik·n}, k_1 = (2πn + πν)/L_1, block-diagonalize
 * H' to H'(k) = Σ_c h'(c) e^{ik·rep(c)} (exactly, also for ties: another
 * representative changes h'(c) and e^{ik·rep} by the same sign).
 */

import { InputError } from '../../errors.js';
import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import type { BlochBlocks, HostGeometry } from '../../host/host.js';

export interface UnitCell {
  /** Cells per axis, padded to three axes. */
  readonly size: readonly [number, number, number];
  /** Nodes per cell m (blocks are b×b, b = 4m). */
  readonly nodesPerCell: number;
  /** Number of displacement classes. */
  readonly classes: number;
  /** rep(c): three integers per class. */
  readonly reps: Int32Array;
  /** h'(c): 2b² interleaved numbers per class (b×b complex, row-major), uniform gauge. */
  readonly blocks: Float64Array;
  /** Whether any nonzero block has a displacement of exactly L_a/2 on axis a (ambiguous as a bond vector). */
  readonly tiedAxes: readonly [boolean, boolean, boolean];
}

/** The fractional coordinate along a_1 of each node of a cell (f_1(l); 0 on cubic lattices). */
export function nodeOffsets1(g: HostGeometry): Float64Array {
  const a = g.vectors;
  // f_1 = b_1·p with b_1 the first dual vector: solve by Cramer's rule on the 3×3 rows.
  const det =
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) - a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) + a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const b1 = [(a[4]! * a[8]! - a[5]! * a[7]!) / det, -(a[3]! * a[8]! - a[5]! * a[6]!) / det, (a[3]! * a[7]! - a[4]! * a[6]!) / det];
  const out = new Float64Array(g.nodesPerCell);
  for (let l = 0; l < g.nodesPerCell; l++) {
    const p = g.cellPositions;
    out[l] = b1[0]! * p[3 * l]! + b1[1]! * p[3 * l + 1]! + b1[2]! * p[3 * l + 2]!;
  }
  return out;
}

/** Phase coordinate x = n1 + f_1(l) of every node (the a_1 coordinate of the supercurrent gauge). */
export function nodeX(g: HostGeometry): Float64Array {
  const m = g.nodesPerCell;
  const [, L2, L3] = g.shape;
  const f = nodeOffsets1(g);
  const n = g.shape[0] * L2 * L3 * m;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = Math.floor(Math.floor(k / m) / (L2 * L3)) + f[k % m]!;
  return out;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * The unit cell taken from a host's own Bloch blocks (HostData.bloch): one
 * class per displacement R with rep(c) = R unfolded, so that H(k) =
 * Σ_R h(R) e^{ik·R} holds on any mesh (on the sample's own mesh it equals the
 * folded matrix).
 */
export function blochUnitCell(bloch: BlochBlocks, geometry: HostGeometry): UnitCell {
  if (bloch.size !== 4 * geometry.nodesPerCell) throw new InputError('host.bloch', `expected ${4 * geometry.nodesPerCell}×${4 * geometry.nodesPerCell} blocks, got ${bloch.size}`);
  return {
    size: [...geometry.shape],
    nodesPerCell: geometry.nodesPerCell,
    classes: bloch.displacements.length / 3,
    reps: bloch.displacements,
    blocks: bloch.blocks,
    tiedAxes: [false, false, false],
  };
}

/**
 * Extract the unit cell of H0 in the uniform gauge of winding ν and check that
 * every stored block agrees with it (tolerance `tol` relative to the largest
 * entry). Throws InputError('hamiltonian', …) naming the first block that
 * breaks translation invariance (impurities, custom blocks, another ν).
 */
export function extractUnitCell(matrix: BlockSparse, geometry: HostGeometry, winding: number, tol = 1e-11): UnitCell {
  const { nSites, b: bs, rowPtr, colIdx, values } = matrix;
  if (bs !== 4) throw new InputError('hamiltonian', `expected 4×4 BdG blocks, got ${bs}×${bs}`);
  const m = geometry.nodesPerCell;
  const B = 4 * m;
  const size = geometry.shape;
  const [Lx, Ly, Lz] = size;
  const xs = nodeX(geometry);
  const cellOf = (n: number) => Math.floor(n / m);
  const n1Of = (n: number) => Math.floor(cellOf(n) / (Ly * Lz));
  const n2Of = (n: number) => Math.floor(cellOf(n) / Lz) % Ly;
  const n3Of = (n: number) => cellOf(n) % Lz;

  let scale = 1;
  for (let k = 0; k < values.length; k++) scale = Math.max(scale, Math.abs(values[k]!));
  const tolerance = tol * scale;

  /** implied ← H'_ij (−1)^{ν w}: the gauge-frame block of stored block k from node i to node j; returns the class key. */
  const implied = new Float64Array(32);
  const rep = [0, 0, 0];
  const gaugeBlock = (k: number, i: number, j: number): number => {
    const raw = [n1Of(j) - n1Of(i), n2Of(j) - n2Of(i), n3Of(j) - n3Of(i)];
    let key = 0;
    for (let a = 0; a < 3; a++) {
      const c = mod(raw[a]!, size[a]!);
      rep[a] = 2 * c <= size[a]! ? c : c - size[a]!;
      key = key * size[a]! + c;
    }
    const wraps = (rep[0]! - raw[0]!) / Lx;
    const sign = (winding * wraps) % 2 === 0 ? 1 : -1;
    const ti = (Math.PI * winding * xs[i]!) / Lx, tj = (Math.PI * winding * xs[j]!) / Lx;
    const ur = Math.cos(ti), ui = Math.sin(ti), vr = Math.cos(tj), vi = Math.sin(tj);
    for (let a = 0; a < 4; a++)
      for (let c = 0; c < 4; c++) {
        // conj(U_i[a]) H_ij[a][c] U_j[c], U = e^{iθ} on electrons (a < 2), e^{−iθ} on holes.
        const pr = ur, pi = a < 2 ? -ui : ui;
        const qr = vr, qi = c < 2 ? vi : -vi;
        const fr = pr * qr - pi * qi, fi = pr * qi + pi * qr;
        const s = 2 * (16 * k + 4 * a + c), d = 2 * (4 * a + c);
        const hr = values[s]!, hi = values[s + 1]!;
        implied[d] = sign * (hr * fr - hi * fi);
        implied[d + 1] = sign * (hr * fi + hi * fr);
      }
    return key;
  };

  // Classes and the stored (class, l_j) slots of each row l of cell 0.
  const classOfKey = new Map<number, number>();
  const repList: number[] = [];
  const slotOf = Array.from({ length: m }, () => new Map<number, number>());
  const slotBlocks: Float64Array[] = [];
  const slotClass: number[] = [];
  const slotPair: [number, number][] = [];
  const tiedAxes: [boolean, boolean, boolean] = [false, false, false];
  for (let l = 0; l < m; l++)
    for (let k = rowPtr[l]!; k < rowPtr[l + 1]!; k++) {
      const j = colIdx[k]!;
      const key = gaugeBlock(k, l, j);
      let c = classOfKey.get(key);
      if (c === undefined) {
        c = repList.length / 3;
        classOfKey.set(key, c);
        repList.push(...rep);
      }
      slotOf[l]!.set(key * m + (j % m), slotBlocks.length);
      slotBlocks.push(implied.slice());
      slotClass.push(c);
      slotPair.push([l, j % m]);
      const nonzero = implied.some((v) => v !== 0);
      for (let a = 0; a < 3; a++) if (nonzero && size[a]! > 1 && 2 * rep[a]! === size[a]!) tiedAxes[a] = true;
    }
  const classes = repList.length / 3;
  const blocks = new Float64Array(2 * B * B * classes);
  slotBlocks.forEach((blk, s) => {
    const [li, lj] = slotPair[s]!;
    const base = 2 * B * B * slotClass[s]!;
    for (let a = 0; a < 4; a++)
      for (let c = 0; c < 4; c++) {
        const d = base + 2 * ((4 * li + a) * B + 4 * lj + c);
        blocks[d] = blk[2 * (4 * a + c)]!;
        blocks[d + 1] = blk[2 * (4 * a + c) + 1]!;
      }
  });

  const label = (n: number) => `[${[n1Of(n), n2Of(n), n3Of(n)].slice(0, geometry.dim).join(', ')}]${m > 1 ? ` node ${n % m}` : ''}`;
  const fail = (i: number, j: number, dev: number): never => {
    throw new InputError(
      'hamiltonian',
      `H0 is not translation invariant${winding !== 0 ? ` in the gauge of winding ν = ${winding}` : ''}: block (${i}, ${j}) between sites ${label(i)} and ${label(j)} differs by ${dev.toExponential(2)} from the block at the same displacement from cell 0 (impurities, custom blocks, or a supercurrent winding not passed as options.winding?); use the real-space solver`,
    );
  };
  const maxAbs = (blk: Float64Array) => {
    let dev = 0;
    for (let e = 0; e < 32; e += 2) dev = Math.max(dev, Math.hypot(blk[e]!, blk[e + 1]!));
    return dev;
  };
  const lastSeen = new Int32Array(slotBlocks.length).fill(-1);
  for (let i = 0; i < nSites; i++) {
    const l = i % m;
    const slots = slotOf[l]!;
    let seen = 0;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      const s = slots.get(gaugeBlock(k, i, j) * m + (j % m));
      let dev = 0;
      if (s === undefined) dev = maxAbs(implied);
      else {
        const ref = slotBlocks[s]!;
        for (let e = 0; e < 32; e += 2) dev = Math.max(dev, Math.hypot(implied[e]! - ref[e]!, implied[e + 1]! - ref[e + 1]!));
        lastSeen[s] = i;
        seen++;
      }
      if (dev > tolerance) fail(i, j, dev);
    }
    if (seen === slots.size) continue;
    for (const s of slots.values()) {
      if (lastSeen[s] === i) continue;
      const dev = maxAbs(slotBlocks[s]!);
      if (dev <= tolerance) continue;
      const c = slotClass[s]!;
      const r = [n1Of(i), n2Of(i), n3Of(i)];
      const target = [0, 1, 2].map((a) => mod(r[a]! + repList[3 * c + a]!, size[a]!));
      fail(i, (target[2]! + Lz * (target[1]! + Ly * target[0]!)) * m + slotPair[s]![1], dev);
    }
  }
  return { size: [Lx, Ly, Lz], nodesPerCell: m, classes, reps: Int32Array.from(repList), blocks, tiedAxes };
}
