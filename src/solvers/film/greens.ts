/**
 * G0(z) of a film on a few kept nodes, one block-tridiagonal solve per k∥:
 *   G'(r_i, r_j; z) = (1/N∥) Σ_k∥ e^{−ik∥·(R_j − R_i)} g_k∥(p_i, p_j; z),   g_k∥ = (z − H'(k∥))⁻¹,
 * R the in-plane cell, p the position in the column (the k-space solver's
 * convention, src/solvers/kspace/greens.ts, with k∥ on the in-plane axes
 * only); the physical gauge is G_ij = U_i G'_ij U_j†, and
 * ln|det(z − H0)| = Σ_k∥ Σ_i ln|det S_i(k∥)| with S_i the block-LU pivots
 * (Schur complements) of the layer groups. Superconducting pairing needs no
 * special care: the BdG column orbitals (c_k, c†_{−k}) are one Bloch vector
 * of H'(k∥), as in the fully periodic case.
 *
 * Block LU without pivoting between groups is safe at Im z ≠ 0: every
 * leading principal block of z − H' is z − (a Hermitian matrix), invertible
 * with ‖inverse‖ ≤ 1/|Im z|; inside a group Gauss–Jordan pivots.
 */
import { InputError } from '../../errors.js';
import { invertN } from '../../math/denseComplex.js';
import type { FilmPlan, FilmSector, LayerBlock } from './plan.js';

/** Per-sector work for one kept-node set (reused across energies). */
interface SectorWork {
  readonly sector: FilmSector;
  /** Right-hand sides: the distinct kept column orbitals of the sector (group, local row). */
  readonly rhsGroup: Int32Array;
  readonly rhsRow: Int32Array;
  readonly ncols: number;
  /** The first group holding a right-hand side. */
  readonly firstGroup: number;
  /** Output entries: out index (into greens), group and row of the left orbital, rhs column, kept nodes i and j. */
  readonly entries: Int32Array;
  readonly L: Float64Array[];
  readonly Linv: Float64Array[];
  readonly Bk: Float64Array[];
  readonly Ck: Float64Array[];
  readonly Mlow: Float64Array[];
  readonly X: Float64Array[];
  readonly tmp: Float64Array[];
}

/** A kept-node set prepared for repeated solves. */
export interface FilmKept {
  readonly nodes: readonly number[];
  /** In-plane cell of each kept node along the folded axes (three integers). */
  readonly cells: Int32Array;
  readonly work: SectorWork[];
}

/** Prepare the per-sector right-hand sides and outputs for the kept nodes (host node indices). */
export function prepareKept(plan: FilmPlan, kept: readonly number[]): FilmKept {
  const { layout } = plan;
  const n = plan.host.matrix.nSites;
  const K = kept.length;
  const cells = new Int32Array(3 * K);
  const orbitalOf = new Int32Array(4 * K);
  kept.forEach((q, i) => {
    if (!Number.isInteger(q) || q < 0 || q >= n) throw new InputError(`kept[${i}]`, `a node index in 0..${n - 1}, got ${q}`);
    const f = layout.folded[q]!;
    let column = Math.floor(f / layout.columnNodes);
    const shape = layout.geometry.shape;
    for (let r = 2; r >= 0; r--) {
      cells[3 * i + r] = column % shape[r]!;
      column = Math.floor(column / shape[r]!);
    }
    for (let a = 0; a < 4; a++) orbitalOf[4 * i + a] = 4 * (f % layout.columnNodes) + a;
  });
  const work = plan.sectors.map((sector): SectorWork => {
    const place = new Map<number, [number, number]>();
    sector.orbitals.forEach((o, idx) => {
      let g = 0;
      while (g + 1 < sector.sizes.length && sector.starts[g + 1]! <= idx) g++;
      place.set(o, [g, idx - sector.starts[g]!]);
    });
    const rhs = new Map<number, number>();
    const rhsGroup: number[] = [], rhsRow: number[] = [];
    for (let p = 0; p < 4 * K; p++) {
      const o = orbitalOf[p]!;
      const at = place.get(o);
      if (!at || rhs.has(o)) continue;
      rhs.set(o, rhsGroup.length);
      rhsGroup.push(at[0]);
      rhsRow.push(at[1]);
    }
    const entries: number[] = [];
    for (let i = 0; i < K; i++)
      for (let a = 0; a < 4; a++) {
        const left = place.get(orbitalOf[4 * i + a]!);
        if (!left) continue;
        for (let j = 0; j < K; j++)
          for (let c = 0; c < 4; c++) {
            const col = rhs.get(orbitalOf[4 * j + c]!);
            if (col === undefined) continue;
            entries.push((4 * i + a) * 4 * K + 4 * j + c, left[0], left[1], col, i, j);
          }
      }
    const ncols = rhsGroup.length;
    const s = sector.sizes;
    const G = s.length;
    const mat = (r: number, c: number) => new Float64Array(2 * r * c);
    return {
      sector,
      rhsGroup: Int32Array.from(rhsGroup),
      rhsRow: Int32Array.from(rhsRow),
      ncols,
      firstGroup: rhsGroup.length > 0 ? Math.min(...rhsGroup) : 0,
      entries: Int32Array.from(entries),
      L: Array.from({ length: G }, (_, i) => mat(s[i]!, s[i]!)),
      Linv: Array.from({ length: G }, (_, i) => mat(s[i]!, s[i]!)),
      Bk: Array.from({ length: G - 1 }, (_, i) => mat(s[i]!, s[i + 1]!)),
      Ck: Array.from({ length: G - 1 }, (_, i) => mat(s[i + 1]!, s[i]!)),
      Mlow: Array.from({ length: G - 1 }, (_, i) => mat(s[i + 1]!, s[i]!)),
      X: Array.from({ length: G }, (_, i) => mat(s[i]!, ncols)),
      tmp: Array.from({ length: G }, (_, i) => mat(s[i]!, Math.max(ncols, s[i]!))),
    };
  });
  return { nodes: [...kept], cells, work };
}

