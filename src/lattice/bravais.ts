import { InputError } from '../errors.js';
import type { HostGeometry } from '../host/host.js';
import type { BasisInput, PresetName, UnitCellSpec } from './presets.js';

/** Integer cell coordinates (n1, n2, n3); missing axes are 0. */
export type Cell = readonly [number, number, number];
export type Vec3 = [number, number, number];

/** A basis site of the unit cell (a sublattice). */
export interface BasisSite {
  readonly name: string;
  /** Cartesian position inside cell (0, 0, 0), padded to three coordinates. */
  readonly position: Vec3;
  readonly orbitals: number;
}

/**
 * A bond template: sublattice `from` in cell n to sublattice `to` in cell
 * n + cell, at Cartesian displacement δ = Σ cell_k a_k + p_to − p_from.
 */
export interface BondTemplate {
  readonly from: number;
  readonly to: number;
  readonly cell: Cell;
  readonly delta: Vec3;
}

/** A bond between two sites of a finite lattice (an ordered pair; both directions are listed). */
export interface SiteBond {
  /** Site indices. */
  readonly i: number;
  readonly j: number;
  /** Cell displacement as written in the template (not wrapped). */
  readonly cell: Cell;
  /** Physical bond vector δ = r_j − r_i (Cartesian), also across a periodic edge. */
  readonly delta: Vec3;
  /** True when the bond crosses a periodic edge. */
  readonly wraps: boolean;
}

/**
 * The bonds of some templates on a finite sample as typed arrays (bondTable):
 * bond k joins site i[k] to site j[k] by templates[template[k]], across a
 * periodic edge when wraps[k] is 1. No object per bond: a host's build
 * walks tens of thousands of them.
 */
export interface BondTable {
  readonly templates: readonly BondTemplate[];
  readonly i: Int32Array;
  readonly j: Int32Array;
  readonly template: Int32Array;
  readonly wraps: Uint8Array;
}

/** Distances closer than this are the same neighbour shell. */
export const SHELL_TOLERANCE = 1e-6;

const norm = (v: ArrayLike<number>) => Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0);

/** Inverse of a 3×3 row-major matrix (throws for a singular one). */
function inverse3(m: Float64Array, field: string): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = m as unknown as number[];
  const A = e! * i! - f! * h!, B = -(d! * i! - f! * g!), C = d! * h! - e! * g!;
  const det = a! * A + b! * B + c! * C;
  const scale = Math.max(...Array.from(m, Math.abs)) ** 3;
  if (!(Math.abs(det) > 1e-12 * scale)) throw new InputError(field, 'the Bravais vectors are linearly dependent');
  const inv = [A, -(b! * i! - c! * h!), b! * f! - c! * e!, B, a! * i! - c! * g!, -(a! * f! - c! * d!), C, -(a! * h! - b! * g!), a! * e! - b! * d!];
  return Float64Array.from(inv, (x) => x / det);
}

/**
 * A Bravais lattice with a basis, cut to `shape` cells (open or periodic per
 * axis): d Bravais vectors a_k (Cartesian), basis sites with positions and
 * orbital counts, cell (n1, n2, n3) at Σ n_k a_k (DESIGN.md §1).
 *
 * Numbering (the host contract, src/host/host.ts): cells in bodge's order
 * c = n3 + L3·(n2 + L2·n1); site s = c·nBasis + sublattice; node (one orbital
 * of one site) k = c·m + offset(sublattice) + orbital with m = nodesPerCell.
 * On one-site, one-orbital lattices (chain, square, cubic, triangular, bcc,
 * fcc) site = node = cell.
 */
export class BravaisLattice {
  readonly dim: number;
  /** Cells along each vector, padded to three axes with 1. */
  readonly size: Cell;
  readonly periodic: readonly [boolean, boolean, boolean];
  /** a_1..a_3 as rows of a row-major 3×3 matrix; rows ≥ d are e_{d+1}.. (vectors given in d coordinates are embedded in the first d). */
  readonly vectors: Float64Array;
  /** Rows: the dual vectors b_k with a_j·b_k = δ_jk (no 2π). */
  readonly dual: Float64Array;
  readonly basis: readonly BasisSite[];
  readonly nBasis: number;
  /** Nodes per cell m = Σ orbitals. */
  readonly nodesPerCell: number;
  /** First node of each sublattice inside a cell. */
  readonly orbitalOffset: Int32Array;
  readonly nCells: number;
  readonly nSites: number;
  readonly nNodes: number;
  /** The preset name, or null for a general lattice. */
  readonly preset: PresetName | null;
  private readonly shellCache = new Map<number, BondTemplate[][]>();

