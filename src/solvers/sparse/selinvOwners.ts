/**
 * Which front of the selected inversion reads each stored block of H0: that
 * of the first-eliminated of its two sites (the block lies in that front,
 * see selectedInverse.ts), grouped by front.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import type { SymbolicFactor } from './symbolic.js';

export interface StoredBlockOwners {
  /** Stored blocks read from front f: blockList[blockPtr[f] .. blockPtr[f+1]). */
  readonly blockPtr: Int32Array;
  readonly blockList: Int32Array;
  /** Row site of stored block k. */
  readonly blockRow: Int32Array;
}

export function storedBlockOwners(sym: SymbolicFactor, h: BlockSparse): StoredBlockOwners {
  const { nFronts: nF, varPtr, ownCount, frontVars } = sym;
  const frontOf = new Int32Array(h.nSites);
  for (let f = 0; f < nF; f++) for (let k = varPtr[f]!; k < varPtr[f]! + ownCount[f]!; k++) frontOf[frontVars[k]!] = f;
  const nnz = h.colIdx.length;
  const blockPtr = new Int32Array(nF + 1);
  const blockFront = new Int32Array(nnz);
  for (let r = 0; r < h.nSites; r++)
    for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++) {
      const f = Math.min(frontOf[r]!, frontOf[h.colIdx[k]!]!);
      blockFront[k] = f;
      blockPtr[f + 1]!++;
    }
  for (let f = 0; f < nF; f++) blockPtr[f + 1]! += blockPtr[f]!;
  const fill = blockPtr.slice(0, nF);
  const blockList = new Int32Array(nnz);
  const blockRow = new Int32Array(nnz);
  for (let r = 0; r < h.nSites; r++)
    for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++) {
      blockRow[k] = r;
      blockList[fill[blockFront[k]!]!++] = k;
    }
  return { blockPtr, blockList, blockRow };
}
