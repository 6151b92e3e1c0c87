/**
 * G0(z) = (z − H0)⁻¹ of a periodic host from one FFT per coupled orbital
 * entry: with g(k) = (z − H'(k))⁻¹ on the k-mesh (plan.ts) and the
 * plane waves ψ_k(r) = e^{ik·r}/√N, the uniform-gauge Green's function is
 *   G'_ij = G'(R) = (1/N) Σ_k e^{−ik·R} g(k),   R = r_j − r_i,
 * which for k = (2πn + τ)/M is e^{−iτR_x/M_x} F(R mod M)/N with F the forward
 * DFT of g over the mesh (fft.ts). The physical gauge is restored with
 * G_ij = U_i G'_ij U_j† (unitCell.ts), and ln|det(z − H0)| = Σ_k ln|det(z − H'(k))|
 * because the twisted plane waves are a unitary basis.
 */

import { InputError } from '../../errors.js';
import { PartialMeshTransform } from './fft.js';
import { invertN } from '../../math/denseComplex.js';
import { KSpacePlanImpl, type KSpacePlan } from './plan.js';

/** G0 at one energy for every displacement on the mesh; valid until the next call with the same plan. */
export interface KSpaceGreensTable {
  /** ln|det(z − H0)| over the mesh (for a mesh larger than the lattice: the M torus). */
  readonly logAbsDet: number;
  /** The 4×4 block G_ij for nodes i, j of the plan's host (32 interleaved numbers). */
  block(i: number, j: number): Float64Array;
  /**
   * The 4×4 block between node li of cell ri and node lj of cell rj (integer
   * cell coordinates, one per lattice axis; nodes default 0), written at
   * out[offset + 2(a·rowStride + c)]; cells need not lie inside the lattice
   * (the infinite host of a larger mesh).
   */
  blockBetween(ri: readonly number[], rj: readonly number[], out: Float64Array, offset?: number, rowStride?: number, li?: number, lj?: number): void;
}

function checkPlan(plan: KSpacePlan): KSpacePlanImpl {
  if (!(plan instanceof KSpacePlanImpl)) throw new InputError('plan', 'a plan returned by planKSpace');
  return plan;
}

