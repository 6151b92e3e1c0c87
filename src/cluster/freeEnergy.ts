import { traceProduct4 } from '../math/block4.js';
import { invertN } from '../math/denseComplex.js';
import { impurityBlock } from '../rkky/impurity.js';
import { inverseDiagonalBlocks, inverseFromLU, luFactor } from '../math/denseReal.js';
import { luLogAbsDet } from './lu.js';
import { LowRankDeterminants } from './lowRank.js';
import { majoranaBlock } from './realForm.js';
import type { Cluster } from './setup.js';

const AXES = [[1, 0, 0], [0, 1, 0], [0, 0, 1]] as const;

/** V_i = Σ_a S_a E_ia with E_ia = impurityBlock(J_i, e_a) (the exchange block is linear in S). */
export function unitBlocks(cluster: Cluster): Float64Array[][] {
  return cluster.problem.couplings.map((J) => AXES.map((e) => impurityBlock(J, e)));
}

/**
 * The Majorana forms A_ia = −iΩ†E_iaΩ (16 real numbers) of the unit blocks,
 * or null if one is not particle–hole symmetric (never for the exchange).
 */
export function majoranaUnits(units: Float64Array[][]): Float64Array[][] | null {
  const out = units.map((u) => u.map(majoranaBlock));
  return out.every((u) => u.every((a) => a !== null)) ? (out as Float64Array[][]) : null;
}

/**
 * Which arithmetic evaluates the determinants: 'auto' = real (Majorana) whenever the cluster has it,
 * energies in the low-rank 2K×2K form (lowRank.ts); 'real' = always the 4K×4K Majorana form; 'complex'.
 */
export type DeterminantForm = 'auto' | 'complex' | 'real';

/** Y⁻¹ and ln|det Y| per pole restricted to a set of active spins (the whole set: the stored ones). */
interface ActiveInverse {
  key: string;
  yInverse: Float64Array[];
  logAbsDetY: number[];
}

/** The active kept nodes of a subset of spins: (slot, spin) pairs in slot order. */
function activeNodes(cluster: Cluster, active: readonly number[]): { slot: number[]; spin: number[] } {
  const slot: number[] = [], spin: number[] = [];
  for (const i of active)
    for (const s of cluster.slots[i]!) {
      slot.push(s);
      spin.push(i);
    }
  return { slot, spin };
}

/**
 * The free energy of the cluster spins' configurations: ΔF = F − F(H0) of
 * the spins `active` (default all; the others absent) pointing along
 * `spins` (3N numbers, S_i = spins[3i..3i+2], any length),
 *   ΔF = −c(Tr H0V + ½Tr V²) − Σ_p W_p ln|det(1 − G0(i w_p)V)|,
 * with G0 the sub-block of the same factorizations on the active nodes, and,
 * with `gradient` (3N numbers, filled for active spins), ∂ΔF/∂S_i from
 * ∂ ln|det(1 − G0V)| = −Re Tr[(1 − G0V)⁻¹ G0 ∂V].
 */
export class ClusterEnergy {
  private readonly units: Float64Array[][];
  private readonly v: Float64Array[];
  private work = new Float64Array(0);
  private inverse = new Float64Array(0);
  private readonly block = new Float64Array(32);
  /** Majorana unit blocks when the real path is used, else null. */
  private readonly realUnits: Float64Array[][] | null;
  private readonly a: Float64Array[];
  private perm = new Int32Array(0);
  private pinv = new Int32Array(0);
  private diag = new Float64Array(0);
  private active: ActiveInverse | null = null;
  /** The 2K×2K form of the real determinants ('auto' only), else null. */
  private readonly lowRank: LowRankDeterminants | null;
  private nodeBlocks: Float64Array[] = [];
  private nodeUnits: Float64Array[][] = [];
  private h = new Float64Array(0);

  constructor(readonly cluster: Cluster, form: DeterminantForm = 'auto') {
    this.units = unitBlocks(cluster);
    this.v = cluster.problem.couplings.map(() => new Float64Array(32));
    this.realUnits = form !== 'complex' && cluster.majorana ? majoranaUnits(this.units) : null;
    if (form === 'real' && !this.realUnits) throw new Error('the real (Majorana) form needs an exactly particle–hole symmetric host');
    this.a = cluster.problem.couplings.map(() => new Float64Array(16));
    this.lowRank = form === 'auto' && this.realUnits ? LowRankDeterminants.create(cluster.majorana!, cluster.poles.weights, this.realUnits) : null;
  }

  /** Whether energies (and tangential gradients) use the low-rank 2K×2K determinants. */
  get lowRankForm(): boolean {
    return this.lowRank !== null;
  }

