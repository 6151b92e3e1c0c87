/**
 * The tree of mirror reductions of a plan (mirrors.ts): the whole matrix
 * is split by the first open axis under whose reflection it is exactly
 * symmetric, each sector again by the next, down to leaves that are
 * eliminated by nested dissection. Patterns and orderings are fixed at
 * planning; the values are checked at every elimination, and a node whose
 * sector matrix is not symmetric (same pattern, other values) is eliminated
 * whole, with a dissection of its own built on demand, so the result never
 * depends on the check at planning.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import { MIRROR_TOLERANCE, blockImage, combineGreens, hasMirrorValues, hasReducedMirrorValues, maxAbs, mirrorImage, reduceMatrix, reduceValues, splitMirror, type CellBox, type MirrorSplit } from './mirrors.js';
import { eliminate, type FrontWorkspace, type SectorMatrix } from './multifrontal.js';
import type { SymbolicFactor } from './symbolic.js';
import { InputError } from '../../errors.js';

/** A nested dissection of one pattern: the symbolic factor and how its top was chosen. */
export interface Dissected {
  readonly symbolic: SymbolicFactor;
  readonly top: string;
}

/** Plans the unreduced elimination of a pattern on a box, kept nodes last. */
export type Dissect = (pattern: BlockSparse, box: CellBox, kept: number[]) => Dissected;

/** What a solver keeps on a tree node between calls (pattern-only maps, reused buffers), counted by tableBytes. */
export interface NodeMemo {
  bytes(): number;
}

export class ReductionNode {
  private whole?: Dissected;
  /** The selected inversion's state on this node (selectedInverseMirrors.ts). */
  memo?: NodeMemo;
  private builtSplit?: MirrorSplit;
  private readonly sectors: [ReductionNode | undefined, ReductionNode | undefined] = [undefined, undefined];

  /** Whether the node is split by a mirror (known without expanding it). */
  readonly reduced: boolean;

  /**
   * `expand` (present when the node is split) builds the mirror split on
   * first use and `sector` each sector's node when it is first asked for, so
   * that a plan used only for its whole dissection (planSymbolic) pays for
   * the symmetry test alone, and a thread that completes one sector of a
   * plan (schur.ts exportPlanPart) builds nothing of the other.
   */
  constructor(
    readonly pattern: BlockSparse,
    readonly box: CellBox,
    readonly kept: number[],
    private readonly dissect: Dissect,
    private expand?: () => MirrorSplit,
    private sector?: (split: MirrorSplit, k: 0 | 1) => ReductionNode,
  ) {
    this.reduced = !!expand;
  }

  get split(): MirrorSplit | undefined {
    if (this.expand) {
      this.builtSplit = this.expand();
      this.expand = undefined;
    }
    return this.builtSplit;
  }

  /** Sector k's node (0 even, 1 odd) of a split node, built on first use. */
  child(k: 0 | 1): ReductionNode {
    const split = this.split;
    if (!split) throw new InputError('plan', 'a sector of a node split by a mirror');
    let node = this.sectors[k];
    if (!node) {
      node = this.sectors[k] = this.sector!(split, k);
      // The closure holds the matrix the tree was detected on: released once both sectors exist.
      if (this.sectors[1 - k]) this.sector = undefined;
    }
    return node;
  }

  get children(): readonly [ReductionNode, ReductionNode] | undefined {
    return this.split ? [this.child(0), this.child(1)] : undefined;
  }

  /** The dissection of this node's whole matrix (built on first use). */
  dissection(): Dissected {
    this.whole ??= this.dissect(this.pattern, this.box, this.kept);
    return this.whole;
  }

  /** The nodes eliminated when every check passes. */
  leaves(): ReductionNode[] {
    return this.children ? [...this.children[0].leaves(), ...this.children[1].leaves()] : [this];
  }

  /** Mirror axes along the even branch, outermost first (e.g. 'yx'). */
  axes(): string {
    return this.split ? 'xyz'[this.split.axis]! + this.children![0].axes() : '';
  }

  /** Bytes of the split tables, patterns and memos of the tree as expanded so far (symbolic factors not included). */
  tableBytes(): number {
    const memo = this.memo?.bytes() ?? 0;
    const s = this.builtSplit;
    if (!s) return memo;
    const sec = [s.even, s.odd].reduce((sum, x) => sum + x.terms.byteLength + x.coefs.byteLength + x.pattern.rowPtr.byteLength + x.pattern.colIdx.byteLength, 0);
    return memo + sec + s.image.byteLength + s.blocks.byteLength + (this.sectors[0]?.tableBytes() ?? 0) + (this.sectors[1]?.tableBytes() ?? 0);
  }