function checkEnergy(z: { re: number; im: number }): void {
  if (!z || !Number.isFinite(z.re) || !Number.isFinite(z.im)) throw new InputError('z', 'a finite complex number');
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * The plan's tables after a (full or pruned) transform: entry e of G'(R) sits
 * at compact index Σ position[a][R_a mod M_a] (row-major over `shape`).
 */
class Table implements KSpaceGreensTable {
  constructor(
    private readonly plan: KSpacePlanImpl,
    readonly logAbsDet: number,
    /** Per axis: mesh coordinate → compact coordinate (−1 if not computed). */
    private readonly position: readonly Int32Array[],
    private readonly shape: readonly number[],
  ) {}

  block(i: number, j: number): Float64Array {
    const out = new Float64Array(32);
    const [ci, li] = nodeCell(this.plan, i), [cj, lj] = nodeCell(this.plan, j);
    this.blockBetween(ci, cj, out, 0, 4, li, lj);
    return out;
  }

  blockBetween(ri: readonly number[], rj: readonly number[], out: Float64Array, offset = 0, rowStride = 4, li = 0, lj = 0): void {
    const { mesh, twist, tables, coupledEntries, geometry, winding, kPoints, blockSize: b, offsets1 } = this.plan;
    let index = 0;
    for (let a = 0; a < 3; a++) {
      const c = this.position[a]![mod((rj[a] ?? 0) - (ri[a] ?? 0), mesh[a]!)]!;
      if (c < 0) throw new InputError('rj', `displacement [${rj.map((x, q) => x - (ri[q] ?? 0)).join(', ')}] was not computed for this table`);
      index = index * this.shape[a]! + c;
    }
    const n1i = ri[0] ?? 0, n1j = rj[0] ?? 0;
    const xi = n1i + offsets1[li]!, xj = n1j + offsets1[lj]!;
    // e^{−iτR_1/M_1}/N from the twisted mesh, times U_i[a] conj(U_j[c]) with U = e^{±iθ}, θ = πνx/L_1.
    const Lx = geometry.shape[0];
    const twistAngle = (-twist * (n1j - n1i)) / mesh[0];
    const sumAngle = (Math.PI * winding * (xi + xj)) / Lx;
    const diffAngle = (Math.PI * winding * (xi - xj)) / Lx;
    for (let a = 0; a < 4; a++)
      for (let c = 0; c < 4; c++) {
        const p = offset + 2 * (a * rowStride + c);
        out[p] = out[p + 1] = 0;
      }
    const lo = b * 4 * li + 4 * lj;
    const slots = this.plan.entrySlots;
    for (let a = 0; a < 4; a++)
      for (let c = 0; c < 4; c++) {
        const e = slots[lo + b * a + c]!;
        if (e < 0) continue;
        const ea = a < 2, ec = c < 2;
        const gaugeAngle = ea === ec ? (ea ? diffAngle : -diffAngle) : ea ? sumAngle : -sumAngle;
        const angle = twistAngle + gaugeAngle;
        const fr = Math.cos(angle) / kPoints, fi = Math.sin(angle) / kPoints;
        const t = tables[e]!;
        const vr = t[2 * index]!, vi = t[2 * index + 1]!;
        const p = offset + 2 * (a * rowStride + c);
        out[p] = vr * fr - vi * fi;
        out[p + 1] = vr * fi + vi * fr;
      }
    void coupledEntries;
  }
}

/** Cell coordinates and in-cell node l of node k. */
function nodeCell(p: KSpacePlanImpl, k: number): [[number, number, number], number] {
  const m = p.blockSize / 4;
  const c = Math.floor(k / m);
  const [, L2, L3] = p.geometry.shape;
  return [[Math.floor(c / (L2 * L3)), Math.floor(c / L3) % L2, c % L3], k % m];
}

/**
 * tables[e][k] ← g(k)_{entry e} = [(z − H'(k))⁻¹]_{ac} for every k; returns
 * Σ_k ln|det(z − H'(k))|. When every orbital sector has 1 or 2 orbitals
 * (no spin–orbit coupling), the sectors are inverted in closed form; otherwise
 * the whole 4×4 block by Gauss–Jordan.
 */
function fillInverses(p: KSpacePlanImpl, z: { re: number; im: number }): number {
  const { hk, tables, kPoints, sectors, blockSize: b, entrySlots: slot } = p;
  const bb = 2 * b * b;
  const fail = (k: number): never => {
    throw new InputError('z', `z = ${z.re} + ${z.im}i is an eigenvalue of H0 (at k point ${k} of the mesh); use Im z ≠ 0`);
  };
  let logAbsDet = 0;
  for (const sector of sectors) {
    if (sector.length === 1) {
      const a = sector[0]!, d = 2 * ((b + 1) * a), t = tables[slot[(b + 1) * a]!]!;
      for (let k = 0; k < kPoints; k++) {
        const re = z.re - hk[bb * k + d]!, im = z.im - hk[bb * k + d + 1]!;
        const mag = re * re + im * im;
        if (!(mag > 0)) fail(k);
        logAbsDet += 0.5 * Math.log(mag);
        t[2 * k] = re / mag;
        t[2 * k + 1] = -im / mag;
      }
      continue;
    }
    if (sector.length === 2) {
      const [a, c] = sector as [number, number];
      const [iaa, iac, ica, icc] = [b * a + a, b * a + c, b * c + a, b * c + c];
      const [taa, tac, tca, tcc] = [iaa, iac, ica, icc].map((e) => tables[slot[e]!]!) as [Float64Array, Float64Array, Float64Array, Float64Array];
      for (let k = 0; k < kPoints; k++) {
        const o = bb * k;
        // M = z − H'(k) restricted to the sector: [[p, q], [r, s]], M⁻¹ = [[s, −q], [−r, p]]/(ps − qr).
        const pr = z.re - hk[o + 2 * iaa]!, pi = z.im - hk[o + 2 * iaa + 1]!;
        const qr = -hk[o + 2 * iac]!, qi = -hk[o + 2 * iac + 1]!;
        const rr = -hk[o + 2 * ica]!, ri = -hk[o + 2 * ica + 1]!;
        const sr = z.re - hk[o + 2 * icc]!, si = z.im - hk[o + 2 * icc + 1]!;
        const dr = pr * sr - pi * si - (qr * rr - qi * ri);
        const di = pr * si + pi * sr - (qr * ri + qi * rr);
        const mag = dr * dr + di * di;
        if (!(mag > 0)) fail(k);
        logAbsDet += 0.5 * Math.log(mag);
        const vr = dr / mag, vi = -di / mag;
        taa[2 * k] = sr * vr - si * vi;
        taa[2 * k + 1] = sr * vi + si * vr;
        tac[2 * k] = -(qr * vr - qi * vi);
        tac[2 * k + 1] = -(qr * vi + qi * vr);
        tca[2 * k] = -(rr * vr - ri * vi);
        tca[2 * k + 1] = -(rr * vi + ri * vr);
        tcc[2 * k] = pr * vr - pi * vi;
        tcc[2 * k + 1] = pr * vi + pi * vr;
      }
      continue;
    }
    // A larger sector (spin–orbit coupling, several nodes per cell): Gauss–Jordan on the sector block.
    const n = sector.length;
    const work = new Float64Array(2 * n * n);
    const inverse = new Float64Array(2 * n * n);
    const targets = sector.flatMap((a) => sector.map((c) => tables[slot[b * a + c]!]!));
    for (let k = 0; k < kPoints; k++) {
      const o = bb * k;
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) {
          const src = o + 2 * (b * sector[r]! + sector[c]!);
          work[2 * (n * r + c)] = (r === c ? z.re : 0) - hk[src]!;
          work[2 * (n * r + c) + 1] = (r === c ? z.im : 0) - hk[src + 1]!;
        }
      const ld = invertN(work, inverse, n);
      if (ld === -Infinity) fail(k);
      logAbsDet += ld;
      for (let e = 0; e < n * n; e++) {
        const t = targets[e]!;
        t[2 * k] = inverse[2 * e]!;
        t[2 * k + 1] = inverse[2 * e + 1]!;
      }
    }
  }
  return logAbsDet;
}

