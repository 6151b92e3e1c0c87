/**
 * Adapter from today's cubic one-orbital hosts to Bloch blocks: the unit cell
 * read off the finite periodic host by extractUnitCell (kspace/unitCell.ts), in
 * the uniform gauge of the supercurrent winding ν, and the gauge factors that
 * turn the uniform-gauge G'(R) back into the physical G between two positions.
 */
import { InputError } from '../../errors.js';
import type { HostData } from '../../host/host.js';
import { extractUnitCell } from '../kspace/unitCell.js';
import type { BlochBlocks } from './blochBlocks.js';

/** The infinite host described by a periodic host's unit cell (4×4 blocks, m = 1), plus what the gauge needs. */
export interface CubicInfiniteHost {
  readonly blocks: BlochBlocks;
  /** Winding ν and the x period L_x of the pairing phase φ = 2πνx/L_x (a uniform supercurrent in the infinite host). */
  readonly winding: number;
  readonly periodX: number;
}

/**
 * Bloch blocks of a translation-invariant periodic host with one node per cell (chain, square,
 * cubic, triangular, bcc, fcc with one orbital; throws InputError like the k-space planner).
 * The winding's x is the cell coordinate along a_1 (DESIGN.md: the fractional coordinate).
 */
export function cubicInfiniteHost(host: HostData): CubicInfiniteHost {
  if (host.geometry.nodesPerCell !== 1)
    throw new InputError('--infinite', `the adaptive infinite host needs one orbital per unit cell, this lattice has ${host.geometry.nodesPerCell}: use --infinite M (a k-mesh) for lattices with a basis or several orbitals`);
  const cell = extractUnitCell(host.matrix, host.geometry, host.winding);
  const d = host.geometry.dim;
  const winding = host.winding;
  for (let a = 0; a < d; a++)
    if (cell.tiedAxes[a])
      throw new InputError(
        'lattice.shape',
        `axis ${a} has ${cell.size[a]} sites, so a coupling at displacement ${cell.size[a] / 2} has no definite direction in the infinite host; use at least 3 sites on that axis`,
      );
  const displacements = new Int32Array(3 * cell.classes);
  for (let c = 0; c < cell.classes; c++) for (let a = 0; a < d; a++) displacements[3 * c + a] = cell.reps[3 * c + a]!;
  return { blocks: { dim: d, size: 4, displacements, blocks: cell.blocks.slice() }, winding, periodX: cell.size[0] };
}

/**
 * The physical 4×4 block G_ij = U_i G'(r_j − r_i) U_j† between positions with
 * x coordinates xi, xj (U = diag(e^{iθ}, e^{iθ}, e^{−iθ}, e^{−iθ}), θ = πνx/L_x),
 * from the uniform-gauge block at `src` (32 numbers), written at
 * out[offset + 2(a·rowStride + c)].
 */
export function physicalBlock(host: CubicInfiniteHost, src: Float64Array, srcOffset: number, xi: number, xj: number, out: Float64Array, offset: number, rowStride: number): void {
  const sumAngle = (Math.PI * host.winding * (xi + xj)) / host.periodX;
  const diffAngle = (Math.PI * host.winding * (xi - xj)) / host.periodX;
  for (let a = 0; a < 4; a++)
    for (let c = 0; c < 4; c++) {
      const ea = a < 2, ec = c < 2;
      const angle = ea === ec ? (ea ? diffAngle : -diffAngle) : ea ? sumAngle : -sumAngle;
      const fr = Math.cos(angle), fi = Math.sin(angle);
      const s = srcOffset + 2 * (4 * a + c);
      const vr = src[s]!, vi = src[s + 1]!;
      const p = offset + 2 * (a * rowStride + c);
      out[p] = vr * fr - vi * fi;
      out[p + 1] = vr * fi + vi * fr;
    }
}