  /**
   * `coincidentSites`: allow basis sites at the same position (Wannier
   * functions centred on one atom are distinct sites there); otherwise a
   * coincidence is an input error.
   */
  constructor(cell: UnitCellSpec, shape: readonly number[], periodic: readonly boolean[] = [], preset: PresetName | null = null, options: { coincidentSites?: boolean } = {}) {
    const d = cell.vectors.length;
    if (d < 1 || d > 3) throw new InputError('lattice.vectors', `expected 1 to 3 Bravais vectors, got ${d}`);
    cell.vectors.forEach((v, k) => {
      if (v.length !== d) throw new InputError(`lattice.vectors[${k}]`, `expected ${d} coordinates (one per lattice dimension), got ${v.length}`);
    });
    if (shape.length !== d) throw new InputError('lattice.shape', `expected ${d} sizes (one per Bravais vector), got ${shape.length}`);
    shape.forEach((L, a) => {
      if (!Number.isInteger(L) || L < 1) throw new InputError(`lattice.shape[${a}]`, `expected a positive integer, got ${L}`);
    });
    if (!Array.isArray(periodic)) throw new InputError('lattice.periodic', `expected an array of booleans, got ${periodic === null ? 'null' : typeof periodic}`);
    periodic.forEach((p, a) => {
      if (typeof p !== 'boolean') throw new InputError(`lattice.periodic[${a}]`, `expected true or false, got ${typeof p === 'string' ? JSON.stringify(p) : String(p)}`);
    });
    if (periodic.length > d) throw new InputError('lattice.periodic', `expected at most ${d} flags (one per axis), got ${periodic.length}`);
    if (cell.basis.length < 1) throw new InputError('lattice.basis', 'expected at least one basis site');
    this.dim = d;
    this.preset = preset;
    this.size = [shape[0]!, shape[1] ?? 1, shape[2] ?? 1];
    this.periodic = [periodic[0] ?? false, periodic[1] ?? false, periodic[2] ?? false];
    this.vectors = new Float64Array(9);
    for (let k = 0; k < 3; k++) for (let x = 0; x < 3; x++) this.vectors[3 * k + x] = k < d ? (cell.vectors[k]![x] ?? 0) : x === k ? 1 : 0;
    // Rows ≥ d are unit vectors along axes ≥ d, orthogonal to the embedded vectors.
    const inv = inverse3(this.vectors, 'lattice.vectors');
    this.dual = new Float64Array(9);
    for (let k = 0; k < 3; k++) for (let x = 0; x < 3; x++) this.dual[3 * k + x] = inv[3 * x + k]!;
    const names = new Set<string>();
    this.basis = cell.basis.map((b: BasisInput, k): BasisSite => {
      const field = `lattice.basis[${k}]`;
      if (names.has(b.name)) throw new InputError(`${field}.name`, `duplicate sublattice name '${b.name}'`);
      names.add(b.name);
      if (b.position.length !== d) throw new InputError(`${field}.position`, `expected ${d} coordinates, got ${b.position.length}`);
      const orbitals = b.orbitals ?? 1;
      if (!Number.isInteger(orbitals) || orbitals < 1) throw new InputError(`${field}.orbitals`, `expected a positive integer, got ${orbitals}`);
      return { name: b.name, position: [b.position[0] ?? 0, b.position[1] ?? 0, b.position[2] ?? 0], orbitals };
    });
    for (let a = 0; a < this.basis.length && !options.coincidentSites; a++)
      for (let b = a + 1; b < this.basis.length; b++) {
        const pa = this.basis[a]!.position, pb = this.basis[b]!.position;
        const f = this.fractional([pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]]);
        if (f.every((x) => Math.abs(x - Math.round(x)) < SHELL_TOLERANCE))
          throw new InputError(`lattice.basis[${b}].position`, `coincides with basis site '${this.basis[a]!.name}' (up to a lattice vector)`);
      }
    this.nBasis = this.basis.length;
    this.orbitalOffset = new Int32Array(this.nBasis + 1);
    this.basis.forEach((b, k) => (this.orbitalOffset[k + 1] = this.orbitalOffset[k]! + b.orbitals));
    this.nodesPerCell = this.orbitalOffset[this.nBasis]!;
    this.nCells = this.size[0] * this.size[1] * this.size[2];
    this.nSites = this.nCells * this.nBasis;
    this.nNodes = this.nCells * this.nodesPerCell;
  }

  /** The shape as given (d sizes). */
  get shape(): number[] {
    return this.size.slice(0, this.dim);
  }

  /** Fractional coordinates f with v = Σ f_k a_k. */
  fractional(v: readonly number[]): Vec3 {
    const f: Vec3 = [0, 0, 0];
    for (let k = 0; k < 3; k++) f[k] = this.dual[3 * k]! * (v[0] ?? 0) + this.dual[3 * k + 1]! * (v[1] ?? 0) + this.dual[3 * k + 2]! * (v[2] ?? 0);
    return f;
  }

  /** Cartesian vector Σ n_k a_k. */
  cellVector(n: readonly number[]): Vec3 {
    const a = this.vectors;
    const out: Vec3 = [0, 0, 0];
    for (let x = 0; x < 3; x++) out[x] = (n[0] ?? 0) * a[x]! + (n[1] ?? 0) * a[3 + x]! + (n[2] ?? 0) * a[6 + x]!;
    return out;
  }

  /** Whether integer cell coordinates lie inside the sample. */
  contains(cell: readonly number[]): boolean {
    for (let a = 0; a < 3; a++) {
      const c = cell[a] ?? 0;
      if (!Number.isInteger(c) || c < 0 || c >= this.size[a]!) return false;
    }
    return true;
  }

  /** Cell index c = n3 + L3·(n2 + L2·n1) of cell coordinates inside the sample. */
  cellIndex(cell: readonly number[]): number {
    return (cell[2] ?? 0) + this.size[2] * ((cell[1] ?? 0) + this.size[1] * (cell[0] ?? 0));
  }

  /** Cell coordinates of cell index c. */
  cellCoords(c: number): Cell {
    const n3 = c % this.size[2];
    const rest = (c - n3) / this.size[2];
    const n2 = rest % this.size[1];
    return [(rest - n2) / this.size[1], n2, n3];
  }

  /** Index of the basis site named `name` (InputError naming `field` if there is none). */
  sublatticeIndex(name: string, field = 'sublattice'): number {
    const k = this.basis.findIndex((b) => b.name === name);
    if (k < 0) throw new InputError(field, `unknown sublattice '${name}' (the basis has ${this.basis.map((b) => `'${b.name}'`).join(', ')})`);
    return k;
  }

  /**
   * Site index of `cell` (d integer coordinates) and sublattice (default the
   * first); throws InputError naming `field` for a cell outside the sample.
   */
  index(cell: readonly number[], field = 'site', sublattice = 0): number {
    if (cell.length < 1 || cell.length > 3) throw new InputError(field, `expected 1 to 3 coordinates, got ${cell.length}`);
    if (!this.contains(cell)) throw new InputError(field, `site [${cell.join(', ')}] is outside the lattice of shape [${this.shape.join(', ')}]`);
    return this.cellIndex(cell) * this.nBasis + sublattice;
  }

  /** Cell coordinates of site n. */
  site(n: number): Cell {
    if (!Number.isInteger(n) || n < 0 || n >= this.nSites) throw new InputError('site', `index ${n} is outside 0..${this.nSites - 1}`);
    return this.cellCoords(Math.floor(n / this.nBasis));
  }

  /** Sublattice (basis index) of site n. */
  sublatticeOf(n: number): number {
    return n % this.nBasis;
  }

  /** Node of orbital `orbital` of site n. */
  node(n: number, orbital = 0): number {
    const b = n % this.nBasis;
    return Math.floor(n / this.nBasis) * this.nodesPerCell + this.orbitalOffset[b]! + orbital;
  }

  /** The nodes of site n (its orbitals, consecutive). */
  siteNodes(n: number): number[] {
    const first = this.node(n, 0);
    return Array.from({ length: this.basis[n % this.nBasis]!.orbitals }, (_, o) => first + o);
  }

  /** Site of node k. */
  nodeSite(k: number): number {
    const c = Math.floor(k / this.nodesPerCell);
    const l = k - c * this.nodesPerCell;
    let b = 0;
    while (this.orbitalOffset[b + 1]! <= l) b++;
    return c * this.nBasis + b;
  }

  /** A readable name of site n: "[n1, n2]" or "[n1, n2] B" on lattices with several sublattices. */
  label(n: number): string {
    const cell = this.site(n).slice(0, this.dim).join(', ');
    return this.nBasis > 1 ? `[${cell}] ${this.basis[this.sublatticeOf(n)]!.name}` : `[${cell}]`;
  }

  /** Cartesian position of site n. */
  position(n: number): Vec3 {
    const r = this.cellVector(this.site(n));
    const p = this.basis[this.sublatticeOf(n)]!.position;
    return [r[0] + p[0], r[1] + p[1], r[2] + p[2]];
  }

  /**
   * Bond templates of the first `count` neighbour shells (distinct distances
   * between sites of the infinite crystal, closest first, tolerance 1e-6):
   * result[k] lists every (from, to, cell) at the (k+1)-th distance.
   */
  shells(count: number): BondTemplate[][] {
    const cached = this.shellCache.get(count);
    if (cached) return cached;
    const d = this.dim;
    let spread = 0;
    for (const a of this.basis) for (const b of this.basis) spread = Math.max(spread, norm([b.position[0] - a.position[0], b.position[1] - a.position[1], b.position[2] - a.position[2]]));
    let dualMax = 0;
    for (let k = 0; k < d; k++) dualMax = Math.max(dualMax, norm(this.dual.subarray(3 * k, 3 * k + 3)));
    for (let N = 2; ; N++) {
      // |cell_k| ≤ |b_k|(|δ| + spread): the box |cell_k| ≤ N holds every δ up to this radius.
      const covered = N / dualMax - spread;
      const found: BondTemplate[] = [];
      const lim = [N, d > 1 ? N : 0, d > 2 ? N : 0];
      for (let n1 = -lim[0]!; n1 <= lim[0]!; n1++)
        for (let n2 = -lim[1]!; n2 <= lim[1]!; n2++)
          for (let n3 = -lim[2]!; n3 <= lim[2]!; n3++) {
            const R = this.cellVector([n1, n2, n3]);
            for (let a = 0; a < this.nBasis; a++)
              for (let b = 0; b < this.nBasis; b++) {
                const pa = this.basis[a]!.position, pb = this.basis[b]!.position;
                const delta: Vec3 = [R[0] + pb[0] - pa[0], R[1] + pb[1] - pa[1], R[2] + pb[2] - pa[2]];
                const r = norm(delta);
                if (r < SHELL_TOLERANCE || r > covered) continue;
                found.push({ from: a, to: b, cell: [n1, n2, n3], delta });
              }
          }
      const dist = found.map((t) => norm(t.delta)).sort((x, y) => x - y);
      const distinct: number[] = [];
      for (const r of dist) if (distinct.length === 0 || r - distinct[distinct.length - 1]! > SHELL_TOLERANCE) distinct.push(r);
      if (distinct.length < count) continue;
      const out: BondTemplate[][] = distinct.slice(0, count).map((r) => found.filter((t) => Math.abs(norm(t.delta) - r) <= SHELL_TOLERANCE));
      this.shellCache.set(count, out);
      return out;
    }
  }

  /** Distance of the k-th neighbour shell (k = 1: nearest neighbours). */
  shellDistance(k: number): number {
    return norm(this.shells(k)[k - 1]![0]!.delta);
  }

  /**
   * The bonds of the finite sample generated by some templates (both the
   * template and, if listed, its reverse). A bond leaving an open sample is
   * dropped; on a periodic axis it wraps, but only as a minimal image
   * (2|cell_a| < L_a): an axis of size 1 never pairs a cell with itself and an
   * axis of size 2 behaves like an open one, so no bond is counted twice — the
   * rule of the cubic lattices (lattice.ts). Self-pairs are skipped.
   */
  bondsOf(templates: readonly BondTemplate[]): SiteBond[] {
    const table = this.bondTable(templates);
    const out: SiteBond[] = new Array(table.i.length);
    for (let k = 0; k < out.length; k++) {
      const t = templates[table.template[k]!]!;
      out[k] = { i: table.i[k]!, j: table.j[k]!, cell: t.cell, delta: t.delta, wraps: table.wraps[k] === 1 };
    }
    return out;
  }

  /** bondsOf as typed arrays (BondTable), in the same order. */
  bondTable(templates: readonly BondTemplate[]): BondTable {
    const [L0, L1, L2] = this.size;
    const nt = templates.length;
    const capacity = this.nCells * nt;
    const I = new Int32Array(capacity), J = new Int32Array(capacity), T = new Int32Array(capacity), W = new Uint8Array(capacity);
    // Per template: its cell offset and whether it may wrap along each axis (minimal images only).
    const off = new Int32Array(3 * nt), canWrap = new Uint8Array(3 * nt);
    templates.forEach((t, k) => {
      for (let a = 0; a < 3; a++) {
        off[3 * k + a] = t.cell[a] ?? 0;
        canWrap[3 * k + a] = this.periodic[a] && 2 * Math.abs(t.cell[a] ?? 0) < this.size[a]! ? 1 : 0;
      }
    });
    const wrapAxis = (x: number, L: number) => ((x % L) + L) % L;
    let count = 0;
    for (let c = 0; c < this.nCells; c++) {
      const n2 = c % L2, rest = (c - n2) / L2;
      const n1 = rest % L1, n0 = (rest - n1) / L1;
      for (let k = 0; k < nt; k++) {
        let x0 = n0 + off[3 * k]!, x1 = n1 + off[3 * k + 1]!, x2 = n2 + off[3 * k + 2]!;
        let wraps = 0;
        if (x0 < 0 || x0 >= L0) {
          if (!canWrap[3 * k]) continue;
          x0 = wrapAxis(x0, L0);
          wraps = 1;
        }
        if (x1 < 0 || x1 >= L1) {
          if (!canWrap[3 * k + 1]) continue;
          x1 = wrapAxis(x1, L1);
          wraps = 1;
        }
        if (x2 < 0 || x2 >= L2) {
          if (!canWrap[3 * k + 2]) continue;
          x2 = wrapAxis(x2, L2);
          wraps = 1;
        }
        const t = templates[k]!;
        const i = c * this.nBasis + t.from;
        const j = (x2 + L2 * (x1 + L1 * x0)) * this.nBasis + t.to;
        if (i === j) continue;
        I[count] = i;
        J[count] = j;
        T[count] = k;
        W[count] = wraps;
        count++;
      }
    }
    return { templates, i: I.slice(0, count), j: J.slice(0, count), template: T.slice(0, count), wraps: W.slice(0, count) };
  }

  /** The nearest-neighbour (or k-th shell) bonds as a BondTable. */
  neighbourTable(k = 1): BondTable {
    return this.bondTable(this.shells(k)[k - 1]!);
  }

  /** Bonds of the k-th neighbour shell (k = 1: nearest neighbours), both directions. */
  neighbours(k = 1): SiteBond[] {
    return this.bondsOf(this.shells(k)[k - 1]!);
  }

  /**
   * The displacement r_j − r_i of sites i and j (Cartesian), as the minimal
   * image on periodic axes (cell displacement folded into −L/2..L/2) unless
   * `minimalImage` is false.
   */
  displacement(i: number, j: number, minimalImage = true): Vec3 {
    const ci = this.site(i), cj = this.site(j);
    const dn = [0, 0, 0];
    for (let a = 0; a < 3; a++) {
      let v = cj[a]! - ci[a]!;
      const L = this.size[a]!;
      if (minimalImage && this.periodic[a]) {
        if (v > L / 2) v -= L;
        else if (v < -L / 2) v += L;
      }
      dn[a] = v;
    }
    const R = this.cellVector(dn);
    const pi = this.basis[this.sublatticeOf(i)]!.position, pj = this.basis[this.sublatticeOf(j)]!.position;
    return [R[0] + pj[0] - pi[0], R[1] + pj[1] - pi[1], R[2] + pj[2] - pi[2]];
  }

  /** Euclidean distance |r_j − r_i| (minimal image on periodic axes). */
  distance(i: number, j: number): number {
    return norm(this.displacement(i, j));
  }

  /** Geometry of the host's nodes (src/host/host.ts). */
  geometry(): HostGeometry {
    const m = this.nodesPerCell;
    const cellPositions = new Float64Array(3 * m);
    const nodeBasis = new Int32Array(m);
    this.basis.forEach((b, k) => {
      for (let o = 0; o < b.orbitals; o++) {
        const l = this.orbitalOffset[k]! + o;
        cellPositions.set(b.position as number[], 3 * l);
        nodeBasis[l] = k;
      }
    });
    return {
      dim: this.dim,
      vectors: this.vectors.slice(),
      shape: [...this.size],
      periodic: [...this.periodic],
      nodesPerCell: m,
      cellPositions,
      nodeBasis,
    };
  }
}
