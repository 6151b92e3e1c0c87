/**
 * Symbolic multifrontal analysis at the level of sites (b×b blocks): for each
 * node of the dissection tree, the front's variables (own sites, then the
 * boundary sites it couples to, in elimination order), the map of its
 * contribution block into the parent front (extend-add), and the list of
 * matrix blocks assembled into it. None of this depends on z or on the values
 * of H0, so it is built once and reused for every energy.
 *
 * Correctness needs every coupling (u, v) of H0 to join a node and one of its
 * ancestors (or two sites of the same node): this is what makes the separators
 * separate. It holds for on-site plus nearest-neighbour couplings of the
 * lattice the dissection was built for, and is checked here.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import { InputError } from '../../errors.js';
import type { Dissection } from './dissection.js';

export interface SymbolicFactor {
  readonly nSites: number;
  readonly nFronts: number;
  /** Own (fully summed) sites of front f: sites[sitePtr[f] .. + ownCount[f]). */
  readonly ownCount: Int32Array;
  /** Total sites of front f (own + boundary): frontVars[varPtr[f] .. varPtr[f+1]). */
  readonly varPtr: Int32Array;
  readonly frontVars: Int32Array;
  /** Children of f: childIdx[childPtr[f] .. childPtr[f+1]), in elimination order. */
  readonly childPtr: Int32Array;
  readonly childIdx: Int32Array;
  /**
   * Extend-add map of front c into its parent: for the i-th boundary site of c,
   * its local site index in the parent front. relMap[relPtr[c] .. relPtr[c+1]).
   */
  readonly relPtr: Int32Array;
  readonly relMap: Int32Array;
  /**
   * The same map as maximal runs of consecutive sites: triples (first boundary
   * index in the child, first local site in the parent, length), in
   * runs[runPtr[c] .. runPtr[c+1]) (triples counted, not numbers).
   */
  readonly runPtr: Int32Array;
  readonly runs: Int32Array;
  /** Assembly of H0's blocks into front f: triples (block, local row, local col). */
  readonly asmPtr: Int32Array;
  readonly asmEntries: Int32Array;
  /** For stored block k = (u, v), the index of the stored block (v, u), or −1 (for the symmetry test of multifrontal.ts). */
  readonly transposeBlock: Int32Array;
  /** Largest front, in sites. */
  readonly maxFrontSites: number;
  /** High-water mark of the contribution-block stack, in (sites)² units. */
  readonly stackPeak: number;
  /** Complex multiply-adds at b = 1 (scale by b³ for b×b blocks). */
  readonly flops: number;
}

/** Complex multiply-adds of eliminating p of nf variables (Σ_{k<p} (nf − k)²). */
export function frontFlops(nf: number, p: number): number {
  // Σ_{k=0}^{p−1} (nf − k)² = Σ_{j=nf−p+1}^{nf} j²
  const s = (n: number): number => (n * (n + 1) * (2 * n + 1)) / 6;
  return s(nf) - s(nf - p);
}

/**
 * Symmetrized site graph (pattern of H + Hᵀ without the diagonal), with the
 * block indices of (u, v) and (v, u) for each stored neighbour (−1 if absent).
 */
interface SiteGraph {
  adjPtr: Int32Array;
  adj: Int32Array;
  blockUV: Int32Array;
  blockVU: Int32Array;
  diagBlock: Int32Array;
}

function findBlock(h: BlockSparse, row: number, col: number): number {
  let lo = h.rowPtr[row];
  let hi = h.rowPtr[row + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = h.colIdx[mid];
    if (c === col) return mid;
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function siteGraph(h: BlockSparse): SiteGraph {
  const n = h.nSites;
  const deg = new Int32Array(n);
  const diagBlock = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) {
    for (let k = h.rowPtr[u]; k < h.rowPtr[u + 1]; k++) {
      const v = h.colIdx[k];
      if (v === u) {
        diagBlock[u] = k;
        continue;
      }
      deg[u]++;
      if (findBlock(h, v, u) < 0) deg[v]++; // (v, u) missing: still a neighbour of v
    }
  }
  const adjPtr = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) adjPtr[u + 1] = adjPtr[u] + deg[u];
  const fill = adjPtr.slice(0, n);
  const adj = new Int32Array(adjPtr[n]);
  const blockUV = new Int32Array(adjPtr[n]);
  const blockVU = new Int32Array(adjPtr[n]);
  for (let u = 0; u < n; u++) {
    for (let k = h.rowPtr[u]; k < h.rowPtr[u + 1]; k++) {
      const v = h.colIdx[k];
      if (v === u) continue;
      const kt = findBlock(h, v, u);
      let o = fill[u]++;
      adj[o] = v;
      blockUV[o] = k;
      blockVU[o] = kt;
      if (kt < 0) {
        o = fill[v]++;
        adj[o] = u;
        blockUV[o] = -1;
        blockVU[o] = k;
      }
    }
  }
  return { adjPtr, adj, blockUV, blockVU, diagBlock };
}

