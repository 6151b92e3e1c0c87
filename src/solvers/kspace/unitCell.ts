/**
 * The unit-cell data of a translation-invariant BdG host, read off its
 * block-sparse matrix: one 4×4 block h'(c) per displacement class
 * c = (r_j − r_i) mod L, in the uniform gauge of the supercurrent winding.
 *
 * Gauge (DESIGN.md §1, winding ν): the pairing phases φ_i = 2πν x_i/L_x and
 * φ_ij = 2πν(x_i + δ_x/2)/L_x are removed by c_j → e^{iθ_j} c_j with
 * θ_j = φ_j/2 = πν x_j/L_x (holes get e^{−iθ_j}): with
 * U_j = diag(e^{iθ_j}, e^{iθ_j}, e^{−iθ_j}, e^{−iθ_j}), H' = U† H U has
 * uniform Δ and hoppings with the Peierls phase e^{±iπν δ_x/L_x}. θ is not
 * periodic: a bond across the x edge picks up (−1)^ν in every orbital block,
 * so H' is translation invariant with the twisted boundary condition
 * ψ(r + L_x x̂) = (−1)^ν ψ(r). Writing each class by a representative
 * displacement rep(c) (the minimal image, ties towards +L/2) and w = (rep − raw)/L_x
 * for the number of x edges crossed, translation invariance reads
 *   H'_ij = h'(c) (−1)^{ν w_ij}   for every stored block (i, j),
 * and the twisted plane waves e^{ik·r}, k_x = (2πn + πν)/L_x, diagonalize H'
 * to H'(k) = Σ_c h'(c) e^{ik·rep(c)} (exactly, also for ties: another
 * representative changes h'(c) and e^{ik·rep} by the same sign).
 */

import { InputError } from '../../errors.js';
import type { BdGHamiltonian } from '../../hamiltonian/bdg.js';

export interface UnitCell {
  /** Lattice sizes padded to three axes. */
  readonly size: readonly [number, number, number];
  /** Number of displacement classes (stored blocks of site 0). */
  readonly classes: number;
  /** rep(c): three integers per class. */
  readonly reps: Int32Array;
  /** h'(c): 32 interleaved numbers per class (4×4 complex, row-major), uniform gauge. */
  readonly blocks: Float64Array;
  /** Whether any nonzero block has a displacement of exactly L_a/2 on axis a (ambiguous as a bond vector). */
  readonly tiedAxes: readonly [boolean, boolean, boolean];
}

