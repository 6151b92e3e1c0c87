/**
 * Classical Monte Carlo of a {@link SpinModel} at a list of temperatures (k_B = 1, energies in
 * units of t): Metropolis with an adaptive cone plus over-relaxation (sampler.ts), optionally
 * parallel tempering between neighbouring temperatures (Hukushima & Nemoto 1996: configurations
 * at T_k, T_{k+1} are swapped with probability min(1, exp[(β_k − β_{k+1})(E_k − E_{k+1})])),
 * and optionally two independent replica sets for the Edwards–Anderson overlap.
 *
 * Observables per temperature (N spins, e = E/N, m = |Σ S_i|/N):
 *   energy ⟨e⟩;  specific heat per spin C = N β² (⟨e²⟩ − ⟨e⟩²);
 *   magnetization ⟨m⟩;  susceptibility per spin χ = N β (⟨m²⟩ − ⟨m⟩²);
 *   Binder cumulant U = 1 − ⟨m⁴⟩ / (3⟨m²⟩²)  (4/9 for a 3-component Gaussian, 2/3 when ordered);
 *   with two replicas a, b: q_μν = (1/N) Σ_i S^a_iμ S^b_iν, q² = Σ_μν q_μν², ⟨q²⟩ and the spin-glass
 *   Binder ratio g = (11 − 9 ⟨q⁴⟩/⟨q²⟩²)/2 (0 for the 9-component Gaussian, 1 when frozen).
 * Error bars are jackknife over bins (statistics.ts).
 */
import { CancelledError, InputError } from '../errors.js';
import type { SpinModel } from './model.js';
import { Rng } from './random.js';
import { SpinSampler, adaptCone } from './sampler.js';
import { BinnedSeries } from './statistics.js';

export interface MonteCarloOptions {
  /** Temperatures (k_B T in units of t); with tempering they should be close enough for swaps to succeed. */
  temperatures: number[];
  /** Measurement sweeps (after thermalization). */
  sweeps: number;
  /** Thermalization sweeps (cone adaptation happens here only). Default sweeps / 4. */
  thermalization?: number;
  /** Over-relaxation sweeps per Metropolis sweep. Default 2. */
  overrelaxation?: number;
  /** Parallel tempering between neighbouring temperatures after every sweep. Default false. */
  tempering?: boolean;
  /** Independent replica sets: 2 measures the Edwards–Anderson overlap. Default 1. */
  replicas?: 1 | 2;
  /** Sweeps between measurements. Default 1. */
  measureEvery?: number;
  /** Bins for the jackknife errors. Default 20. */
  bins?: number;
  /** PRNG seed: the same seed gives the same numbers. Default 1. */
  seed?: number;
  /** Called after every sweep with (sweeps done, total sweeps). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface Estimate {
  value: number;
  error: number;
}

export interface MonteCarloPoint {
  temperature: number;
  /** ⟨E⟩/N. */
  energy: Estimate;
  /** C per spin. */
  specificHeat: Estimate;
  /** ⟨|M|⟩/N. */
  magnetization: Estimate;
  /** χ per spin. */
  susceptibility: Estimate;
  /** U = 1 − ⟨m⁴⟩/(3⟨m²⟩²). */
  binder: Estimate;
  /** ⟨q²⟩ and g, with two replicas only. */
  overlap?: { q2: Estimate; binder: Estimate };
  /** Metropolis acceptance during measurement. */
  acceptance: number;
  /** Cone half-angle (radians) after thermalization. */
  cone: number;
  /** Swap acceptance with the next temperature (tempering only). */
  swapAcceptance?: number;
}

export interface MonteCarloResult {
  spins: number;
  seed: number;
  points: MonteCarloPoint[];
  /** Final configuration at each temperature (replica set 0). */
  configurations: Float64Array[];
  seconds: number;
  pairTerms: number;
  pairTermsPerSecond: number;
}

/** Indices of the quantities accumulated per measurement. */
const E = 0, E2 = 1, M = 2, M2 = 3, M4 = 4, Q2 = 5, Q4 = 6;

