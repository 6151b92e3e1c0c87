/**
 * Bulk preconditioner of the gap iteration (issue 14): the linear response of
 * the gap map Δ ↦ U⟨c↓c↑⟩ of the uniform host, diagonal in k, applied to the
 * residual r = Δ_out − Δ_in so that the mixing sees (1 − J_bulk)⁻¹ r, a
 * Newton step for every bulk mode.
 *
 * Why: the errors left by a seed are long-wavelength amplitude modes (on a
 * clean 101×101 host, the 25×25 seed's bulk is off by a uniform 5.6e-4), whose
 * eigenvalue λ(q) of the Jacobian J is the largest, so that plain or Anderson
 * mixing gains only ~0.5 decade per iteration. With the bulk J removed only
 * the edge and impurity corrections to J are left to the mixing.
 *
 * Kernel: for the uniform host (the blocks of its central node, with the gap
 * Δ_b = |Δ_b| e^{iφ} there), a real amplitude change δ of Δ at node 0 enters
 * as δĤ_00 = δ·V, V = −e^{iφ} iσ2 in the (c†↑, c†↓) columns (selfConsistent.ts,
 * withOnsiteGap). With the pole expansion of densityMatrix.ts,
 * f(Ĥ) ≈ ½ − 2cĤ + Σ_p W_p [G(iw_p) + G(iw_p)†], the response is
 *   δρ(r, r) = −2c V δ_{r0} + Σ_p W_p [G(r,0) V G(0,r) + h.c.]·δ,
 *   K(r) = U Re(e^{−iφ} δρ_03(r)),
 * with G(r, 0) = (1/N) Σ_k e^{ik·r} (iw − H(k))⁻¹ on a periodic k-mesh of M
 * points per axis (FFT; G(0, r) = G(−r, 0)). On an open box the bulk
 * operator is diagonalized by the cosine (DCT-II) modes of every axis, whose
 * eigenvalues are K̂(q) = Σ_r K(r) Π_a cos(q_a r_a), q_a = π k_a / L_a.
 *
 * The preconditioner only changes the path of the iteration, never its fixed
 * point (convergence is still declared on the unpreconditioned residual); the
 * part of the residual out of phase with Δ_b (the phase mode, λ(0) = 1) is
 * passed through unchanged.
 */

import FFT from 'fft.js';
import type { BlockSparse } from '../hamiltonian/blockSparse.js';
import type { HostGeometry } from '../host/host.js';
import { invertN } from '../math/denseComplex.js';
import type { PoleExpansion } from './poles.js';

/**
 * The entries of V = −e^{iφ} iσ2 (+ its adjoint) as (row, column, sign): V_cd is
 * sign·e for the electron rows (c < 2) and sign·ē for the hole rows.
 */
const V_ENTRIES: readonly (readonly [number, number, number, number])[] = [
  [0, 3, -1, 0],
  [1, 2, 1, 0],
  [3, 0, -1, 0],
  [2, 1, 1, 0],
];

/** Components (4a + c) of G read: rows 0 and 3, columns 0 and 3. */
const NEEDED = [0, 1, 2, 3, 4, 7, 8, 11, 12, 13, 14, 15];

/** Smallest 1 − K̂(q) used (the amplitude response approaches 1 near T_c). */
const MIN_DENOMINATOR = 0.05;
/** Most k-points of the kernel's mesh per axis (the kernel is a preconditioner: only its accuracy, not the result, depends on it). */
const MAX_MESH_AXIS = 64;
/** Most k-points of the kernel's mesh. */
const MAX_MESH_POINTS = 1 << 17;

/**
 * The bulk kernel K(r) on an M1×M2×M3 periodic mesh (row-major, r_a taken
 * modulo M_a) for the node blocks `bulk` (displacement → 4×4 block, the
 * on-site block including the gap), the gap's phase `phase` and attraction U.
 */
