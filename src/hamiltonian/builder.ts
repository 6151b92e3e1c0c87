import { InputError } from '../errors.js';
import { BravaisLattice } from '../lattice/bravais.js';
import { findBlock, type BlockSparse } from './blockSparse.js';
import { BdGHamiltonian } from './bdg.js';
import type { Mat2 } from './pauli.js';
import { BlockTable } from './blockTable.js';
import { prefaulted } from '../parallel/prefault.js';

/**
 * A node (one orbital of one site, src/host/host.ts) given by its index, or a
 * site by its cell coordinates (its first sublattice and orbital: on the
 * one-orbital cubic lattices node = site).
 */
export type SiteRef = number | readonly number[];

/**
 * A 2×2 term checked once and laid out for the 4×4 BdG blocks (builder.term):
 * added to many node pairs by addTermH / addTermDelta without re-checking it,
 * as a host's uniform terms are (the same hopping on every bond).
 */
export interface PreparedTerm {
  /** m, interleaved complex, entry (a, c) at 2(2a + c). */
  readonly m: Float64Array;
  /** −m* (the hole block of H). */
  readonly hole: Float64Array;
  /** m†: entry (a, c) is conj(m_ca) (the partner block of Δ). */
  readonly dagger: Float64Array;
}

/** Offsets in a 4×4 interleaved block of its 2×2 sub-block (r0, c0), entry (a, c) at index 2a + c. */
const subBlock = (r0: number, c0: number) => Int32Array.from([0, 1, 2, 3], (k) => 2 * ((r0 + (k >> 1)) * 4 + c0 + (k & 1)));
const ELECTRON = subBlock(0, 0), HOLE = subBlock(2, 2), PAIRING = subBlock(0, 2), PAIRING_PARTNER = subBlock(2, 0);

/**
 * "Pen and paper" construction of a BdG Hamiltonian, as in bodge:
 * `b.setH(i, j, scale(-t, sigma0))` is H_ij = −t σ0 and `b.setDelta(i, i, …)` is Δ_ii.
 *
 * Basis per node (c↑, c↓, c†↑, c†↓); block (i, j) of the 4N×4N matrix (N nodes) is
 * Ĥ_ij = [[H_ij, Δ_ij], [(Δ_ji)†, −H_ij*]] (DESIGN.md §1). Setting H_ij fills its
 * electron block and the hole block −H_ij*; setting Δ_ij fills block (i, j)
 * upper-right with Δ_ij and block (j, i) lower-left with Δ_ij†. Hermiticity
 * (H_ji = H_ij†) is the caller's job — `build()` checks it and names the first
 * offending block.
 */
export class HamiltonianBuilder {
  /**
   * Block (i, j) lives at store[32·slot ..] with slot = slots.get(i, j) (blockTable.ts):
   * one growing array instead of a Float64Array per block, whose off-heap
   * allocations made the garbage collector a third of building a 101×101 host.
   */
  private readonly slots = new BlockTable();
  private store = new Float64Array(32 * 64);
  /** Row i and column j of each slot's block (for build's counting sort, without the Map). */
  private rowOf = new Int32Array(64);
  private colOf = new Int32Array(64);

  constructor(readonly lattice: BravaisLattice) {
    if (!(lattice instanceof BravaisLattice)) throw new InputError('lattice', 'expected a lattice (new CubicLattice(shape, periodic) or a BravaisLattice)');
  }

  /** A 2×2 block: Float64Array(8) (see `mat2`) of finite numbers. */
  private checkMatrix(m: Mat2, field: string): void {
    if (!(m instanceof Float64Array) || m.length !== 8) throw new InputError(field, 'expected a 2×2 matrix (mat2(a, b, c, d): Float64Array of 8 numbers)');
    for (let k = 0; k < 8; k++) if (!Number.isFinite(m[k]!)) throw new InputError(field, `expected finite entries, got ${m[k]} at position ${k >> 1} (${k & 1 ? 'imaginary' : 'real'} part)`);
  }

