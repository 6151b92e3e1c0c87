import type { BlochBlocks } from '../host/host.js';
import { BravaisLattice } from '../lattice/bravais.js';
import { hostHamiltonian } from './hamiltonian.js';
import type { Model } from './model.js';

export interface BlochOptions {
  /** 'bdg' (default): 4m×4m blocks in the node basis (c↑, c↓, c†↑, c†↓ per node); 'normal': the 2m×2m electron blocks (↑, ↓ per node). */
  part?: 'bdg' | 'normal';
}

/** Largest |cell_a| of any bond the model's terms put on the lattice (at least 1). */
function reach(model: Model): number {
  const lat = model.lattice;
  let r = 1;
  const templates = [...lat.shells(1)[0]!];
  for (const h of model.hoppings) {
    if (h.kind === 'shell') templates.push(...lat.shells(h.shell)[h.shell - 1]!);
    else templates.push({ from: h.from, to: h.to, cell: h.cell, delta: [0, 0, 0] });
  }
  for (const t of templates) for (let a = 0; a < lat.dim; a++) r = Math.max(r, Math.abs(t.cell[a]!));
  return r;
}

/**
 * The Bloch blocks h(R) of the model's host on the infinite crystal
 * (src/host/host.ts: H(k) = Σ_R h(R) e^{2πi k·R}, h(R)_ab = ⟨a, 0|Ĥ|b, R⟩):
 * every host term of one unit cell (μ, Zeeman, on-site matrices, hoppings,
 * Rashba, pairing), without impurities and custom blocks, and without the
 * supercurrent winding (ν = 0). Read off a periodic torus of 2r + 1 cells
 * per axis (r the longest bond in cells), where every R with |R_a| ≤ r is a
 * distinct minimal image. Block index: 4l + c (BdG) or 2l + s (normal) for
 * node l of the cell (basis sites in order, orbitals consecutive).
 */
export function blochBlocks(model: Model, options: BlochOptions = {}): BlochBlocks {
  const lat = model.lattice;
  const r = reach(model);
  const d = lat.dim;
  const L = 2 * r + 1;
  const spec = {
    vectors: Array.from({ length: d }, (_, k) => Array.from(lat.vectors.subarray(3 * k, 3 * k + d))),
    basis: lat.basis.map((b) => ({ name: b.name, position: b.position.slice(0, d), orbitals: b.orbitals })),
  };
  const torus = new BravaisLattice(spec, new Array(d).fill(L), new Array(d).fill(true), lat.preset, { coincidentSites: model.wannier !== null });
  // A Wannier host's h(R) reach beyond the torus: they are added below, straight from the file's blocks.
  const h = hostHamiltonian({ ...model, lattice: torus, impurities: [], custom: [], wannier: null, pairing: { ...model.pairing, winding: 0 } });
  const m = lat.nodesPerCell;
  const normal = options.part === 'normal';
  const per = normal ? 2 : 4;
  const size = per * m;
  const index = new Map<string, number>();
  const displacements: number[] = [];
  const blocks: number[][] = [];
  /** The block of h(R), created empty on first use. */
  const blockAt = (R: number[]): number[] => {
    const key = R.join(',');
    let slot = index.get(key);
    if (slot === undefined) {
      slot = blocks.length;
      index.set(key, slot);
      displacements.push(...R);
      blocks.push(new Array(2 * size * size).fill(0));
    }
    return blocks[slot]!;
  };
  const { rowPtr, colIdx, values } = h.matrix;
  for (let a = 0; a < m; a++)
    for (let k = rowPtr[a]!; k < rowPtr[a + 1]!; k++) {
      const node = colIdx[k]!;
      const cell = torus.cellCoords(Math.floor(node / m));
      const l = node % m;
      const R = [0, 1, 2].map((x) => (x < d && cell[x]! > r ? cell[x]! - L : cell[x]!));
      const blk = blockAt(R);
      for (let p = 0; p < per; p++)
        for (let q = 0; q < per; q++) {
          const src = 2 * (16 * k + 4 * p + q);
          const dst = 2 * ((per * a + p) * size + per * l + q);
          blk[dst] = values[src]!;
          blk[dst + 1] = values[src + 1]!;
        }
    }
  if (model.wannier) {
    // h(R) in the electron block and −h(R)* in the hole block of every node pair (DESIGN.md §1).
    const w = model.wannier.blocks, wb = w.size;
    for (let r = 0; r < w.displacements.length / 3; r++) {
      const R = [w.displacements[3 * r]!, w.displacements[3 * r + 1]!, w.displacements[3 * r + 2]!];
      const blk = blockAt(R);
      for (let p = 0; p < wb; p++)
        for (let q = 0; q < wb; q++) {
          const src = r * 2 * wb * wb + 2 * (p * wb + q);
          const [re, im] = [w.blocks[src]!, w.blocks[src + 1]!];
          if (re === 0 && im === 0) continue;
          const [a, s] = [p >> 1, p & 1], [l, t] = [q >> 1, q & 1];
          const e = 2 * ((per * a + s) * size + per * l + t);
          blk[e] += re;
          blk[e + 1] += im;
          if (!normal) {
            const hIdx = 2 * ((per * a + 2 + s) * size + per * l + 2 + t);
            blk[hIdx] -= re;
            blk[hIdx + 1] += im;
          }
        }
    }
  }
  const flat = new Float64Array(blocks.length * 2 * size * size);
  blocks.forEach((b, s) => flat.set(b, s * 2 * size * size));
  return { dim: d, size, displacements: Int32Array.from(displacements), blocks: flat };
}
