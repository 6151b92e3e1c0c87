import { traceProduct4 } from '../math/block4.js';
import { invertN, matmul } from '../math/denseComplex.js';
import { ClusterEnergy, unitBlocks } from './freeEnergy.js';
import type { Cluster } from './setup.js';

/**
 * One spin configuration of a cluster with, per pole p, the dressed Green's
 * function X_p = (1 − G0_p V)⁻¹ G0_p on all kept nodes, so that turning
 * spin i (V changes by Δ on its q = 4n_i rows) costs a q×q determinant per pole,
 *   ln|det(1 − G0(V + Δ))| − ln|det(1 − G0V)| = ln|det(1 − X_II Δ)|,
 * and an accepted move the rank-q Woodbury update
 *   X ← X + X_{:,I} Δ (1 − X_II Δ)⁻¹ X_{I,:}.
 */
export class ClusterReplica {
  readonly spins: Float64Array;
  /** ΔF of the current configuration. */
  deltaF = 0;
  private readonly X: Float64Array[];
  private readonly units: Float64Array[][];
  private readonly n: number;
  // Work arrays of the largest spin block.
  private readonly delta = new Float64Array(32);
  private readonly v = new Float64Array(32);
  private m: Float64Array;
  private minv: Float64Array;
  private cols: Float64Array;
  private z: Float64Array;
  private y: Float64Array;
  /** Per pole, (1 − X_II Δ)⁻¹ of the last proposal, reused by `accept`. */
  private readonly pending: Float64Array[];
  private proposed = -1;

  constructor(readonly cluster: Cluster, spins: Float64Array) {
    this.spins = spins.slice();
    this.n = 4 * cluster.size;
    this.units = unitBlocks(cluster);
    this.X = cluster.greens.map(() => new Float64Array(2 * this.n * this.n));
    const q = 4 * Math.max(...cluster.slots.map((s) => s.length));
    this.m = new Float64Array(2 * q * q);
    this.minv = new Float64Array(2 * q * q);
    this.y = new Float64Array(2 * q * q);
    this.cols = new Float64Array(2 * this.n * q);
    this.z = new Float64Array(2 * q * this.n);
    this.pending = cluster.greens.map(() => new Float64Array(2 * q * q));
    this.recompute();
  }

  /** X_p and ΔF from scratch (O(n³) per pole; also removes the drift of many updates). */
  recompute(): void {
    const c = this.cluster, n = this.n;
    // The 4K×4K form: cheap to construct (the low-rank form would build its per-pole K at every refresh).
    this.deltaF = new ClusterEnergy(c, c.majorana ? 'real' : 'complex').all(this.spins);
    const A = new Float64Array(2 * n * n), inv = new Float64Array(2 * n * n);
    c.greens.forEach((G, p) => {
      // A = 1 − G V (V block diagonal: node k carries V of its spin).
      A.fill(0);
      for (let i = 0; i < c.slots.length; i++) {
        this.blockOf(i, this.spins, this.v);
        for (const s of c.slots[i]!)
          for (let r = 0; r < n; r++)
            for (let b = 0; b < 4; b++) {
              let re = 0, im = 0;
              for (let d = 0; d < 4; d++) {
                const gr = G[2 * (r * n + 4 * s + d)]!, gi = G[2 * (r * n + 4 * s + d) + 1]!;
                const vr = this.v[2 * (4 * d + b)]!, vi = this.v[2 * (4 * d + b) + 1]!;
                re += gr * vr - gi * vi;
                im += gr * vi + gi * vr;
              }
              A[2 * (r * n + 4 * s + b)] = -re;
              A[2 * (r * n + 4 * s + b) + 1] = -im;
            }
      }
      for (let d = 0; d < n; d++) A[2 * (d * n + d)] += 1;
      invertN(A, inv, n);
      this.X[p]!.set(matmul(inv, G, n, n, n));
    });
  }

  /** The 4×4 exchange block of spin i for spin vector s[3i..3i+2]. */
  private blockOf(i: number, s: ArrayLike<number>, out: Float64Array, offset = 3 * i): Float64Array {
    out.fill(0);
    for (let a = 0; a < 3; a++) {
      const x = s[offset + a]!, u = this.units[i]![a]!;
      for (let k = 0; k < 32; k++) out[k] += x * u[k]!;
    }
    return out;
  }

