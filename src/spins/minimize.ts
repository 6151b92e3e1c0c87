/**
 * Ground states: local minimization of E on the product of unit spheres from many starts.
 *
 * Local minimizer: L-BFGS (Nocedal & Wright, Numerical Optimization, alg. 7.4/7.5) in the
 * embedding S_i = v_i/|v_i|, v ∈ ℝ^{3n}. The energy is then a smooth function of v with gradient
 * ∂E/∂v_i = (G_i − (G_i·S_i) S_i)/|v_i| (G = ∂E/∂S), orthogonal to v_i, so |v_i| only grows at
 * second order; the iteration is renormalized (and its memory reset) when |v_i| drifts. Line
 * search: backtracking to the Armijo condition, with the step capped so no spin turns by more
 * than ~45°. Convergence: max_i |S_i × G_i| ≤ tolerance·(largest coupling).
 *
 * Starts: uniformly random configurations, optionally plus simulated-annealing runs
 * (sampler.ts) that are then polished by L-BFGS. The lowest minimum is returned together with
 * the list of distinct minima found (energy, how often).
 */
import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import { energyGradient, maxTorque, normalizeSpins, totalEnergy } from './energy.js';
import type { SpinModel } from './model.js';
import { Rng, randomSpins } from './random.js';
import { anneal } from './sampler.js';

