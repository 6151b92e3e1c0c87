/**
 * The k-space plan of a periodic host (DESIGN.md §2, "G0 blocks come from …
 * (b) k-space and FFT for periodic lattices"): the Bloch blocks H'(k) on a
 * k-mesh, the orbital sectors, the FFT and the per-z work buffers. Built once,
 * reused for every energy z.
 *
 * The mesh is either the lattice's own (exact: G_KK of the finite torus) or a
 * larger `meshShape` M: the same unit-cell amplitudes h'(c) on an M torus,
 * whose G(R) for |R| ≪ M is the thermodynamic-limit ("infinite host") Green's
 * function. On the own mesh, a winding ν makes the x boundary twisted
 * (k_x = (2πn + πν)/L_x, see unitCell.ts); on a larger x mesh the uniform-gauge
 * host is put on the M torus with periodic boundaries (twist 0): the boundary
 * only matters at distances ~M, and the infinite host has none.
 */

import { InputError } from '../../errors.js';
import type { BdGHamiltonian } from '../../hamiltonian/bdg.js';
import type { HostData, HostGeometry } from '../../host/host.js';
import { MeshTransform, type PartialMeshTransform } from './fft.js';
import { blochUnitCell, extractUnitCell, nodeOffsets1 } from './unitCell.js';

export interface KSpaceOptions {
  /** k-mesh per axis (default: the lattice shape); each M_a ≥ L_a. Larger meshes approach the infinite host. */
  meshShape?: number[];
  /** Supercurrent winding ν of the host's pairing (model.pairing.winding; default 0). */
  winding?: number;
}

/** What a k-space plan holds (opaque to callers beyond these descriptive fields). */
export interface KSpacePlan {
  readonly geometry: HostGeometry;
  /** Matrix size b = 4m of the Bloch blocks (m nodes per cell). */
  readonly blockSize: number;
  /** The k-mesh, one size per lattice axis. */
  readonly meshShape: readonly number[];
  readonly winding: number;
  /** Number of k points Π M_a. */
  readonly kPoints: number;
  /** Distinct displacement blocks h'(c) of the unit cell (on-site included). */
  readonly classes: number;
  /** Orbital sectors of the b orbitals (4l + (e↑, e↓, h↑, h↓) of node l): H0 couples no orbital of one sector to one of another. */
  readonly sectors: readonly (readonly number[])[];
  /** Entries (a, c) of the b×b G(k) inside one sector (the only nonzero ones), row-major index b·a + c. */
  readonly coupledEntries: readonly number[];
}

export class KSpacePlanImpl implements KSpacePlan {
  readonly kPoints: number;
  /** Per-k work: one table per coupled entry (a, c), interleaved complex over the mesh. */
  readonly tables: Float64Array[];
  readonly transform: MeshTransform;
  /** The pruned transform of the last kept-site set (reused while the set stays the same). */
  partial: { key: string; transform: PartialMeshTransform } | null = null;
  readonly coupledEntries: readonly number[];
  /** Fractional a_1 coordinate f_1(l) of each node of a cell (the gauge's x = n1 + f_1). */
  readonly offsets1: Float64Array;
  /** Table of entry b·a + c, or −1 for an entry outside every sector (identically zero). */
  readonly entrySlots: Int32Array;

  constructor(
    readonly geometry: HostGeometry,
    readonly blockSize: number,
    readonly mesh: readonly [number, number, number],
    readonly winding: number,
    /** Boundary twist τ on x: k_x = (2πn + τ)/M_x. */
    readonly twist: number,
    readonly classes: number,
    /** H'(k), 2b² interleaved numbers per k point (mesh order). */
    readonly hk: Float64Array,
    readonly sectors: readonly (readonly number[])[],
  ) {
    this.kPoints = mesh[0] * mesh[1] * mesh[2];
    const b = blockSize;
    this.coupledEntries = sectors.flatMap((s) => s.flatMap((a) => s.map((c) => b * a + c))).sort((x, y) => x - y);
    this.offsets1 = nodeOffsets1(geometry);
    this.entrySlots = new Int32Array(b * b).fill(-1);
    this.coupledEntries.forEach((entry, e) => (this.entrySlots[entry] = e));
    this.tables = this.coupledEntries.map(() => new Float64Array(2 * this.kPoints));
    this.transform = new MeshTransform(mesh);
  }

  get meshShape(): readonly number[] {
    return this.mesh.slice(0, this.geometry.dim);
  }
}

/** The orbitals joined by nonzero entries of the blocks (union–find over the b orbitals), each sector sorted. */
export function orbitalSectors(blocks: Float64Array, classes: number, b: number): number[][] {
  const root = Array.from({ length: b }, (_, a) => a);
  const find = (a: number): number => (root[a] === a ? a : (root[a] = find(root[a]!)));
  for (let c = 0; c < classes; c++)
    for (let a = 0; a < b; a++)
      for (let e = 0; e < b; e++) {
        const p = 2 * (b * b * c + b * a + e);
        if (blocks[p] !== 0 || blocks[p + 1] !== 0) root[find(a)] = find(e);
      }
  const sectors = new Map<number, number[]>();
  for (let a = 0; a < b; a++) {
    const r = find(a);
    if (!sectors.has(r)) sectors.set(r, []);
    sectors.get(r)!.push(a);
  }
  return [...sectors.values()];
}

