/**
 * High-symmetry points of the lattice presets and straight-line k paths
 * through them (the usual band-structure plot).
 *
 * The 2D hexagonal presets (honeycomb, triangular, kagome) have fixed
 * vectors a1, a2 at 60° (issue 11, DESIGN.md), so their points are stated
 * in reduced coordinates: K = (2/3, 1/3) (the Brillouin-zone corner, the
 * Dirac point of graphene) and M = (1/2, 0) (the midpoint of an edge next
 * to K). The cubic family (chain, square, cubic, bcc, fcc) states its
 * points in Cartesian coordinates of the conventional cube of side a
 * (nearest-neighbour distance 1: a = 1, 2/√3, √2 for sc, bcc, fcc) and
 * converts them with the host's Bravais vectors, k_i = k_cart·a_i, so any
 * primitive choice gives the same physical points. Cartesian k is in cycles
 * per length: the Bloch phase is e^{2πi k·r}.
 */
import { InputError } from '../errors.js';

type Point = { reduced: readonly number[] } | { cartesian: readonly [number, number, number] };

const SC = 1, BCC = 2 / Math.sqrt(3), FCC = Math.SQRT2;
const cart = (a: number, x: number, y: number, z: number): Point => ({ cartesian: [x / a, y / a, z / a] });
const HEX: Record<string, Point> = { G: { reduced: [0, 0] }, K: { reduced: [2 / 3, 1 / 3] }, M: { reduced: [1 / 2, 0] } };

/** The named points of each preset. */
const POINTS: Record<string, Record<string, Point>> = {
  chain: { G: cart(SC, 0, 0, 0), X: cart(SC, 0.5, 0, 0) },
  square: { G: cart(SC, 0, 0, 0), X: cart(SC, 0.5, 0, 0), M: cart(SC, 0.5, 0.5, 0) },
  cubic: { G: cart(SC, 0, 0, 0), X: cart(SC, 0.5, 0, 0), M: cart(SC, 0.5, 0.5, 0), R: cart(SC, 0.5, 0.5, 0.5) },
  honeycomb: HEX,
  triangular: HEX,
  kagome: HEX,
  bcc: { G: cart(BCC, 0, 0, 0), H: cart(BCC, 0, 0, 1), N: cart(BCC, 0.5, 0.5, 0), P: cart(BCC, 0.5, 0.5, 0.5) },
  fcc: {
    G: cart(FCC, 0, 0, 0),
    X: cart(FCC, 1, 0, 0),
    W: cart(FCC, 1, 0.5, 0),
    L: cart(FCC, 0.5, 0.5, 0.5),
    K: cart(FCC, 0.75, 0.75, 0),
    U: cart(FCC, 1, 0.25, 0.25),
  },
};

/** The path `rkky bands` draws when neither --k nor --path is given. */
export const DEFAULT_PATHS: Record<string, readonly string[]> = {
  chain: ['G', 'X'],
  square: ['G', 'X', 'M', 'G'],
  cubic: ['G', 'X', 'M', 'G', 'R', 'X'],
  honeycomb: ['G', 'K', 'M', 'G'],
  triangular: ['G', 'K', 'M', 'G'],
  kagome: ['G', 'K', 'M', 'G'],
  bcc: ['G', 'H', 'N', 'G', 'P', 'H'],
  fcc: ['G', 'X', 'W', 'L', 'G', 'K'],
};

/** Names of the presets that have high-symmetry points. */
export const PATH_PRESETS = Object.keys(POINTS);

/** The names of a preset's high-symmetry points, e.g. ['G', 'K', 'M']. */
export function pointNames(preset: string): string[] {
  const table = POINTS[preset];
  if (!table) throw new InputError('lattice.preset', `no named k points for '${preset}' (expected one of ${PATH_PRESETS.join(', ')}); give k points with --k`);
  return Object.keys(table);
}

/** Cartesian Bravais vectors a_1..a_d (rows of a 3×3 row-major matrix, as in HostGeometry). */
export type Vectors = ArrayLike<number>;

/** b_i (rows) with b_i·a_j = δ_ij: the inverse transpose of the vector matrix. */
function reciprocal(a: Vectors): number[] {
  const m = (r: number, c: number) => a[3 * r + c]!;
  const det = m(0, 0) * (m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1)) - m(0, 1) * (m(1, 0) * m(2, 2) - m(1, 2) * m(2, 0)) + m(0, 2) * (m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0));
  if (!(Math.abs(det) > 1e-12)) throw new InputError('lattice.vectors', 'the Bravais vectors are linearly dependent');
  const b = new Array<number>(9);
  // Row i of B = (A⁻¹)ᵀ is the cofactor row i of A divided by det(A).
  for (let i = 0; i < 3; i++) {
    const [r1, r2] = [(i + 1) % 3, (i + 2) % 3];
    for (let c = 0; c < 3; c++) {
      const [c1, c2] = [(c + 1) % 3, (c + 2) % 3];
      b[3 * i + c] = (m(r1, c1) * m(r2, c2) - m(r1, c2) * m(r2, c1)) / det;
    }
  }
  return b;
}

/** Cartesian k (cycles per length) of reduced coordinates k: Σ k_i b_i. */
export function cartesianK(k: ArrayLike<number>, vectors: Vectors): [number, number, number] {
  const b = reciprocal(vectors);
  const out: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 3; i++) for (let c = 0; c < 3; c++) out[c] += (k[i] ?? 0) * b[3 * i + c]!;
  return out;
}