export interface MinimizeOptions {
  /** Random starts. Default 20. */
  starts?: number;
  /** Extra starts from simulated annealing. Default 0. */
  annealStarts?: number;
  /** Annealing sweeps per annealing start. Default 2000. */
  annealSweeps?: number;
  /** Torque tolerance relative to the largest coupling. Default 1e-9. */
  tolerance?: number;
  /** L-BFGS iterations per start. Default 20000. */
  maxIterations?: number;
  /** Extra initial configurations to polish (3n entries each), e.g. a guess. */
  initial?: Float64Array[];
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface LocalMinimum {
  energy: number;
  spins: Float64Array;
  iterations: number;
  torque: number;
}

export interface GroundState {
  energy: number;
  /** Unit vectors, 3 per spin. */
  spins: Float64Array;
  /** Largest torque |S_i × ∂E/∂S_i| at the result. */
  torque: number;
  /** Distinct local minima found, lowest first: energy and how many starts ended there. */
  minima: { energy: number; count: number }[];
  starts: number;
  seed: number;
}

/** Minimize from many starts and return the lowest minimum found. */
export function findGroundState(model: SpinModel, options: MinimizeOptions = {}): GroundState {
  const starts = options.starts ?? 20;
  const annealStarts = options.annealStarts ?? 0;
  if (!Number.isInteger(starts) || starts < 0) throw new InputError('starts', `expected a non-negative integer, got ${starts}`);
  if (!Number.isInteger(annealStarts) || annealStarts < 0)
    throw new InputError('annealStarts', `expected a non-negative integer, got ${annealStarts}`);
  const initial = options.initial ?? [];
  initial.forEach((s, k) => {
    if (s.length !== 3 * model.n) throw new InputError(`initial[${k}]`, `expected ${3 * model.n} numbers (3 per spin)`);
  });
  const total = starts + annealStarts + initial.length;
  if (total === 0) throw new InputError('starts', 'expected at least one start');
  const seed = options.seed ?? 1;
  const rng = new Rng(seed);
  const tol = (options.tolerance ?? 1e-9) * model.scale;
  const results: LocalMinimum[] = [];
  let done = 0;
  const run = (s: Float64Array) => {
    if (options.signal?.aborted) throw new CancelledError();
    results.push(minimizeLocal(model, s, { tolerance: tol, maxIterations: options.maxIterations }));
    options.onProgress?.(++done, total);
  };
  for (const s of initial) run(s.slice());
  for (let k = 0; k < starts; k++) run(randomSpins(model.n, rng));
  for (let k = 0; k < annealStarts; k++) {
    const tStart = 2 * model.scale;
    run(anneal(model, rng.split(), { tStart, tEnd: 1e-4 * tStart, sweeps: options.annealSweeps ?? 2000 }));
  }
  results.sort((a, b) => a.energy - b.energy);
  const best = results[0];
  // Group minima whose energies agree to a tolerance set by the convergence criterion.
  const same = Math.max(1e-9 * model.scale, 1e-12 * Math.abs(best.energy)) * Math.max(1, model.n);
  const minima: { energy: number; count: number }[] = [];
  for (const r of results) {
    const last = minima[minima.length - 1];
    if (last && Math.abs(r.energy - last.energy) <= same) last.count++;
    else minima.push({ energy: r.energy, count: 1 });
  }
  return { energy: best.energy, spins: best.spins, torque: best.torque, minima, starts: total, seed };
}

/**
 * L-BFGS from `spins` (3n entries, normalized here). Throws ConvergenceError only if the
 * iteration limit is hit far from a stationary point (torque > 1000 × tolerance).
 */
export function minimizeLocal(
  model: SpinModel,
  spins: Float64Array,
  options: { tolerance?: number; maxIterations?: number; memory?: number } = {},
): LocalMinimum {
  const objective = (S: Float64Array, G: Float64Array): number => {
    energyGradient(model, S, G);
    return totalEnergy(model, S);
  };
  return minimizeOnSpheres(objective, spins, { tolerance: options.tolerance ?? 1e-9 * model.scale, maxIterations: options.maxIterations, memory: options.memory, scale: model.scale * model.n });
}

/** E(S) of unit spins S (3n numbers), writing ∂E/∂S into G. */
export type SphereObjective = (S: Float64Array, G: Float64Array) => number;

/**
 * L-BFGS on the product of spheres for any energy with a gradient: the spins
 * are embedded as S_i = v_i/|v_i| (the gradient in v is the tangential part
 * of ∂E/∂S over |v_i|), renormalized when |v_i| drifts. `scale` is the energy
 * scale of round-off (Σ |couplings|). Throws ConvergenceError only if the
 * iteration limit is hit far from a stationary point (torque > 1000 × tolerance).
 */
export function minimizeOnSpheres(
  objective: SphereObjective,
  spins: Float64Array,
  options: { tolerance: number; maxIterations?: number; memory?: number; scale: number },
): LocalMinimum {
  const n3 = spins.length;
  const tol = options.tolerance;
  const maxIter = options.maxIterations ?? 20000;
  const mem = options.memory ?? 10;
  const x = spins.slice();
  normalizeSpins(x);
  const S = new Float64Array(n3), G = new Float64Array(n3);
  const grad = new Float64Array(n3), gradNew = new Float64Array(n3);
  const xNew = new Float64Array(n3), dir = new Float64Array(n3);
  const sHist: Float64Array[] = [], yHist: Float64Array[] = [], rho: number[] = [];
  const alpha = new Float64Array(mem);

  /** E(x) and ∂E/∂x into g; S holds the normalized spins afterwards, G = ∂E/∂S. */
  const evaluate = (v: Float64Array, g: Float64Array): number => {
    for (let o = 0; o < n3; o += 3) {
      const r = Math.hypot(v[o], v[o + 1], v[o + 2]);
      S[o] = v[o] / r;
      S[o + 1] = v[o + 1] / r;
      S[o + 2] = v[o + 2] / r;
    }
    const e = objective(S, G);
    for (let o = 0; o < n3; o += 3) {
      const r = Math.hypot(v[o], v[o + 1], v[o + 2]);
      const d = G[o] * S[o] + G[o + 1] * S[o + 1] + G[o + 2] * S[o + 2];
      g[o] = (G[o] - d * S[o]) / r;
      g[o + 1] = (G[o + 1] - d * S[o + 1]) / r;
      g[o + 2] = (G[o + 2] - d * S[o + 2]) / r;
    }
    return e;
  };

  let f = evaluate(x, grad);
  const noise = 1e-14 * (Math.abs(f) + options.scale);
  let torque = maxTorque(S, G);
  let iter = 0;
  for (; iter < maxIter && torque > tol; iter++) {
    // Two-loop recursion: dir = −H g.
    for (let k = 0; k < n3; k++) dir[k] = -grad[k];
    const m = sHist.length;
    for (let h = m - 1; h >= 0; h--) {
      alpha[h] = rho[h] * dot(sHist[h], dir);
      axpy(-alpha[h], yHist[h], dir);
    }
    if (m > 0) {
      const gamma = dot(sHist[m - 1], yHist[m - 1]) / dot(yHist[m - 1], yHist[m - 1]);
      for (let k = 0; k < n3; k++) dir[k] *= gamma;
    }
    for (let h = 0; h < m; h++) {
      const b = rho[h] * dot(yHist[h], dir);
      axpy(alpha[h] - b, sHist[h], dir);
    }
    let slope = dot(grad, dir);
    if (!(slope < 0)) {
      // Not a descent direction (can happen after the embedding drifts): restart from steepest descent.
      sHist.length = yHist.length = rho.length = 0;
      for (let k = 0; k < n3; k++) dir[k] = -grad[k];
      slope = dot(grad, dir);
    }
    // Initial step: 1 for quasi-Newton steps, scaled for the first (steepest-descent) one; cap rotations at ~45°.
    let step = m > 0 ? 1 : 0.1 / Math.max(Math.sqrt(dot(grad, grad)), 1e-300);
    let maxTurn = 0;
    for (let o = 0; o < n3; o += 3) {
      const r = Math.hypot(x[o], x[o + 1], x[o + 2]);
      maxTurn = Math.max(maxTurn, Math.hypot(dir[o], dir[o + 1], dir[o + 2]) / r);
    }
    if (step * maxTurn > 1) step = 1 / maxTurn;
    let fNew = f;
    let ok = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let k = 0; k < n3; k++) xNew[k] = x[k] + step * dir[k];
      fNew = evaluate(xNew, gradNew);
      // Armijo, or near the minimum, where energy differences drown in round-off, the approximate
      // Wolfe test of Hager & Zhang (2005): no rise beyond round-off and no big overshoot.
      if (fNew <= f + 1e-4 * step * slope || (fNew <= f + noise && dot(gradNew, dir) <= -0.8 * slope)) {
        ok = true;
        break;
      }
      step /= 2;
    }
    if (!ok) {
      if (sHist.length === 0) break; // no descent possible at double precision: converged to round-off
      sHist.length = yHist.length = rho.length = 0;
      evaluate(x, grad);
      continue;
    }
    const s = new Float64Array(n3), y = new Float64Array(n3);
    for (let k = 0; k < n3; k++) {
      s[k] = xNew[k] - x[k];
      y[k] = gradNew[k] - grad[k];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (sHist.length === mem) {
        sHist.shift();
        yHist.shift();
        rho.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rho.push(1 / sy);
    }
    x.set(xNew);
    grad.set(gradNew);
    f = fNew;
    torque = maxTorque(S, G);
    // Keep the embedding well conditioned: renormalize when some |v_i| has drifted.
    let drift = false;
    for (let o = 0; o < n3 && !drift; o += 3) {
      const r = Math.hypot(x[o], x[o + 1], x[o + 2]);
      if (r > 1.5 || r < 0.7) drift = true;
    }
    if (drift) {
      normalizeSpins(x);
      sHist.length = yHist.length = rho.length = 0;
      f = evaluate(x, grad);
    }
  }
  const energy = evaluate(x, grad);
  torque = maxTorque(S, G);
  if (torque > 1000 * tol && iter >= maxIter)
    throw new ConvergenceError(`L-BFGS stopped after ${maxIter} iterations with torque ${torque.toExponential(2)}`);
  return { energy, spins: S.slice(), iterations: iter, torque };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let k = 0; k < x.length; k++) y[k] += a * x[k];
}
