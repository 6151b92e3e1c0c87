import { InputError } from '../errors.js';

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
 * periodic edges per axis. Site indices follow bodge: n = z + Lz·(y + Ly·x),
 * so that BdG matrices agree with the reference package row for row.
 */
export class CubicLattice {
  /** Sizes padded to three axes. */
  readonly size: Site;
  readonly periodic: readonly [boolean, boolean, boolean];
  readonly dim: number;
  readonly nSites: number;

  constructor(shape: readonly number[], periodic: readonly boolean[] = []) {
    if (!Array.isArray(shape)) throw new InputError('lattice.shape', `expected an array of 1 to 3 sizes, got ${shape === null ? 'null' : typeof shape}`);
    if (!Array.isArray(periodic)) throw new InputError('lattice.periodic', `expected an array of booleans, got ${periodic === null ? 'null' : typeof periodic}`);
    periodic.forEach((p, a) => {
      if (typeof p !== 'boolean') throw new InputError(`lattice.periodic[${a}]`, `expected true or false, got ${typeof p === 'string' ? JSON.stringify(p) : String(p)}`);
    });
    if (shape.length < 1 || shape.length > 3) throw new InputError('lattice.shape', `expected 1 to 3 sizes, got ${shape.length}`);
    shape.forEach((L, a) => {
      if (!Number.isInteger(L) || L < 1) throw new InputError(`lattice.shape[${a}]`, `expected a positive integer, got ${L}`);
    });
    if (periodic.length > shape.length)
      throw new InputError('lattice.periodic', `expected at most ${shape.length} flags (one per axis), got ${periodic.length}`);
    this.dim = shape.length;
    this.size = [shape[0]!, shape[1] ?? 1, shape[2] ?? 1];
    this.periodic = [periodic[0] ?? false, periodic[1] ?? false, periodic[2] ?? false];
    this.nSites = this.size[0] * this.size[1] * this.size[2];
  }

  /** The shape as given (1–3 sizes). */
  get shape(): number[] {
    return this.size.slice(0, this.dim);
  }

  /** Site index n(r) = z + Lz·(y + Ly·x); throws InputError naming `field` for a site outside the lattice. */
  index(site: readonly number[], field = 'site'): number {
    if (site.length < 1 || site.length > 3) throw new InputError(field, `expected 1 to 3 coordinates, got ${site.length}`);
    for (let a = 0; a < 3; a++) {
      const c = site[a] ?? 0;
      if (!Number.isInteger(c) || c < 0 || c >= this.size[a]!)
        throw new InputError(field, `site [${site.join(', ')}] is outside the lattice of shape [${this.shape.join(', ')}]`);
    }
    const [x, y, z] = [site[0] ?? 0, site[1] ?? 0, site[2] ?? 0];
    return z + this.size[2] * (y + this.size[1] * x);
  }

  /** Coordinates of site n. */
  site(n: number): Site {
    if (!Number.isInteger(n) || n < 0 || n >= this.nSites) throw new InputError('site', `index ${n} is outside 0..${this.nSites - 1}`);
    const z = n % this.size[2];
    const rest = (n - z) / this.size[2];
    const y = rest % this.size[1];
    return [(rest - y) / this.size[1], y, z];
  }

  /** Whether integer coordinates lie inside the lattice. */
  contains(site: readonly number[]): boolean {
    for (let a = 0; a < 3; a++) {
      const c = site[a] ?? 0;
      if (!Number.isInteger(c) || c < 0 || c >= this.size[a]!) return false;
    }
    return true;
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

  /** The shortest displacement r_j − r_i, taking periodic edges into account (minimum image). */
  displacement(i: number, j: number): Site {
    const ri = this.site(i), rj = this.site(j);
    const d: [number, number, number] = [0, 0, 0];
    for (let a = 0; a < 3; a++) {
      let v = rj[a] - ri[a];
      const L = this.size[a];
      if (this.periodic[a]) {
        if (v > L / 2) v -= L;
        else if (v < -L / 2) v += L;
      }
      d[a] = v;
    }
    return d;
  }

  /** Euclidean distance |r_j − r_i| in lattice constants (minimum image on periodic axes). */
  distance(i: number, j: number): number {
    const d = this.displacement(i, j);
    return Math.hypot(d[0], d[1], d[2]);
  }

  /** Manhattan (taxicab) distance: the number of nearest-neighbour hops between i and j. */
  hops(i: number, j: number): number {
    const d = this.displacement(i, j);
    return Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2]);
  }
}