/**
 * Symbolic analysis of `tree` for h's sparsity. When `topKept`, the last front
 * (the kept sites) is inverted rather than eliminated, which the flop count
 * reflects (4m³/3 for LU plus inverse).
 */
export function analyse(h: BlockSparse, tree: Dissection, topKept: boolean): SymbolicFactor {
  const n = h.nSites;
  const nF = tree.nNodes;
  const { nodePtr, nodeSites, parent } = tree;
  const g = siteGraph(h);

  const nodeOf = new Int32Array(n).fill(-1);
  for (let f = 0; f < nF; f++) {
    for (let i = nodePtr[f]; i < nodePtr[f + 1]; i++) nodeOf[nodeSites[i]] = f;
  }
  for (let s = 0; s < n; s++) {
    if (nodeOf[s] < 0) throw new Error(`nested dissection lost site ${s}`);
  }
  // Postorder: the subtree of f is the node range [first[f], f].
  const first = new Int32Array(nF);
  for (let f = 0; f < nF; f++) first[f] = f;
  for (let f = 0; f < nF; f++) {
    const p = parent[f];
    if (p >= 0 && first[f] < first[p]) first[p] = first[f];
  }
  const isAncestor = (a: number, d: number): boolean => first[a] <= d && d < a;
  for (let u = 0; u < n; u++) {
    const nu = nodeOf[u];
    for (let e = g.adjPtr[u]; e < g.adjPtr[u + 1]; e++) {
      const nv = nodeOf[g.adj[e]];
      if (nu !== nv && !isAncestor(nu, nv) && !isAncestor(nv, nu)) {
        throw new InputError(
          'h',
          'couplings only on-site and between nearest neighbours of the lattice in `geometry` (periodic wraps only along periodic axes)',
        );
      }
    }
  }

  // Children lists in node order.
  const childCount = new Int32Array(nF + 1);
  for (let f = 0; f < nF; f++) if (parent[f] >= 0) childCount[parent[f] + 1]++;
  const childPtr = new Int32Array(nF + 1);
  for (let f = 0; f < nF; f++) childPtr[f + 1] = childPtr[f] + childCount[f + 1];
  const childIdx = new Int32Array(childPtr[nF]);
  const cFill = childPtr.slice(0, nF);
  for (let f = 0; f < nF; f++) if (parent[f] >= 0) childIdx[cFill[parent[f]]++] = f;

  // Elimination position of each site (fronts in postorder, sites in node order).
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) pos[nodeSites[i]] = i;

  const ownCount = new Int32Array(nF);
  const varPtr = new Int32Array(nF + 1);
  // Typed buffers (vars grows by doubling; asm holds every stored block at most once): pushing onto
  // number arrays was a third of this analysis on the paper's lattice.
  let vars = new Int32Array(4 * n + 16);
  let varsLen = 0;
  const boundaryStart = new Int32Array(nF);
  const stamp = new Int32Array(n).fill(-1);
  const local = new Int32Array(n);
  const relPtr = new Int32Array(nF + 1);
  const relChunks: Int32Array[] = [];
  const asmPtr = new Int32Array(nF + 1);
  const asm = new Int32Array(3 * h.rowPtr[n]);
  let asmLen = 0;
  let maxFrontSites = 0;
  let flops = 0;
  let stackTop = 0;
  let stackPeak = 0;
  const cbSize = new Float64Array(nF);
  // The boundary as elimination positions (pos is a permutation, nodeSites its inverse): a typed numeric sort.
  const bndPos = new Int32Array(n);

  for (let f = 0; f < nF; f++) {
    const own0 = nodePtr[f];
    const own1 = nodePtr[f + 1];
    const own = own1 - own0;
    ownCount[f] = own;
    // Boundary: ancestor sites adjacent to the subtree = own sites' ancestor
    // neighbours ∪ children's boundaries minus this node.
    let nb = 0;
    for (let i = own0; i < own1; i++) stamp[nodeSites[i]] = f;
    for (let i = own0; i < own1; i++) {
      const s = nodeSites[i];
      for (let e = g.adjPtr[s]; e < g.adjPtr[s + 1]; e++) {
        const t = g.adj[e];
        if (stamp[t] !== f && nodeOf[t] > f) {
          stamp[t] = f;
          bndPos[nb++] = pos[t];
        }
      }
    }
    for (let c = childPtr[f]; c < childPtr[f + 1]; c++) {
      const ch = childIdx[c];
      for (let i = boundaryStart[ch]; i < varPtr[ch + 1]; i++) {
        const t = vars[i];
        if (stamp[t] !== f) {
          stamp[t] = f;
          bndPos[nb++] = pos[t];
        }
      }
    }
    bndPos.subarray(0, nb).sort();
    if (varsLen + own + nb > vars.length) {
      const grown = new Int32Array(2 * (varsLen + own + nb));
      grown.set(vars.subarray(0, varsLen));
      vars = grown;
    }
    for (let i = own0; i < own1; i++) {
      local[nodeSites[i]] = i - own0;
      vars[varsLen++] = nodeSites[i];
    }
    boundaryStart[f] = varsLen;
    for (let i = 0; i < nb; i++) {
      const t = nodeSites[bndPos[i]];
      local[t] = own + i;
      vars[varsLen++] = t;
    }
    varPtr[f + 1] = varsLen;
    const nfs = own + nb;
    if (nfs > maxFrontSites) maxFrontSites = nfs;
    flops += topKept && f === nF - 1 ? (4 * own ** 3) / 3 : frontFlops(nfs, own);

    // Extend-add maps of the children into this front.
    for (let c = childPtr[f]; c < childPtr[f + 1]; c++) {
      const ch = childIdx[c];
      const m = new Int32Array(varPtr[ch + 1] - boundaryStart[ch]);
      for (let i = boundaryStart[ch]; i < varPtr[ch + 1]; i++) m[i - boundaryStart[ch]] = local[vars[i]];
      relChunks[ch] = m;
    }

    // Assembly: every block (u, v) goes to the front of whichever of u, v is
    // eliminated first; blocks between two boundary sites belong to an ancestor.
    for (let i = own0; i < own1; i++) {
      const s = nodeSites[i];
      const ls = i - own0;
      if (g.diagBlock[s] >= 0) {
        asm[asmLen++] = g.diagBlock[s];
        asm[asmLen++] = ls;
        asm[asmLen++] = ls;
      }
      for (let e = g.adjPtr[s]; e < g.adjPtr[s + 1]; e++) {
        const t = g.adj[e];
        const nt = nodeOf[t];
        if (nt < f) continue;
        const lt = local[t];
        if (g.blockUV[e] >= 0) {
          asm[asmLen++] = g.blockUV[e];
          asm[asmLen++] = ls;
          asm[asmLen++] = lt;
        }
        if (nt > f && g.blockVU[e] >= 0) {
          asm[asmLen++] = g.blockVU[e];
          asm[asmLen++] = lt;
          asm[asmLen++] = ls;
        }
      }
    }
    asmPtr[f + 1] = asmLen / 3;

    // Contribution-block stack: children pop, this front pushes.
    for (let c = childPtr[f]; c < childPtr[f + 1]; c++) stackTop -= cbSize[childIdx[c]];
    cbSize[f] = nb * nb;
    stackTop += cbSize[f];
    if (stackTop > stackPeak) stackPeak = stackTop;
  }
  if (asmLen > asm.length) throw new Error('symbolic analysis: a stored block was assembled twice');
  for (let f = 0; f < nF; f++) relPtr[f + 1] = relPtr[f] + (relChunks[f]?.length ?? 0);
  const relMap = new Int32Array(relPtr[nF]);
  for (let f = 0; f < nF; f++) if (relChunks[f]) relMap.set(relChunks[f], relPtr[f]);
  const runPtr = new Int32Array(nF + 1);
  const runs: number[] = [];
  for (let f = 0; f < nF; f++) {
    const m = relChunks[f];
    for (let i = 0; m && i < m.length; ) {
      let j = i + 1;
      while (j < m.length && m[j] === m[j - 1] + 1) j++;
      runs.push(i, m[i], j - i);
      i = j;
    }
    runPtr[f + 1] = runs.length / 3;
  }

  const transposeBlock = new Int32Array(h.rowPtr[n]);
  for (let u = 0; u < n; u++) for (let k = h.rowPtr[u]; k < h.rowPtr[u + 1]; k++) transposeBlock[k] = findBlock(h, h.colIdx[k], u);

  return {
    nSites: n,
    nFronts: nF,
    transposeBlock,
    ownCount,
    varPtr,
    frontVars: vars.slice(0, varsLen),
    childPtr,
    childIdx,
    relPtr,
    relMap,
    runPtr,
    runs: Int32Array.from(runs),
    asmPtr,
    asmEntries: asm.slice(0, asmLen),
    maxFrontSites,
    stackPeak,
    flops,
  };
}