/** e^{iθ(x)} for θ(x) = πν x/L_x, x = 0..L_x − 1. */
export function gaugeTable(winding: number, Lx: number): Float64Array {
  const table = new Float64Array(2 * Lx);
  for (let x = 0; x < Lx; x++) {
    const theta = (Math.PI * winding * x) / Lx;
    table[2 * x] = Math.cos(theta);
    table[2 * x + 1] = Math.sin(theta);
  }
  return table;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * Extract the unit cell of H0 in the uniform gauge of winding ν and check that
 * every stored block agrees with it (tolerance `tol` relative to the largest
 * entry). Throws InputError('hamiltonian', …) naming the first block that
 * breaks translation invariance (impurities, custom blocks, another ν).
 */
export function extractUnitCell(h: BdGHamiltonian, winding: number, tol = 1e-11): UnitCell {
  const { lattice } = h;
  const { nSites, b, rowPtr, colIdx, values } = h.matrix;
  if (b !== 4) throw new InputError('hamiltonian', `expected 4×4 BdG blocks, got ${b}×${b}`);
  const size = lattice.size;
  const [Lx, Ly, Lz] = size;
  const gauge = gaugeTable(winding, Lx);
  const xOf = (n: number) => Math.floor(n / (Ly * Lz));
  const yOf = (n: number) => Math.floor(n / Lz) % Ly;
  const zOf = (n: number) => n % Lz;

  let scale = 1;
  for (let k = 0; k < values.length; k++) scale = Math.max(scale, Math.abs(values[k]!));
  const tolerance = tol * scale;

  /** implied ← H'_ij (−1)^{ν w}: the gauge-frame block of stored block k from site i to site j. */
  const implied = new Float64Array(32);
  const rep = [0, 0, 0];
  const gaugeBlock = (k: number, i: number, j: number): number => {
    const xi = xOf(i), xj = xOf(j);
    const raw = [xj - xi, yOf(j) - yOf(i), zOf(j) - zOf(i)];
    let key = 0;
    for (let a = 0; a < 3; a++) {
      const c = mod(raw[a]!, size[a]!);
      rep[a] = 2 * c <= size[a]! ? c : c - size[a]!;
      key = key * size[a]! + c;
    }
    const wraps = (rep[0]! - raw[0]!) / Lx;
    const sign = (winding * wraps) % 2 === 0 ? 1 : -1;
    const ur = gauge[2 * xi]!, ui = gauge[2 * xi + 1]!, vr = gauge[2 * xj]!, vi = gauge[2 * xj + 1]!;
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

  const classOf = new Int32Array(nSites).fill(-1);
  const classes = rowPtr[1]! - rowPtr[0]!;
  const reps = new Int32Array(3 * classes);
  const blocks = new Float64Array(32 * classes);
  const tiedAxes: [boolean, boolean, boolean] = [false, false, false];
  for (let k = rowPtr[0]!, c = 0; k < rowPtr[1]!; k++, c++) {
    const key = gaugeBlock(k, 0, colIdx[k]!);
    classOf[key] = c;
    blocks.set(implied, 32 * c);
    reps.set(rep, 3 * c);
    const nonzero = implied.some((v) => v !== 0);
    for (let a = 0; a < 3; a++) if (nonzero && size[a]! > 1 && 2 * rep[a]! === size[a]!) tiedAxes[a] = true;
  }

  const fail = (i: number, j: number, dev: number): never => {
    const [ri, rj] = [i, j].map((s) => lattice.site(s).slice(0, lattice.dim).join(', '));
    throw new InputError(
      'hamiltonian',
      `H0 is not translation invariant${winding !== 0 ? ` in the gauge of winding ν = ${winding}` : ''}: block (${i}, ${j}) between sites [${ri}] and [${rj}] differs by ${dev.toExponential(2)} from the block at the same displacement from site 0 (impurities, custom blocks, or a supercurrent winding not passed as options.winding?); use the real-space solver`,
    );
  };
  const lastSeen = new Int32Array(classes).fill(-1);
  for (let i = 0; i < nSites; i++) {
    let seen = 0;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      const c = classOf[gaugeBlock(k, i, j)]!;
      let dev = 0;
      for (let e = 0; e < 32; e += 2) {
        const rr = c >= 0 ? blocks[32 * c + e]! : 0, ri = c >= 0 ? blocks[32 * c + e + 1]! : 0;
        dev = Math.max(dev, Math.hypot(implied[e]! - rr, implied[e + 1]! - ri));
      }
      if (dev > tolerance) fail(i, j, dev);
      if (c >= 0) {
        lastSeen[c] = i;
        seen++;
      }
    }
    if (seen === classes) continue;
    for (let c = 0; c < classes; c++) {
      if (lastSeen[c] === i) continue;
      let dev = 0;
      for (let e = 0; e < 32; e += 2) dev = Math.max(dev, Math.hypot(blocks[32 * c + e]!, blocks[32 * c + e + 1]!));
      if (dev <= tolerance) continue;
      const r = lattice.site(i);
      const target = [0, 1, 2].map((a) => mod(r[a]! + reps[3 * c + a]!, size[a]!));
      fail(i, lattice.index(target), dev);
    }
  }
  return { size: [Lx, Ly, Lz], classes, reps, blocks, tiedAxes };
}
