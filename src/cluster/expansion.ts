import { CancelledError } from '../errors.js';
import { THIRTY_SIX } from '../rkky/configurations.js';
import { extractCouplings, type Mat3, type Vec3 } from '../rkky/couplings.js';
import { ClusterEnergy } from './freeEnergy.js';
import type { Cluster } from './setup.js';

const E = [[1, 0, 0], [0, 1, 0], [0, 0, 1]] as const;

/**
 * One spin alone: ΔF_i(S) = m_i + b_i·S + Sᵀ Q_i S (Q traceless symmetric: the
 * single-ion anisotropy, e.g. from Zeeman field + spin–orbit coupling), from
 * ±e_a and ±(e_a ± e_b)/√2: m_i = mean over ±e_a, b_a = [ΔF(+e_a) − ΔF(−e_a)]/2,
 * Q_aa = [ΔF(+e_a) + ΔF(−e_a)]/2 − m_i, Q_ab = [ΔF(±u) − ΔF(±v)]/4 summed over
 * signs, u, v = (e_a ± e_b)/√2. Exact when ΔF_i has no harmonics above l = 2.
 */
export interface SingleTerm {
  site: number;
  mean: number;
  linear: Vec3;
  anisotropy: Mat3;
}

/** The 36-configuration couplings of a pair with only that pair present (rkky couplings' rule). */
export interface PairTerm {
  sites: [number, number];
  /** Mean of the 36 ΔF of the pair. */
  F0: number;
  eta: Mat3;
  J: Vec3;
  D: Vec3;
  /** B_ij (S_i·S_j)², from the cos 2θ harmonic of an angle scan (see `biquadratic`); absent unless requested. */
  biquadratic?: number;
}

/** The trilinear tensor of a triple and its scalar chirality J_χ = (1/6) ε_abc T^{abc} (energy J_χ S_i·(S_j × S_k)). */
export interface TripleTerm {
  sites: [number, number, number];
  /** T[a][b][c] = (1/8) Σ_{σ∈{±1}³} σ1σ2σ3 ΔF(σ1 e_a, σ2 e_b, σ3 e_c), only the three spins present. */
  trilinear: number[][][];
  chirality: number;
}

export function singleTerm(energy: ClusterEnergy, i: number): SingleTerm {
  const n = energy.cluster.slots.length;
  const spins = new Float64Array(3 * n);
  const f = (s: readonly number[]) => {
    spins.fill(0);
    spins.set(s, 3 * i);
    return energy.evaluate(spins, [i]);
  };
  const even = (s: readonly number[]) => (f(s) + f(s.map((x) => -x))) / 2;
  let mean = 0;
  const linear: Vec3 = [0, 0, 0];
  const Q: Mat3 = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let a = 0; a < 3; a++) {
    const [p, m] = [f(E[a]!), f(E[a]!.map((x) => -x))];
    mean += (p + m) / 6;
    linear[a] = (p - m) / 2;
    Q[a][a] = (p + m) / 2;
  }
  for (let a = 0; a < 3; a++) Q[a][a] -= mean;
  const r = Math.SQRT1_2;
  for (let a = 0; a < 3; a++)
    for (let b = a + 1; b < 3; b++) {
      const u = E[a]!.map((x, k) => r * (x + E[b]![k]!)), v = E[a]!.map((x, k) => r * (x - E[b]![k]!));
      Q[a][b] = Q[b][a] = (even(u) - even(v)) / 2;
    }
  return { site: i, mean, linear, anisotropy: Q };
}

/** The pair tensor of spins i, j (the others absent) from the 36 configurations. */
export function pairTerm(energy: ClusterEnergy, i: number, j: number): PairTerm {
  const n = energy.cluster.slots.length;
  const spins = new Float64Array(3 * n);
  const F = THIRTY_SIX.map(([s1, s2]) => {
    spins.set(s1, 3 * i);
    spins.set(s2, 3 * j);
    return energy.evaluate(spins, [i, j]);
  });
  const c = extractCouplings(F);
  return { sites: [i, j], F0: c.F0, eta: c.eta, J: c.J, D: c.D };
}

