/**
 * The Yu–Shiba–Rusinov quantum phase transition of one classical spin in a
 * self-consistent s-wave superconductor: against the exchange J, the gap at
 * the impurity site, the in-gap bound-state energy E_b and the ground state's
 * fermion parity relative to the clean host.
 *
 * Without spin–orbit coupling and with the spin along z, Ĥ splits into the
 * sectors (c↑, c†↓) and (c↓, c†↑), particle–hole images of each other; the
 * sector Ĥ_s holds one level of every BdG pair ±ε. The many-body ground state
 * fills the negative levels, so its parity relative to the clean host is
 * (−1)^{N₋(Ĥ_s) − N₋(Ĥ_s^clean)} = sign det(−Ĥ_s) / sign det(−Ĥ_s^clean)
 * (T → 0), each sign read off one factorization (sectorDeterminantSign). E_b
 * is the eigenvalue of Ĥ_s inside (−a, a), a = 0.9·|Δ| of the clean host at the
 * impurity site, found by bisection on the sign of det(E − Ĥ_s) (every
 * eigenvalue flips it); it crosses zero where the parity jumps.
 */

import { InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import { hostWithoutS, selfConsistentGap } from './maps.js';
import { solveGapParallel, withOnsiteGap } from './selfConsistent.js';
import { planSchur } from './sparse/schur.js';
import { sectorDeterminantSign } from './sparse/selectedInverse.js';
import type { HostData } from '../host/host.js';

export interface YsrPoint {
  coupling: number;
  /** Δ_s at the impurity's node, [re, im]. */
  gapAtImpurity: [number, number];
  /** The in-gap eigenvalue of the (c↑, c†↓) sector, or null when (−a, a) holds an even number of them. */
  boundState: number | null;
  /** Ground-state fermion parity relative to the clean host: +1 same, −1 flipped. */
  parity: number;
  converged: boolean;
  iterations: number;
  /** The self-consistent Δ_s on every node, (re, im) interleaved. */
  gap: Float64Array;
}

export interface YsrOptions {
  tolerance?: number;
  maxIterations?: number;
  threads?: number;
  signal?: AbortSignal;
  /** Bisection tolerance on E_b (default 1e-10). */
  energyTolerance?: number;
}

/** Sign of det(E − Ĥ_s) on a host (one factorization). */
const signAt = (host: HostData, energy: number) => sectorDeterminantSign(planSchur(host.matrix, host.geometry, []), host.matrix, energy);

/**
 * The in-gap level of Ĥ_s in (−a, a) by bisection on the sign of det(E − Ĥ_s),
 * or null if the interval holds an even number of levels.
 */
export function boundStateEnergy(host: HostData, a: number, tolerance = 1e-10): number | null {
  const plan = planSchur(host.matrix, host.geometry, []);
  const sign = (E: number) => sectorDeterminantSign(plan, host.matrix, E);
  let lo = -a, hi = a;
  const sLo = sign(lo);
  if (sLo === sign(hi)) return null;
  while (hi - lo > tolerance) {
    const mid = 0.5 * (lo + hi);
    const s = sign(mid);
    if (s === 0) return mid;
    if (s === sLo) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The scan over `couplings` (ascending) of the model's single impurity, each
 * J solved self-consistently starting from the previous J's gap.
 */
export async function ysrScan(model: Model, couplings: readonly number[], options: YsrOptions = {}): Promise<YsrPoint[]> {
  if (model.impurities.length !== 1) throw new InputError('impurities', `exactly one impurity for a YSR scan, got ${model.impurities.length}`);
  const impurity = model.impurities[0]!;
  if (impurity.nodes.length !== 1) throw new InputError('impurities[0].orbitals', 'a single orbital for a YSR scan');
  const node = impurity.nodes[0]!;
  const solve = { tolerance: options.tolerance, maxIterations: options.maxIterations, threads: options.threads, signal: options.signal };
  const clean = await selfConsistentGap(model, { ...solve, impurities: false });
  if (!clean.converged) throw new InputError('pairing', `a clean host whose self-consistent gap converges (residual ${clean.residual.toExponential(2)})`);
  const cleanSign = signAt(clean.host, 0);
  if (cleanSign === 0) throw new InputError('host', 'a clean host without a zero-energy level');
  const a = 0.9 * Math.hypot(clean.gap[2 * node]!, clean.gap[2 * node + 1]!);
  const points: YsrPoint[] = [];
  let guess = clean.gap;
  for (const J of couplings) {
    const base = hostWithoutS(model, [{ ...impurity, coupling: J }]);
    const sc = await solveGapParallel(base, { attraction: model.pairing.attraction, temperature: model.temperature, guess, ...solve });
    const host = { ...base, matrix: withOnsiteGap(base.matrix, sc.gap) };
    points.push({
      coupling: J,
      gapAtImpurity: [sc.gap[2 * node]!, sc.gap[2 * node + 1]!],
      boundState: boundStateEnergy(host, a, options.energyTolerance),
      parity: signAt(host, 0) * cleanSign,
      converged: sc.converged,
      iterations: sc.iterations,
      gap: sc.gap,
    });
    guess = sc.gap;
  }
  return points;
}