function resolveMesh(geometry: HostGeometry, meshShape: number[] | undefined): [number, number, number] {
  if (meshShape === undefined) return [...geometry.shape];
  if (!Array.isArray(meshShape) || meshShape.length !== geometry.dim)
    throw new InputError('meshShape', `expected ${geometry.dim} mesh sizes (one per lattice axis)`);
  const mesh: [number, number, number] = [1, 1, 1];
  meshShape.forEach((M, a) => {
    const L = geometry.shape[a]!;
    if (!Number.isInteger(M) || M < L) throw new InputError(`meshShape[${a}]`, `expected an integer ≥ the lattice size ${L}, got ${M}`);
    mesh[a] = M;
  });
  return mesh;
}

/**
 * Build H'(k) on the lattice's own k-mesh or on a finer `meshShape`. Throws
 * InputError('lattice.periodic', …) unless every axis of 3 or more sites is
 * periodic (axes of 1 or 2 sites have no wrap bonds, so open and periodic are
 * the same matrix there), and InputError('hamiltonian', …) if H0 is not
 * translation invariant in the gauge of `winding`.
 */
export function planKSpace(h: BdGHamiltonian | HostData, options: KSpaceOptions = {}): KSpacePlan {
  const geometry = 'geometry' in h ? h.geometry : h.lattice.geometry();
  for (let a = 0; a < geometry.dim; a++)
    if (!geometry.periodic[a] && geometry.shape[a]! > 2)
      throw new InputError(
        'lattice.periodic',
        `the k-space solver needs every axis periodic, but axis ${a} (${geometry.shape[a]} cells) is open; use the real-space solver`,
      );
  const winding = options.winding ?? ('winding' in h ? h.winding : 0);
  if (!Number.isInteger(winding)) throw new InputError('winding', `expected an integer on a periodic lattice, got ${winding}`);
  const mesh = resolveMesh(geometry, options.meshShape);
  const bloch = 'bloch' in h ? h.bloch : undefined;
  const cell = bloch && winding === 0 ? blochUnitCell(bloch, geometry) : extractUnitCell(h.matrix, geometry, winding);
  const b = 4 * cell.nodesPerCell;
  const bb = 2 * b * b;
  for (let a = 0; a < 3; a++)
    if (mesh[a] !== cell.size[a] && cell.tiedAxes[a])
      throw new InputError(
        `meshShape[${a}]`,
        `the lattice has ${cell.size[a]} cells on axis ${a}, so a coupling at displacement ${cell.size[a] / 2} has no definite direction and cannot be carried to a larger mesh; use at least 3 sites on that axis`,
      );
  const twist = mesh[0] === cell.size[0] ? Math.PI * winding : 0;

  const kPoints = mesh[0] * mesh[1] * mesh[2];
  // e^{i k_a rep_a(c)} per class and axis, then H'(k) = Σ_c h'(c) e^{ik·rep(c)}.
  const phases = [0, 1, 2].map((a) => {
    const M = mesh[a]!;
    const tau = a === 0 ? twist : 0;
    const table = new Float64Array(2 * M * cell.classes);
    for (let c = 0; c < cell.classes; c++)
      for (let n = 0; n < M; n++) {
        const angle = ((2 * Math.PI * n + tau) / M) * cell.reps[3 * c + a]!;
        table[2 * (c * M + n)] = Math.cos(angle);
        table[2 * (c * M + n) + 1] = Math.sin(angle);
      }
    return table;
  });
  const hk = new Float64Array(bb * kPoints);
  const [M0, M1, M2] = mesh;
  const [px, py, pz] = phases as [Float64Array, Float64Array, Float64Array];
  for (let c = 0; c < cell.classes; c++) {
    const blk = cell.blocks.subarray(bb * c, bb * c + bb);
    const nonzero: number[] = [];
    for (let e = 0; e < bb; e += 2) if (blk[e] !== 0 || blk[e + 1] !== 0) nonzero.push(e);
    if (nonzero.length === 0) continue;
    let k = 0;
    for (let n0 = 0; n0 < M0; n0++) {
      const ar = px[2 * (c * M0 + n0)]!, ai = px[2 * (c * M0 + n0) + 1]!;
      for (let n1 = 0; n1 < M1; n1++) {
        const br = py[2 * (c * M1 + n1)]!, bi = py[2 * (c * M1 + n1) + 1]!;
        const abr = ar * br - ai * bi, abi = ar * bi + ai * br;
        for (let n2 = 0; n2 < M2; n2++, k++) {
          const cr = pz[2 * (c * M2 + n2)]!, ci = pz[2 * (c * M2 + n2) + 1]!;
          const fr = abr * cr - abi * ci, fi = abr * ci + abi * cr;
          const o = bb * k;
          for (const e of nonzero) {
            const vr = blk[e]!, vi = blk[e + 1]!;
            hk[o + e] += vr * fr - vi * fi;
            hk[o + e + 1] += vr * fi + vi * fr;
          }
        }
      }
    }
  }
  return new KSpacePlanImpl(geometry, b, mesh, winding, twist, cell.classes, hk, orbitalSectors(cell.blocks, cell.classes, b));
}
