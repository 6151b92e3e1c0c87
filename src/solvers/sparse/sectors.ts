/**
 * Orbital sectors of a block-sparse matrix and the exact relations between
 * them.
 *
 * An orbital sector is a subset of the b orbitals of every site that H0 never
 * couples to the others (e.g. (c↑, c†↓) and (c↓, c†↑) of a BdG matrix without
 * spin–orbit coupling or transverse fields): each is eliminated on its own
 * with bs×bs blocks, which costs (bs/b)³ of the full elimination. A sector
 * that is an exact copy or an exact particle–hole image of an earlier one is
 * not eliminated at all.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import type { SectorMatrix } from './multifrontal.js';

/**
 * Orbital sectors of H0: connected components of the orbitals under the
 * nonzero entries of all blocks. Each sector lists its orbitals ascending.
 */
export function orbitalSectors(h: BlockSparse): Int32Array[] {
  const b = h.b;
  const link = new Uint8Array(b * b);
  const v = h.values;
  const nBlocks = h.colIdx.length;
  for (let k = 0; k < nBlocks; k++) {
    const base = 2 * k * b * b;
    for (let a = 0; a < b; a++) {
      for (let c = 0; c < b; c++) {
        const o = base + 2 * (a * b + c);
        if (v[o] !== 0 || v[o + 1] !== 0) link[a * b + c] = 1;
      }
    }
  }
  const comp = new Int32Array(b).fill(-1);
  const sectors: Int32Array[] = [];
  for (let start = 0; start < b; start++) {
    if (comp[start] >= 0) continue;
    const members = [start];
    comp[start] = sectors.length;
    for (let i = 0; i < members.length; i++) {
      const a = members[i];
      for (let c = 0; c < b; c++) {
        if (comp[c] < 0 && (link[a * b + c] || link[c * b + a])) {
          comp[c] = sectors.length;
          members.push(c);
        }
      }
    }
    members.sort((x, y) => x - y);
    sectors.push(Int32Array.from(members));
  }
  return sectors;
}

/**
 * A sector that is an exact image of an earlier one: orbital a of `source`
 * corresponds to orbital `map[a]` of this sector, and this sector's blocks are
 * either equal to the source's (`particleHole` false) or equal to minus their
 * complex conjugates (`particleHole` true: the BdG particle–hole partner,
 * H_s' = −H_s*). Then G_s'(z) = G_s(z), or G_s'(z) = −G_s(−z̄)* which equals
 * −G_s(z)* on the imaginary axis, and ln|det| is the same. Only exact (bitwise)
 * relations are used, so the shortcut never changes the result.
 */
export interface SectorImage {
  source: number;
  map: Int32Array;
  particleHole: boolean;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  }
  return out;
}

function isImage(h: BlockSparse, from: Int32Array, to: Int32Array, particleHole: boolean): boolean {
  const b = h.b;
  const bs = from.length;
  const v = h.values;
  const nBlocks = h.colIdx.length;
  // −H* has the real part negated and the imaginary part unchanged.
  const re = particleHole ? -1 : 1;
  for (let k = 0; k < nBlocks; k++) {
    const base = 2 * k * b * b;
    for (let a = 0; a < bs; a++) {
      for (let c = 0; c < bs; c++) {
        const src = base + 2 * (from[a] * b + from[c]);
        const dst = base + 2 * (to[a] * b + to[c]);
        if (v[dst] !== re * v[src] || v[dst + 1] !== v[src + 1]) return false;
      }
    }
  }
  return true;
}

/**
 * The first earlier sector (and orbital correspondence) of which sector s is
 * an exact image; particle–hole images only count on the imaginary axis.
 * Tries all bs! correspondences, so only sectors of up to 4 orbitals.
 */
export function findImage(h: BlockSparse, sectors: Int32Array[], s: number, onImaginaryAxis: boolean): SectorImage | undefined {
  const target = sectors[s];
  const bs = target.length;
  if (bs > 4) return undefined;
  for (let t = 0; t < s; t++) {
    if (sectors[t].length !== bs) continue;
    for (const perm of permutations(bs)) {
      const map = Int32Array.from(perm, (p) => target[p]);
      if (isImage(h, sectors[t], map, false)) return { source: t, map, particleHole: false };
      if (onImaginaryAxis && isImage(h, sectors[t], map, true)) return { source: t, map, particleHole: true };
    }
  }
  return undefined;
}

/** Scatters a sector's (bs·m)² block into the b-orbital layout: orbital a → dstOrbital[a]. */
export function scatterSector(
  src: Float64Array,
  dstOrbital: Int32Array,
  m: number,
  b: number,
  particleHole: boolean,
  greens: Float64Array,
): void {
  const bs = dstOrbital.length;
  const M = bs * m;
  const re = particleHole ? -1 : 1;
  for (let i = 0; i < M; i++) {
    const row = b * Math.floor(i / bs) + dstOrbital[i % bs];
    for (let j = 0; j < M; j++) {
      const col = b * Math.floor(j / bs) + dstOrbital[j % bs];
      const dst = 2 * (row * b * m + col);
      const o = 2 * (i * M + j);
      greens[dst] = re * src[o];
      greens[dst + 1] = src[o + 1];
    }
  }
}

/** Sector matrix of h on `orbitals` (complex bs×bs blocks). */
export function sectorMatrix(h: BlockSparse, orbitals: Int32Array, z: { re: number; im: number }): SectorMatrix {
  const b = h.b;
  const bs = orbitals.length;
  const nBlocks = h.colIdx.length;
  const values = new Float64Array(2 * nBlocks * bs * bs);
  const v = h.values;
  let o = 0;
  for (let k = 0; k < nBlocks; k++) {
    const base = k * b * b;
    for (let a = 0; a < bs; a++) {
      for (let c = 0; c < bs; c++, o += 2) {
        const src = 2 * (base + orbitals[a] * b + orbitals[c]);
        values[o] = v[src];
        values[o + 1] = v[src + 1];
      }
    }
  }
  return { bs, ew: 2, values, shiftRe: z.re, shiftIm: z.im };
}