  private siteIndex(s: SiteRef, field: string): number {
    if (typeof s === 'number') {
      if (!Number.isInteger(s) || s < 0 || s >= this.lattice.nNodes)
        throw new InputError(field, `node index ${s} is outside 0..${this.lattice.nNodes - 1}`);
      return s;
    }
    return this.lattice.node(this.lattice.index(s, field));
  }

  /**
   * Make room for `blocks` stored 4×4 blocks in all (a host knows its count:
   * nodes plus bonds), so that the store is allocated once rather than
   * doubled, which on a large host left megabytes of garbage to collect.
   */
  reserve(blocks: number): this {
    if (!(Number.isInteger(blocks) && blocks >= 0)) throw new InputError('blocks', `expected an integer ≥ 0, got ${String(blocks)}`);
    this.slots.reserve(blocks);
    if (32 * blocks > this.store.length) this.resize(blocks);
    return this;
  }

  /** Store, row and column arrays for `blocks` slots (the used part copied). */
  private resize(blocks: number): void {
    const grown = prefaulted(new Float64Array(32 * blocks));
    grown.set(this.store.subarray(0, 32 * this.slots.size));
    this.store = grown;
    const rows = new Int32Array(blocks), cols = new Int32Array(blocks);
    rows.set(this.rowOf.subarray(0, this.slots.size));
    cols.set(this.colOf.subarray(0, this.slots.size));
    this.rowOf = rows;
    this.colOf = cols;
  }

  /** m checked (field names it in the error) and laid out for addTermH / addTermDelta. */
  term(m: Mat2, field = 'term'): PreparedTerm {
    this.checkMatrix(m, field);
    const copy = Float64Array.from(m);
    const hole = new Float64Array(8), dagger = new Float64Array(8);
    for (let k = 0; k < 4; k++) {
      hole[2 * k] = -copy[2 * k]!;
      hole[2 * k + 1] = copy[2 * k + 1]!;
      const t = 2 * ((k & 1) * 2 + (k >> 1));
      dagger[2 * k] = copy[t]!;
      dagger[2 * k + 1] = -copy[t + 1]!;
    }
    return { m: copy, hole, dagger };
  }

  /** Node index k, which must be an integer in range (field names it in the error). */
  private nodeIndex(k: number, field: string): number {
    if (!(Number.isInteger(k) && k >= 0 && k < this.lattice.nNodes)) this.siteIndex(k, field);
    return k;
  }

  /** store[at + offsets[k]] += values[k] for the four complex entries of a 2×2 sub-block. */
  private accumulate(at: number, offsets: Int32Array, values: Float64Array): void {
    const blk = this.store;
    for (let k = 0; k < 4; k++) {
      const p = at + offsets[k]!;
      blk[p] += values[2 * k]!;
      blk[p + 1] += values[2 * k + 1]!;
    }
  }

  /** H_ij += m for nodes i, j (indices) and a prepared m (term): the same as addH(i, j, m). */
  addTermH(i: number, j: number, t: PreparedTerm): this {
    const at = this.block(this.nodeIndex(i, 'H.i'), this.nodeIndex(j, 'H.j'));
    this.accumulate(at, ELECTRON, t.m);
    this.accumulate(at, HOLE, t.hole);
    return this;
  }

  /** Δ_ij += m for nodes i, j (indices) and a prepared m (term): the same as addDelta(i, j, m). */
  addTermDelta(i: number, j: number, t: PreparedTerm): this {
    const a = this.nodeIndex(i, 'Delta.i'), b = this.nodeIndex(j, 'Delta.j');
    this.accumulate(this.block(a, b), PAIRING, t.m);
    this.accumulate(this.block(b, a), PAIRING_PARTNER, t.dagger);
    return this;
  }

  /** Offset in `store` of block (i, j), created zero. */
  private block(i: number, j: number): number {
    const before = this.slots.size;
    const slot = this.slots.slot(i, j);
    if (slot === before) {
      if (32 * (slot + 1) > this.store.length) this.resize(2 * this.rowOf.length);
      this.rowOf[slot] = i;
      this.colOf[slot] = j;
    }
    return 32 * slot;
  }

