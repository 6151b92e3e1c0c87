import { traceProduct4 } from '../math/block4.js';
import { inverseFromLU, luFactor } from '../math/denseReal.js';
import { ClusterEnergy, majoranaUnits, unitBlocks } from './freeEnergy.js';
import type { Cluster } from './setup.js';

/**
 * ClusterReplica in real arithmetic (realForm.ts): per pole the dressed
 * Green's function in the Majorana basis, X_p = (Y_p⁻¹ − A)⁻¹ (n×n real, n = 4K).
 * Turning spin i changes A by Δ on its q = 4n_i rows I, so
 *   ln|det(1 − Y(A + Δ))| − ln|det(1 − YA)| = ln|det(1 − X_II Δ)|   (q×q),
 * and an accepted move is the rank-q Woodbury update
 *   X ← X + X_{:,I} Δ (1 − X_II Δ)⁻¹ X_{I,:}
 * (2n²q flops per pole, a quarter of the complex one).
 */
export class RealClusterReplica {
  readonly spins: Float64Array;
  /** ΔF of the current configuration. */
  deltaF = 0;
  private readonly X: Float64Array[];
  private readonly units: Float64Array[][];
  private readonly realUnits: Float64Array[][];
  private readonly n: number;
  private readonly delta = new Float64Array(16);
  private readonly vNew = new Float64Array(32);
  private readonly vOld = new Float64Array(32);
  private readonly aNew = new Float64Array(16);
  private readonly aOld = new Float64Array(16);
  /** Per pole, 1 − X_II Δ of the last proposal (kept for `accept`). */
  private readonly pending: Float64Array[];
  private readonly lu: Float64Array;
  private readonly minv: Float64Array;
  private readonly y: Float64Array;
  private readonly z: Float64Array;
  private readonly cols: Float64Array;
  private readonly perm: Int32Array;
  private proposed = -1;

  constructor(readonly cluster: Cluster, spins: Float64Array) {
    if (!cluster.majorana) throw new Error('RealClusterReplica needs the Majorana form of the cluster');
    this.spins = spins.slice();
    this.n = 4 * cluster.size;
    this.units = unitBlocks(cluster);
    const real = majoranaUnits(this.units);
    if (!real) throw new Error('RealClusterReplica needs particle–hole symmetric exchange blocks');
    this.realUnits = real;
    this.X = cluster.greens.map(() => new Float64Array(this.n * this.n));
    const q = 4 * Math.max(...cluster.slots.map((s) => s.length));
    this.pending = cluster.greens.map(() => new Float64Array(q * q));
    this.lu = new Float64Array(Math.max(q * q, this.n * this.n));
    this.minv = new Float64Array(q * q);
    this.y = new Float64Array(q * q);
    this.z = new Float64Array(q * this.n);
    this.cols = new Float64Array(this.n * q);
    this.perm = new Int32Array(Math.max(q, this.n));
    this.recompute();
  }

