/**
 * Angles between coupled spins of a configuration: the non-collinearity that DMI produces.
 * For a pair (i, j): the angle θ_ij = arccos(S_i·S_j) ∈ [0°, 180°], the vector chirality
 * S_i × S_j, and the signed rotation angle atan2((S_i × S_j)·D̂, S_i·S_j) about the pair's DMI
 * axis D̂ (positive when S_j is turned from S_i counter-clockwise about D̂): a spiral's pitch when
 * the spins lie in the plane ⟂ D̂ (for other configurations it uses the projection onto D̂).
 */
import type { SpinModel } from './model.js';
import { type Vec3, tensorParts } from './tensor.js';

export interface PairAngle {
  i: number;
  j: number;
  /** |r_j − r_i| when the model has positions. */
  distance: number | null;
  /** θ_ij in degrees, 0..180. */
  degrees: number;
  /** S_i × S_j. */
  chirality: Vec3;
  /** Rotation from S_i to S_j about D̂_ij in degrees, −180..180, when the pair has a DMI vector. */
  aboutDmi: number | null;
}

/**
 * Angles for the nearest-neighbour pairs of the model (pairs at the smallest distance, within
 * a relative 10⁻⁶, when the model has positions; otherwise all pairs), in pair order.
 */
export function neighbourAngles(model: SpinModel, spins: Float64Array, options: { all?: boolean } = {}): PairAngle[] {
  const out: PairAngle[] = [];
  const r = model.positions;
  const dist = (k: number): number | null => {
    if (!r) return null;
    const i = 3 * model.pairI[k], j = 3 * model.pairJ[k];
    return Math.hypot(r[j] - r[i], r[j + 1] - r[i + 1], r[j + 2] - r[i + 2]);
  };
  let nearest = Infinity;
  if (r && !options.all) for (let k = 0; k < model.pairCount; k++) nearest = Math.min(nearest, dist(k)!);
  for (let k = 0; k < model.pairCount; k++) {
    const d = dist(k);
    if (d !== null && !options.all && d > nearest * (1 + 1e-6)) continue;
    const i = model.pairI[k], j = model.pairJ[k];
    const a = spinAt(spins, i), b = spinAt(spins, j);
    const c: Vec3 = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    const dotAB = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    const degrees = (Math.atan2(Math.hypot(c[0], c[1], c[2]), dotAB) * 180) / Math.PI;
    const D = tensorParts(model.pairTensor(k)).dmi;
    const dn = Math.hypot(D[0], D[1], D[2]);
    const aboutDmi = dn > 0 ? (Math.atan2((c[0] * D[0] + c[1] * D[1] + c[2] * D[2]) / dn, dotAB) * 180) / Math.PI : null;
    out.push({ i, j, distance: d, degrees, chirality: c, aboutDmi });
  }
  return out;
}

function spinAt(spins: Float64Array, i: number): Vec3 {
  return [spins[3 * i], spins[3 * i + 1], spins[3 * i + 2]];
}
