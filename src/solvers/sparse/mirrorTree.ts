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
import { MIRROR_TOLERANCE, combineGreens, hasMirrorValues, isMirrorSymmetric, maxAbs, mirrorImage, reduceMatrix, reduceValues, splitMirror, type CellBox, type MirrorSplit } from './mirrors.js';
import { eliminate, type FrontWorkspace, type SectorMatrix } from './multifrontal.js';
import type { SymbolicFactor } from './symbolic.js';

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
  private expanded?: { split: MirrorSplit; children: readonly [ReductionNode, ReductionNode] };

  /**
   * `expand` (present when the node is split) builds the mirror split and the
   * sector nodes on first use, so that a plan used only for its whole
   * dissection (planSymbolic) pays for the symmetry test alone.
   */
  /** Whether the node is split by a mirror (known without expanding it). */
  readonly reduced: boolean;

  constructor(
    readonly pattern: BlockSparse,
    readonly box: CellBox,
    readonly kept: number[],
    private readonly dissect: Dissect,
    private expand?: () => { split: MirrorSplit; children: readonly [ReductionNode, ReductionNode] },
  ) {
    this.reduced = !!expand;
  }

  get split(): MirrorSplit | undefined {
    if (this.expand) {
      this.expanded = this.expand();
      // The closure holds the matrix the tree was detected on: release it.
      this.expand = undefined;
    }
    return this.expanded?.split;
  }

  get children(): readonly [ReductionNode, ReductionNode] | undefined {
    return this.split ? this.expanded!.children : undefined;
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
    if (!this.expanded) return memo;
    const { split: s, children } = this.expanded;
    const sec = [s.even, s.odd].reduce((sum, x) => sum + x.terms.byteLength + x.coefs.byteLength + x.pattern.rowPtr.byteLength + x.pattern.colIdx.byteLength, 0);
    return memo + sec + s.image.byteLength + s.blocks.byteLength + children[0].tableBytes() + children[1].tableBytes();
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
      children: split ? [this.expanded!.children[0].portable(), this.expanded!.children[1].portable()] : undefined,
    };
  }

  /** A tree from `portable()`'s data, dissecting on demand with `dissect` as the original did. */
  static revive(p: PortableReduction, dissect: Dissect): ReductionNode {
    const node = p.split
      ? new ReductionNode(p.pattern, p.box, p.kept, dissect, () => ({ split: p.split!, children: [ReductionNode.revive(p.children![0], dissect), ReductionNode.revive(p.children![1], dissect)] as const }))
      : new ReductionNode(p.pattern, p.box, p.kept, dissect);
    node.whole = p.whole;
    return node;
  }

  /** Symbolic factors built so far (leaves and unreduced fallbacks). */
  builtSymbolics(): SymbolicFactor[] {
    const own = this.whole ? [this.whole.symbolic] : [];
    const children = this.expanded?.children;
    return children ? [...own, ...children[0].builtSymbolics(), ...children[1].builtSymbolics()] : own;
  }
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

/** The first open axis of at least two cells under whose reflection h is symmetric, or −1. */
function mirrorAxis(h: BlockSparse, box: CellBox): number {
  const scale = maxAbs(h.values);
  for (let a = 0; a < 3; a++) {
    if (box.shape[a]! < 2 || box.periodic[a]) continue;
    if (isMirrorSymmetric(h, mirrorImage(box, a), MIRROR_TOLERANCE, scale)) return a;
  }
  return -1;
}

/**
 * The reduction tree of h (its values decide the mirrors; h is read again
 * when the tree is first expanded), or a single leaf when `detect` is false.
 */
export function buildReduction(h: BlockSparse, box: CellBox, kept: number[], dissect: Dissect, detect: boolean): ReductionNode {
  const pattern: BlockSparse = { nSites: h.nSites, b: h.b, rowPtr: h.rowPtr.slice(), colIdx: h.colIdx.slice(), values: new Float64Array(0) };
  const axis = detect ? mirrorAxis(h, box) : -1;
  if (axis < 0) return new ReductionNode(pattern, box, kept, dissect);
  return new ReductionNode(pattern, box, kept, dissect, () => {
    const split = splitMirror(h, box, axis, kept);
    const child = (sec: MirrorSplit['even']) => buildReduction(reduceMatrix(sec, h), sec.box, sec.kept, dissect, true);
    return { split, children: [child(split.even), child(split.odd)] as const };
  });
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
  readonly sectors?: readonly [PreparedValues, PreparedValues];
}

/** The symmetry checks and sector reductions of `values` (blocks of blockLen doubles) through the tree. */
export function prepareReduced(node: ReductionNode, values: Float64Array, blockLen: number): PreparedValues {
  const split = node.split;
  if (!split || !hasMirrorValues(values, blockLen, split.blocks)) return { values };
  const [even, odd] = node.children!;
  return {
    values: new Float64Array(0),
    sectors: [prepareReduced(even, reduceValues(split.even, values, blockLen), blockLen), prepareReduced(odd, reduceValues(split.odd, values, blockLen), blockLen)],
  };
}

/** Doubles held by a preparation's arrays. */
export function preparedDoubles(p: PreparedValues): number {
  return p.values.length + (p.sectors ? preparedDoubles(p.sectors[0]) + preparedDoubles(p.sectors[1]) : 0);
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