/** out ← −Σ_c e^{iθ_c} blocks[c] (+ z on the diagonal when `z` is given). */
function assemble(b: LayerBlock, phases: Float64Array, out: Float64Array, n: number, z?: { re: number; im: number }): void {
  out.fill(0);
  for (let q = 0; q < b.classes.length; q++) {
    const c = b.classes[q]!;
    const pr = phases[2 * c]!, pi = phases[2 * c + 1]!;
    const blk = b.blocks[q]!;
    for (let e = 0; e < out.length; e += 2) {
      const vr = blk[e]!, vi = blk[e + 1]!;
      out[e] -= vr * pr - vi * pi;
      out[e + 1] -= vr * pi + vi * pr;
    }
  }
  if (z) for (let d = 0; d < n; d++) (out[2 * (n * d + d)] += z.re), (out[2 * (n * d + d) + 1] += z.im);
}

/** out ← a⁻¹ of a 2×2 complex matrix (the sector blocks of one layer without spin–orbit coupling); returns ln|det a|. */
function invert2(a: Float64Array, out: Float64Array): number {
  const pr = a[0]!, pi = a[1]!, qr = a[2]!, qi = a[3]!, rr = a[4]!, ri = a[5]!, sr = a[6]!, si = a[7]!;
  const dr = pr * sr - pi * si - (qr * rr - qi * ri);
  const di = pr * si + pi * sr - (qr * ri + qi * rr);
  const mag = dr * dr + di * di;
  if (!(mag > 0)) return -Infinity;
  const vr = dr / mag, vi = -di / mag;
  out[0] = sr * vr - si * vi;
  out[1] = sr * vi + si * vr;
  out[2] = -(qr * vr - qi * vi);
  out[3] = -(qr * vi + qi * vr);
  out[4] = -(rr * vr - ri * vi);
  out[5] = -(rr * vi + ri * vr);
  out[6] = pr * vr - pi * vi;
  out[7] = pr * vi + pi * vr;
  return 0.5 * Math.log(mag);
}

/** out (n×p) ← a (n×q) · b (q×p), or out −= a·b with `subtract`. */
function gemm(a: Float64Array, b: Float64Array, out: Float64Array, n: number, q: number, p: number, subtract: boolean): void {
  if (!subtract) out.fill(0, 0, 2 * n * p);
  const sign = subtract ? -1 : 1;
  for (let r = 0; r < n; r++)
    for (let k = 0; k < q; k++) {
      const ar = sign * a[2 * (r * q + k)]!, ai = sign * a[2 * (r * q + k) + 1]!;
      if (ar === 0 && ai === 0) continue;
      const ob = 2 * r * p, bb = 2 * k * p;
      for (let c = 0; c < 2 * p; c += 2) {
        const br = b[bb + c]!, bi = b[bb + c + 1]!;
        out[ob + c] += ar * br - ai * bi;
        out[ob + c + 1] += ar * bi + ai * br;
      }
    }
}