  /**
   * ΔF(new) − ΔF(current) when spin i turns to `s` (3 numbers); remembers the
   * per-pole determinants so that `accept` can follow without recomputing them.
   */
  propose(i: number, s: ArrayLike<number>): number {
    const c = this.cluster, n = this.n;
    const slots = c.slots[i]!;
    const q = 4 * slots.length;
    const vNew = this.blockOf(i, s, this.delta, 0);
    const vOld = this.blockOf(i, this.spins, this.v);
    let quad = 0;
    for (const k of slots) quad += traceProduct4(c.onsite[k]!, vNew) - traceProduct4(c.onsite[k]!, vOld);
    quad += 0.5 * slots.length * (traceProduct4(vNew, vNew) - traceProduct4(vOld, vOld));
    for (let k = 0; k < 32; k++) this.delta[k] -= vOld[k]!;
    let sum = 0;
    for (let p = 0; p < this.X.length; p++) {
      const X = this.X[p]!;
      // M = 1 − X_II Δ (Δ = the 4×4 block on each of spin i's nodes).
      for (let r = 0; r < q; r++) {
        const row = 2 * ((4 * slots[r >> 2]! + (r & 3)) * n);
        for (let l = 0; l < slots.length; l++)
          for (let b = 0; b < 4; b++) {
            let re = 0, im = 0;
            const base = row + 8 * slots[l]!;
            for (let d = 0; d < 4; d++) {
              const xr = X[base + 2 * d]!, xi = X[base + 2 * d + 1]!;
              const dr = this.delta[2 * (4 * d + b)]!, di = this.delta[2 * (4 * d + b) + 1]!;
              re += xr * dr - xi * di;
              im += xr * di + xi * dr;
            }
            const o = 2 * (r * q + 4 * l + b);
            this.m[o] = (r === 4 * l + b ? 1 : 0) - re;
            this.m[o + 1] = -im;
          }
      }
      const log = invertN(this.m.subarray(0, 2 * q * q), this.minv.subarray(0, 2 * q * q), q);
      sum += c.poles.weights[p]! * log;
      this.pending[p]!.set(this.minv.subarray(0, 2 * q * q));
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
    const rows = Array.from({ length: q }, (_, r) => 4 * slots[r >> 2]! + (r & 3));
    for (let p = 0; p < this.X.length; p++) {
      const X = this.X[p]!;
      const minv = this.pending[p]!;
      // Y = Δ (1 − X_II Δ)⁻¹  (Δ block diagonal over the q rows)
      for (let r = 0; r < q; r++)
        for (let col = 0; col < q; col++) {
          let re = 0, im = 0;
          const l = r >> 2, a = r & 3;
          for (let d = 0; d < 4; d++) {
            const dr = this.delta[2 * (4 * a + d)]!, di = this.delta[2 * (4 * a + d) + 1]!;
            const mr = minv[2 * ((4 * l + d) * q + col)]!, mi = minv[2 * ((4 * l + d) * q + col) + 1]!;
            re += dr * mr - di * mi;
            im += dr * mi + di * mr;
          }
          this.y[2 * (r * q + col)] = re;
          this.y[2 * (r * q + col) + 1] = im;
        }
      // Z = Y X_{I,:} (q×n); cols = X_{:,I} (n×q)
      for (let r = 0; r < q; r++)
        for (let k = 0; k < n; k++) {
          let re = 0, im = 0;
          for (let t = 0; t < q; t++) {
            const yr = this.y[2 * (r * q + t)]!, yi = this.y[2 * (r * q + t) + 1]!;
            const xr = X[2 * (rows[t]! * n + k)]!, xi = X[2 * (rows[t]! * n + k) + 1]!;
            re += yr * xr - yi * xi;
            im += yr * xi + yi * xr;
          }
          this.z[2 * (r * n + k)] = re;
          this.z[2 * (r * n + k) + 1] = im;
        }
      for (let k = 0; k < n; k++)
        for (let t = 0; t < q; t++) {
          this.cols[2 * (k * q + t)] = X[2 * (k * n + rows[t]!)]!;
          this.cols[2 * (k * q + t) + 1] = X[2 * (k * n + rows[t]!) + 1]!;
        }
      for (let k = 0; k < n; k++)
        for (let t = 0; t < q; t++) {
          const cr = this.cols[2 * (k * q + t)]!, ci = this.cols[2 * (k * q + t) + 1]!;
          if (cr === 0 && ci === 0) continue;
          const zo = 2 * t * n, xo = 2 * k * n;
          for (let j = 0; j < 2 * n; j += 2) {
            const zr = this.z[zo + j]!, zi = this.z[zo + j + 1]!;
            X[xo + j] += cr * zr - ci * zi;
            X[xo + j + 1] += cr * zi + ci * zr;
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