  /**
   * ΔF of all spins and, in `gradient`, the tangential part of ∂ΔF/∂S_i
   * (the component along S_i set to 0): all a minimizer on the spheres needs,
   * from the low-rank determinants when available (lowRank.ts), else the
   * projected full gradient.
   */
  tangential(spins: ArrayLike<number>, gradient: Float64Array): number {
    const n = this.cluster.slots.length;
    const active = Array.from({ length: n }, (_, i) => i);
    let f: number | null = null;
    if (this.lowRank) f = this.lowRankEvaluate(spins, active, gradient);
    if (f === null) f = this.evaluate(spins, active, gradient);
    for (let i = 0; i < n; i++) {
      const x = spins[3 * i]!, y = spins[3 * i + 1]!, z = spins[3 * i + 2]!;
      const r2 = x * x + y * y + z * z;
      if (!(r2 > 0)) continue;
      const d = (gradient[3 * i]! * x + gradient[3 * i + 1]! * y + gradient[3 * i + 2]! * z) / r2;
      gradient[3 * i] -= d * x;
      gradient[3 * i + 1] -= d * y;
      gradient[3 * i + 2] -= d * z;
    }
    return f;
  }

  /**
   * ΔF of `count` configurations of all spins (3N numbers each, consecutive
   * in `spins`) into `out`: the numbers of `all` one by one, in batches
   * through the low-rank determinants when the cluster has them.
   */
  many(spins: Float64Array, count: number, out: Float64Array): void {
    const c = this.cluster, n3 = 3 * c.slots.length;
    if (!this.lowRank) {
      for (let k = 0; k < count; k++) out[k] = this.all(spins.subarray(k * n3, (k + 1) * n3));
      return;
    }
    const active = Array.from(c.slots, (_, i) => i);
    const { slot, spin } = activeNodes(c, active);
    const quad = new Float64Array(count);
    this.lowRank.sumMany(slot, count, (k) => {
      quad[k] = this.fillBlocks(spins.subarray(k * n3, (k + 1) * n3), active, slot, spin);
      return this.nodeBlocks;
    }, out);
    for (let k = 0; k < count; k++) out[k] = -c.poles.quadratic * quad[k]! - out[k]!;
  }

  /** V_i and the Majorana A_i of the active spins, the per-node block list; returns Tr H0V + ½Tr V². */
  private fillBlocks(spins: ArrayLike<number>, active: readonly number[], slot: number[], spin: number[], gradient?: Float64Array): number {
    const units = this.realUnits!;
    for (const i of active) {
      const v = this.v[i]!, a = this.a[i]!;
      v.fill(0);
      a.fill(0);
      for (let x = 0; x < 3; x++) {
        const s = spins[3 * i + x]!, u = this.units[i]![x]!, r = units[i]![x]!;
        for (let k = 0; k < 32; k++) v[k] += s * u[k]!;
        for (let k = 0; k < 16; k++) a[k] += s * r[k]!;
      }
    }
    const m = slot.length;
    this.nodeBlocks.length = m;
    this.nodeUnits.length = m;
    for (let k = 0; k < m; k++) {
      this.nodeBlocks[k] = this.a[spin[k]!]!;
      this.nodeUnits[k] = units[spin[k]!]!;
    }
    return this.quadratic(slot, spin, active, gradient);
  }

  /** ΔF (and with `gradient` its tangential part, before projection) in the low-rank form; null when it does not apply. */
  private lowRankEvaluate(spins: ArrayLike<number>, active: readonly number[], gradient?: Float64Array): number | null {
    const c = this.cluster;
    const { slot, spin } = activeNodes(c, active);
    const m = slot.length;
    const quad = this.fillBlocks(spins, active, slot, spin, gradient);
    if (gradient && this.h.length < 3 * m) this.h = new Float64Array(3 * m);
    const h = gradient ? this.h.subarray(0, 3 * m) : undefined;
    h?.fill(0);
    const det = this.lowRank!.sum(slot, this.nodeBlocks, gradient ? this.nodeUnits : undefined, h);
    if (det === null) return null;
    if (h) for (let k = 0; k < m; k++) for (let x = 0; x < 3; x++) gradient![3 * spin[k]! + x] += h[3 * k + x]!;
    return -c.poles.quadratic * quad - det;
  }

  /** Whether the determinants are evaluated in real (Majorana) arithmetic. */
  get real(): boolean {
    return this.realUnits !== null;
  }

  /** ΔF of all spins. */
  all(spins: ArrayLike<number>, gradient?: Float64Array): number {
    return this.evaluate(spins, Array.from(this.cluster.slots, (_, i) => i), gradient);
  }

