import { SpinModel } from '../spins/model.js';
import { totalEnergy } from '../spins/energy.js';
import type { PairTerm, SingleTerm } from './expansion.js';
import { ClusterEnergy } from './freeEnergy.js';
import type { Cluster } from './setup.js';

/**
 * The pairwise model of a cluster, the picture spin-model codes use:
 * E(S) = E0 + Σ_i b_i·S_i + Σ_{i<j} S_iᵀ η_ij S_j (+ B_ij (S_i·S_j)² with `withBiquadratic`),
 * with E0 = Σ_i m_i + Σ_{i<j} (F0_ij − m_i − m_j), so that it reproduces the
 * means of the single-spin and pair free energies.
 */
export function pairwiseModel(cluster: Cluster, singles: readonly SingleTerm[], pairs: readonly PairTerm[], withBiquadratic = false): SpinModel {
  let constant = singles.reduce((s, t) => s + t.mean, 0);
  for (const p of pairs) constant += p.F0 - singles[p.sites[0]]!.mean - singles[p.sites[1]]!.mean;
  return new SpinModel({
    n: singles.length,
    positions: cluster.problem.positions,
    pairs: pairs.map((p) => ({ i: p.sites[0], j: p.sites[1], eta: p.eta, biquadratic: withBiquadratic ? p.biquadratic ?? 0 : 0 })),
    linear: singles.map((s) => s.linear),
    constant,
  });
}

/** How well the pairwise model reproduces ΔF on random configurations: RMS and max of ΔF_exact − E_pair. */
export interface Residual {
  configurations: number;
  rms: number;
  max: number;
  /** RMS of ΔF_exact over the configurations about its mean (the scale the residual is small against). */
  spread: number;
}

export function pairwiseResidual(cluster: Cluster, model: SpinModel, configurations: readonly Float64Array[]): Residual {
  const energy = new ClusterEnergy(cluster);
  let s2 = 0, max = 0, mean = 0, m2 = 0;
  configurations.forEach((c) => {
    const exact = energy.all(c);
    const d = exact - totalEnergy(model, c);
    s2 += d * d;
    max = Math.max(max, Math.abs(d));
    mean += exact;
    m2 += exact * exact;
  });
  const k = configurations.length;
  mean /= k;
  return { configurations: k, rms: Math.sqrt(s2 / k), max, spread: Math.sqrt(Math.max(0, m2 / k - mean * mean)) };
}
