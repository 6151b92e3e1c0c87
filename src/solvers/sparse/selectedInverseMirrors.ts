/**
 * Selected inversion through a plan's mirror tree (mirrorTree.ts): the
 * blocks of G = (z − A)⁻¹ on A's pattern and diagonal, inverted sector by
 * sector as schurGreens factorizes them. Under a mirror m with
 * e_k = α_k e⁺_p(k) + β_k e⁻_p(k) (mirrors.ts: α = β = 1/√2 on a pair, β
 * negative on the image; α = 1, β = 0 on a node of the mirror plane),
 *
 *   G_kl = α_k α_l G⁺[p(k), p(l)] + β_k β_l G⁻[p(k), p(l)],
 *   ln|det(z − A)| = ln|det(z − A⁺)| + ln|det(z − A⁻)|,
 *
 * applied at every split, so the coefficients compose down the tree. Every
 * block (k, l) of A's pattern has its block (p(k), p(l)) in each sector's
 * pattern (splitMirror collects a representative's row from both rows of its
 * orbit); the recombination still checks it once per split and inverts the
 * node whole if a block were missing.
 *
 * Each node keeps its index maps and the buffers of its sector inverse
 * between calls (NodeMemo, counted in planMemoryBytes): on the machines we
 * measured, first writes to fresh memory cost as much as the recombination
 * itself.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import type { NodeMemo, PreparedValues, ReductionNode } from './mirrorTree.js';
import { sectorNodeIndex, type CellBox, type MirrorSplit } from './mirrors.js';
import type { SectorMatrix } from './multifrontal.js';
import type { SymbolicFactor } from './symbolic.js';
import type { SectorBuffers, SectorInverse } from './selinvWasm.js';

/** The selected inversion of one matrix `a` on `pattern` with its dissection (selectedInverse.ts), into `out` when it fits. */
export type InvertSector = (sym: SymbolicFactor, pattern: BlockSparse, a: SectorMatrix, out?: SectorBuffers) => SectorInverse;

/**
 * The selected inverse of the matrix whose values `prepared` holds for the
 * tree at `node` (prepareReduced: a node whose values failed the mirror check
 * at this call holds them whole and is inverted by its own dissection); `a`
 * gives the block size, element width and shift (its values are ignored).
 * The result lives in the node's reused buffers: valid until the next call
 * on this tree.
 */
export function invertThroughMirrors(node: ReductionNode, prepared: PreparedValues, a: SectorMatrix, invert: InvertSector): SectorInverse {
  const memo = memoOf(node);
  const bb = a.ew * a.bs * a.bs;
  const out = memo.buffers(node.pattern, bb);
  const map = prepared.sectors ? memo.mapOf(node) : undefined;
  if (!prepared.sectors || !map) return invert(node.dissection().symbolic, node.pattern, { ...a, values: prepared.values }, out);
  const [even, odd] = node.children!;
  const ge = invertThroughMirrors(even, prepared.sectors[0], a, invert);
  const go = invertThroughMirrors(odd, prepared.sectors[1], a, invert);
  recombine(node.pattern, map, bb, ge, go, out);
  return { ...out, logAbsDet: ge.logAbsDet + go.logAbsDet };
}

/** For every node and stored block of the parent: its node, block and coefficient in each sector (odd −1: no odd part). */
interface SectorBlocks {
  readonly evenNode: Int32Array;
  readonly oddNode: Int32Array;
  readonly evenBlock: Int32Array;
  readonly oddBlock: Int32Array;
  /** α_k and β_k of node k. */
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
}

/** A node's reused state: the split's index maps (null: a parent block without its sector block) and result buffers. */
class SelectedMemo implements NodeMemo {
  private map?: SectorBlocks | null;
  private out?: SectorBuffers;

  mapOf(node: ReductionNode): SectorBlocks | undefined {
    if (this.map === undefined) this.map = sectorBlocks(node.pattern, node.box, node.split!) ?? null;
    return this.map ?? undefined;
  }

  buffers(pattern: BlockSparse, bb: number): SectorBuffers {
    const o = this.out;
    if (!o || o.blocks.length !== pattern.colIdx.length * bb || o.diagonal.length !== pattern.nSites * bb)
      this.out = { blocks: new Float64Array(pattern.colIdx.length * bb), diagonal: new Float64Array(pattern.nSites * bb) };
    return this.out!;
  }