  /**
   * The tree as plain data (typed arrays, no functions) for another thread:
   * what is expanded and dissected so far; `revive` rebuilds it there.
   */
  portable(): PortableReduction {
    const split = this.split;
    return {
      pattern: this.pattern,
      box: this.box,
      kept: this.kept,
      whole: this.whole,
      split,
      children: split ? [this.child(0).portable(), this.child(1).portable()] : undefined,
    };
  }

  /** A tree from `portable()`'s data, dissecting on demand with `dissect` as the original did. */
  static revive(p: PortableReduction, dissect: Dissect): ReductionNode {
    const node = p.split
      ? new ReductionNode(p.pattern, p.box, p.kept, dissect, () => p.split!, (_, k) => ReductionNode.revive(p.children![k], dissect))
      : new ReductionNode(p.pattern, p.box, p.kept, dissect);
    node.whole = p.whole;
    return node;
  }

  /** A tree from another thread's `portable()` data for this node's pattern, dissecting on demand as this one does. */
  reviveHere(p: PortableReduction): ReductionNode {
    checkPart(p, this.pattern, this.box, this.kept);
    return ReductionNode.revive(p, this.dissect);
  }

  /**
   * Install sector k's subtree as another thread completed it for the same
   * split (its `child(k).portable()`), unless this node has built that
   * sector itself: two threads complete the two sectors of a split at once
   * and exchange them (schur.ts importPlanPart). Returns whether it did.
   */
  adoptChild(k: 0 | 1, p: PortableReduction): boolean {
    const split = this.split;
    if (!split) throw new InputError('plan', 'a part of a plan whose top is split by a mirror');
    const sec = k === 0 ? split.even : split.odd;
    checkPart(p, sec.pattern, sec.box, sec.kept);
    // A sector this node has built already (and values may have been prepared on) stays.
    if (this.sectors[k]) return false;
    this.sectors[k] = ReductionNode.revive(p, this.dissect);
    if (this.sectors[1 - k]) this.sector = undefined;
    return true;
  }

  /** Symbolic factors built so far (leaves and unreduced fallbacks). */
  builtSymbolics(): SymbolicFactor[] {
    const own = this.whole ? [this.whole.symbolic] : [];
    return [...own, ...(this.sectors[0]?.builtSymbolics() ?? []), ...(this.sectors[1]?.builtSymbolics() ?? [])];
  }
}

/** A part from another thread must be for this node: same pattern, box and kept nodes. */
function checkPart(p: PortableReduction, pattern: BlockSparse, box: CellBox, kept: readonly number[]): void {
  if (p.pattern.b !== pattern.b || !sameEntries(p.box.shape, box.shape) || !sameEntries(p.kept, kept) || !sameEntries(p.pattern.rowPtr, pattern.rowPtr) || !sameEntries(p.pattern.colIdx, pattern.colIdx)) {
    throw new InputError('plan', 'a part exported for the same host and kept nodes');
  }
}

