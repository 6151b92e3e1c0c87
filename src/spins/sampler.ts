/**
 * One Markov chain of classical unit spins at inverse temperature β = 1/T (k_B = 1):
 * - Metropolis sweeps with a cone proposal: S' uniform on the spherical cap of half-angle
 *   θ_max around S. The proposal density depends only on the angle between S and S', so it is
 *   symmetric and the plain Metropolis test min(1, e^{−βΔE}) gives detailed balance. θ_max is
 *   tuned to ≈ 50 % acceptance during thermalization only (adapting while measuring would bias).
 * - Over-relaxation sweeps: S' = 2 (S·ĝ) ĝ − S, the reflection about the linear local field g_i
 *   (which does not depend on S_i). The linear energy S·g is unchanged, so the move is free for
 *   pair and field terms; it is an involution, hence a valid symmetric proposal, and the
 *   biquadratic/anisotropy remainder (if any) is handled by a Metropolis test.
 * Sites are visited in order (sequential updating satisfies balance). Energy and magnetization
 * are updated incrementally and recomputed exactly by {@link SpinSampler.recompute}.
 */
import { linearField, nonlinearSiteEnergy, normalizeSpins, totalEnergy } from './energy.js';
import type { SpinModel } from './model.js';
import { type Rng, randomSpins } from './random.js';

export class SpinSampler {
  readonly spins: Float64Array;
  /** Total energy E of the current configuration. */
  energy = 0;
  /** Σ_i S_i. */
  readonly magnetization = new Float64Array(3);
  /** Pair terms evaluated so far (neighbour entries visited). */
  pairTerms = 0;
  private readonly g = new Float64Array(3);

  constructor(
    readonly model: SpinModel,
    readonly rng: Rng,
    initial?: Float64Array,
  ) {
    this.spins = initial ? initial.slice() : randomSpins(model.n, rng);
    this.recompute();
  }

  /** Recompute E and M exactly (removes round-off drift of the incremental updates). */
  recompute(): void {
    normalizeSpins(this.spins);
    this.energy = totalEnergy(this.model, this.spins);
    const m = this.magnetization;
    m.fill(0);
    for (let o = 0; o < this.spins.length; o += 3) {
      m[0] += this.spins[o];
      m[1] += this.spins[o + 1];
      m[2] += this.spins[o + 2];
    }
  }

  /** One Metropolis sweep with cone half-angle `cone` (radians, ≤ π). Returns the number of accepted moves. */
  metropolisSweep(beta: number, cone: number): number {
    const { model, spins, rng, g, magnetization: m } = this;
    const n = model.n;
    const cosMax = Math.cos(Math.min(cone, Math.PI));
    const nonlinearAll = model.hasBiquadratic;
    const anis = model.anisotropy;
    let accepted = 0;
    let terms = 0;
    for (let i = 0; i < n; i++) {
      terms += linearField(model, spins, i, g);
      const o = 3 * i;
      const sx = spins[o], sy = spins[o + 1], sz = spins[o + 2];

      // Trial direction in the cap around S: cos θ uniform in [cos θ_max, 1], φ uniform.
      const c = 1 - rng.next() * (1 - cosMax);
      const s = Math.sqrt(Math.max(0, 1 - c * c));
      let u: number, v: number, r2: number;
      do {
        u = 2 * rng.next() - 1;
        v = 2 * rng.next() - 1;
        r2 = u * u + v * v;
      } while (r2 > 1 || r2 === 0);
      const rinv = 1 / Math.sqrt(r2);
      u *= rinv;
      v *= rinv;
      // Orthonormal frame (e1, e2) ⟂ S, built from whichever of x̂, ŷ is less parallel to S.
      let e1x: number, e1y: number, e1z: number;
      if (Math.abs(sx) < 0.9) {
        const f = 1 / Math.sqrt(1 - sx * sx);
        e1x = (1 - sx * sx) * f;
        e1y = -sx * sy * f;
        e1z = -sx * sz * f;
      } else {
        const f = 1 / Math.sqrt(1 - sy * sy);
        e1x = -sy * sx * f;
        e1y = (1 - sy * sy) * f;
        e1z = -sy * sz * f;
      }
      const e2x = sy * e1z - sz * e1y, e2y = sz * e1x - sx * e1z, e2z = sx * e1y - sy * e1x;
      let tx = c * sx + s * (u * e1x + v * e2x);
      let ty = c * sy + s * (u * e1y + v * e2y);
      let tz = c * sz + s * (u * e1z + v * e2z);
      const tn = 1 / Math.sqrt(tx * tx + ty * ty + tz * tz);
      tx *= tn;
      ty *= tn;
      tz *= tn;

      let dE = (tx - sx) * g[0] + (ty - sy) * g[1] + (tz - sz) * g[2];
      if (nonlinearAll || anis[i] !== 0)
        dE += nonlinearSiteEnergy(model, spins, i, tx, ty, tz) - nonlinearSiteEnergy(model, spins, i, sx, sy, sz);
      if (dE <= 0 || rng.next() < Math.exp(-beta * dE)) {
        spins[o] = tx;
        spins[o + 1] = ty;
        spins[o + 2] = tz;
        m[0] += tx - sx;
        m[1] += ty - sy;
        m[2] += tz - sz;
        this.energy += dE;
        accepted++;
      }
    }
    this.pairTerms += terms;
    return accepted;
  }

