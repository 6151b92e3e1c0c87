/**
 * Test-side nearest-neighbour tight binding, written independently of the
 * library's lattice module: −t σ0 between sites at the shortest distance,
 * −μ σ0 on site, spinful (o↑, o↓ per site), as Bloch blocks h(R).
 */
import type { BlochBlocks } from '../../src/host/host.js';

export interface TestLattice {
  vectors: number[][];
  basis: number[][];
}

const SQ3 = Math.sqrt(3);
/** The presets as stated in issue 11 (nearest-neighbour distance 1). */
export const TEST_LATTICES: Record<string, TestLattice> = {
  chain: { vectors: [[1]], basis: [[0]] },
  square: { vectors: [[1, 0], [0, 1]], basis: [[0, 0]] },
  cubic: { vectors: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], basis: [[0, 0, 0]] },
  honeycomb: { vectors: [[1.5, SQ3 / 2], [1.5, -SQ3 / 2]], basis: [[0, 0], [1, 0]] },
  triangular: { vectors: [[1, 0], [0.5, SQ3 / 2]], basis: [[0, 0]] },
  kagome: { vectors: [[2, 0], [1, SQ3]], basis: [[0, 0], [1, 0], [0.5, SQ3 / 2]] },
  bcc: { vectors: [[-1, 1, 1], [1, -1, 1], [1, 1, -1]].map((v) => v.map((x) => x / SQ3)), basis: [[0, 0, 0]] },
  fcc: { vectors: [[0, 1, 1], [1, 0, 1], [1, 1, 0]].map((v) => v.map((x) => x / Math.SQRT2)), basis: [[0, 0, 0]] },
};

/** The 3×3 row-major vector matrix of HostGeometry (rows ≥ d padded with unit vectors; fine for these axis-aligned presets). */
export function vectorMatrix(l: TestLattice): Float64Array {
  const a = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let c = 0; c < 3; c++) a[3 * i + c] = l.vectors[i]?.[c] ?? (i === c ? 1 : 0);
  return a;
}

export function nearestNeighbourBlocks(l: TestLattice, t = 1, mu = 0): BlochBlocks {
  const d = l.vectors.length, m = l.basis.length, b = 2 * m;
  const pos = (cell: number[], s: number) => l.basis[s]!.map((x, c) => x + cell.reduce((acc, n, i) => acc + n * l.vectors[i]![c]!, 0));
  const cells: number[][] = [[]];
  for (let i = 0; i < d; i++) cells.splice(0, cells.length, ...cells.flatMap((c) => [-2, -1, 0, 1, 2].map((n) => [...c, n])));
  let nn = Infinity;
  for (const cell of cells)
    for (let s = 0; s < m; s++)
      for (let u = 0; u < m; u++) {
        const r = Math.hypot(...pos(cell, u).map((x, c) => x - pos(new Array(d).fill(0), s)[c]!));
        if (r > 1e-9) nn = Math.min(nn, r);
      }
  const R: number[] = [];
  const h: number[] = [];
  for (const cell of cells) {
    const block = new Float64Array(2 * b * b);
    let any = false;
    for (let s = 0; s < m; s++)
      for (let u = 0; u < m; u++) {
        const r = Math.hypot(...pos(cell, u).map((x, c) => x - pos(new Array(d).fill(0), s)[c]!));
        const v = r < 1e-9 ? -mu : Math.abs(r - nn) < 1e-6 ? -t : 0;
        if (v === 0) continue;
        any = true;
        for (let spin = 0; spin < 2; spin++) block[2 * ((2 * s + spin) * b + 2 * u + spin)] = v;
      }
    if (!any) continue;
    R.push(cell[0] ?? 0, cell[1] ?? 0, cell[2] ?? 0);
    h.push(...block);
  }
  return { dim: d, size: b, displacements: Int32Array.from(R), blocks: Float64Array.from(h) };
}