export function runMonteCarlo(model: SpinModel, options: MonteCarloOptions): MonteCarloResult {
  const temps = options.temperatures;
  if (temps.length === 0) throw new InputError('temperatures', 'expected at least one temperature');
  temps.forEach((T, k) => {
    if (!(T > 0) || !Number.isFinite(T)) throw new InputError(`temperatures[${k}]`, `expected a positive temperature, got ${T}`);
  });
  const sweeps = positiveInt('sweeps', options.sweeps);
  const thermal = nonNegativeInt('thermalization', options.thermalization ?? Math.floor(sweeps / 4));
  const orSweeps = nonNegativeInt('overrelaxation', options.overrelaxation ?? 2);
  const every = positiveInt('measureEvery', options.measureEvery ?? 1);
  const nBins = positiveInt('bins', options.bins ?? 20);
  const replicas = options.replicas ?? 1;
  if (replicas !== 1 && replicas !== 2) throw new InputError('replicas', `expected 1 or 2, got ${replicas}`);
  const seed = options.seed ?? 1;
  const tempering = options.tempering ?? false;
  if (tempering && temps.length < 2) throw new InputError('tempering', 'needs at least two temperatures');

  const R = temps.length;
  const N = model.n;
  const beta = temps.map((T) => 1 / T);
  const root = new Rng(seed);
  const swapRng = root.split();
  // slots[c][k]: the chain currently at temperature k in replica set c.
  const slots: SpinSampler[][] = [];
  for (let c = 0; c < replicas; c++) slots.push(temps.map(() => new SpinSampler(model, root.split())));
  const cones = temps.map(() => Math.PI / 2);
  const nMeasure = Math.floor(sweeps / every);
  if (nMeasure < nBins) throw new InputError('sweeps', `expected at least bins × measureEvery = ${nBins * every} measurement sweeps`);
  const series = temps.map(() => new BinnedSeries(7, nBins));
  const swapTried = new Float64Array(R), swapAccepted = new Float64Array(R);
  const accepted = new Float64Array(R);
  const values = new Float64Array(7);
  const total = thermal + sweeps;
  const started = performance.now();

  for (let sweep = 0; sweep < total; sweep++) {
    if (options.signal?.aborted) throw new CancelledError();
    const measuring = sweep >= thermal;
    for (let k = 0; k < R; k++) {
      let acc = 0;
      for (let c = 0; c < replicas; c++) {
        const s = slots[c][k];
        acc += s.metropolisSweep(beta[k], cones[k]);
        for (let r = 0; r < orSweeps; r++) s.overrelaxSweep(beta[k]);
      }
      const rate = acc / (replicas * N);
      if (measuring) accepted[k] += rate;
      else cones[k] = adaptCone(cones[k], rate);
    }
    if (tempering) {
      for (let c = 0; c < replicas; c++) {
        for (let k = sweep % 2; k + 1 < R; k += 2) {
          const a = slots[c][k], b = slots[c][k + 1];
          const x = (beta[k] - beta[k + 1]) * (a.energy - b.energy);
          swapTried[k]++;
          if (x >= 0 || swapRng.next() < Math.exp(x)) {
            slots[c][k] = b;
            slots[c][k + 1] = a;
            swapAccepted[k]++;
          }
        }
      }
    }
    if (measuring) {
      const t = sweep - thermal;
      if ((t + 1) % every === 0) {
        const index = Math.floor((t + 1) / every) - 1;
        const bin = Math.min(nBins - 1, Math.floor((index * nBins) / nMeasure));
        if (index < nMeasure) {
          for (let k = 0; k < R; k++) {
            if (index % 64 === 0) for (let c = 0; c < replicas; c++) slots[c][k].recompute();
            for (let c = 0; c < replicas; c++) {
              const s = slots[c][k];
              const e = s.energy / N;
              const mv = s.magnetization;
              const m2 = (mv[0] * mv[0] + mv[1] * mv[1] + mv[2] * mv[2]) / (N * N);
              values[E] = e;
              values[E2] = e * e;
              values[M] = Math.sqrt(m2);
              values[M2] = m2;
              values[M4] = m2 * m2;
              values[Q2] = values[Q4] = 0;
              if (replicas === 2) {
                const q2 = overlapSquared(slots[0][k].spins, slots[1][k].spins, N);
                values[Q2] = q2;
                values[Q4] = q2 * q2;
              }
              series[k].add(bin, values);
            }
          }
        }
      }
    }
    options.onProgress?.(sweep + 1, total);
  }

  const seconds = (performance.now() - started) / 1000;
  let pairTerms = 0;
  for (const set of slots) for (const s of set) pairTerms += s.pairTerms;
  const points: MonteCarloPoint[] = temps.map((T, k) => {
    const b = beta[k];
    const s = series[k];
    const point: MonteCarloPoint = {
      temperature: T,
      energy: s.jackknife((m) => m[E]),
      specificHeat: s.jackknife((m) => N * b * b * (m[E2] - m[E] * m[E])),
      magnetization: s.jackknife((m) => m[M]),
      susceptibility: s.jackknife((m) => N * b * (m[M2] - m[M] * m[M])),
      binder: s.jackknife((m) => 1 - m[M4] / (3 * m[M2] * m[M2])),
      acceptance: accepted[k] / sweeps,
      cone: cones[k],
    };
    if (replicas === 2)
      point.overlap = {
        q2: s.jackknife((m) => m[Q2]),
        binder: s.jackknife((m) => (11 - (9 * m[Q4]) / (m[Q2] * m[Q2])) / 2),
      };
    if (tempering && k + 1 < R) point.swapAcceptance = swapTried[k] > 0 ? swapAccepted[k] / swapTried[k] : 0;
    return point;
  });
  return {
    spins: N,
    seed,
    points,
    configurations: slots[0].map((s) => s.spins.slice()),
    seconds,
    pairTerms,
    pairTermsPerSecond: pairTerms / Math.max(seconds, 1e-9),
  };
}

/** q² = Σ_μν q_μν², q_μν = (1/N) Σ_i a_iμ b_iν: invariant under a global rotation of either replica. */
export function overlapSquared(a: Float64Array, b: Float64Array, n: number): number {
  let xx = 0, xy = 0, xz = 0, yx = 0, yy = 0, yz = 0, zx = 0, zy = 0, zz = 0;
  for (let o = 0; o < 3 * n; o += 3) {
    const ax = a[o], ay = a[o + 1], az = a[o + 2];
    const bx = b[o], by = b[o + 1], bz = b[o + 2];
    xx += ax * bx; xy += ax * by; xz += ax * bz;
    yx += ay * bx; yy += ay * by; yz += ay * bz;
    zx += az * bx; zy += az * by; zz += az * bz;
  }
  const s = xx * xx + xy * xy + xz * xz + yx * yx + yy * yy + yz * yz + zx * zx + zy * zy + zz * zz;
  return s / (n * n);
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new InputError(name, `expected a positive integer, got ${v}`);
  return v;
}

function nonNegativeInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new InputError(name, `expected a non-negative integer, got ${v}`);
  return v;
}