/**
 * One sector at one k∥: block LU of tridiag(C, A, B), then the columns of the
 * kept orbitals X = (z − H'(k∥))⁻¹ E. Returns Σ ln|det S_i|.
 */
function solveSector(w: SectorWork, phases: Float64Array, z: { re: number; im: number }): number {
  const { sector, L, Linv, Bk, Ck, Mlow, X, tmp, ncols } = w;
  const s = sector.sizes;
  const G = s.length;
  let logAbsDet = 0;
  for (let i = 0; i < G; i++) {
    const n = s[i]!;
    assemble(sector.diagonal[i]!, phases, L[i]!, n, z);
    if (i > 0) gemm(Mlow[i - 1]!, Bk[i - 1]!, L[i]!, n, s[i - 1]!, n, true);
    const ld = n === 2 ? invert2(L[i]!, Linv[i]!) : invertN(L[i]!, Linv[i]!, n);
    if (ld === -Infinity) throw new InputError('z', `z = ${z.re} + ${z.im}i is an eigenvalue of the film Hamiltonian; use Im z ≠ 0`);
    logAbsDet += ld;
    if (i < G - 1) {
      assemble(sector.upper[i]!, phases, Bk[i]!, n);
      assemble(sector.lower[i]!, phases, Ck[i]!, s[i + 1]!);
      gemm(Ck[i]!, Linv[i]!, Mlow[i]!, s[i + 1]!, n, n, false);
    }
  }
  if (ncols === 0) return logAbsDet;
  // Forward: Y_i = E_i − M_{i−1} Y_{i−1} (Y kept in tmp), back: X_i = S_i⁻¹ (Y_i − B_i X_{i+1}).
  // Y_i = 0 above the first kept group, and X is only read from there on.
  const first = w.firstGroup;
  for (let i = first; i < G; i++) {
    const y = tmp[i]!;
    y.fill(0, 0, 2 * s[i]! * ncols);
    for (let c = 0; c < ncols; c++) if (w.rhsGroup[c] === i) y[2 * (w.rhsRow[c]! * ncols + c)] = 1;
    if (i > first) gemm(Mlow[i - 1]!, tmp[i - 1]!, y, s[i]!, s[i - 1]!, ncols, true);
  }
  for (let i = G - 1; i >= first; i--) {
    if (i < G - 1) gemm(Bk[i]!, X[i + 1]!, tmp[i]!, s[i]!, s[i + 1]!, ncols, true);
    gemm(Linv[i]!, tmp[i]!, X[i]!, s[i]!, s[i]!, ncols, false);
  }
  return logAbsDet;
}

/**
 * Visit g_k∥ on the kept nodes for every k∥ of the mesh: `visit(g, k)` sees
 * the (4K)×(4K) block [e^{ik∥·R_i} g_k∥(p_i, p_j) e^{−ik∥·R_j}] in the uniform
 * gauge (valid until it returns). Returns ln|det(z − H'(k∥))| summed over the mesh.
 */