  /** store[at + offsets[k]] = values[k] for the four complex entries of a 2×2 sub-block. */
  private overwrite(at: number, offsets: Int32Array, values: Float64Array): void {
    const blk = this.store;
    for (let k = 0; k < 4; k++) {
      const p = at + offsets[k]!;
      blk[p] = values[2 * k]!;
      blk[p + 1] = values[2 * k + 1]!;
    }
  }

  /** H_ij = m (electron block) and −m* (hole block); overwrites what was there. */
  setH(i: SiteRef, j: SiteRef, m: Mat2): this {
    const a = this.siteIndex(i, 'H.i'), b = this.siteIndex(j, 'H.j');
    const t = this.term(m, `H(${a}, ${b})`);
    const at = this.block(a, b);
    this.overwrite(at, ELECTRON, t.m);
    this.overwrite(at, HOLE, t.hole);
    return this;
  }
  /** H_ij += m. */
  addH(i: SiteRef, j: SiteRef, m: Mat2): this {
    const a = this.siteIndex(i, 'H.i'), b = this.siteIndex(j, 'H.j');
    return this.addTermH(a, b, this.term(m, `H(${a}, ${b})`));
  }
  /** Δ_ij = m (and its Hermitian partner in block (j, i)); overwrites what was there. */
  setDelta(i: SiteRef, j: SiteRef, m: Mat2): this {
    const a = this.siteIndex(i, 'Delta.i'), b = this.siteIndex(j, 'Delta.j');
    const t = this.term(m, `Delta(${a}, ${b})`);
    this.overwrite(this.block(a, b), PAIRING, t.m);
    this.overwrite(this.block(b, a), PAIRING_PARTNER, t.dagger);
    return this;
  }
  /** Δ_ij += m. */
  addDelta(i: SiteRef, j: SiteRef, m: Mat2): this {
    const a = this.siteIndex(i, 'Delta.i'), b = this.siteIndex(j, 'Delta.j');
    return this.addTermDelta(a, b, this.term(m, `Delta(${a}, ${b})`));
  }

  /** Freeze into block-sparse storage, checking Hermiticity (tolerance `tol` relative to the largest entry). */
  build(tol = 1e-12): BdGHamiltonian {
    if (!(typeof tol === 'number' && tol >= 0 && Number.isFinite(tol))) throw new InputError('tol', `expected a finite number ≥ 0, got ${String(tol)}`);
    const n = this.lattice.nNodes;
    const count = this.slots.size;
    const { rowOf, colOf, store } = this;
    // Blocks in row-major order by a counting sort over rows and an insertion sort within each
    // row (a few blocks; long rows by a typed sort), instead of sorting the Map's keys: a tenth of the time on 201×201.
    const rowPtr = new Int32Array(n + 1);
    for (let t = 0; t < count; t++) rowPtr[rowOf[t]! + 1]++;
    for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i]!;
    const order = new Int32Array(count);
    const fill = rowPtr.slice(0, n);
    for (let t = 0; t < count; t++) order[fill[rowOf[t]!]!++] = t;
    const colIdx = new Int32Array(count);
    for (let i = 0; i < n; i++) {
      const r0 = rowPtr[i]!, r1 = rowPtr[i + 1]!;
      if (r1 - r0 > 32) order.subarray(r0, r1).sort((x, y) => colOf[x]! - colOf[y]!);
      else
        for (let k = r0 + 1; k < r1; k++) {
          const t = order[k]!, c = colOf[t]!;
          let q = k - 1;
          while (q >= r0 && colOf[order[q]!]! > c) {
            order[q + 1] = order[q]!;
            q--;
          }
          order[q + 1] = t;
        }
      for (let k = r0; k < r1; k++) colIdx[k] = colOf[order[k]!]!;
    }
    // The blocks in row-major order and, in the same pass, the largest |entry|; a NaN or ±∞ fails
    // `v <= scale || v > scale`. The values go to shared memory where there is one: worker pools then
    // share them as they are instead of copying 12.6 MB (the paper's host) on the way to the first worker.
    const values = sharedFloat64Array(count * 32);
    let scale = 0;
    for (let k = 0; k < count; k++) {
      const from = 32 * order[k]!, to = 32 * k;
      for (let e = 0; e < 32; e++) {
        const x = store[from + e]!;
        values[to + e] = x;
        const v = Math.abs(x);
        if (v > scale) scale = v;
        else if (!(v <= scale)) scale = NaN;
      }
    }
    // Sums of finite entries can still overflow (1e308 + 1e308): no solver can use such a block.
    if (!Number.isFinite(scale)) this.throwNonFinite();
    const matrix: BlockSparse = { nSites: n, b: 4, rowPtr, colIdx, values };
    checkHermitian(matrix, tol * Math.max(1, scale), (i, j, dev) => {
      throw new InputError(
        'hamiltonian',
        `block (${i}, ${j}) between sites ${this.nodeLabel(i)} and ${this.nodeLabel(j)} is not the Hermitian conjugate of block (${j}, ${i}) (deviation ${dev.toExponential(2)}): set H_ji = H_ij† and Δ for both bond directions`,
      );
    });
    return new BdGHamiltonian(this.lattice, matrix);
  }

  /** The InputError naming the first block with a non-finite entry. */
  private throwNonFinite(): never {
    for (let slot = 0; slot < this.slots.size; slot++)
      for (let e = 32 * slot; e < 32 * slot + 32; e++) {
        const v = this.store[e]!;
        if (!Number.isFinite(v)) throw new InputError('hamiltonian', `block (${this.rowOf[slot]}, ${this.colOf[slot]}) has a non-finite entry (${v}): the terms added there overflow`);
      }
    throw new Error('HamiltonianBuilder: non-finite scale without a non-finite entry');
  }

  /** A readable name of node k: its site, and its orbital on multi-orbital lattices. */
  private nodeLabel(k: number): string {
    const lat = this.lattice;
    const site = lat.nodeSite(k);
    const orbital = k - lat.node(site, 0);
    return lat.nodesPerCell > lat.nBasis ? `${lat.label(site)} orbital ${orbital}` : lat.label(site);
  }
}

