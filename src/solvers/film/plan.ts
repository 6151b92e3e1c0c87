/**
 * The film plan (DESIGN.md §2, k-space conventions of src/solvers/kspace/):
 * the column unit cell h'(c) of the folded host (layout.ts), its orbital
 * sectors, and per sector the layer blocks of
 *   z − H'(k∥) = tridiag(C_i, A_i, B_i),   A_i = z − Σ_c h'_ii(c) e^{ik∥·rep(c)},
 * on groups of layers (one layer, or as many as the longest coupling along
 * the stack axis reaches, so that only neighbouring groups couple). Built
 * once per host and k∥ mesh; the per-energy solve is in greens.ts.
 */
import { InputError } from '../../errors.js';
import type { HostData } from '../../host/host.js';
import { extractUnitCell, nodeOffsets1, type UnitCell } from '../kspace/unitCell.js';
import { orbitalSectors } from '../kspace/plan.js';
import { filmLayout, filmObstacle, foldedMatrix, type FilmLayout } from './layout.js';

/** A layer block of one sector: Σ_c e^{ik∥·rep(c)} blocks[c], each rows×cols complex, interleaved. */
export interface LayerBlock {
  readonly classes: Int32Array;
  readonly blocks: Float64Array[];
}

/** One orbital sector of the column: an independent block-tridiagonal problem. */
export interface FilmSector {
  /** Column orbitals (4·node + BdG component) of the sector, group by group. */
  readonly orbitals: Int32Array;
  /** Orbitals per group (groups with none left out, so the sector's groups are consecutive). */
  readonly sizes: Int32Array;
  /** Offset of each group in `orbitals`. */
  readonly starts: Int32Array;
  /** Diagonal blocks h'_ii, upper h'_{i,i+1} (sizes[i]×sizes[i+1]) and lower h'_{i+1,i}. */
  readonly diagonal: LayerBlock[];
  readonly upper: LayerBlock[];
  readonly lower: LayerBlock[];
}

export interface FilmPlan {
  readonly host: HostData;
  readonly layout: FilmLayout;
  readonly cell: UnitCell;
  /** k∥ mesh per folded axis (in-plane axes first, 1 elsewhere). */
  readonly mesh: [number, number, number];
  /** Number of k∥ points. */
  readonly kPoints: number;
  /** Twist τ of k along folded axis 0 (πν on the own mesh with a winding, else 0). */
  readonly twist: number;
  /** Layers per group. */
  readonly groupLayers: number;
  readonly sectors: FilmSector[];
  /** Fractional a_1 coordinate of each node of a host cell (the winding gauge). */
  readonly offsets1: Float64Array;
  /**
   * H' real (every h'(c) real) and no twist: then H'(−k∥) = H'(k∥)ᵀ, so g_{−k∥} = g_k∥ᵀ and the
   * k∥ sum of G0 needs only one of each pair ±k∥.
   */
  readonly realSymmetric: boolean;
}

/**
 * Plan the film solver for a host and an in-plane k∥ mesh (default: the
 * lattice's own, which is exact for the finite film). `mesh` gives one size
 * per lattice axis; open axes must keep their own size. Throws
 * InputError('hamiltonian', …) if the host is not translation invariant
 * along its periodic axes (impurities, custom blocks).
 */
