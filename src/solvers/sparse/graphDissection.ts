/**
 * Nested dissection of any lattice with a basis (m nodes per cell, couplings
 * of any range), with a chosen set of nodes forced into the top front.
 *
 * Boxes of cells are bisected in cell-index space (n1, n2, n3) across their
 * longest axis, as in the cubic dissection (dissection.ts), but the separator
 * is read off the matrix: the nodes of one half that couple to the other half
 * through a stored block (the thinner of the two choices). The rest of each
 * half no longer touches the other, whatever the hopping range or the number
 * of nodes per cell, so the separators separate by construction. A box that
 * spans a whole periodic ring along the cut axis is split into two halves whose
 * boundary — both cuts, the wrap included — is taken from one half; both
 * halves are open along that axis afterwards.
 *
 * Node numbering is the host's (src/host/host.ts): node k in cell ⌊k/m⌋,
 * cells in bodge's order. The result has the contract of dissection.ts.
 */

import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import type { Dissection, Lattice3 } from './dissection.js';

interface Box {
  start: [number, number, number];
  len: [number, number, number];
  wrapped: [boolean, boolean, boolean];
}

export function dissectGraph(h: BlockSparse, lattice: Lattice3, nodesPerCell: number, requested: readonly number[], leafSites: number): Dissection {
  const [lx, ly, lz] = lattice.shape;
  const m = nodesPerCell;
  const nNodes = lx * ly * lz * m;
  const excluded = new Uint8Array(nNodes);
  for (const s of requested) excluded[s] = 1;
  const side = new Int32Array(nNodes).fill(-1);
  let stamp = 0;
  const sites: number[] = [];
  const ptr: number[] = [0];
  const parents: number[] = [];
  const add = (nodes: readonly number[], children: readonly number[]): number => {
    const id = parents.length;
    for (const s of nodes) sites.push(s);
    ptr.push(sites.length);
    parents.push(-1);
    for (const c of children) parents[c] = id;
    return id;
  };

  /** Nodes (not excluded) of the cells of `box` with coordinate t along `axis` in [t0, t1) (axis −1: all). */
  const collect = (box: Box, axis: number, t0: number, t1: number, out: number[]): void => {
    const lo = [0, 0, 0], hi = [box.len[0], box.len[1], box.len[2]];
    if (axis >= 0) {
      lo[axis] = t0;
      hi[axis] = t1;
    }
    for (let a = lo[0]!; a < hi[0]!; a++) {
      const x = (box.start[0] + a) % lx;
      for (let b = lo[1]!; b < hi[1]!; b++) {
        const y = (box.start[1] + b) % ly;
        for (let c = lo[2]!; c < hi[2]!; c++) {
          const cell = (box.start[2] + c) % lz + lz * (y + ly * x);
          for (let l = 0; l < m; l++) {
            const s = cell * m + l;
            if (!excluded[s]) out.push(s);
          }
        }
      }
    }
  };

  const subBox = (box: Box, axis: number, t0: number, t1: number): Box => {
    const start: [number, number, number] = [box.start[0], box.start[1], box.start[2]];
    const len: [number, number, number] = [box.len[0], box.len[1], box.len[2]];
    const wrapped: [boolean, boolean, boolean] = [box.wrapped[0], box.wrapped[1], box.wrapped[2]];
    start[axis] = (box.start[axis] + t0) % lattice.shape[axis];
    len[axis] = Math.max(0, t1 - t0);
    wrapped[axis] = false;
    return { start, len, wrapped };
  };

  /** The nodes of `from` that couple to a node marked `other`. */
  const boundary = (from: readonly number[], other: number): number[] => {
    const out: number[] = [];
    for (const u of from)
      for (let k = h.rowPtr[u]!; k < h.rowPtr[u + 1]!; k++)
        if (side[h.colIdx[k]!] === other) {
          out.push(u);
          break;
        }
    return out;
  };

  const build = (box: Box): number[] => {
    const all: number[] = [];
    collect(box, -1, 0, 0, all);
    if (all.length === 0) return [];
    let axis = -1;
    for (let a = 0; a < 3; a++) {
      if (box.len[a] < 2) continue;
      if (axis < 0 || box.len[a] > box.len[axis] || (box.len[a] === box.len[axis] && !box.wrapped[a] && box.wrapped[axis])) axis = a;
    }
    if (all.length <= leafSites || axis < 0) return [add(all, [])];
    const len = box.len[axis];
    const mid = Math.floor(len / 2);
    const left: number[] = [], right: number[] = [];
    collect(box, axis, 0, mid, left);
    collect(box, axis, mid, len, right);
    const [sl, sr] = [stamp++, stamp++];
    for (const u of left) side[u] = sl;
    for (const u of right) side[u] = sr;
    const fromLeft = boundary(left, sr);
    // A ring's halves touch at both cuts: one half's boundary covers both.
    const sep = box.wrapped[axis] ? fromLeft : (() => {
      const fromRight = boundary(right, sl);
      return fromRight.length < fromLeft.length ? fromRight : fromLeft;
    })();
    for (const u of sep) excluded[u] = 1;
    const roots = [...build(subBox(box, axis, 0, mid)), ...build(subBox(box, axis, mid, len))];
    if (sep.length === 0) return roots;
    return [add(sep, roots)];
  };

  const wrappedAxis = (a: number): boolean => lattice.periodic[a] && lattice.shape[a] >= 3;
  const below = build({ start: [0, 0, 0], len: [lx, ly, lz], wrapped: [wrappedAxis(0), wrappedAxis(1), wrappedAxis(2)] });
  if (requested.length > 0) add(requested, below);
  return { nNodes: parents.length, nodePtr: Int32Array.from(ptr), nodeSites: Int32Array.from(sites), parent: Int32Array.from(parents) };
}
