import type { PairTerm, SingleTerm } from './expansion.js';
import { ClusterEnergy } from './freeEnergy.js';
import type { Cluster } from './setup.js';

/**
 * The pairwise model of a cluster, the picture spin-model codes use:
 *   E(S) = E0 + Σ_i (b_i·S_i + S_iᵀ Q_i S_i) + Σ_{i<j} [S_iᵀ η_ij S_j + B_ij (S_i·S_j)²]
 * (B only with `withBiquadratic`), with E0 = Σ_i m_i + Σ_{i<j} (F0_ij − m_i − m_j)
 * so that it reproduces the means of the single-spin and pair free energies.
 * Dense over pairs (N ≤ a few hundred).
 */
export class PairwiseModel {
  readonly n: number;
  readonly constant: number;
  /** 9 per ordered pair (i, j): M with energy S_iᵀ M S_j counted once per unordered pair; M_ji = M_ijᵀ. */
  private readonly eta: Float64Array;
  private readonly B: Float64Array;
  private readonly linear: Float64Array;
  private readonly Q: Float64Array;

  constructor(singles: readonly SingleTerm[], pairs: readonly PairTerm[], withBiquadratic = false) {
    const n = (this.n = singles.length);
    let constant = singles.reduce((s, t) => s + t.mean, 0);
    this.eta = new Float64Array(9 * n * n);
    this.B = new Float64Array(n * n);
    for (const p of pairs) {
      const [i, j] = p.sites;
      constant += p.F0 - singles[i]!.mean - singles[j]!.mean;
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) {
          this.eta[9 * (i * n + j) + 3 * a + b] = p.eta[a]![b]!;
          this.eta[9 * (j * n + i) + 3 * b + a] = p.eta[a]![b]!;
        }
      if (withBiquadratic) this.B[i * n + j] = this.B[j * n + i] = p.biquadratic ?? 0;
    }
    this.constant = constant;
    this.linear = Float64Array.from(singles.flatMap((s) => s.linear));
    this.Q = Float64Array.from(singles.flatMap((s) => s.anisotropy.flat()));
  }

  /** The part of E that involves spin i in direction s (3 numbers), the others at `spins`. */
  siteEnergy(spins: ArrayLike<number>, i: number, s: ArrayLike<number>): number {
    const n = this.n;
    let e = 0;
    for (let a = 0; a < 3; a++) {
      e += this.linear[3 * i + a]! * s[a]!;
      for (let b = 0; b < 3; b++) e += s[a]! * this.Q[9 * i + 3 * a + b]! * s[b]!;
    }
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const o = 9 * (i * n + j);
      let d = 0;
      for (let a = 0; a < 3; a++) {
        d += s[a]! * spins[3 * j + a]!;
        for (let b = 0; b < 3; b++) e += s[a]! * this.eta[o + 3 * a + b]! * spins[3 * j + b]!;
      }
      e += this.B[i * n + j]! * d * d;
    }
    return e;
  }

  /** E(S) and, with `gradient`, ∂E/∂S (3N numbers). */
  energy(spins: ArrayLike<number>, gradient?: Float64Array): number {
    const n = this.n;
    let e = this.constant;
    for (let i = 0; i < n; i++) {
      const s = [spins[3 * i]!, spins[3 * i + 1]!, spins[3 * i + 2]!];
      // Pairs are counted twice in Σ_i siteEnergy: halve them.
      let single = 0;
      for (let a = 0; a < 3; a++) {
        single += this.linear[3 * i + a]! * s[a]!;
        for (let b = 0; b < 3; b++) single += s[a]! * this.Q[9 * i + 3 * a + b]! * s[b]!;
      }
      e += single + 0.5 * (this.siteEnergy(spins, i, s) - single);
      if (gradient)
        for (let a = 0; a < 3; a++) {
          let g = this.linear[3 * i + a]!;
          for (let b = 0; b < 3; b++) g += 2 * this.Q[9 * i + 3 * a + b]! * s[b]!;
          for (let j = 0; j < n; j++) {
            if (j === i) continue;
            let d = 0;
            for (let b = 0; b < 3; b++) {
              g += this.eta[9 * (i * n + j) + 3 * a + b]! * spins[3 * j + b]!;
              d += s[b]! * spins[3 * j + b]!;
            }
            g += 2 * this.B[i * n + j]! * d * spins[3 * j + a]!;
          }
          gradient[3 * i + a] = g;
        }
    }
    return e;
  }
}

/** The pairwise model of a cluster from its single-spin and pair terms. */
export function pairwiseModel(singles: readonly SingleTerm[], pairs: readonly PairTerm[], withBiquadratic = false): PairwiseModel {
  return new PairwiseModel(singles, pairs, withBiquadratic);
}

/** A Monte Carlo replica of the pairwise model with the interface of ClusterReplica. */
export class PairwiseReplica {
  readonly spins: Float64Array;
  deltaF: number;
  constructor(readonly model: PairwiseModel, spins: Float64Array) {
    this.spins = spins.slice();
    this.deltaF = model.energy(this.spins);
  }
  recompute(): void {
    this.deltaF = this.model.energy(this.spins);
  }
  propose(i: number, s: ArrayLike<number>): number {
    return this.model.siteEnergy(this.spins, i, s) - this.model.siteEnergy(this.spins, i, this.spins.subarray(3 * i, 3 * i + 3));
  }
  accept(i: number, s: ArrayLike<number>, change: number): void {
    this.spins.set([s[0]!, s[1]!, s[2]!], 3 * i);
    this.deltaF += change;
  }
}

/** How well the pairwise model reproduces ΔF on random configurations: RMS and max of ΔF_exact − E_pair. */
export interface Residual {
  configurations: number;
  rms: number;
  max: number;
  /** RMS of ΔF_exact over the configurations about its mean (the scale the residual is small against). */
  spread: number;
}

export function pairwiseResidual(cluster: Cluster, model: PairwiseModel, configurations: readonly Float64Array[]): Residual {
  const energy = new ClusterEnergy(cluster);
  let s2 = 0, max = 0, mean = 0, m2 = 0;
  configurations.forEach((c) => {
    const exact = energy.all(c);
    const d = exact - model.energy(c);
    s2 += d * d;
    max = Math.max(max, Math.abs(d));
    mean += exact;
    m2 += exact * exact;
  });
  const k = configurations.length;
  mean /= k;
  return { configurations: k, rms: Math.sqrt(s2 / k), max, spread: Math.sqrt(Math.max(0, m2 / k - mean * mean)) };
}