/**
 * G0 at one energy for every displacement R on the mesh: g(k) at every k, ln|det|
 * summed, then a full forward mesh DFT per coupled entry. Overwrites the plan's
 * tables (the result is valid until the next call with the same plan).
 */
export function kspaceGreensTable(plan: KSpacePlan, z: { re: number; im: number }): KSpaceGreensTable {
  const p = checkPlan(plan);
  checkEnergy(z);
  const logAbsDet = fillInverses(p, z);
  for (const t of p.tables) p.transform.forward(t);
  const identity = p.mesh.map((M) => Int32Array.from({ length: M }, (_, c) => c));
  return new Table(p, logAbsDet, identity, p.mesh);
}

/** The pruned transform for the displacements among `coords` (cached on the plan for the next energy). */
function partialTransform(p: KSpacePlanImpl, coords: readonly (readonly number[])[]): { transform: PartialMeshTransform; position: Int32Array[] } {
  const wanted = p.mesh.map((M, a) => {
    const set = new Set<number>();
    for (const ri of coords) for (const rj of coords) set.add(mod(rj[a]! - ri[a]!, M));
    return [...set].sort((x, y) => x - y);
  });
  const key = wanted.map((w) => w.join(',')).join(';');
  if (p.partial?.key !== key) p.partial = { key, transform: new PartialMeshTransform(p.mesh, wanted) };
  const position = p.mesh.map((M, a) => {
    const pos = new Int32Array(M).fill(-1);
    wanted[a]!.forEach((c, j) => (pos[c] = j));
    return pos;
  });
  return { transform: p.partial.transform, position };
}

/**
 * Same contract as schurGreens: G_KK = [(z − H0)⁻¹]_KK dense (4m)×(4m),
 * interleaved complex, row-major, kept node p occupying rows/cols 4p..4p+3 in
 * the order of keptSites (node indices of the plan's host), and
 * ln|det(z − H0)| = Σ_k ln|det(z − H(k))| over the mesh. Only the
 * displacements between kept sites are transformed (PartialMeshTransform).
 */
export function kspaceGreens(plan: KSpacePlan, keptSites: readonly number[], z: { re: number; im: number }): { greens: Float64Array; logAbsDet: number } {
  const p = checkPlan(plan);
  const nNodes = p.geometry.shape[0] * p.geometry.shape[1] * p.geometry.shape[2] * (p.blockSize / 4);
  if (!Array.isArray(keptSites)) throw new InputError('keptSites', 'an array of site indices');
  const cells = keptSites.map((s, k) => {
    if (!Number.isInteger(s) || s < 0 || s >= nNodes) throw new InputError(`keptSites[${k}]`, `a site index in 0..${nNodes - 1}, got ${s}`);
    return nodeCell(p, s);
  });
  const coords = cells.map(([c]) => c);
  checkEnergy(z);
  const m = keptSites.length;
  const greens = new Float64Array(2 * (4 * m) ** 2);
  const logAbsDet = fillInverses(p, z);
  if (m === 0) return { greens, logAbsDet };
  const { transform, position } = partialTransform(p, coords);
  for (const t of p.tables) transform.forward(t);
  const table = new Table(p, logAbsDet, position, transform.outputShape);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) table.blockBetween(coords[i]!, coords[j]!, greens, 2 * (4 * i * 4 * m + 4 * j), 4 * m, cells[i]![1], cells[j]![1]);
  return { greens, logAbsDet };
}
