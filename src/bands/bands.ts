/**
 * Band structure of a translation-invariant host from its Bloch blocks
 * (host/host.ts): H(k) = Σ_j h(R_j) e^{2πi k·R_j} with k in reduced
 * coordinates (fractions of the reciprocal vectors b_i, b_i·a_j = δ_ij), so
 * that k·R = k1 n1 + k2 n2 + k3 n3 for R = Σ n_i a_i (the Wannier90
 * convention). The eigenvalues of H(k) are the bands ε_n(k).
 */
import { InputError } from '../errors.js';
import { eigvalsh } from '../math/eigh.js';
import type { BlochBlocks } from '../host/host.js';

/** Relative tolerance of the Hermiticity check h(−R) = h(R)†. */
const HERMITIAN_TOL = 1e-10;

/** Number of displacements R_j of a set of Bloch blocks. */
export const displacementCount = (blocks: BlochBlocks): number => blocks.displacements.length / 3;

/** Check the shape of the typed arrays (a programming error otherwise, reported as bad input). */
function checkShape(blocks: BlochBlocks): void {
  const { size: b, displacements, blocks: h } = blocks;
  if (!Number.isInteger(b) || b < 1) throw new InputError('blocks.size', `expected a positive integer, got ${b}`);
  if (displacements.length % 3 !== 0) throw new InputError('blocks.displacements', 'expected three integers per displacement');
  if (h.length !== displacementCount(blocks) * 2 * b * b)
    throw new InputError('blocks.blocks', `expected ${displacementCount(blocks)} blocks of ${b}×${b} complex numbers`);
}

/**
 * Check that H(k) is Hermitian for every k, i.e. h(−R) = h(R)† for every R
 * (a missing −R counts as a zero block), relative to the largest entry.
 * Throws an InputError naming the first displacement that breaks it.
 */
export function assertHermitianBlocks(blocks: BlochBlocks): void {
  checkShape(blocks);
  const { size: b, displacements: R, blocks: h } = blocks;
  const n = displacementCount(blocks);
  let scale = 0;
  for (let e = 0; e < h.length; e++) scale = Math.max(scale, Math.abs(h[e]!));
  const tol = HERMITIAN_TOL * Math.max(scale, 1e-300);
  const key = (j: number) => `${R[3 * j]},${R[3 * j + 1]},${R[3 * j + 2]}`;
  const index = new Map<string, number>();
  for (let j = 0; j < n; j++) {
    if (index.has(key(j))) throw new InputError('blocks.displacements', `displacement (${key(j)}) appears twice`);
    index.set(key(j), j);
  }
  const bb = 2 * b * b;
  for (let j = 0; j < n; j++) {
    const partner = index.get(`${-R[3 * j]!},${-R[3 * j + 1]!},${-R[3 * j + 2]!}`);
    let dev = 0;
    for (let r = 0; r < b; r++)
      for (let c = 0; c < b; c++) {
        const p = j * bb + 2 * (r * b + c);
        // h(−R)_{cr} must equal conj(h(R)_{rc}).
        const qr = partner === undefined ? 0 : h[partner * bb + 2 * (c * b + r)]!;
        const qi = partner === undefined ? 0 : h[partner * bb + 2 * (c * b + r) + 1]!;
        dev = Math.max(dev, Math.hypot(qr - h[p]!, qi + h[p + 1]!));
      }
    if (dev > tol)
      throw new InputError('hamiltonian', `H(k) is not Hermitian: h(−R) differs from h(R)† by ${dev.toExponential(2)} at R = (${key(j)})`);
  }
}

/**
 * H(k) = Σ_j h(R_j) e^{2πi k·R_j} as a b×b interleaved complex row-major
 * matrix, written into `out` (allocated when omitted). `k` holds the reduced
 * coordinates; entries beyond its length count as 0.
 */
export function blochHamiltonian(blocks: BlochBlocks, k: ArrayLike<number>, out?: Float64Array): Float64Array {
  const { size: b, displacements: R, blocks: h } = blocks;
  const bb = 2 * b * b;
  const H = out ?? new Float64Array(bb);
  if (H.length !== bb) throw new InputError('out', `expected a Float64Array of length ${bb}`);
  H.fill(0);
  const k1 = k[0] ?? 0, k2 = k[1] ?? 0, k3 = k[2] ?? 0;
  const n = R.length / 3;
  for (let j = 0; j < n; j++) {
    const phase = 2 * Math.PI * (k1 * R[3 * j]! + k2 * R[3 * j + 1]! + k3 * R[3 * j + 2]!);
    const cr = Math.cos(phase), ci = Math.sin(phase);
    const off = j * bb;
    for (let e = 0; e < bb; e += 2) {
      const hr = h[off + e]!, hi = h[off + e + 1]!;
      H[e] += hr * cr - hi * ci;
      H[e + 1] += hr * ci + hi * cr;
    }
  }
  return H;
}

/**
 * The bands ε_1(k) ≤ … ≤ ε_b(k) at each k (reduced coordinates): one
 * ascending Float64Array of length b per k. Checks Hermiticity first (the
 * eigensolver reads only one triangle, so a non-Hermitian input would give
 * silently wrong numbers).
 */
export function bandEnergies(blocks: BlochBlocks, ks: readonly ArrayLike<number>[]): Float64Array[] {
  assertHermitianBlocks(blocks);
  const H = new Float64Array(2 * blocks.size * blocks.size);
  return ks.map((k) => eigvalsh(blochHamiltonian(blocks, k, H), blocks.size, { overwrite: true }));
}

/**
 * The normal-state (electron) part of BdG Bloch blocks: rows and columns
 * with index mod 4 < 2 (c↑, c↓ of each orbital node, DESIGN.md §1), a
 * 2m×2m spinful H(R) from a 4m×4m Ĥ(R). The electron block of Ĥ is H
 * itself, whatever the pairing.
 */
export function electronBlocks(bdg: BlochBlocks): BlochBlocks {
  checkShape(bdg);
  const B = bdg.size;
  if (B % 4 !== 0) throw new InputError('blocks.size', `expected BdG blocks of size 4m, got ${B}`);
  const b = B / 2;
  const n = displacementCount(bdg);
  const out = new Float64Array(n * 2 * b * b);
  const electron = (i: number) => 4 * Math.floor(i / 2) + (i % 2);
  for (let j = 0; j < n; j++)
    for (let r = 0; r < b; r++)
      for (let c = 0; c < b; c++) {
        const src = j * 2 * B * B + 2 * (electron(r) * B + electron(c));
        const dst = j * 2 * b * b + 2 * (r * b + c);
        out[dst] = bdg.blocks[src]!;
        out[dst + 1] = bdg.blocks[src + 1]!;
      }
  return { dim: bdg.dim, size: b, displacements: bdg.displacements.slice(), blocks: out };
}