  evaluate(spins: ArrayLike<number>, active: readonly number[], gradient?: Float64Array): number {
    if (this.lowRank && !gradient) {
      const f = this.lowRankEvaluate(spins, active);
      if (f !== null) return f;
    }
    const c = this.cluster;
    const { slot, spin } = activeNodes(c, active);
    const m = slot.length, n = 4 * m, K4 = 4 * c.size;
    if (this.work.length < 2 * n * n) {
      this.work = new Float64Array(2 * n * n);
      this.inverse = new Float64Array(2 * n * n);
    }
    for (const i of active) {
      const v = this.v[i]!;
      v.fill(0);
      for (let a = 0; a < 3; a++) {
        const s = spins[3 * i + a]!, u = this.units[i]![a]!;
        for (let k = 0; k < 32; k++) v[k] += s * u[k]!;
      }
    }
    const q = c.poles.quadratic;
    if (this.realUnits) return -q * this.quadratic(slot, spin, active, gradient) - this.realDeterminants(spins, slot, spin, active, gradient);
    let quad = 0;
    for (let k = 0; k < m; k++) {
      const v = this.v[spin[k]!]!;
      quad += traceProduct4(c.onsite[slot[k]!]!, v) + 0.5 * traceProduct4(v, v);
    }
    if (gradient)
      for (const i of active)
        for (let a = 0; a < 3; a++) {
          let g = 0;
          for (const s of c.slots[i]!) g += traceProduct4(c.onsite[s]!, this.units[i]![a]!) + traceProduct4(this.v[i]!, this.units[i]![a]!);
          gradient[3 * i + a] = -q * g;
        }
    let sum = 0;
    const A = this.work.subarray(0, 2 * n * n);
    for (let p = 0; p < c.greens.length; p++) {
      const G = c.greens[p]!;
      // A = 1 − G V on the active nodes: column block l of G V is G[:, l] V_spin(l).
      for (let r = 0; r < m; r++)
        for (let a = 0; a < 4; a++) {
          const gRow = 2 * ((4 * slot[r]! + a) * K4);
          const aRow = 2 * ((4 * r + a) * n);
          for (let l = 0; l < m; l++) {
            const v = this.v[spin[l]!]!;
            const g0 = gRow + 8 * slot[l]!;
            for (let b = 0; b < 4; b++) {
              let re = 0, im = 0;
              for (let d = 0; d < 4; d++) {
                const gr = G[g0 + 2 * d]!, gi = G[g0 + 2 * d + 1]!;
                const vr = v[2 * (4 * d + b)]!, vi = v[2 * (4 * d + b) + 1]!;
                re += gr * vr - gi * vi;
                im += gr * vi + gi * vr;
              }
              A[aRow + 2 * (4 * l + b)] = (r === l && a === b ? 1 : 0) - re;
              A[aRow + 2 * (4 * l + b) + 1] = -im;
            }
          }
        }
      const W = c.poles.weights[p]!;
      if (!gradient) {
        sum += W * luLogAbsDet(A, n);
        continue;
      }
      const inv = this.inverse.subarray(0, 2 * n * n);
      sum += W * invertN(A, inv, n);
      // ∂/∂S_ia: +W Re Tr[(A⁻¹G)_kk E_ia] over spin i's nodes k.
      for (let k = 0; k < m; k++) {
        const X = this.block;
        X.fill(0);
        for (let a = 0; a < 4; a++)
          for (let l = 0; l < m; l++)
            for (let e = 0; e < 4; e++) {
              const ir = inv[2 * ((4 * k + a) * n + 4 * l + e)]!, ii = inv[2 * ((4 * k + a) * n + 4 * l + e) + 1]!;
              const gRow = 2 * ((4 * slot[l]! + e) * K4 + 4 * slot[k]!);
              for (let b = 0; b < 4; b++) {
                const gr = G[gRow + 2 * b]!, gi = G[gRow + 2 * b + 1]!;
                X[2 * (4 * a + b)] += ir * gr - ii * gi;
                X[2 * (4 * a + b) + 1] += ir * gi + ii * gr;
              }
            }
        const i = spin[k]!;
        for (let a = 0; a < 3; a++) gradient[3 * i + a] += W * traceProduct4(X, this.units[i]![a]!);
      }
    }
    return -q * quad - sum;
  }

