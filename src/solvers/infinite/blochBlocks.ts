/**
 * Bloch blocks (src/host/host.ts): the input of the infinite-host solver, for any Bravais lattice
 * with a basis. A unit cell holds m BdG nodes (4 components each, N = 4m
 * unknowns); the host is given by its couplings h(R_j) (N×N) between cell 0
 * and cell R_j ∈ Z^d, i.e. the real-space blocks H_{r, r+R_j} = h(R_j), so
 *   H(k) = Σ_j h(R_j) e^{2πi k·R_j}   (k in reduced coordinates, [0, 1)^d),
 * and the Green's function from cell 0 to cell R is
 *   G(R, z) = [(z − H)⁻¹]_{0,R} = ∫_{[0,1)^d} d^dk e^{−2πi k·R} (z − H(k))⁻¹.
 */
import { InputError } from '../../errors.js';
import type { BlochBlocks } from '../../host/host.js';

export type { BlochBlocks };

/** Number of blocks. */
export const blockCount = (b: BlochBlocks): number => b.displacements.length / 3;

/** Check shapes, finiteness and Hermiticity of H(k) (h(−R) = h(R)†); throws InputError naming the field. */
export function checkBlochBlocks(b: BlochBlocks): void {
  if (!b || !Number.isInteger(b.dim) || b.dim < 1 || b.dim > 3) throw new InputError('blocks.dim', 'an integer 1..3');
  const N = b.size;
  if (!Number.isInteger(N) || N < 1) throw new InputError('blocks.size', 'a positive integer');
  if (!(b.displacements instanceof Int32Array) || b.displacements.length % 3 !== 0)
    throw new InputError('blocks.displacements', 'an Int32Array of 3 integers per block');
  const count = blockCount(b);
  if (!(b.blocks instanceof Float64Array) || b.blocks.length !== 2 * N * N * count)
    throw new InputError('blocks.blocks', `a Float64Array of ${2 * N * N} numbers per block (${count} blocks)`);
  let scale = 0;
  for (const v of b.blocks) {
    if (!Number.isFinite(v)) throw new InputError('blocks.blocks', 'finite numbers');
    scale = Math.max(scale, Math.abs(v));
  }
  const key = (j: number, sign: number) => Array.from(b.displacements.subarray(3 * j, 3 * j + b.dim), (x) => sign * x).join(',');
  const index = new Map<string, number>();
  for (let j = 0; j < count; j++) {
    if (index.has(key(j, 1))) throw new InputError('blocks.displacements', `displacement [${key(j, 1)}] appears twice`);
    index.set(key(j, 1), j);
  }
  const N2 = N * N;
  for (let j = 0; j < count; j++) {
    const partner = index.get(key(j, -1));
    for (let a = 0; a < N; a++)
      for (let c = 0; c < N; c++) {
        const p = 2 * (N2 * j + a * N + c);
        const [re, im] = [b.blocks[p]!, b.blocks[p + 1]!];
        let dev: number;
        if (partner === undefined) dev = Math.hypot(re, im);
        else {
          const q = 2 * (N2 * partner + c * N + a);
          dev = Math.hypot(re - b.blocks[q]!, im + b.blocks[q + 1]!);
        }
        if (dev > 1e-11 * Math.max(1, scale))
          throw new InputError('blocks', `H(k) is not Hermitian: h(−R) ≠ h(R)† at R = [${key(j, 1)}], entry (${a}, ${c})`);
      }
  }
}

/**
 * Orbital sectors: the components joined by nonzero entries of any block
 * (union–find). G(R, z) vanishes between components of different sectors, so
 * each sector is solved on its own.
 */
export function componentSectors(b: BlochBlocks): number[][] {
  const N = b.size;
  const root = Array.from({ length: N }, (_, a) => a);
  const find = (a: number): number => (root[a] === a ? a : (root[a] = find(root[a]!)));
  const count = blockCount(b);
  for (let j = 0; j < count; j++)
    for (let a = 0; a < N; a++)
      for (let c = 0; c < N; c++) {
        const p = 2 * (N * N * j + a * N + c);
        if (b.blocks[p] !== 0 || b.blocks[p + 1] !== 0) root[find(a)] = find(c);
      }
  const sectors = new Map<number, number[]>();
  for (let a = 0; a < N; a++) {
    const r = find(a);
    if (!sectors.has(r)) sectors.set(r, []);
    sectors.get(r)!.push(a);
  }
  return [...sectors.values()];
}