export function bulkKernel(bulk: ReadonlyMap<string, Float64Array>, mesh: readonly [number, number, number], U: number, phase: number, poles: PoleExpansion): Float64Array {
  const [M1, M2, M3] = mesh;
  const N = M1 * M2 * M3;
  const e = { re: Math.cos(phase), im: Math.sin(phase) };
  const terms = [...bulk.entries()].map(([key, block]) => ({ d: key.split(',').map(Number), block }));
  // H(k) for every mesh point, 4×4 complex.
  const hk = new Float64Array(32 * N);
  for (let i = 0; i < M1; i++)
    for (let j = 0; j < M2; j++)
      for (let l = 0; l < M3; l++) {
        const k = [(2 * Math.PI * i) / M1, (2 * Math.PI * j) / M2, (2 * Math.PI * l) / M3];
        const o = 32 * ((i * M2 + j) * M3 + l);
        for (const { d, block } of terms) {
          const t = k[0]! * d[0]! + k[1]! * d[1]! + k[2]! * d[2]!;
          const c = Math.cos(t), s = Math.sin(t);
          for (let x = 0; x < 16; x++) {
            hk[o + 2 * x] += block[2 * x]! * c - block[2 * x + 1]! * s;
            hk[o + 2 * x + 1] += block[2 * x]! * s + block[2 * x + 1]! * c;
          }
        }
      }
  const kernel = new Float64Array(N);
  const a = new Float64Array(32), inv = new Float64Array(32);
  const g = new Float64Array(32 * N); // G(r, 0), component-major: g[2·(x·N + r)]
  const transform = meshTransform(mesh);
  for (let p = 0; p < poles.nodes.length; p++) {
    const w = poles.nodes[p]!;
    for (let q = 0; q < N; q++) {
      for (let x = 0; x < 32; x++) a[x] = -hk[32 * q + x]!;
      for (let x = 0; x < 4; x++) a[2 * (5 * x) + 1] += w;
      invertN(a, inv, 4);
      for (let x = 0; x < 16; x++) {
        g[2 * (x * N + q)] = inv[2 * x]!;
        g[2 * (x * N + q) + 1] = inv[2 * x + 1]!;
      }
    }
    for (const x of NEEDED) transform(g.subarray(2 * x * N, 2 * (x + 1) * N));
    const weight = poles.weights[p]!;
    // (A V B)_03 + conj((A V B)_30) with A = G(r, 0), B = G(0, r) = G(−r, 0) and V's four entries.
    const re = (x: number, r: number) => g[2 * (x * N + r)]!;
    const im = (x: number, r: number) => g[2 * (x * N + r) + 1]!;
    for (let i = 0; i < M1; i++)
      for (let j = 0; j < M2; j++)
        for (let l = 0; l < M3; l++) {
          const r = (i * M2 + j) * M3 + l;
          const mr = (((M1 - i) % M1) * M2 + ((M2 - j) % M2)) * M3 + ((M3 - l) % M3);
          let sr = 0, si = 0;
          for (const [c, d, vr, vi] of V_ENTRIES) {
            // A_0c V_cd B_d3 + conj(A_3c V_cd B_d0), V_cd = v·(e or ē).
            const er = vr * e.re - vi * e.im, ei = vr * e.im + vi * e.re;
            const vR = er, vI = c === 0 || c === 1 ? ei : -ei;
            const x1r = re(c, r) * vR - im(c, r) * vI, x1i = re(c, r) * vI + im(c, r) * vR;
            const b3r = re(4 * d + 3, mr), b3i = im(4 * d + 3, mr);
            sr += x1r * b3r - x1i * b3i;
            si += x1r * b3i + x1i * b3r;
            const x2r = re(12 + c, r) * vR - im(12 + c, r) * vI, x2i = re(12 + c, r) * vI + im(12 + c, r) * vR;
            const b0r = re(4 * d, mr), b0i = im(4 * d, mr);
            sr += x2r * b0r - x2i * b0i;
            si -= x2r * b0i + x2i * b0r;
          }
          kernel[r] += U * weight * (e.re * sr + e.im * si);
        }
  }
  // −2c V_03 on site 0: Re(ē·(−2c)(−e)) = 2c.
  kernel[0] += U * 2 * poles.quadratic;
  return kernel;
}