  /** Tr H0V + ½Tr V² of the active nodes (V_i already built); with `gradient`, −c × its derivative goes there. */
  private quadratic(slot: number[], spin: number[], active: readonly number[], gradient?: Float64Array): number {
    const c = this.cluster;
    let quad = 0;
    for (let k = 0; k < slot.length; k++) {
      const v = this.v[spin[k]!]!;
      quad += traceProduct4(c.onsite[slot[k]!]!, v) + 0.5 * traceProduct4(v, v);
    }
    if (gradient)
      for (const i of active)
        for (let a = 0; a < 3; a++) {
          let g = 0;
          for (const s of c.slots[i]!) g += traceProduct4(c.onsite[s]!, this.units[i]![a]!) + traceProduct4(this.v[i]!, this.units[i]![a]!);
          gradient[3 * i + a] = -c.poles.quadratic * g;
        }
    return quad;
  }

  /** Y⁻¹ and ln|det Y| on the active nodes: the stored ones for all spins, else inverted once per active set (the last one is kept). */
  private activeInverse(slot: number[], active: readonly number[]): ActiveInverse {
    const mg = this.cluster.majorana!;
    const n = 4 * slot.length, K4 = 4 * this.cluster.size;
    // The stored inverse when the active nodes are all kept nodes in their order (any other order permutes Y).
    if (n === K4 && slot.every((s, k) => s === k)) return { key: '', yInverse: mg.yInverse, logAbsDetY: mg.logAbsDetY };
    const key = active.join(',');
    if (this.active?.key === key) return this.active;
    const yInverse: Float64Array[] = [], logAbsDetY: number[] = [];
    const lu = new Float64Array(n * n);
    for (const Y of mg.y) {
      for (let r = 0; r < n; r++) {
        const gr = (4 * slot[r >> 2]! + (r & 3)) * K4;
        for (let l = 0; l < n; l++) lu[r * n + l] = Y[gr + 4 * slot[l >> 2]! + (l & 3)]!;
      }
      logAbsDetY.push(luFactor(lu, n, this.perm));
      const inv = new Float64Array(n * n);
      inverseFromLU(lu, n, this.perm, inv);
      yInverse.push(inv);
    }
    this.active = { key, yInverse, logAbsDetY };
    return this.active;
  }

  /**
   * Σ_p W_p ln|det(1 − Y_p A)| = Σ_p W_p (ln|det Y_p| + ln|det(Y_p⁻¹ − A)|) (realForm.ts),
   * and with `gradient` += W_p Tr[(Y_p⁻¹ − A)⁻¹_kk A_ia] over spin i's nodes k.
   */
  private realDeterminants(spins: ArrayLike<number>, slot: number[], spin: number[], active: readonly number[], gradient?: Float64Array): number {
    const c = this.cluster, units = this.realUnits!;
    const m = slot.length, n = 4 * m;
    if (this.work.length < n * n) this.work = new Float64Array(n * n);
    if (this.perm.length < n) {
      this.perm = new Int32Array(n);
      this.pinv = new Int32Array(n);
      this.diag = new Float64Array(16 * m);
    }
    for (const i of active) {
      const a = this.a[i]!;
      a.fill(0);
      for (let x = 0; x < 3; x++) {
        const s = spins[3 * i + x]!, u = units[i]![x]!;
        for (let k = 0; k < 16; k++) a[k] += s * u[k]!;
      }
    }
    const inv = this.activeInverse(slot, active);
    const B = this.work.subarray(0, n * n);
    let sum = 0;
    for (let p = 0; p < inv.yInverse.length; p++) {
      B.set(inv.yInverse[p]!);
      for (let k = 0; k < m; k++) {
        const a = this.a[spin[k]!]!;
        for (let x = 0; x < 4; x++) {
          const row = (4 * k + x) * n + 4 * k;
          for (let y = 0; y < 4; y++) B[row + y] -= a[4 * x + y]!;
        }
      }
      const W = c.poles.weights[p]!;
      sum += W * (inv.logAbsDetY[p]! + luFactor(B, n, this.perm));
      if (!gradient) continue;
      inverseDiagonalBlocks(B, n, this.perm, 4, this.diag, this.pinv);
      for (let k = 0; k < m; k++) {
        const i = spin[k]!, z = this.diag.subarray(16 * k, 16 * k + 16);
        for (let x = 0; x < 3; x++) {
          const u = units[i]![x]!;
          let t = 0;
          for (let r = 0; r < 4; r++) for (let l = 0; l < 4; l++) t += z[4 * r + l]! * u[4 * l + r]!;
          gradient[3 * i + x] += W * t;
        }
      }
    }
    return sum;
  }
}

/** ΔF of each configuration (N spin vectors each) of a cluster. */
export function configurationEnergies(cluster: Cluster, configurations: readonly (readonly (readonly number[])[])[]): Float64Array {
  const e = new ClusterEnergy(cluster);
  return Float64Array.from(configurations, (conf) => e.all(conf.flat()));
}
