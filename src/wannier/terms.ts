/**
 * The hoppings of a Wannier90 host on a finite sample of cells: h(R) between
 * cell n and cell n + R for every R of the file. A bond leaving the sample
 * along an open axis is dropped; along a periodic axis it is folded back
 * (n + R mod L), so that several R landing on the same pair of nodes add up —
 * the supercell Hamiltonian whose spectrum is H(k) on the k-mesh k = j/L.
 */
import type { HamiltonianBuilder } from '../hamiltonian/builder.js';
import type { BlochBlocks } from '../host/host.js';
import type { BravaisLattice } from '../lattice/bravais.js';

export function addWannierTerms(b: HamiltonianBuilder, lat: BravaisLattice, h: BlochBlocks): void {
  const size = h.size, m = size / 2;
  const R = h.displacements;
  const count = R.length / 3;
  const bb = 2 * size * size;
  // The nonzero 2×2 spin blocks (l, l') of each h(R), extracted once.
  const pairs: { r: number; l: number; lp: number; M: Float64Array }[] = [];
  for (let r = 0; r < count; r++)
    for (let l = 0; l < m; l++)
      for (let lp = 0; lp < m; lp++) {
        const M = new Float64Array(8);
        let any = false;
        for (let s = 0; s < 2; s++)
          for (let t = 0; t < 2; t++) {
            const p = r * bb + 2 * ((2 * l + s) * size + 2 * lp + t);
            M[2 * (2 * s + t)] = h.blocks[p]!;
            M[2 * (2 * s + t) + 1] = h.blocks[p + 1]!;
            any ||= h.blocks[p] !== 0 || h.blocks[p + 1] !== 0;
          }
        if (any) pairs.push({ r, l, lp, M });
      }
  const L = lat.size;
  const target = new Int32Array(count); // cell index of n + R_r, or −1 when dropped
  for (let c = 0; c < lat.nCells; c++) {
    const n = lat.cellCoords(c);
    for (let r = 0; r < count; r++) {
      let idx = 0;
      for (let a = 0; a < 3 && idx >= 0; a++) {
        let x = n[a]! + R[3 * r + a]!;
        if (x < 0 || x >= L[a]!) {
          if (!lat.periodic[a]) {
            idx = -1;
            break;
          }
          x = ((x % L[a]!) + L[a]!) % L[a]!;
        }
        idx = idx * L[a]! + x;
      }
      target[r] = idx;
    }
    const m0 = lat.nodesPerCell;
    for (const { r, l, lp, M } of pairs) {
      const t = target[r]!;
      if (t >= 0) b.addH(c * m0 + l, t * m0 + lp, M);
    }
  }
}