/** In place: X(k) ↦ (1/N) Σ_k e^{ik·r} X(k) on the mesh (interleaved complex, row-major). */
function meshTransform(mesh: readonly [number, number, number]): (data: Float64Array) => void {
  const ffts = mesh.map((m) => (m > 1 ? new FFT(m) : null));
  const bufIn = mesh.map((m) => new Float64Array(2 * m));
  const bufOut = mesh.map((m) => new Float64Array(2 * m));
  const strides = [mesh[1] * mesh[2], mesh[2], 1];
  return (data) => {
    for (let axis = 0; axis < 3; axis++) {
      const fft = ffts[axis];
      if (!fft) continue;
      const m = mesh[axis]!, stride = strides[axis]!;
      const inp = bufIn[axis]!, out = bufOut[axis]!;
      const outer = (mesh[0] * mesh[1] * mesh[2]) / (m * stride);
      for (let o = 0; o < outer; o++)
        for (let t0 = 0; t0 < stride; t0++) {
          const start = o * m * stride + t0;
          for (let t = 0; t < m; t++) {
            inp[2 * t] = data[2 * (start + t * stride)]!;
            inp[2 * t + 1] = data[2 * (start + t * stride) + 1]!;
          }
          fft.inverseTransform(out, inp);
          for (let t = 0; t < m; t++) {
            data[2 * (start + t * stride)] = out[2 * t]!;
            data[2 * (start + t * stride) + 1] = out[2 * t + 1]!;
          }
        }
    }
  };
}

/**
 * The bulk preconditioner r ↦ (1 − J_bulk)⁻¹ r for the gap iteration on
 * `matrix` (the host without the self-consistent gap, as solveGap takes it)
 * at the gap `gap`, or undefined where it does not apply: one node per cell
 * and every axis longer than one cell open (the DCT modes), at least one such
 * axis. The bulk is read at a reference node: the one nearest the centre
 * whose on-site block is the most common one (not an impurity's), with its
 * couplings and its gap.
 */
export function bulkPreconditioner(matrix: BlockSparse, geometry: HostGeometry, gap: Float64Array, U: number, poles: PoleExpansion): ((r: Float64Array) => Float64Array) | undefined {
  const shape = geometry.shape;
  if (geometry.nodesPerCell !== 1 || matrix.b !== 4) return undefined;
  const axes = [0, 1, 2].filter((a) => shape[a]! > 1);
  if (axes.length === 0 || axes.some((a) => geometry.periodic[a])) return undefined;
  const [L1, L2, L3] = shape;
  const coords = (n: number) => [Math.floor(n / (L2 * L3)), Math.floor(n / L3) % L2, n % L3];
  const reference = referenceNode(matrix, shape);
  const c0 = coords(reference);
  const bulk = new Map<string, Float64Array>();
  for (let k = matrix.rowPtr[reference]!; k < matrix.rowPtr[reference + 1]!; k++) {
    const j = matrix.colIdx[k]!;
    const block = matrix.values.slice(32 * k, 32 * (k + 1));
    if (j === reference) {
      // −Δ iσ2 and its adjoint (withOnsiteGap).
      const dr = gap[2 * j]!, di = gap[2 * j + 1]!;
      block[2 * 3] -= dr;
      block[2 * 3 + 1] -= di;
      block[2 * 6] += dr;
      block[2 * 6 + 1] += di;
      block[2 * 12] -= dr;
      block[2 * 12 + 1] += di;
      block[2 * 9] += dr;
      block[2 * 9 + 1] -= di;
    }
    bulk.set(coords(j).map((x, a) => x - c0[a]!).join(','), block);
  }
  const phase = Math.atan2(gap[2 * reference + 1]!, gap[2 * reference]!);
  // Mesh: a power of two ≥ L per open axis, between 16 and MAX_MESH_AXIS, within MAX_MESH_POINTS:
  // K(r) decays on the coherence length, so its periodic images on M cells barely overlap.
  const mesh = shape.map((L) => (L > 1 ? Math.min(MAX_MESH_AXIS, Math.max(16, 1 << Math.ceil(Math.log2(L)))) : 1)) as [number, number, number];
  while (mesh[0] * mesh[1] * mesh[2] > MAX_MESH_POINTS) {
    const a = mesh.indexOf(Math.max(...mesh));
    mesh[a] = mesh[a]! / 2;
  }
  const kernel = bulkKernel(bulk, mesh, U, phase, poles);
  // K̂ at the DCT frequencies: contraction of K(r) with cos(q_a r_a) axis by axis.
  let hat: Float64Array = kernel;
  let dims = [...mesh];
  for (let axis = 0; axis < 3; axis++) {
    const M = mesh[axis]!, L = shape[axis]!;
    const cos = new Float64Array(L * M);
    for (let q = 0; q < L; q++)
      for (let r = 0; r < M; r++) {
        const rr = r <= M / 2 ? r : r - M;
        cos[q * M + r] = M === 1 ? 1 : Math.cos((Math.PI * q * rr) / L);
      }
    const next = dims.slice();
    next[axis] = L;
    hat = modeProduct(hat, dims, axis, cos, L);
    dims = next;
  }
  const denominators = hat.map((k) => 1 / Math.max(1 - k, MIN_DENOMINATOR));
  const dct = shape.map((L) => dctMatrix(L));
  const dctT = shape.map((L, a) => transpose(dct[a]!, L));
  const n = L1 * L2 * L3;
  const ur = Math.cos(phase), ui = Math.sin(phase);
  return (r) => {
    // In-phase part a = Re(e^{−iφ} r), preconditioned; the quadrature part passes.
    let a: Float64Array = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = ur * r[2 * i]! + ui * r[2 * i + 1]!;
    for (let axis = 0; axis < 3; axis++) a = modeProduct(a, shape, axis, dct[axis]!, shape[axis]!);
    for (let i = 0; i < n; i++) a[i] *= denominators[i]!;
    for (let axis = 0; axis < 3; axis++) a = modeProduct(a, shape, axis, dctT[axis]!, shape[axis]!);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const quad = -ui * r[2 * i]! + ur * r[2 * i + 1]!;
      out[2 * i] = ur * a[i]! - ui * quad;
      out[2 * i + 1] = ui * a[i]! + ur * quad;
    }
    return out;
  };
}