/** Whether two arrays hold the same numbers in the same order. */
export function sameEntries(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A ReductionNode as structured-clonable data (ReductionNode.portable / revive). */
export interface PortableReduction {
  readonly pattern: BlockSparse;
  readonly box: CellBox;
  readonly kept: number[];
  readonly whole?: Dissected;
  readonly split?: MirrorSplit;
  readonly children?: readonly [PortableReduction, PortableReduction];
}

/** A mirror of a matrix: its axis, node images and block images (blockImage). */
interface Mirror {
  readonly axis: number;
  readonly image: Int32Array;
  readonly blocks: Int32Array;
}

/**
 * The first open axis of at least two cells whose reflection maps the
 * pattern onto itself and under which `symmetric(blocks)` holds, or undefined.
 */
function firstMirror(pattern: BlockSparse, box: CellBox, symmetric: (blocks: Int32Array) => boolean): Mirror | undefined {
  for (let axis = 0; axis < 3; axis++) {
    if (box.shape[axis]! < 2 || box.periodic[axis]) continue;
    const image = mirrorImage(box, axis);
    const blocks = blockImage(pattern, image);
    if (blocks && symmetric(blocks)) return { axis, image, blocks };
  }
  return undefined;
}

/**
 * The reduction tree of h (its values decide the mirrors; h is read again
 * when the tree is first expanded), or a single leaf when `detect` is false.
 */
export function buildReduction(h: BlockSparse, box: CellBox, kept: number[], dissect: Dissect, detect: boolean): ReductionNode {
  const scale = detect ? maxAbs(h.values) : 0;
  const mirror = detect ? firstMirror(h, box, (blocks) => hasMirrorValues(h.values, 2 * h.b * h.b, blocks, MIRROR_TOLERANCE, scale)) : undefined;
  return reductionNode(h, scale, box, kept, dissect, mirror);
}

/**
 * The tree node of h split by `mirror` (a leaf without one). A sector's own
 * mirror is found on its reduced values computed block by block
 * (hasReducedMirrorValues); they are built whole only for a sector that is
 * split again, whose sectors need them.
 */
function reductionNode(h: BlockSparse, scale: number, box: CellBox, kept: number[], dissect: Dissect, mirror: Mirror | undefined): ReductionNode {
  const pattern: BlockSparse = { nSites: h.nSites, b: h.b, rowPtr: h.rowPtr.slice(), colIdx: h.colIdx.slice(), values: new Float64Array(0) };
  if (!mirror) return new ReductionNode(pattern, box, kept, dissect);
  return new ReductionNode(
    pattern,
    box,
    kept,
    dissect,
    () => splitMirror(h, box, mirror.axis, kept, mirror.image, mirror.blocks),
    (split, k) => {
      const sec = k === 0 ? split.even : split.odd;
      const next = firstMirror(sec.pattern, sec.box, (blocks) => hasReducedMirrorValues(sec, h.values, 2 * h.b * h.b, blocks, scale));
      if (!next) return reductionNode(sec.pattern, 0, sec.box, sec.kept, dissect, undefined);
      const reduced = reduceMatrix(sec, h);
      return reductionNode(reduced, maxAbs(reduced.values), sec.box, sec.kept, dissect, next);
    },
  );
}

/**
 * A matrix's values prepared for one tree: at every split whose values passed
 * the symmetry check, the two sectors' prepared values; elsewhere (a leaf, or
 * a node whose values are not symmetric) the values that node eliminates
 * whole. Depends on H0's values only, not on z (the shift is applied by
 * eliminate), so one preparation serves every pole node.
 */
export interface PreparedValues {
  readonly values: Float64Array;
  /** Where the node's split applies: both sectors' prepared values (built on first use). */
  readonly sectors?: readonly [PreparedValues, PreparedValues];
  /** Where the node's split applies: sector k's prepared values alone (the other's are not built). */
  sector?(k: 0 | 1): PreparedValues;
}

/** The prepared values of a node whose split applies to them: each sector's reduction is built when first asked for. */
class SplitValues implements PreparedValues {
  readonly values = new Float64Array(0);
  private readonly built: [PreparedValues | undefined, PreparedValues | undefined] = [undefined, undefined];
  constructor(
    private readonly node: ReductionNode,
    private parent: Float64Array | null,
    private readonly blockLen: number,
  ) {}

  sector(k: 0 | 1): PreparedValues {
    let p = this.built[k];
    if (!p) {
      const split = this.node.split!;
      p = this.built[k] = prepareReduced(this.node.child(k), reduceValues(k === 0 ? split.even : split.odd, this.parent!, this.blockLen), this.blockLen);
      // The node's own values are needed until both sectors are reduced.
      if (this.built[1 - k]) this.parent = null;
    }
    return p;
  }

  get sectors(): readonly [PreparedValues, PreparedValues] {
    return [this.sector(0), this.sector(1)];
  }

  doubles(): number {
    return (this.parent?.length ?? 0) + (this.built[0] ? preparedDoubles(this.built[0]) : 0) + (this.built[1] ? preparedDoubles(this.built[1]) : 0);
  }
}

/** The symmetry checks and sector reductions of `values` (blocks of blockLen doubles) through the tree, each sector reduced on first use. */
export function prepareReduced(node: ReductionNode, values: Float64Array, blockLen: number): PreparedValues {
  const split = node.split;
  if (!split || !hasMirrorValues(values, blockLen, split.blocks)) return { values };
  return new SplitValues(node, values, blockLen);
}

/** Doubles held by a preparation's arrays (built so far). */
export function preparedDoubles(p: PreparedValues): number {
  return p instanceof SplitValues ? p.doubles() : p.values.length;
}

/**
 * eliminate() (multifrontal.ts) through the tree, on values prepared by
 * prepareReduced for this tree (a.values is ignored): at a split, the two
 * sector matrices, G recombined on the kept nodes and ln|det| summed;
 * elsewhere the node's matrix by its own dissection.
 */
export function eliminatePrepared(node: ReductionNode, prepared: PreparedValues, a: SectorMatrix, topKept: boolean, ws: FrontWorkspace, greens: Float64Array, symmetricMode: 'auto' | 'never' | 'always' = 'auto'): number {
  if (!prepared.sectors) return eliminate(node.dissection().symbolic, { ...a, values: prepared.values }, topKept, ws, greens, symmetricMode);
  const [even, odd] = node.children!;
  const side = (child: ReductionNode, s: 0 | 1) => {
    const keep = topKept && child.kept.length > 0;
    const g = new Float64Array(keep ? a.ew * (a.bs * child.kept.length) ** 2 : 0);
    const ld = eliminatePrepared(child, prepared.sectors![s], a, keep, ws, g, symmetricMode);
    return { g, ld };
  };
  const e = side(even, 0);
  const o = side(odd, 1);
  if (topKept) combineGreens(node.split!.kept, a.bs, a.ew, e.g, even.kept.length, o.g, odd.kept.length, greens);
  return e.ld + o.ld;
}
