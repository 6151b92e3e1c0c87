/**
 * Green's-function blocks G_KK = [(z − H0)⁻¹]_KK on a set K of kept lattice
 * sites, and ln|det(z − H0)|, by a nested-dissection multifrontal
 * factorization that eliminates K last (DESIGN.md §2, "Exact fast path"):
 * with A = z − H0 and R the other sites, the Schur complement
 * S = A_KK − A_KR A_RR⁻¹ A_RK satisfies G_KK = S⁻¹ and
 * ln|det A| = ln|det A_RR| + ln|det S|.
 *
 * `planSchur` does everything that does not depend on z or on H0's values
 * (ordering, symbolic structure, index maps); `schurGreens` runs the numeric
 * elimination by the cheapest exact route, decided from H0's values at every
 * call:
 * - orbital sectors (sectors.ts): a BdG matrix without spin–orbit coupling
 *   splits into two 2-orbital sectors that are particle–hole images of each
 *   other on the imaginary axis, so one complex bs = 2 elimination (1/8 of the
 *   b = 4 flops) gives everything;
 * - otherwise, on the imaginary axis, a particle–hole symmetric BdG matrix is
 *   eliminated in real arithmetic in the Majorana basis (majorana.ts, 1/4 of
 *   the complex flops);
 * - otherwise one complex elimination with the full blocks.
 * Each of these eliminations goes through the plan's mirror tree
 * (mirrorTree.ts): a matrix exactly invariant under the reflection of an open
 * lattice axis is eliminated as its even and odd sectors (mirrors.ts), each
 * again split by every further mirror it has.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import { InputError } from '../../errors.js';
import { dissect, type Lattice3, type TopChoice } from './dissection.js';
import { dissectGraph } from './graphDissection.js';
import type { HostGeometry } from '../../host/host.js';
import { FrontWorkspace, type SectorMatrix } from './multifrontal.js';
import { greensFromMajorana, isParticleHoleSymmetric, majoranaValues } from './majorana.js';
import { analyse, type SymbolicFactor } from './symbolic.js';
import { findImage, orbitalSectors, scatterSector, sectorMatrix, type SectorImage } from './sectors.js';
import { combineGreens, type CellBox } from './mirrors.js';
import { buildReduction, eliminatePrepared, prepareReduced, preparedDoubles, ReductionNode, sameEntries, type Dissect, type Dissected, type PortableReduction, type PreparedValues } from './mirrorTree.js';

export { orbitalSectors } from './sectors.js';

/** A one-node-per-cell lattice of cells (the cubic case), or a host's node geometry. */
export interface LatticeGeometry {
  shape: number[];
  periodic: boolean[];
}

interface CellGeometry extends Lattice3 {
  nodesPerCell: number;
}

/** What schurGreens eliminates: with mirrors, the sectors' dissections (fronts and flops summed, sizes the largest). */
export interface SchurPlanStats {
  /** The mirrors ("mirrors yx (4 sectors), …") and how the kept sites enter the top of the tree. */
  readonly top: string;
  readonly fronts: number;
  /** Largest front, in sites. */
  readonly maxFrontSites: number;
  /** Complex multiply-adds per energy for 1×1 blocks (× bs³ per sector). */
  readonly flopsPerOrbital3: number;
  /** Peak contribution-block stack, in sites². */
  readonly stackPeakSites2: number;
}

/** Ordering and symbolic factorization, built once and reused for every z. */
export interface SchurPlan {
  readonly nSites: number;
  readonly b: number;
  readonly keptSites: readonly number[];
  readonly stats: SchurPlanStats;
}

export interface SchurPlanOptions {
  /** Boxes with at most this many sites are not cut further (default 8). */
  leafSites?: number;
  /**
   * 'auto' (default) compares the flop counts of all choices; 'holes' keeps
   * exactly K at the top; 'plane' enlarges K to a full lattice plane (line in
   * 2D) through all of K, when there is one.
   */
  top?: 'auto' | 'holes' | 'plane';
  /**
   * 'auto' (default, unless the environment variable RKKY_SYMMETRY=off)
   * splits the matrix by its exact mirror symmetries (mirrors.ts,
   * mirrorTree.ts); 'off' factorizes the whole matrix.
   */
  symmetry?: 'auto' | 'off';
  /**
   * Build the dissections at first use (completePlan, exportPlanPart,
   * schurGreens) instead of now, also without a mirror: threads that
   * complete parts of one plan at once (importPlanPart) plan lazily.
   */
  lazy?: boolean;
}

export interface SchurResult {
  /**
   * G_KK = [(z − H0)⁻¹]_KK, dense (b·m)×(b·m), m = keptSites.length, interleaved
   * complex, row-major; kept site k occupies rows/cols b·k .. b·k+b−1 in the
   * order of keptSites.
   */
  greens: Float64Array;
  /** ln|det(z·1 − H0)| over the whole matrix. */
  logAbsDet: number;
}

