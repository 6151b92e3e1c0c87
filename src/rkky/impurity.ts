import { impurityExchange } from '../hamiltonian/terms.js';

/**
 * The 4×4 BdG on-site block of an impurity spin on one node (orbital):
 * electron part −(J/2) S·σ, hole part +(J/2)(S·σ)* (DESIGN.md §1),
 * interleaved complex, row-major. V restricted to a site is this block on
 * each of the impurity's nodes (orbital-diagonal): the only spin-dependent
 * part of Ĥ.
 */
export function impurityBlock(J: number, spin: readonly number[]): Float64Array {
  const h = impurityExchange(J, spin);
  const v = new Float64Array(32);
  for (let a = 0; a < 2; a++)
    for (let c = 0; c < 2; c++) {
      const k = 2 * (2 * a + c);
      v[2 * (4 * a + c)] = h[k]!;
      v[2 * (4 * a + c) + 1] = h[k + 1]!;
      v[2 * (4 * (a + 2) + c + 2)] = -h[k]!;
      v[2 * (4 * (a + 2) + c + 2) + 1] = h[k + 1]!;
    }
  return v;
}

/** Add a 4×4 block into a dense 4N×4N interleaved matrix at node (i, i). */
export function addOnsiteBlock(dense: Float64Array, dim: number, site: number, block: Float64Array): void {
  for (let a = 0; a < 4; a++)
    for (let c = 0; c < 4; c++) {
      const p = 2 * ((4 * site + a) * dim + 4 * site + c);
      dense[p] += block[2 * (4 * a + c)]!;
      dense[p + 1] += block[2 * (4 * a + c) + 1]!;
    }
}
