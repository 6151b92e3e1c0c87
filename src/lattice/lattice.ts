import { InputError } from '../errors.js';
import { BravaisLattice } from './bravais.js';
import { cubicPresetName, presetCell } from './presets.js';

/** Validates a cubic shape (1–3 positive sizes); returns its dimension. */
function checkShape(shape: readonly number[]): number {
  if (shape.length < 1 || shape.length > 3) throw new InputError('lattice.shape', `expected 1 to 3 sizes, got ${shape.length}`);
  shape.forEach((L, a) => {
    if (!Number.isInteger(L) || L < 1) throw new InputError(`lattice.shape[${a}]`, `expected a positive integer, got ${L}`);
  });
  return shape.length;
}

/** A site's integer coordinates (x, y, z); missing axes are 0. */
export type Site = readonly [number, number, number];

/**
 * A nearest-neighbour bond from site i to site j (an ordered pair), along
 * `axis`, with the displacement δ = r_j − r_i as the *physical* bond vector:
 * ±1 along the axis, also across a periodic edge (where the raw coordinate
 * difference is ∓(L − 1)).
 */
export interface Bond {
  readonly i: number;
  readonly j: number;
  readonly axis: 0 | 1 | 2;
  /** δ = r_j − r_i as a unit vector (±1 on `axis`). */
  readonly delta: Site;
  /** True when the bond wraps around a periodic edge. */
  readonly wraps: boolean;
}

/**
 * A cubic lattice of shape [Lx], [Lx, Ly] or [Lx, Ly, Lz] with open or
 * periodic edges per axis (the chain, square and cubic presets of
 * BravaisLattice). Site indices follow bodge: n = z + Lz·(y + Ly·x),
 * so that BdG matrices agree with the reference package row for row.
 */
export class CubicLattice extends BravaisLattice {
  constructor(shape: readonly number[], periodic: readonly boolean[] = []) {
    super(presetCell(cubicPresetName(checkShape(shape))), shape, periodic, cubicPresetName(shape.length));
  }

  /**
   * All nearest-neighbour bonds as ordered pairs (both directions), optionally
   * along one axis only. Periodic edges add the wrap bonds, except on axes of
   * size 1 (which would pair a site with itself — bodge's quirk, not physics)
   * and of size 2 (where the wrap bond coincides with the ordinary one).
   */
  bonds(axis?: 0 | 1 | 2): Bond[] {
    const out: Bond[] = [];
    const axes: (0 | 1 | 2)[] = axis === undefined ? [0, 1, 2] : [axis];
    for (let n = 0; n < this.nSites; n++) {
      const r = this.site(n);
      for (const a of axes) {
        const L = this.size[a];
        if (L < 2) continue;
        for (const s of [1, -1]) {
          const c = r[a] + s;
          let wraps = false;
          let target = c;
          if (c < 0 || c >= L) {
            if (!this.periodic[a] || L < 3) continue;
            target = (c + L) % L;
            wraps = true;
          }
          const rj: [number, number, number] = [r[0], r[1], r[2]];
          rj[a] = target;
          const delta: [number, number, number] = [0, 0, 0];
          delta[a] = s;
          out.push({ i: n, j: this.index(rj), axis: a, delta, wraps });
        }
      }
    }
    return out;
  }

  /** Manhattan (taxicab) distance: the number of nearest-neighbour hops between i and j. */
  hops(i: number, j: number): number {
    const d = this.displacement(i, j);
    return Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2]);
  }
}