const DEFAULT_LEAF_SITES = 8;

/**
 * Everything schurGreens derives from H0's values alone and not from z — the
 * orbital sectors and their images, the particle–hole test, the sector (or
 * Majorana) values and their mirror reductions — kept for the values of the
 * last call (a copy, compared entry by entry at the next call, so a changed
 * or mutated H0 is never served stale results). With 23 pole nodes per host
 * this preparation was a third of each node's time on the paper's lattice.
 */
class ValueCache {
  sectors?: Int32Array[];
  readonly images = new Map<boolean, (SectorImage | undefined)[]>();
  particleHole?: boolean;
  majorana?: PreparedValues;
  readonly sectorValues = new Map<number, PreparedValues>();
  /** `owned`: `values` is the caller's private array, never changed (adoptPlanValues): the same array needs no comparison. */
  constructor(
    readonly values: Float64Array,
    readonly owned = false,
  ) {}

  /** Bitwise equality with `values` (a −0 or a NaN payload that differs only prepares again). */
  matches(values: Float64Array): boolean {
    const own = this.values;
    if (this.owned && values === own) return true;
    if (own.length !== values.length) return false;
    const nodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, off: number, len: number): { equals(o: unknown): boolean } } }).Buffer;
    if (nodeBuffer) return nodeBuffer.from(own.buffer, own.byteOffset, own.byteLength).equals(nodeBuffer.from(values.buffer, values.byteOffset, values.byteLength));
    const a = new Int32Array(own.buffer, own.byteOffset, 2 * own.length);
    const b = new Int32Array(values.buffer, values.byteOffset, 2 * values.length);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  doubles(): number {
    let n = this.values.length + (this.majorana ? preparedDoubles(this.majorana) : 0);
    for (const p of this.sectorValues.values()) n += preparedDoubles(p);
    return n;
  }
}

class Plan implements SchurPlan {
  readonly workspace = new FrontWorkspace();
  private cache?: ValueCache;
  constructor(
    readonly nSites: number,
    readonly b: number,
    readonly keptSites: readonly number[],
    /** Replaced only by importPlanPart, before the first schurGreens. */
    public tree: ReductionNode,
    readonly rowPtr: Int32Array,
    readonly colIdx: Int32Array,
  ) {}

  /** The value cache for h (a fresh one when h's values differ from the last call's). */
  valuesOf(h: BlockSparse): ValueCache {
    if (!this.cache?.matches(h.values)) this.cache = new ValueCache(h.values.slice());
    return this.cache;
  }

  /** Forget the prepared values (they follow the tree's splits, which importPlanPart replaces); adopted values stay adopted. */
  dropValueCache(): void {
    this.cache = this.cache?.owned ? new ValueCache(this.cache.values, true) : undefined;
  }

  /** Take `values` as the value cache's own array (adoptPlanValues). */
  adopt(values: Float64Array): void {
    if (this.cache?.values !== values || !this.cache.owned) this.cache = new ValueCache(values, true);
  }

  /** Doubles held by the value cache. */
  cachedDoubles(): number {
    return this.cache?.doubles() ?? 0;
  }

  /** The symbolic factorization of the whole (unreduced) matrix. */
  get symbolic(): SymbolicFactor {
    return this.tree.dissection().symbolic;
  }

  /** Statistics of what schurGreens eliminates: the mirror sectors' dissections when there are mirrors. */
  get stats(): SchurPlanStats {
    const leaves = this.tree.leaves().map((l) => l.dissection());
    const axes = this.tree.axes();
    return {
      top: (axes ? `mirrors ${axes} (${leaves.length} sectors), ` : '') + leaves[0]!.top,
      fronts: leaves.reduce((a, l) => a + l.symbolic.nFronts, 0),
      maxFrontSites: Math.max(...leaves.map((l) => l.symbolic.maxFrontSites)),
      flopsPerOrbital3: leaves.reduce((a, l) => a + l.symbolic.flops, 0),
      stackPeakSites2: Math.max(...leaves.map((l) => l.symbolic.stackPeak)),
    };
  }
}

/**
 * Bytes held by a plan: its symbolic structure plus the dense workspaces
 * (largest front, contribution-block stack) grown by the calls so far.
 */
export function planMemoryBytes(plan: SchurPlan): number {
  if (!(plan instanceof Plan)) throw new InputError('plan', 'a plan returned by planSchur');
  const symbolicBytes = (s: SymbolicFactor) =>
    [s.ownCount, s.varPtr, s.frontVars, s.childPtr, s.childIdx, s.relPtr, s.relMap, s.runPtr, s.runs, s.transposeBlock, s.asmEntries, s.asmPtr].reduce((a, x) => a + x.byteLength, 0);
  const w = plan.workspace;
  return (
    plan.tree.builtSymbolics().reduce((a, s) => a + symbolicBytes(s), plan.tree.tableBytes()) +
    w.front.byteLength +
    w.stack.byteLength +
    w.cbOffset.byteLength +
    8 * plan.cachedDoubles()
  );
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x > 0;
}

