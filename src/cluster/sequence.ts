import { ClusterEnergy } from './freeEnergy.js';
import { clusterReplica, type SpinReplica } from './montecarlo.js';
import type { Cluster } from './setup.js';

/**
 * At most min(4, ⌊N/3⌋) changed spins are folded in by Woodbury updates, more cost
 * a full determinant: k updates cost ≈ 8kn² flops per pole against (2/3)n³, n = 4N.
 */
const MAX_CHANGED = 4;
/** Woodbury updates between fresh inverses (bounds the drift of the updated X). */
const REFRESH = 64;

/**
 * ΔF of a list of configurations, reusing work between neighbours: a
 * configuration that differs from the previous one in k ≤ min(4, ⌊N/3⌋) spins costs k
 * rank-4n_i Woodbury steps of the replica (2n²·4 flops per pole each, against
 * (2/3)n³ for a fresh LU), any other one a full determinant. Agrees with
 * ClusterEnergy.all to the drift of the updates (~1e-12 relative; the dressed
 * Green's functions are recomputed from scratch every 64 updates).
 */
export class SequenceEnergy {
  private readonly energy: ClusterEnergy;
  private replica: SpinReplica | null = null;
  private readonly last: Float64Array;
  private hasLast = false;
  /** The replica holds `last` (false after a full determinant moved on without it). */
  private fresh = false;
  private updates = 0;
  private readonly trial = new Float64Array(3);
  private readonly changed: number[] = [];
  private readonly maxChanged: number;

  constructor(readonly cluster: Cluster) {
    this.energy = new ClusterEnergy(cluster);
    this.last = new Float64Array(3 * cluster.slots.length);
    this.maxChanged = Math.min(MAX_CHANGED, Math.floor(cluster.slots.length / 3));
  }

  /** ΔF of `spins` (3N numbers). */
  next(spins: ArrayLike<number>): number {
    const n = this.cluster.slots.length;
    const changed = this.changed;
    changed.length = 0;
    if (this.hasLast)
      for (let i = 0; i < n && changed.length <= this.maxChanged; i++)
        if (spins[3 * i] !== this.last[3 * i] || spins[3 * i + 1] !== this.last[3 * i + 1] || spins[3 * i + 2] !== this.last[3 * i + 2]) changed.push(i);
    let f: number;
    if (!this.hasLast || changed.length > this.maxChanged || changed.length === 0 && !this.fresh) {
      f = this.energy.all(spins);
      this.fresh = false;
    } else {
      if (!this.fresh || this.updates >= REFRESH) {
        if (!this.replica) this.replica = clusterReplica(this.cluster, this.last);
        else {
          this.replica.spins.set(this.last);
          this.replica.recompute();
        }
        this.fresh = true;
        this.updates = 0;
      }
      const rep = this.replica!;
      for (const i of changed) {
        for (let a = 0; a < 3; a++) this.trial[a] = spins[3 * i + a]!;
        rep.accept(i, this.trial, rep.propose(i, this.trial));
        this.updates++;
      }
      f = rep.deltaF;
    }
    for (let k = 0; k < 3 * n; k++) this.last[k] = spins[k]!;
    this.hasLast = true;
    return f;
  }
}