/** The reduced coordinates (d of them) of a preset's named point for the given vectors. */
export function pointCoordinates(preset: string, name: string, vectors: Vectors, dim: number): number[] {
  const table = POINTS[preset];
  if (!table) pointNames(preset);
  const p = table![name];
  if (!p) throw new InputError('--path', `unknown point '${name}' for the ${preset} lattice (expected one of ${Object.keys(table!).join(', ')})`);
  if ('reduced' in p) return p.reduced.slice(0, dim);
  // k_i = k_cart·a_i; round-off below 1e-14 is cleaned so that G, X, … print as exact fractions.
  return Array.from({ length: dim }, (_, i) => {
    const v = p.cartesian[0] * vectors[3 * i]! + p.cartesian[1] * vectors[3 * i + 1]! + p.cartesian[2] * vectors[3 * i + 2]!;
    return Math.abs(v - Math.round(v * 1e12) / 1e12) < 1e-13 ? Math.round(v * 1e12) / 1e12 : v;
  });
}

/** Most k points a path may have (each costs one b×b diagonalization). */
const MAX_POINTS = 100000;

export interface KPath {
  /** Reduced coordinates of every point (d each). */
  k: number[][];
  /** Distance along the path, Σ|Δk| with k Cartesian in radians per length (2π × cycles). */
  x: number[];
  /** The named corners: their name, index in k and position x. */
  labels: { name: string; index: number; x: number }[];
}

/**
 * `points` k points along the straight segments between the named points
 * (at least one interval per segment, the rest shared in proportion to the
 * segments' Cartesian lengths); every corner is a point of the path.
 */
export function highSymmetryPath(preset: string, names: readonly string[], points: number, vectors: Vectors, dim: number): KPath {
  if (names.length < 2) throw new InputError('--path', `expected at least two points, e.g. ${(DEFAULT_PATHS[preset] ?? ['G', 'X']).join(',')}`);
  const corners = names.map((n) => pointCoordinates(preset, n, vectors, dim));
  return pathThrough(names.map((name, q) => [{ name, k: corners[q]! }, { name: names[q + 1]!, k: corners[q + 1]! }] as const).slice(0, -1), points, vectors);
}

/** A named point in reduced coordinates. */
export interface PathCorner {
  readonly name: string;
  readonly k: readonly number[];
}

/**
 * `points` k points along straight segments [from, to] in reduced coordinates
 * (a Wannier90 kpoint_path): at least one interval per segment, the rest
 * shared in proportion to the segments' Cartesian lengths; every corner is a
 * point of the path. A segment starting away from where the previous one
 * ended is a jump: no distance, one label "X|U".
 */
export function pathThrough(segments: readonly (readonly [PathCorner, PathCorner])[], points: number, vectors: Vectors): KPath {
  const n = segments.length;
  if (n < 1) throw new InputError('--path', 'expected at least one segment');
  if (!Number.isInteger(points) || points < n + 1 || points > MAX_POINTS)
    throw new InputError('--points', `expected an integer from the number of corners (${n + 1}) to ${MAX_POINTS}, got ${points}`);
  const cart = (k: readonly number[]) => cartesianK(k, vectors).map((v) => 2 * Math.PI * v);
  const lengths = segments.map(([a, b]) => Math.hypot(...cart(b.k).map((v, c) => v - cart(a.k)[c]!)));
  const total = lengths.reduce((a, b) => a + b, 0);
  // Largest-remainder split of the intervals, each segment getting at least one.
  const spare = points - 1 - n;
  const share = lengths.map((l) => (total > 0 ? (spare * l) / total : spare / n));
  const intervals = share.map((s) => 1 + Math.floor(s));
  const order = share.map((s, i) => [s - Math.floor(s), i] as const).sort((p, q) => q[0] - p[0]);
  for (let r = 0, left = points - 1 - intervals.reduce((a, b) => a + b, 0); r < left; r++) intervals[order[r]![1]]! += 1;

  const same = (a: PathCorner, b: PathCorner) => a.name === b.name && a.k.every((v, c) => Math.abs(v - b.k[c]!) < 1e-9);
  const k: number[][] = [segments[0]![0].k.slice()];
  const x: number[] = [0];
  const labels = [{ name: segments[0]![0].name, index: 0, x: 0 }];
  let start = 0;
  for (let s = 0; s < n; s++) {
    const [from, to] = segments[s]!;
    let steps = intervals[s]!;
    if (s > 0 && !same(segments[s - 1]![1], from)) {
      // A jump: the new start replaces nothing, it is one more point at the same x.
      k.push(from.k.slice());
      x.push(start);
      if (labels[labels.length - 1]!.name !== from.name) labels[labels.length - 1]!.name += `|${from.name}`;
      steps = Math.max(1, steps - 1);
    }
    for (let i = 1; i <= steps; i++) {
      k.push(from.k.map((v, c) => (i === steps ? to.k[c]! : v + ((to.k[c]! - v) * i) / steps)));
      x.push(start + (lengths[s]! * i) / steps);
    }
    start += lengths[s]!;
    x[x.length - 1] = start;
    labels.push({ name: to.name, index: k.length - 1, x: start });
  }
  return { k, x, labels };
}