/** The node nearest the centre whose on-site block is the most common one. */
function referenceNode(matrix: BlockSparse, shape: readonly [number, number, number]): number {
  const n = matrix.nSites;
  const keys: string[] = new Array(n);
  const count = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = '';
    for (let k = matrix.rowPtr[i]!; k < matrix.rowPtr[i + 1]!; k++) if (matrix.colIdx[k] === i) key = Array.from(matrix.values.subarray(32 * k, 32 * (k + 1))).join(',');
    keys[i] = key;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  let mode = keys[0]!;
  for (const [key, c] of count) if (c > count.get(mode)!) mode = key;
  const [L1, L2, L3] = shape;
  let best = -1, bestDistance = Infinity;
  for (let i = 0; i < n; i++) {
    if (keys[i] !== mode) continue;
    const x = Math.floor(i / (L2 * L3)) - (L1 - 1) / 2, y = (Math.floor(i / L3) % L2) - (L2 - 1) / 2, z = (i % L3) - (L3 - 1) / 2;
    const d = x * x + y * y + z * z;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  }
  return best;
}

/** Orthonormal DCT-II matrix D[k][x] = c_k cos(π k (x + ½)/L). */
function dctMatrix(L: number): Float64Array {
  const d = new Float64Array(L * L);
  for (let k = 0; k < L; k++)
    for (let x = 0; x < L; x++) d[k * L + x] = Math.sqrt((k === 0 ? 1 : 2) / L) * Math.cos((Math.PI * k * (x + 0.5)) / L);
  return d;
}

function transpose(m: Float64Array, L: number): Float64Array {
  const t = new Float64Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) t[j * L + i] = m[i * L + j]!;
  return t;
}

/** y[.., q, ..] = Σ_r mat[q][r] x[.., r, ..] along `axis` of the row-major array x of shape dims. */
function modeProduct(x: Float64Array, dims: readonly number[], axis: number, mat: Float64Array, rows: number): Float64Array {
  const before = dims.slice(0, axis).reduce((s, d) => s * d, 1);
  const after = dims.slice(axis + 1).reduce((s, d) => s * d, 1);
  const cols = dims[axis]!;
  const out = new Float64Array(before * rows * after);
  for (let b = 0; b < before; b++)
    for (let q = 0; q < rows; q++) {
      const o = (b * rows + q) * after;
      for (let r = 0; r < cols; r++) {
        const m = mat[q * cols + r]!;
        if (m === 0) continue;
        const s = (b * cols + r) * after;
        for (let t = 0; t < after; t++) out[o + t] += m * x[s + t]!;
      }
    }
  return out;
}
