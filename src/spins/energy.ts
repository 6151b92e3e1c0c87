/**
 * Energy, gradient and local fields of a {@link SpinModel} for a configuration `spins`
 * (3n entries, unit vectors). See model.ts for the Hamiltonian.
 */
import type { SpinModel } from './model.js';

/** Total energy E (including the constant E0). */
export function totalEnergy(model: SpinModel, spins: Float64Array): number {
  let e = model.constant;
  const { pairI, pairJ, pairEta: m, pairK } = model;
  for (let k = 0; k < pairI.length; k++) {
    const i = 3 * pairI[k], j = 3 * pairJ[k], o = 9 * k;
    const ax = spins[i], ay = spins[i + 1], az = spins[i + 2];
    const bx = spins[j], by = spins[j + 1], bz = spins[j + 2];
    e +=
      ax * (m[o] * bx + m[o + 1] * by + m[o + 2] * bz) +
      ay * (m[o + 3] * bx + m[o + 4] * by + m[o + 5] * bz) +
      az * (m[o + 6] * bx + m[o + 7] * by + m[o + 8] * bz);
    const K = pairK[k];
    if (K !== 0) {
      const d = ax * bx + ay * by + az * bz;
      e += K * d * d;
    }
  }
  const { linear, anisotropy, anisotropyAxis: ax } = model;
  for (let i = 0; i < model.n; i++) {
    const o = 3 * i;
    e += linear[o] * spins[o] + linear[o + 1] * spins[o + 1] + linear[o + 2] * spins[o + 2];
    const A = anisotropy[i];
    if (A !== 0) {
      const d = ax[o] * spins[o] + ax[o + 1] * spins[o + 1] + ax[o + 2] * spins[o + 2];
      e -= A * d * d;
    }
  }
  return e;
}

/**
 * The linear local field g_i = Σ_j η_ij S_j + b_i − h, written to out[0..2]: the part of E that
 * is linear in S_i is S_i·g_i, and g_i does not depend on S_i. Returns the number of pair
 * terms evaluated (for throughput counts).
 */
export function linearField(model: SpinModel, spins: Float64Array, i: number, out: Float64Array): number {
  const { nbStart, nbIndex, nbEta: m, nbIso, linear } = model;
  let gx = linear[3 * i], gy = linear[3 * i + 1], gz = linear[3 * i + 2];
  const start = nbStart[i], end = nbStart[i + 1];
  if (nbIso) {
    for (let k = start; k < end; k++) {
      const j = 3 * nbIndex[k], J = nbIso[k];
      gx += J * spins[j];
      gy += J * spins[j + 1];
      gz += J * spins[j + 2];
    }
  } else {
    for (let k = start; k < end; k++) {
      const j = 3 * nbIndex[k], o = 9 * k;
      const bx = spins[j], by = spins[j + 1], bz = spins[j + 2];
      gx += m[o] * bx + m[o + 1] * by + m[o + 2] * bz;
      gy += m[o + 3] * bx + m[o + 4] * by + m[o + 5] * bz;
      gz += m[o + 6] * bx + m[o + 7] * by + m[o + 8] * bz;
    }
  }
  out[0] = gx;
  out[1] = gy;
  out[2] = gz;
  return end - start;
}

/**
 * The part of E that is not linear in S_i, for S_i = (sx, sy, sz):
 * Σ_j K_ij (S_i·S_j)² − A_i (n_i·S_i)². Zero for models without those terms.
 */
export function nonlinearSiteEnergy(model: SpinModel, spins: Float64Array, i: number, sx: number, sy: number, sz: number): number {
  let e = 0;
  if (model.hasBiquadratic) {
    const { nbStart, nbIndex, nbK } = model;
    for (let k = nbStart[i]; k < nbStart[i + 1]; k++) {
      const K = nbK[k];
      if (K === 0) continue;
      const j = 3 * nbIndex[k];
      const d = sx * spins[j] + sy * spins[j + 1] + sz * spins[j + 2];
      e += K * d * d;
    }
  }
  const A = model.anisotropy[i];
  if (A !== 0) {
    const ax = model.anisotropyAxis, o = 3 * i;
    const d = ax[o] * sx + ax[o + 1] * sy + ax[o + 2] * sz;
    e -= A * d * d;
  }
  return e;
}

/**
 * ∂E/∂S_i for every i (the unconstrained gradient, 3n entries):
 * g_i + Σ_j 2K_ij (S_i·S_j) S_j − 2A_i (n_i·S_i) n_i.
 */
export function energyGradient(model: SpinModel, spins: Float64Array, grad: Float64Array): void {
  const g = new Float64Array(3);
  const { nbStart, nbIndex, nbK, anisotropy, anisotropyAxis: ax } = model;
  for (let i = 0; i < model.n; i++) {
    linearField(model, spins, i, g);
    const o = 3 * i;
    const sx = spins[o], sy = spins[o + 1], sz = spins[o + 2];
    if (model.hasBiquadratic) {
      for (let k = nbStart[i]; k < nbStart[i + 1]; k++) {
        const K = nbK[k];
        if (K === 0) continue;
        const j = 3 * nbIndex[k];
        const c = 2 * K * (sx * spins[j] + sy * spins[j + 1] + sz * spins[j + 2]);
        g[0] += c * spins[j];
        g[1] += c * spins[j + 1];
        g[2] += c * spins[j + 2];
      }
    }
    const A = anisotropy[i];
    if (A !== 0) {
      const c = -2 * A * (ax[o] * sx + ax[o + 1] * sy + ax[o + 2] * sz);
      g[0] += c * ax[o];
      g[1] += c * ax[o + 1];
      g[2] += c * ax[o + 2];
    }
    grad[o] = g[0];
    grad[o + 1] = g[1];
    grad[o + 2] = g[2];
  }
}

/** Largest torque |S_i × ∂E/∂S_i| over the spins: zero at a stationary configuration. */
export function maxTorque(spins: Float64Array, grad: Float64Array): number {
  let t = 0;
  for (let o = 0; o < spins.length; o += 3) {
    const cx = spins[o + 1] * grad[o + 2] - spins[o + 2] * grad[o + 1];
    const cy = spins[o + 2] * grad[o] - spins[o] * grad[o + 2];
    const cz = spins[o] * grad[o + 1] - spins[o + 1] * grad[o];
    t = Math.max(t, Math.hypot(cx, cy, cz));
  }
  return t;
}

/** Normalize every spin to unit length (in place). */
export function normalizeSpins(spins: Float64Array): void {
  for (let o = 0; o < spins.length; o += 3) {
    const r = Math.hypot(spins[o], spins[o + 1], spins[o + 2]);
    spins[o] /= r;
    spins[o + 1] /= r;
    spins[o + 2] /= r;
  }
}