export function planFilm(host: HostData, mesh?: readonly number[]): FilmPlan {
  const why = filmObstacle(host);
  if (why) throw new InputError('host', `the film solver needs a film or slab host, but this one has ${why}`);
  const layout = filmLayout(host);
  const g = host.geometry;
  const cell = extractUnitCell(foldedMatrix(host.matrix, layout.folded), layout.geometry, host.winding);
  const ownMesh: [number, number, number] = [...layout.geometry.shape];
  const folded: [number, number, number] = [...ownMesh];
  if (mesh) {
    if (mesh.length !== g.dim) throw new InputError('mesh', `expected ${g.dim} mesh sizes (one per lattice axis)`);
    mesh.forEach((M, a) => {
      const L = g.shape[a]!;
      if (!Number.isInteger(M) || M < L) throw new InputError(`mesh[${a}]`, `expected an integer ≥ the lattice size ${L}, got ${M}`);
      if (!g.periodic[a] && M !== L) throw new InputError(`mesh[${a}]`, `axis ${a + 1} is open: its mesh size must stay the lattice size ${L}, got ${M}`);
    });
    layout.inPlane.forEach((a, r) => (folded[r] = mesh[a]!));
    for (let r = 0; r < 3; r++)
      if (folded[r] !== ownMesh[r] && cell.tiedAxes[r])
        throw new InputError('mesh', `the lattice has ${ownMesh[r]} cells on in-plane axis ${layout.inPlane[r]! + 1}, so a coupling at half that displacement has no definite direction; use at least 3 cells there`);
  }
  const twist = folded[0] === ownMesh[0] ? Math.PI * host.winding : 0;
  const B = 4 * layout.columnNodes;
  const layerOf = (o: number) => Math.floor(o / 4 / layout.layerNodes);
  let band = 0;
  for (let c = 0; c < cell.classes; c++)
    for (let a = 0; a < B; a++)
      for (let e = 0; e < B; e++) {
        const p = 2 * (B * B * c + B * a + e);
        if (cell.blocks[p] !== 0 || cell.blocks[p + 1] !== 0) band = Math.max(band, Math.abs(layerOf(a) - layerOf(e)));
      }
  const groupLayers = Math.max(1, band);
  const groupOf = (o: number) => Math.floor(layerOf(o) / groupLayers);
  const sectors = orbitalSectors(cell.blocks, cell.classes, B).map((orbitals) => buildSector(cell, B, orbitals, groupOf));
  return {
    host,
    layout,
    cell,
    mesh: folded,
    kPoints: folded[0] * folded[1] * folded[2],
    twist,
    groupLayers,
    sectors,
    offsets1: nodeOffsets1(g),
    realSymmetric: twist === 0 && cell.blocks.every((v, e) => e % 2 === 0 || v === 0),
  };
}

function buildSector(cell: UnitCell, B: number, orbitals: number[], groupOf: (o: number) => number): FilmSector {
  const sorted = [...orbitals].sort((x, y) => groupOf(x) - groupOf(y) || x - y);
  const groups = [...new Set(sorted.map(groupOf))];
  const sizes = Int32Array.from(groups, (q) => sorted.filter((o) => groupOf(o) === q).length);
  const starts = new Int32Array(groups.length);
  for (let i = 1; i < groups.length; i++) starts[i] = starts[i - 1]! + sizes[i - 1]!;
  const members = (i: number) => sorted.slice(starts[i], starts[i]! + sizes[i]!);
  const block = (rows: number[], cols: number[]): LayerBlock => {
    const classes: number[] = [];
    const blocks: Float64Array[] = [];
    for (let c = 0; c < cell.classes; c++) {
      const out = new Float64Array(2 * rows.length * cols.length);
      let nonzero = false;
      rows.forEach((a, r) =>
        cols.forEach((e, q) => {
          const p = 2 * (B * B * c + B * a + e);
          out[2 * (r * cols.length + q)] = cell.blocks[p]!;
          out[2 * (r * cols.length + q) + 1] = cell.blocks[p + 1]!;
          if (cell.blocks[p] !== 0 || cell.blocks[p + 1] !== 0) nonzero = true;
        }),
      );
      if (nonzero) (classes.push(c), blocks.push(out));
    }
    return { classes: Int32Array.from(classes), blocks };
  };
  const G = groups.length;
  return {
    orbitals: Int32Array.from(sorted),
    sizes,
    starts,
    diagonal: Array.from({ length: G }, (_, i) => block(members(i), members(i))),
    upper: Array.from({ length: G - 1 }, (_, i) => block(members(i), members(i + 1))),
    lower: Array.from({ length: G - 1 }, (_, i) => block(members(i + 1), members(i))),
  };
}