  /** One over-relaxation sweep (see the file comment). */
  overrelaxSweep(beta: number): void {
    const { model, spins, rng, g, magnetization: m } = this;
    const n = model.n;
    const nonlinearAll = model.hasBiquadratic;
    const anis = model.anisotropy;
    let terms = 0;
    for (let i = 0; i < n; i++) {
      terms += linearField(model, spins, i, g);
      const g2 = g[0] * g[0] + g[1] * g[1] + g[2] * g[2];
      if (g2 === 0) continue;
      const o = 3 * i;
      const sx = spins[o], sy = spins[o + 1], sz = spins[o + 2];
      const f = (2 * (sx * g[0] + sy * g[1] + sz * g[2])) / g2;
      const tx = f * g[0] - sx, ty = f * g[1] - sy, tz = f * g[2] - sz;
      let dE = 0;
      if (nonlinearAll || anis[i] !== 0) {
        dE = nonlinearSiteEnergy(model, spins, i, tx, ty, tz) - nonlinearSiteEnergy(model, spins, i, sx, sy, sz);
        if (dE > 0 && !(rng.next() < Math.exp(-beta * dE))) continue;
      }
      spins[o] = tx;
      spins[o + 1] = ty;
      spins[o + 2] = tz;
      m[0] += tx - sx;
      m[1] += ty - sy;
      m[2] += tz - sz;
      this.energy += dE;
    }
    this.pairTerms += terms;
  }
}

/** Cone half-angle update toward ≈ 50 % acceptance, kept in [10⁻³, π]. */
export function adaptCone(cone: number, acceptance: number): number {
  const next = acceptance > 0.5 ? cone * 1.05 : cone / 1.05;
  return Math.min(Math.PI, Math.max(1e-3, next));
}

/**
 * Simulated annealing: Metropolis + over-relaxation sweeps along a geometric temperature
 * schedule from tStart to tEnd; returns the final configuration.
 */
export function anneal(
  model: SpinModel,
  rng: Rng,
  options: { tStart: number; tEnd: number; sweeps: number; initial?: Float64Array },
): Float64Array {
  const sampler = new SpinSampler(model, rng, options.initial);
  let cone = Math.PI;
  const steps = Math.max(1, options.sweeps);
  const ratio = options.tEnd / options.tStart;
  for (let k = 0; k < steps; k++) {
    const T = options.tStart * Math.pow(ratio, k / Math.max(1, steps - 1));
    const beta = 1 / T;
    const acc = sampler.metropolisSweep(beta, cone);
    cone = adaptCone(cone, acc / model.n);
    sampler.overrelaxSweep(beta);
  }
  return sampler.spins;
}
