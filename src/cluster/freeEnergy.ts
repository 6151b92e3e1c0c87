import { traceProduct4 } from '../math/block4.js';
import { invertN } from '../math/denseComplex.js';
import { impurityBlock } from '../rkky/impurity.js';
import { luLogAbsDet } from './lu.js';
import type { Cluster } from './setup.js';

const AXES = [[1, 0, 0], [0, 1, 0], [0, 0, 1]] as const;

/** V_i = Σ_a S_a E_ia with E_ia = impurityBlock(J_i, e_a) (the exchange block is linear in S). */
export function unitBlocks(cluster: Cluster): Float64Array[][] {
  return cluster.problem.couplings.map((J) => AXES.map((e) => impurityBlock(J, e)));
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

  constructor(readonly cluster: Cluster) {
    this.units = unitBlocks(cluster);
    this.v = cluster.problem.couplings.map(() => new Float64Array(32));
  }

  /** ΔF of all spins. */
  all(spins: ArrayLike<number>, gradient?: Float64Array): number {
    return this.evaluate(spins, Array.from(this.cluster.slots, (_, i) => i), gradient);
  }

  evaluate(spins: ArrayLike<number>, active: readonly number[], gradient?: Float64Array): number {
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
}

/** ΔF of each configuration (N spin vectors each) of a cluster. */
export function configurationEnergies(cluster: Cluster, configurations: readonly (readonly (readonly number[])[])[]): Float64Array {
  const e = new ClusterEnergy(cluster);
  return Float64Array.from(configurations, (conf) => e.all(conf.flat()));
}