/**
 * B_ij from a scan S_i = e_z, S_j = cos θ e_z + sin θ e_x (θ_k = 2πk/n):
 * B (S_i·S_j)² = B(1 + cos 2θ)/2, so B = 2 a_2 of ΔF_ij(θ) − ΔF_j(θ)
 * (spin j's own anisotropy, also a cos 2θ term, is subtracted).
 */
export function biquadratic(energy: ClusterEnergy, i: number, j: number, angles = 16): number {
  const n = energy.cluster.slots.length;
  const spins = new Float64Array(3 * n);
  let a2 = 0;
  for (let k = 0; k < angles; k++) {
    const t = (2 * Math.PI * k) / angles;
    spins.set([0, 0, 1], 3 * i);
    spins.set([Math.sin(t), 0, Math.cos(t)], 3 * j);
    const f = energy.evaluate(spins, [i, j]) - energy.evaluate(spins, [j]);
    a2 += (2 / angles) * f * Math.cos(2 * t);
  }
  return 2 * a2;
}

/** The trilinear tensor and chirality of spins i, j, k (only those present). */
export function tripleTerm(energy: ClusterEnergy, i: number, j: number, k: number): TripleTerm {
  const n = energy.cluster.slots.length;
  const spins = new Float64Array(3 * n);
  const T = E.map(() => E.map(() => [0, 0, 0]));
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++)
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let m = 0; m < 8; m++) {
          const [s1, s2, s3] = [m & 1 ? -1 : 1, m & 2 ? -1 : 1, m & 4 ? -1 : 1];
          spins.set(E[a]!.map((x) => s1 * x), 3 * i);
          spins.set(E[b]!.map((x) => s2 * x), 3 * j);
          spins.set(E[c]!.map((x) => s3 * x), 3 * k);
          s += s1 * s2 * s3 * energy.evaluate(spins, [i, j, k]);
        }
        T[a]![b]![c] = s / 8;
      }
  const chirality = (T[0]![1]![2]! + T[1]![2]![0]! + T[2]![0]![1]! - T[0]![2]![1]! - T[2]![1]![0]! - T[1]![0]![2]!) / 6;
  return { sites: [i, j, k], trilinear: T, chirality };
}

export interface ExpansionOptions {
  /** Triples whose spins are all within this distance of each other (default: every triple). */
  tripleCutoff?: number;
  /** Compute B_ij by angle scans (default true). */
  biquadratic?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface Expansion {
  singles: SingleTerm[];
  pairs: PairTerm[];
  triples: TripleTerm[];
}

/** The multi-spin expansion of a cluster's ΔF: every single spin, every pair, every triple (within the cutoff). */
export function clusterExpansion(cluster: Cluster, options: ExpansionOptions = {}): Expansion {
  const energy = new ClusterEnergy(cluster);
  const n = cluster.slots.length;
  const pos = cluster.problem.positions;
  const dist = (a: number, b: number) => Math.hypot(pos[a]![0] - pos[b]![0], pos[a]![1] - pos[b]![1], pos[a]![2] - pos[b]![2]);
  const cut = options.tripleCutoff ?? Infinity;
  const triplesList: [number, number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      for (let k = j + 1; k < n; k++) if (dist(i, j) <= cut && dist(j, k) <= cut && dist(i, k) <= cut) triplesList.push([i, j, k]);
  const total = n + (n * (n - 1)) / 2 + triplesList.length;
  let done = 0;
  const tick = () => {
    if (options.signal?.aborted) throw new CancelledError();
    options.onProgress?.(++done, total);
  };
  const singles = Array.from({ length: n }, (_, i) => {
    const s = singleTerm(energy, i);
    tick();
    return s;
  });
  const pairs: PairTerm[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const p = pairTerm(energy, i, j);
      if (options.biquadratic ?? true) p.biquadratic = biquadratic(energy, i, j);
      pairs.push(p);
      tick();
    }
  const triples = triplesList.map(([i, j, k]) => {
    const t = tripleTerm(energy, i, j, k);
    tick();
    return t;
  });
  return { singles, pairs, triples };
}