/**
 * A zeroed Float64Array of `length` in a SharedArrayBuffer where the runtime
 * has one (Node; browsers only when cross-origin isolated), else an ordinary one.
 */
function sharedFloat64Array(length: number): Float64Array {
  const Shared = (globalThis as { SharedArrayBuffer?: SharedArrayBufferConstructor }).SharedArrayBuffer;
  return prefaulted(Shared ? new Float64Array(new Shared(8 * length)) : new Float64Array(length));
}

/**
 * Calls `fail(i, j, deviation)` for the first block (row-major) with
 * max |H_ij − (H_ji)†| > tol (a missing partner counts as zeros).
 */
function checkHermitian(h: BlockSparse, tol: number, fail: (i: number, j: number, deviation: number) => never): void {
  const v = h.values;
  const zero = new Float64Array(32);
  // tol² where it is finite and nonzero-safe; otherwise every block takes the exact path below.
  const tol2 = tol < 1e150 ? tol * tol : -1;
  for (let i = 0; i < h.nSites; i++)
    for (let k = h.rowPtr[i]!; k < h.rowPtr[i + 1]!; k++) {
      const j = h.colIdx[k]!;
      const partner = findBlock(h, j, i);
      const w = partner < 0 ? zero : v;
      const at = 32 * k, pt = partner < 0 ? 0 : 32 * partner;
      // Largest |H_ij − (H_ji)†| entry, compared squared (no hypot in this loop over every block).
      let dev2 = 0;
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 4; c++) {
          const p = 2 * (a * 4 + c), q = 2 * (c * 4 + a);
          const dr = v[at + p]! - w[pt + q]!, di = v[at + p + 1]! + w[pt + q + 1]!;
          const d2 = dr * dr + di * di;
          if (d2 > dev2 || d2 !== d2) dev2 = d2;
        }
      if (dev2 <= tol2) continue;
      // Exactly, by hypot (squares overflow for entries beyond ~1e154).
      let dev = 0;
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 4; c++) {
          const p = 2 * (a * 4 + c), q = 2 * (c * 4 + a);
          dev = Math.max(dev, Math.hypot(v[at + p]! - w[pt + q]!, v[at + p + 1]! + w[pt + q + 1]!));
        }
      if (!(dev <= tol)) fail(i, j, dev);
    }
}