  bytes(): number {
    const m = this.map;
    const maps = m ? [m.evenNode, m.oddNode, m.evenBlock, m.oddBlock, m.alpha, m.beta].reduce((s, x) => s + x.byteLength, 0) : 0;
    const o = this.out;
    const owners = o?.owners ? o.owners.blockPtr.byteLength + o.owners.blockList.byteLength + o.owners.blockRow.byteLength : 0;
    return maps + (o ? o.blocks.byteLength + o.diagonal.byteLength + owners : 0);
  }
}

function memoOf(node: ReductionNode): SelectedMemo {
  if (!(node.memo instanceof SelectedMemo)) node.memo = new SelectedMemo();
  return node.memo as SelectedMemo;
}

/**
 * The sector blocks (p(k), p(l)) of the parent's blocks (k, l), from the
 * sectors' recipes (MirrorSector.terms lists the parent blocks (k, l) of every
 * sector block), or undefined if a parent block has none.
 */
function sectorBlocks(parent: BlockSparse, box: CellBox, split: MirrorSplit): SectorBlocks | undefined {
  const { image } = split;
  const { even: evenNode, odd: oddNode } = sectorNodeIndex(box, split.axis, image);
  const nnz = parent.colIdx.length;
  const inverse = (terms: Int32Array) => {
    const out = new Int32Array(nnz).fill(-1);
    for (let x = 0; x < terms.length; x++) if (terms[x]! >= 0) out[terms[x]!] = x >> 2;
    return out;
  };
  const evenBlock = inverse(split.even.terms), oddBlock = inverse(split.odd.terms);
  const alpha = new Float64Array(parent.nSites), beta = new Float64Array(parent.nSites);
  for (let k = 0; k < parent.nSites; k++) {
    const mk = image[k]!;
    alpha[k] = mk === k ? 1 : Math.SQRT1_2;
    beta[k] = mk === k ? 0 : k < mk ? Math.SQRT1_2 : -Math.SQRT1_2;
  }
  for (let i = 0; i < parent.nSites; i++)
    for (let k = parent.rowPtr[i]!; k < parent.rowPtr[i + 1]!; k++) {
      if (evenBlock[k]! < 0) return undefined;
      if (oddBlock[k]! < 0 && beta[i] !== 0 && beta[parent.colIdx[k]!] !== 0) return undefined;
    }
  return { evenNode, oddNode, evenBlock, oddBlock, alpha, beta };
}

/** G on the parent's blocks and diagonal (blocks of bb doubles) from the sectors', into `out`. */
function recombine(parent: BlockSparse, map: SectorBlocks, bb: number, even: SectorInverse, odd: SectorInverse, out: SectorBuffers): void {
  const { blocks, diagonal } = out;
  const { evenNode, oddNode, evenBlock, oddBlock, alpha, beta } = map;
  const ge = even.blocks, go = odd.blocks, de = even.diagonal, dO = odd.diagonal;
  for (let i = 0; i < parent.nSites; i++) {
    const ai = alpha[i]!, bi = beta[i]!;
    const at = i * bb, e = evenNode[i]! * bb;
    if (bi === 0) for (let t = 0; t < bb; t++) diagonal[at + t] = de[e + t]!;
    else {
      const o = oddNode[i]! * bb;
      for (let t = 0; t < bb; t++) diagonal[at + t] = 0.5 * (de[e + t]! + dO[o + t]!);
    }
    for (let k = parent.rowPtr[i]!; k < parent.rowPtr[i + 1]!; k++) {
      const j = parent.colIdx[k]!;
      const ce = ai * alpha[j]!, co = bi * beta[j]!;
      const at = k * bb, e = evenBlock[k]! * bb;
      if (co === 0) for (let t = 0; t < bb; t++) blocks[at + t] = ce * ge[e + t]!;
      else {
        const o = oddBlock[k]! * bb;
        for (let t = 0; t < bb; t++) blocks[at + t] = ce * ge[e + t]! + co * go[o + t]!;
      }
    }
  }
}