export function forEachK(plan: FilmPlan, kept: FilmKept, z: { re: number; im: number }, visit: ((g: Float64Array, k: number) => void) | null, sum?: Float64Array): number {
  if (!z || !Number.isFinite(z.re) || !Number.isFinite(z.im)) throw new InputError('z', 'a finite complex number');
  const K = kept.nodes.length;
  // Without a visitor the blocks are summed into `sum` (filmGreens) instead of being handed out per k∥.
  const gk = sum ?? new Float64Array(2 * 16 * K * K);
  const add = sum ? 1 : 0;
  const { mesh, twist, cell } = plan;
  const classes = cell.classes;
  const phases = new Float64Array(2 * classes);
  const nodePhase = new Float64Array(2 * K);
  let logAbsDet = 0;
  let k = 0;
  // Summing a real host: visit one k∥ of each pair ±k∥ and add its transpose for the other (plan.ts).
  const paired = sum !== undefined && plan.realSymmetric;
  const partner = (n: number, M: number) => (M - n) % M;
  for (let n0 = 0; n0 < mesh[0]; n0++)
    for (let n1 = 0; n1 < mesh[1]; n1++)
      for (let n2 = 0; n2 < mesh[2]; n2++, k++) {
        let weight = 1;
        if (paired) {
          const other = (partner(n0, mesh[0]) * mesh[1] + partner(n1, mesh[1])) * mesh[2] + partner(n2, mesh[2]);
          if (other < k) continue;
          if (other > k) weight = 2;
        }
        const k0 = (2 * Math.PI * n0 + twist) / mesh[0], k1 = (2 * Math.PI * n1) / mesh[1], k2 = (2 * Math.PI * n2) / mesh[2];
        for (let c = 0; c < classes; c++) {
          const t = k0 * cell.reps[3 * c]! + k1 * cell.reps[3 * c + 1]! + k2 * cell.reps[3 * c + 2]!;
          phases[2 * c] = Math.cos(t);
          phases[2 * c + 1] = Math.sin(t);
        }
        for (let i = 0; i < K; i++) {
          const t = k0 * kept.cells[3 * i]! + k1 * kept.cells[3 * i + 1]! + k2 * kept.cells[3 * i + 2]!;
          nodePhase[2 * i] = Math.cos(t);
          nodePhase[2 * i + 1] = Math.sin(t);
        }
        const width = 4 * K;
        for (const w of kept.work) {
          logAbsDet += weight * solveSector(w, phases, z);
          const e = w.entries, nc = w.ncols;
          for (let q = 0; q < e.length; q += 6) {
            const x = w.X[e[q + 1]!]!, p = 2 * (e[q + 2]! * nc + e[q + 3]!);
            const i = e[q + 4]!, j = e[q + 5]!;
            // e^{ik·R_i} e^{−ik·R_j}
            const ar = nodePhase[2 * i]!, ai = nodePhase[2 * i + 1]!, br = nodePhase[2 * j]!, bi = -nodePhase[2 * j + 1]!;
            const fr = ar * br - ai * bi, fi = ar * bi + ai * br;
            const gr = x[p]!, gi = x[p + 1]!;
            const o = 2 * e[q]!;
            gk[o] = add * gk[o]! + gr * fr - gi * fi;
            gk[o + 1] = add * gk[o + 1]! + gr * fi + gi * fr;
            if (weight === 2) {
              // −k∥: entry (jc, ia) gets e^{−ik·R_j} e^{ik·R_i} g_{−k}(jc, ia) = the same phase times g_k(ia, jc).
              const t = 2 * ((e[q]! % width) * width + Math.floor(e[q]! / width));
              gk[t] += gr * fr - gi * fi;
              gk[t + 1] += gr * fi + gi * fr;
            }
          }
        }
        visit?.(gk, k);
      }
  return logAbsDet;
}

/**
 * G0 on the kept nodes ((4K)×(4K), interleaved, kept order, the same contract
 * as the sparse and k-space solvers) and ln|det(z − H0)| over the k∥ mesh.
 */
export function filmGreens(plan: FilmPlan, kept: FilmKept, z: { re: number; im: number }): { greens: Float64Array; logAbsDet: number } {
  const acc = new Float64Array(2 * 16 * kept.nodes.length ** 2);
  const logAbsDet = forEachK(plan, kept, z, null, acc);
  for (let e = 0; e < acc.length; e++) acc[e] /= plan.kPoints;
  if (plan.host.winding !== 0) applyGauge(plan, kept, acc);
  return { greens: acc, logAbsDet };
}

/** G_ij = U_i G'_ij U_j†, U = e^{±iθ} on electrons/holes, θ = πν x/L_1 (x = n_1 + f_1(l), kspace/unitCell.ts). */
function applyGauge(plan: FilmPlan, kept: FilmKept, g: Float64Array): void {
  const geo = plan.host.geometry;
  const m = geo.nodesPerCell;
  const [, L2, L3] = geo.shape;
  const K = kept.nodes.length;
  const x = kept.nodes.map((q) => Math.floor(Math.floor(q / m) / (L2 * L3)) + plan.offsets1[q % m]!);
  const Lx = geo.shape[0];
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const sum = (Math.PI * plan.host.winding * (x[i]! + x[j]!)) / Lx;
      const diff = (Math.PI * plan.host.winding * (x[i]! - x[j]!)) / Lx;
      for (let a = 0; a < 4; a++)
        for (let c = 0; c < 4; c++) {
          const ea = a < 2, ec = c < 2;
          const angle = ea === ec ? (ea ? diff : -diff) : ea ? sum : -sum;
          const p = 2 * ((4 * i + a) * 4 * K + 4 * j + c);
          const fr = Math.cos(angle), fi = Math.sin(angle);
          const vr = g[p]!, vi = g[p + 1]!;
          g[p] = vr * fr - vi * fi;
          g[p + 1] = vr * fi + vi * fr;
        }
    }
}