  /** X_p and ΔF from scratch (one LU and inverse per pole; also removes the drift of many updates). */
  recompute(): void {
    const c = this.cluster, n = this.n, mg = c.majorana!;
    // The 4K×4K form: cheap to construct (the low-rank form would build its per-pole K at every refresh).
    this.deltaF = new ClusterEnergy(c, c.majorana ? 'real' : 'complex').all(this.spins);
    const lu = this.lu.subarray(0, n * n);
    for (let p = 0; p < this.X.length; p++) {
      lu.set(mg.yInverse[p]!);
      for (let i = 0; i < c.slots.length; i++) {
        this.majoranaOf(i, this.spins, 3 * i, this.aNew);
        for (const k of c.slots[i]!)
          for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) lu[(4 * k + x) * n + 4 * k + y] -= this.aNew[4 * x + y]!;
      }
      luFactor(lu, n, this.perm);
      inverseFromLU(lu, n, this.perm, this.X[p]!);
    }
  }

  private majoranaOf(i: number, s: ArrayLike<number>, offset: number, out: Float64Array): void {
    out.fill(0);
    for (let a = 0; a < 3; a++) {
      const x = s[offset + a]!, u = this.realUnits[i]![a]!;
      for (let k = 0; k < 16; k++) out[k] += x * u[k]!;
    }
  }

  private blockOf(i: number, s: ArrayLike<number>, offset: number, out: Float64Array): void {
    out.fill(0);
    for (let a = 0; a < 3; a++) {
      const x = s[offset + a]!, u = this.units[i]![a]!;
      for (let k = 0; k < 32; k++) out[k] += x * u[k]!;
    }
  }

  /** ΔF(new) − ΔF(current) when spin i turns to `s` (3 numbers); `accept` may follow. */
  propose(i: number, s: ArrayLike<number>): number {
    const c = this.cluster, n = this.n;
    const slots = c.slots[i]!;
    const q = 4 * slots.length;
    this.blockOf(i, s, 0, this.vNew);
    this.blockOf(i, this.spins, 3 * i, this.vOld);
    let quad = 0;
    for (const k of slots) quad += traceProduct4(c.onsite[k]!, this.vNew) - traceProduct4(c.onsite[k]!, this.vOld);
    quad += 0.5 * slots.length * (traceProduct4(this.vNew, this.vNew) - traceProduct4(this.vOld, this.vOld));
    this.majoranaOf(i, s, 0, this.aNew);
    this.majoranaOf(i, this.spins, 3 * i, this.aOld);
    for (let k = 0; k < 16; k++) this.delta[k] = this.aNew[k]! - this.aOld[k]!;
    const d = this.delta;
    let sum = 0;
    const lu = this.lu.subarray(0, q * q);
    for (let p = 0; p < this.X.length; p++) {
      const X = this.X[p]!, M = this.pending[p]!;
      // M = 1 − X_II Δ (Δ the same 4×4 block on each of spin i's nodes).
      for (let r = 0; r < q; r++) {
        const row = (4 * slots[r >> 2]! + (r & 3)) * n;
        for (let l = 0; l < slots.length; l++) {
          const base = row + 4 * slots[l]!;
          const x0 = X[base]!, x1 = X[base + 1]!, x2 = X[base + 2]!, x3 = X[base + 3]!;
          for (let b = 0; b < 4; b++)
            M[r * q + 4 * l + b] = (r === 4 * l + b ? 1 : 0) - (x0 * d[b]! + x1 * d[4 + b]! + x2 * d[8 + b]! + x3 * d[12 + b]!);
        }
      }
      lu.set(M.subarray(0, q * q));
      sum += c.poles.weights[p]! * luFactor(lu, q, this.perm);
    }
    this.proposed = i;
    return -c.poles.quadratic * quad - sum;
  }

  /** Accept the last proposal for spin i with energy change `change`: Woodbury update of every X_p. */
  accept(i: number, s: ArrayLike<number>, change: number): void {
    if (this.proposed !== i) throw new Error('accept without a matching propose');
    const c = this.cluster, n = this.n;
    const slots = c.slots[i]!;
    const q = 4 * slots.length;
    const d = this.delta, y = this.y, z = this.z, cols = this.cols;
    const lu = this.lu.subarray(0, q * q);
    for (let p = 0; p < this.X.length; p++) {
      const X = this.X[p]!;
      lu.set(this.pending[p]!.subarray(0, q * q));
      luFactor(lu, q, this.perm);
      inverseFromLU(lu, q, this.perm, this.minv);
      // y = Δ M⁻¹ (Δ block diagonal over the q rows).
      for (let r = 0; r < q; r++) {
        const l = r >> 2, a = r & 3;
        for (let col = 0; col < q; col++) {
          let t = 0;
          for (let e = 0; e < 4; e++) t += d[4 * a + e]! * this.minv[(4 * l + e) * q + col]!;
          y[r * q + col] = t;
        }
      }
      // z = y X_{I,:} (q×n); cols = X_{:,I} (n×q), both from the X before the update.
      z.fill(0, 0, q * n);
      for (let r = 0; r < q; r++)
        for (let t = 0; t < q; t++) {
          const f = y[r * q + t]!;
          if (f === 0) continue;
          const xo = (4 * slots[t >> 2]! + (t & 3)) * n, zo = r * n;
          for (let j = 0; j < n; j++) z[zo + j] += f * X[xo + j]!;
        }
      for (let k = 0; k < n; k++)
        for (let t = 0; t < q; t++) cols[k * q + t] = X[k * n + 4 * slots[t >> 2]! + (t & 3)]!;
      for (let k = 0; k < n; k++) {
        const xo = k * n, co = k * q;
        if (q === 4) {
          // The one-orbital case unrolled: X[k][:] += Σ_t cols[k][t] z[t][:].
          const c0 = cols[co]!, c1 = cols[co + 1]!, c2 = cols[co + 2]!, c3 = cols[co + 3]!;
          for (let j = 0; j < n; j++) X[xo + j] += c0 * z[j]! + c1 * z[n + j]! + c2 * z[2 * n + j]! + c3 * z[3 * n + j]!;
          continue;
        }
        for (let t = 0; t < q; t++) {
          const f = cols[co + t]!;
          if (f === 0) continue;
          const zo = t * n;
          for (let j = 0; j < n; j++) X[xo + j] += f * z[zo + j]!;
        }
      }
    }
    this.spins[3 * i] = s[0]!;
    this.spins[3 * i + 1] = s[1]!;
    this.spins[3 * i + 2] = s[2]!;
    this.deltaF += change;
    this.proposed = -1;
  }
}
