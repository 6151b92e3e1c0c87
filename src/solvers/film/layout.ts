/**
 * Films and slabs: a host periodic along some Bravais axes ("in-plane") and
 * open along the others. Folding every open axis into the unit cell turns it
 * into a host periodic along every remaining axis whose cell is a whole
 * column (all cells along the open axes × the m nodes of a cell), so that
 * the k-space conventions (src/solvers/kspace/unitCell.ts: uniform gauge,
 * twisted boundary, H'(k∥) = Σ_c h'(c) e^{ik∥·rep(c)}) apply unchanged with
 * k∥ on the in-plane axes only.
 *
 * Column order: layer-major along the stack axis (the longest open axis),
 * then the other open axes, then the m nodes of a cell, so that H'(k∥) is
 * block tridiagonal in (groups of) layers.
 */
import type { BlockSparse } from '../../hamiltonian/blockSparse.js';
import type { HostData, HostGeometry } from '../../host/host.js';

export interface FilmLayout {
  /** The periodic ("in-plane") lattice axes, in order. */
  readonly inPlane: readonly number[];
  /** The open axes, in order. */
  readonly open: readonly number[];
  /** The open axis whose cells are the layers of the block-tridiagonal solve. */
  readonly stack: number;
  /** Cells per layer of the column (the product of the other open axes' sizes). */
  readonly crossCells: number;
  /** Nodes per column n_col = m · Π_open L_a. */
  readonly columnNodes: number;
  /** Nodes per layer m · crossCells. */
  readonly layerNodes: number;
  /** Folded node index of each host node: column · n_col + position in the column. */
  readonly folded: Int32Array;
  /** The folded geometry: in-plane axes first (sizes as the host), open axes of size 1. */
  readonly geometry: HostGeometry;
}

/**
 * Why a host is not a film (null if it is one): it needs a periodic axis, an
 * open axis of more than one cell, and with a supercurrent winding a periodic a_1.
 */
export function filmObstacle(host: HostData): string | null {
  const g = host.geometry;
  const axes = [...Array(g.dim).keys()];
  if (!axes.some((a) => g.periodic[a])) return 'no periodic axis (lattice.periodic)';
  if (!axes.some((a) => !g.periodic[a] && g.shape[a]! > 1)) return 'no open axis of more than one cell (periodic everywhere: the k-space solver applies)';
  if (host.winding !== 0 && !g.periodic[0]) return 'a supercurrent winding along an open a_1';
  return null;
}

/** The film layout of a host (call filmObstacle first). */
export function filmLayout(host: HostData): FilmLayout {
  const g = host.geometry;
  const axes = [...Array(g.dim).keys()];
  const inPlane = axes.filter((a) => g.periodic[a]);
  const open = axes.filter((a) => !g.periodic[a]);
  const stack = open.reduce((best, a) => (g.shape[a]! > g.shape[best]! ? a : best), open[0]!);
  const cross = open.filter((a) => a !== stack);
  const m = g.nodesPerCell;
  const crossCells = cross.reduce((p, a) => p * g.shape[a]!, 1);
  const layerNodes = m * crossCells;
  const columnNodes = layerNodes * g.shape[stack]!;
  const [, L2, L3] = g.shape;
  const nNodes = g.shape[0] * L2 * L3 * m;
  const folded = new Int32Array(nNodes);
  for (let k = 0; k < nNodes; k++) {
    const c = Math.floor(k / m);
    const n = [Math.floor(c / (L2 * L3)), Math.floor(c / L3) % L2, c % L3];
    let column = 0;
    for (const a of inPlane) column = column * g.shape[a]! + n[a]!;
    let crossIndex = 0;
    for (const a of cross) crossIndex = crossIndex * g.shape[a]! + n[a]!;
    folded[k] = column * columnNodes + (n[stack]! * crossCells + crossIndex) * m + (k % m);
  }
  // Folded geometry: rows of the Bravais matrix reordered (in-plane, open, padding); the dual of a_1 is unchanged.
  const order = [...inPlane, ...open, ...[0, 1, 2].filter((a) => a >= g.dim)];
  const vectors = new Float64Array(9);
  order.forEach((a, r) => vectors.set(g.vectors.subarray(3 * a, 3 * a + 3), 3 * r));
  const shape: [number, number, number] = [1, 1, 1];
  const periodic: [boolean, boolean, boolean] = [false, false, false];
  inPlane.forEach((a, r) => ((shape[r] = g.shape[a]!), (periodic[r] = true)));
  const cellPositions = new Float64Array(3 * columnNodes);
  const nodeBasis = new Int32Array(columnNodes);
  for (let k = 0; k < nNodes; k++) {
    const p = folded[k]!;
    if (p >= columnNodes) continue;
    const c = Math.floor(k / m);
    const n = [Math.floor(c / (L2 * L3)), Math.floor(c / L3) % L2, c % L3];
    const l = k % m;
    for (let x = 0; x < 3; x++) {
      let r = g.cellPositions[3 * l + x]!;
      for (const a of open) r += n[a]! * g.vectors[3 * a + x]!;
      cellPositions[3 * p + x] = r;
    }
    nodeBasis[p] = g.nodeBasis[l]!;
  }
  const geometry: HostGeometry = { dim: g.dim, vectors, shape, periodic, nodesPerCell: columnNodes, cellPositions, nodeBasis };
  return { inPlane, open, stack, crossCells, columnNodes, layerNodes, folded, geometry };
}

/** The host matrix renumbered to the folded order (new node folded[k] is old node k). */
export function foldedMatrix(h: BlockSparse, folded: Int32Array): BlockSparse {
  const n = h.nSites;
  // Open axes trailing (a z-open film): the host order is already the column order.
  let identity = true;
  for (let k = 0; k < n && identity; k++) identity = folded[k] === k;
  if (identity) return h;
  const bb = 2 * h.b * h.b;
  const inverse = new Int32Array(n);
  for (let k = 0; k < n; k++) inverse[folded[k]!] = k;
  const rowPtr = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    const old = inverse[r]!;
    rowPtr[r + 1] = rowPtr[r]! + h.rowPtr[old + 1]! - h.rowPtr[old]!;
  }
  const colIdx = new Int32Array(h.colIdx.length);
  const values = new Float64Array(h.values.length);
  for (let r = 0; r < n; r++) {
    const old = inverse[r]!;
    const entries: [number, number][] = [];
    for (let k = h.rowPtr[old]!; k < h.rowPtr[old + 1]!; k++) entries.push([folded[h.colIdx[k]!]!, k]);
    entries.sort((x, y) => x[0] - y[0]);
    entries.forEach(([col, k], q) => {
      colIdx[rowPtr[r]! + q] = col;
      values.set(h.values.subarray(bb * k, bb * k + bb), bb * (rowPtr[r]! + q));
    });
  }
  return { nSites: n, b: h.b, rowPtr, colIdx, values };
}