function validateMatrix(h: BlockSparse): void {
  if (!h || !isPositiveInt(h.nSites)) throw new InputError('h.nSites', 'a positive integer');
  if (!isPositiveInt(h.b)) throw new InputError('h.b', 'a positive integer block size');
  if (!(h.rowPtr instanceof Int32Array) || h.rowPtr.length !== h.nSites + 1 || h.rowPtr[0] !== 0) {
    throw new InputError('h.rowPtr', `an Int32Array of length nSites + 1 = ${h.nSites + 1} starting at 0`);
  }
  const nnz = h.rowPtr[h.nSites];
  if (!(h.colIdx instanceof Int32Array) || h.colIdx.length !== nnz) {
    throw new InputError('h.colIdx', `an Int32Array of length rowPtr[nSites] = ${nnz}`);
  }
  if (!(h.values instanceof Float64Array) || h.values.length !== 2 * nnz * h.b * h.b) {
    throw new InputError('h.values', `a Float64Array of length 2·nnz·b² = ${2 * nnz * h.b * h.b}`);
  }
  for (let r = 0; r < h.nSites; r++) {
    if (h.rowPtr[r + 1] < h.rowPtr[r]) throw new InputError('h.rowPtr', 'non-decreasing row pointers');
    for (let k = h.rowPtr[r]; k < h.rowPtr[r + 1]; k++) {
      const c = h.colIdx[k];
      if (!(c >= 0 && c < h.nSites) || (k > h.rowPtr[r] && c <= h.colIdx[k - 1])) {
        throw new InputError('h.colIdx', `sorted unique column indices in 0..${h.nSites - 1} within each row`);
      }
    }
  }
}

function validateGeometry(geometry: LatticeGeometry | HostGeometry, nSites: number): CellGeometry {
  if (geometry && 'nodesPerCell' in geometry) {
    const m = geometry.nodesPerCell;
    const [a, b, c] = geometry.shape;
    if (a * b * c * m !== nSites) throw new InputError('geometry.shape', `cells × nodes per cell equal to h.nSites = ${nSites} (got ${a * b * c * m})`);
    return { shape: [a, b, c], periodic: [...geometry.periodic], nodesPerCell: m };
  }
  const shape = geometry?.shape;
  if (!Array.isArray(shape) || shape.length < 1 || shape.length > 3 || !shape.every(isPositiveInt)) {
    throw new InputError('geometry.shape', '1 to 3 positive integer lattice sizes');
  }
  const periodic = geometry.periodic;
  if (!Array.isArray(periodic) || periodic.length !== shape.length || !periodic.every((p) => typeof p === 'boolean')) {
    throw new InputError('geometry.periodic', `${shape.length} booleans, one per axis of geometry.shape`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== nSites) {
    throw new InputError('geometry.shape', `sizes whose product equals h.nSites = ${nSites} (got ${size})`);
  }
  return {
    shape: [shape[0], shape[1] ?? 1, shape[2] ?? 1],
    periodic: [periodic[0], periodic[1] ?? false, periodic[2] ?? false],
    nodesPerCell: 1,
  };
}

/**
 * Whether the cubic dissection (cell planes one cell thick) separates h: one
 * node per cell and no stored block reaching further than one cell along any
 * axis (minimal image on periodic axes).
 */
function planesSeparate(h: BlockSparse, g: CellGeometry): boolean {
  if (g.nodesPerCell !== 1) return false;
  const [, ly, lz] = g.shape;
  const coord = (s: number, a: number) => (a === 0 ? Math.floor(s / (ly * lz)) : a === 1 ? Math.floor(s / lz) % ly : s % lz);
  for (let i = 0; i < h.nSites; i++)
    for (let k = h.rowPtr[i]!; k < h.rowPtr[i + 1]!; k++) {
      const j = h.colIdx[k]!;
      for (let a = 0; a < 3; a++) {
        const L = g.shape[a]!;
        let d = Math.abs(coord(j, a) - coord(i, a));
        if (g.periodic[a]) d = Math.min(d, L - d);
        if (d > 1) return false;
      }
    }
  return true;
}

function validateKept(keptSites: readonly number[], nSites: number): number[] {
  if (!Array.isArray(keptSites) && !ArrayBuffer.isView(keptSites)) {
    throw new InputError('keptSites', 'an array of site indices');
  }
  const seen = new Uint8Array(nSites);
  const out: number[] = [];
  for (let i = 0; i < keptSites.length; i++) {
    const s = keptSites[i];
    if (!Number.isInteger(s) || s < 0 || s >= nSites) {
      throw new InputError(`keptSites[${i}]`, `a site index in 0..${nSites - 1} (got ${s})`);
    }
    if (seen[s]) throw new InputError(`keptSites[${i}]`, `distinct site indices (site ${s} appears twice)`);
    seen[s] = 1;
    out.push(s);
  }
  return out;
}

/** Planes x_axis = c (lines in 2D, points in 1D) through every kept site. */
function commonPlanes(lattice: Lattice3, kept: readonly number[]): TopChoice[] {
  if (kept.length === 0) return [];
  const [, ly, lz] = lattice.shape;
  const coord = (s: number, axis: number): number =>
    axis === 0 ? Math.floor(s / (ly * lz)) : axis === 1 ? Math.floor(s / lz) % ly : s % lz;
  const out: TopChoice[] = [];
  for (let axis = 0; axis < 3; axis++) {
    if (lattice.shape[axis] < 2) continue;
    const c = coord(kept[0], axis);
    if (kept.every((s) => coord(s, axis) === c)) out.push({ kind: 'plane', axis, coord: c });
  }
  return out;
}

function describe(top: TopChoice): string {
  return top.kind === 'holes' ? 'kept sites only' : `plane ${'xyz'[top.axis]} = ${top.coord}`;
}

/**
 * Builds the elimination plan for matrices with h's block sparsity on the
 * lattice `geometry`, keeping `keptSites` (distinct site/node indices,
 * possibly none) for last. A plain {shape, periodic} geometry (one node per
 * cell, nearest-neighbour couplings) uses the cubic plane dissection; a host's
 * HostGeometry uses it too when it separates (one node per cell, no coupling
 * beyond one cell), and otherwise the matrix-read separators of
 * graphDissection.ts (several nodes per cell, longer-range hoppings).
 *
 * Mirror symmetry (mirrors.ts, mirrorTree.ts): when h's values are invariant
 * under the reflection of an open axis (H[m(i), m(j)] = H[i, j] to 1e-14 of
 * max|H|), the plan splits the lattice into the even and odd sectors of that
 * mirror, recursively, and schurGreens eliminates the sectors instead of the
 * whole matrix; the results are those of the whole matrix to round-off. The
 * sectors are planned at the first schurGreens call, the whole matrix's
 * dissection only when a matrix fails the symmetry check at a call (same
 * pattern, other values) or for planSymbolic. `options.symmetry: 'off'` or the
 * environment variable RKKY_SYMMETRY=off disables the reduction.
 */
export function planSchur(
  h: BlockSparse,
  geometry: LatticeGeometry | HostGeometry,
  keptSites: readonly number[],
  options: SchurPlanOptions = {},
): SchurPlan {
  validateMatrix(h);
  const lattice = validateGeometry(geometry, h.nSites);
  const kept = validateKept(keptSites, h.nSites);
  const leafSites = options.leafSites ?? DEFAULT_LEAF_SITES;
  if (!isPositiveInt(leafSites)) throw new InputError('options.leafSites', 'a positive integer');
  const symmetry = options.symmetry ?? (symmetryDisabledByEnvironment() ? 'off' : 'auto');
  if (symmetry !== 'auto' && symmetry !== 'off') throw new InputError('options.symmetry', "'auto' or 'off'");
  const dissectBox = boxDissector(geometry, leafSites, options.top ?? 'auto');
  const tree = buildReduction(h, lattice, kept, dissectBox, symmetry === 'auto');
  // Without a mirror the dissection is built (and the couplings checked) now; with one, the sectors'
  // dissections are built by the first schurGreens, the whole matrix's only for planSymbolic.
  if (!tree.reduced && options.lazy !== true) tree.dissection();
  return new Plan(h.nSites, h.b, Object.freeze(kept), tree, h.rowPtr.slice(), h.colIdx.slice());
}

/**
 * The nested dissection of a pattern on a box of the geometry's kind
 * (planSchur's Dissect). Sectors of a mirror split often share their box,
 * pattern and kept nodes (the paper lattice's odd sector splits into two
 * identical 101×25 halves): such a dissection is built once and shared (the
 * symbolic factor is read-only).
 */
function boxDissector(geometry: LatticeGeometry | HostGeometry, leafSites: number, top: 'auto' | 'holes' | 'plane'): Dissect {
  const fromHost = 'nodesPerCell' in geometry;
  const built: { pattern: BlockSparse; box: CellBox; kept: number[]; result: Dissected }[] = [];
  return (pattern, box, k) => {
    const known = built.find((d) => sameDissectionInput(d, pattern, box, k));
    if (known) return known.result;
    const result = dissection(pattern, { shape: [box.shape[0]!, box.shape[1]!, box.shape[2]!], periodic: [box.periodic[0]!, box.periodic[1]!, box.periodic[2]!], nodesPerCell: box.nodesPerCell }, fromHost, k, leafSites, top);
    built.push({ pattern, box, kept: [...k], result });
    return result;
  };
}

/** Whether a dissection built for (d.pattern, d.box, d.kept) serves (pattern, box, kept): equal block pattern, box and kept nodes. */
function sameDissectionInput(d: { pattern: BlockSparse; box: CellBox; kept: readonly number[] }, pattern: BlockSparse, box: CellBox, kept: readonly number[]): boolean {
  return (
    d.pattern.nSites === pattern.nSites &&
    d.pattern.b === pattern.b &&
    d.box.nodesPerCell === box.nodesPerCell &&
    sameEntries(d.box.shape, box.shape) &&
    d.box.periodic.every((p, a) => p === box.periodic[a]) &&
    sameEntries(d.kept, kept) &&
    sameEntries(d.pattern.rowPtr, pattern.rowPtr) &&
    sameEntries(d.pattern.colIdx, pattern.colIdx)
  );
}

/**
 * How many parts a plan's completion splits into for threads that plan one
 * host together: the two sectors of its top mirror split, or 1 (the whole
 * plan) without a mirror. Each part is completed (exportPlanPart) by one
 * thread and installed (importPlanPart) by the others.
 */
export function planParts(plan: SchurPlan): number {
  return checkedPlan(plan).tree.reduced ? 2 : 1;
}

/** Part k of the plan (planParts) completed, as structured-clonable data for importPlanPart in another thread. */
export function exportPlanPart(plan: SchurPlan, k: number): PortableReduction {
  const p = withPart(plan, k);
  const node = p.tree.reduced ? p.tree.child(k as 0 | 1) : p.tree;
  for (const leaf of node.leaves()) leaf.dissection();
  return node.portable();
}

/**
 * Install part k exported by another thread's plan of the same matrix and
 * kept sites (planSchur with the same options): this plan then needs no
 * planning of that part. A part this plan has begun to build itself (a
 * sector node asked for, a dissection built) is kept, not replaced, so
 * values prepared on it stay consistent; returns whether the part was
 * installed.
 */
export function importPlanPart(plan: SchurPlan, k: number, part: PortableReduction): boolean {
  const p = withPart(plan, k);
  if (p.tree.reduced) return p.tree.adoptChild(k as 0 | 1, part);
  if (p.tree.builtSymbolics().length > 0) return false;
  p.tree = p.tree.reviveHere(part);
  p.dropValueCache();
  return true;
}

function checkedPlan(plan: SchurPlan): Plan {
  if (!(plan instanceof Plan)) throw new InputError('plan', 'a plan returned by planSchur');
  return plan;
}

/** The plan, once k is one of its part numbers. */
function withPart(plan: SchurPlan, k: number): Plan {
  const parts = planParts(plan);
  if (!Number.isInteger(k) || k < 0 || k >= parts) throw new InputError('part', `an integer from 0 to ${parts - 1}`);
  return plan as Plan;
}

/**
 * Give the plan a matrix's values that its caller owns and never changes (a
 * private copy, as GreensSolver keeps): the plan's value cache then refers
 * to that array instead of copying it, and a call with the same array skips
 * the comparison with the cached copy (12.6 MB read per pole node on the
 * paper lattice, ≈ 8 ms on this machine). Any other array is still compared
 * entry by entry. The values must fit the plan's pattern.
 */
export function adoptPlanValues(plan: SchurPlan, values: Float64Array): void {
  const p = checkedPlan(plan);
  if (!(values instanceof Float64Array) || values.length !== 2 * p.colIdx.length * p.b * p.b) throw new InputError('values', "the values of a matrix with the plan's block pattern");
  p.adopt(values);
}

/** Whether RKKY_SYMMETRY=off is set (Node; absent in a browser); 'auto' or unset leave the reduction on. */
function symmetryDisabledByEnvironment(): boolean {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.RKKY_SYMMETRY;
  if (value === undefined || value === '' || value === 'auto') return false;
  if (value === 'off') return true;
  throw new InputError('RKKY_SYMMETRY', `'auto' or 'off' (got '${value}')`);
}

/** One nested dissection of the whole pattern, kept nodes last. */
function dissection(h: BlockSparse, lattice: CellGeometry, fromHost: boolean, kept: number[], leafSites: number, mode: 'auto' | 'holes' | 'plane'): Dissected {
  if (fromHost && !planesSeparate(h, lattice)) {
    // Several nodes per cell or longer-range couplings: separators from the matrix.
    return { symbolic: analyse(h, dissectGraph(h, lattice, lattice.nodesPerCell, kept, leafSites), kept.length > 0), top: 'kept sites only' };
  }
  const planes = commonPlanes(lattice, kept);
  const choices: TopChoice[] =
    mode === 'holes' ? [{ kind: 'holes' }] : mode === 'plane' && planes.length > 0 ? planes : [{ kind: 'holes' }, ...planes];
  let best: { sym: SymbolicFactor; top: TopChoice } | undefined;
  for (const top of choices) {
    const tree = dissect(lattice, kept, top, leafSites);
    const sym = analyse(h, tree, kept.length > 0);
    if (!best || sym.flops < best.sym.flops) best = { sym, top };
  }
  return { symbolic: best!.sym, top: describe(best!.top) };
}

function samePattern(plan: Plan, h: BlockSparse): boolean {
  if (h.nSites !== plan.nSites || h.b !== plan.b) return false;
  return (h.rowPtr === plan.rowPtr || sameEntries(h.rowPtr, plan.rowPtr)) && (h.colIdx === plan.colIdx || sameEntries(h.colIdx, plan.colIdx));
}

export interface SchurGreensOptions {
  /**
   * 'auto' (default) picks the cheapest exact route; 'complex' eliminates the
   * orbital sectors in complex arithmetic; 'majorana' uses the real
   * Majorana-basis form (needs z on the imaginary axis and an exactly
   * particle–hole symmetric BdG matrix, see majorana.ts).
   */
  method?: 'auto' | 'complex' | 'majorana';
}

/** Relative cost of a real multiply-add in the real kernels vs a quarter complex one. */
const REAL_KERNEL_PENALTY = 1.25;

/** G_KK and ln|det(z − H0)| at one complex energy z. */
export function schurGreens(
  plan: SchurPlan,
  h: BlockSparse,
  z: { re: number; im: number },
  options: SchurGreensOptions = {},
): SchurResult {
  const [p, cache] = checkedCall(plan, h, z);
  if (useMajorana(p, cache, h, z, options)) return majoranaGreens(p, cache, h, z);
  const parts: SchurPart[] = [];
  for (let k = 0; k < planParts(p); k++) parts.push(complexPart(p, cache, h, z, k));
  return combineComplex(p, cache, h, z, parts);
}

/**
 * One part of schurGreens at z (planParts: the two sectors of the top mirror
 * split, or the whole matrix), for combineSchurParts: two threads eliminate
 * the parts of one node at once, each with only its own part planned.
 */
export interface SchurPart {
  /**
   * Per orbital sector eliminated in complex arithmetic (images skipped), in
   * order: this part's G on its sector's kept nodes and its ln|det|. A sector
   * whose values do not split at the top is eliminated whole by part 0; the
   * other part leaves it empty.
   */
  readonly sectors: readonly { readonly greens: Float64Array; readonly logAbsDet: number }[];
  /** The node computed whole by part 0 (the real Majorana route does not split); null in part 1. */
  readonly whole?: SchurResult | null;
}

/** Part k (planParts) of schurGreens(plan, h, z, options). */
export function schurGreensPart(plan: SchurPlan, h: BlockSparse, z: { re: number; im: number }, k: number, options: SchurGreensOptions = {}): SchurPart {
  const [p, cache] = checkedCall(plan, h, z);
  withPart(p, k);
  if (useMajorana(p, cache, h, z, options)) return { sectors: [], whole: k === 0 ? majoranaGreens(p, cache, h, z) : null };
  return complexPart(p, cache, h, z, k);
}

/** schurGreens(plan, h, z, options) from its parts (schurGreensPart for k = 0 .. planParts − 1, any thread's plan of h). */
export function combineSchurParts(plan: SchurPlan, h: BlockSparse, z: { re: number; im: number }, parts: readonly SchurPart[]): SchurResult {
  const [p, cache] = checkedCall(plan, h, z);
  if (!Array.isArray(parts) || parts.length !== planParts(p)) throw new InputError('parts', `one result per part (${planParts(p)})`);
  if (parts[0]!.whole) return parts[0]!.whole;
  return combineComplex(p, cache, h, z, parts);
}

/**
 * The plan and the value cache for h, once h fits the plan and z is finite:
 * the cache is looked up once per call (comparing h's values with the
 * cached copy reads megabytes, and a node uses the cache several times).
 */
function checkedCall(plan: SchurPlan, h: BlockSparse, z: { re: number; im: number }): [Plan, ValueCache] {
  const p = checkedPlan(plan);
  if (!h || h.values?.length !== 2 * p.colIdx.length * p.b * p.b || !samePattern(p, h)) {
    throw new InputError('h', 'a matrix with the block sparsity pattern the plan was built for');
  }
  if (!z || !Number.isFinite(z.re) || !Number.isFinite(z.im)) throw new InputError('z', 'a finite complex number');
  return [p, p.valuesOf(h)];
}

/** Whether the node goes by the real Majorana form (cheaper than the complex sectors, z on the imaginary axis, h particle–hole symmetric). */
function useMajorana(plan: Plan, cache: ValueCache, h: BlockSparse, z: { re: number; im: number }, options: SchurGreensOptions): boolean {
  const method = options.method ?? 'auto';
  const onAxis = z.re === 0;
  const { sectors, images } = cachedSectors(cache, h, onAxis);
  // Cost in real multiply-adds per (site-level flop): 4·bs³ per complex sector.
  const complexCost = sectors.reduce((sum, sec, s) => sum + (images[s] ? 0 : 4 * sec.length ** 3), 0);
  const want = method === 'majorana' || (method === 'auto' && REAL_KERNEL_PENALTY * plan.b ** 3 < complexCost);
  const use = want && onAxis && (cache.particleHole ??= isParticleHoleSymmetric(h));
  if (method === 'majorana' && !use) throw new InputError('options.method', "'majorana' needs Re z = 0 and an exactly particle–hole symmetric BdG matrix");
  return use;
}

function majoranaGreens(plan: Plan, cache: ValueCache, h: BlockSparse, z: { re: number; im: number }): SchurResult {
  const b = plan.b;
  const m = plan.keptSites.length;
  const greens = new Float64Array(2 * (b * m) ** 2);
  const prepared = (cache.majorana ??= prepareReduced(plan.tree, majoranaValues(h), b * b));
  const a: SectorMatrix = { bs: b, ew: 1, values: prepared.values, shiftRe: z.im, shiftIm: 0 };
  const y = new Float64Array((b * m) ** 2);
  const logAbsDet = eliminatePrepared(plan.tree, prepared, a, m > 0, plan.workspace, y);
  if (m > 0) greensFromMajorana(y, m, b, greens);
  return { greens, logAbsDet };
}

const NO_GREENS = new Float64Array(0);

/** Part k of the complex route: every eliminated orbital sector through sector k of the top split (or, unsplit, whole in part 0). */
function complexPart(plan: Plan, cache: ValueCache, h: BlockSparse, z: { re: number; im: number }, k: number): SchurPart {
  const m = plan.keptSites.length;
  const { sectors, images } = cachedSectors(cache, h, z.re === 0);
  const out: { greens: Float64Array; logAbsDet: number }[] = [];
  for (let s = 0; s < sectors.length; s++) {
    if (images[s]) continue;
    const bs = sectors[s]!.length;
    const prepared = cachedSectorValues(plan, cache, h, s);
    const a: SectorMatrix = { bs, ew: 2, values: prepared.values, shiftRe: z.re, shiftIm: z.im };
    const split = plan.tree.reduced && prepared.sector ? plan.tree.split! : undefined;
    if (!split) {
      if (k !== 0) {
        out.push({ greens: NO_GREENS, logAbsDet: 0 });
        continue;
      }
      const g = new Float64Array(m > 0 ? 2 * (bs * m) ** 2 : 0);
      out.push({ greens: g, logAbsDet: eliminatePrepared(plan.tree, prepared, a, m > 0, plan.workspace, g) });
      continue;
    }
    const keptHere = (k === 0 ? split.even : split.odd).kept.length;
    const keep = m > 0 && keptHere > 0;
    const g = new Float64Array(keep ? 2 * (bs * keptHere) ** 2 : 0);
    out.push({ greens: g, logAbsDet: eliminatePrepared(plan.tree.child(k as 0 | 1), prepared.sector!(k as 0 | 1), a, keep, plan.workspace, g) });
  }
  return { sectors: out };
}

/** The complex route's result from its parts: per sector G recombined over the top split (combineGreens) and ln|det| summed, then scattered into the b-orbital G. */
function combineComplex(plan: Plan, cache: ValueCache, h: BlockSparse, z: { re: number; im: number }, parts: readonly SchurPart[]): SchurResult {
  const b = plan.b;
  const m = plan.keptSites.length;
  const greens = new Float64Array(2 * (b * m) ** 2);
  const { sectors, images } = cachedSectors(cache, h, z.re === 0);
  const sectorGreens: Float64Array[] = [];
  const sectorLogDet: number[] = [];
  let logAbsDet = 0;
  let e = 0;
  for (let s = 0; s < sectors.length; s++) {
    const image = images[s];
    if (image) {
      logAbsDet += sectorLogDet[image.source]!;
      sectorLogDet.push(sectorLogDet[image.source]!);
      sectorGreens.push(sectorGreens[image.source]!);
      if (m > 0) scatterSector(sectorGreens[image.source]!, image.map, m, b, image.particleHole, greens);
      continue;
    }
    const bs = sectors[s]!.length;
    const own = parts.map((part) => part.sectors[e]);
    if (own.some((x) => !x)) throw new InputError('parts', 'the parts of one node computed for this plan and matrix');
    e++;
    const split = plan.tree.reduced && cachedSectorValues(plan, cache, h, s).sector ? plan.tree.split! : undefined;
    let g: Float64Array;
    let ld: number;
    if (!split) {
      g = own[0]!.greens;
      ld = own[0]!.logAbsDet;
    } else {
      g = new Float64Array(m > 0 ? 2 * (bs * m) ** 2 : 0);
      if (m > 0) combineGreens(split.kept, bs, 2, own[0]!.greens, split.even.kept.length, own[1]!.greens, split.odd.kept.length, g);
      ld = own[0]!.logAbsDet + own[1]!.logAbsDet;
    }
    logAbsDet += ld;
    sectorLogDet.push(ld);
    sectorGreens.push(g);
    if (m > 0) scatterSector(g, sectors[s]!, m, b, false, greens);
  }
  return { greens, logAbsDet };
}

/** The orbital sectors of h and their images (on the imaginary axis or off it), from the value cache. */
function cachedSectors(cache: ValueCache, h: BlockSparse, onAxis: boolean): { sectors: Int32Array[]; images: (SectorImage | undefined)[] } {
  const sectors = (cache.sectors ??= orbitalSectors(h));
  let images = cache.images.get(onAxis);
  if (!images) cache.images.set(onAxis, (images = sectors.map((_, s) => findImage(h, sectors, s, onAxis))));
  return { sectors, images };
}

/** Orbital sector s's values (no shift) prepared for the plan's mirror tree, from the value cache. */
function cachedSectorValues(plan: Plan, cache: ValueCache, h: BlockSparse, s: number): PreparedValues {
  let prepared = cache.sectorValues.get(s);
  if (!prepared) {
    const bs = cache.sectors![s]!.length;
    cache.sectorValues.set(s, (prepared = prepareReduced(plan.tree, sectorMatrix(h, cache.sectors![s]!, { re: 0, im: 0 }).values, 2 * bs * bs)));
  }
  return prepared;
}

/**
 * What schurGreens derives from h's values alone, shared with it through the
 * plan's value cache (the selected inversion of selectedInverse.ts): the
 * orbital sectors, their exact images, and a sector's values prepared for the
 * mirror tree (prepareReduced: checked at every split as schurGreens does).
 */
export function planSectorValues(plan: SchurPlan, h: BlockSparse, onAxis: boolean): { sectors: Int32Array[]; images: (SectorImage | undefined)[]; prepared: (s: number) => PreparedValues } {
  if (!(plan instanceof Plan)) throw new InputError('plan', 'a plan returned by planSchur');
  const cache = plan.valuesOf(h);
  const { sectors, images } = cachedSectors(cache, h, onAxis);
  return { sectors, images, prepared: (s) => cachedSectorValues(plan, cache, h, s) };
}

/**
 * Builds now what the first schurGreensPart(plan, h, z, k) with z on the
 * imaginary axis would derive from h's values before eliminating: the
 * orbital sectors and their images, and each eliminated sector's values
 * reduced down part k's subtree of the mirror tree. A worker calls it while
 * it waits for the other parts of the plan (greensWorker.ts), where its first
 * node spent about 30 ms on it. Nothing for the Majorana route, which does
 * not split.
 */
export function preparePartValues(plan: SchurPlan, h: BlockSparse, k: number): void {
  const [p, cache] = checkedCall(plan, h, { re: 0, im: 1 });
  withPart(p, k);
  if (useMajorana(p, cache, h, { re: 0, im: 1 }, {})) return;
  const { sectors, images } = cachedSectors(cache, h, true);
  const descend = (node: ReductionNode, prepared: PreparedValues): void => {
    if (!prepared.sectors) return;
    const [even, odd] = node.children!;
    descend(even, prepared.sectors[0]);
    descend(odd, prepared.sectors[1]);
  };
  for (let s = 0; s < sectors.length; s++) {
    if (images[s]) continue;
    const prepared = cachedSectorValues(p, cache, h, s);
    if (p.tree.reduced && prepared.sector) descend(p.tree.child(k as 0 | 1), prepared.sector(k as 0 | 1));
  }
}

/**
 * Builds now what a plan otherwise builds at its first schurGreens call (the
 * mirror sectors and their dissections): a worker thread calls it while the
 * main thread is still fitting the pole expansion.
 */
export function completePlan(plan: SchurPlan): void {
  if (!(plan instanceof Plan)) throw new InputError('plan', 'a plan returned by planSchur');
  for (const leaf of plan.tree.leaves()) leaf.dissection();
}

/** The symbolic factorization of a plan (for the selected inversion of selectedInverse.ts). */
export function planSymbolic(plan: SchurPlan): SymbolicFactor {
  if (!(plan instanceof Plan)) throw new InputError('plan', 'a plan returned by planSchur');
  return plan.symbolic;
}

/** The plan's mirror-reduction tree (a single leaf without mirrors), for the selected inversion. */
export function planTree(plan: SchurPlan): ReductionNode {
  if (!(plan instanceof Plan)) throw new InputError('plan', 'a plan returned by planSchur');
  return plan.tree;
}

/** Whether h has the block sparsity pattern the plan was built for. */
export function planPattern(plan: SchurPlan, h: BlockSparse): boolean {
  if (!(plan instanceof Plan)) throw new InputError('plan', 'a plan returned by planSchur');
  return !!h && h.values?.length === 2 * plan.colIdx.length * plan.b * plan.b && samePattern(plan, h);
}
