/**
 * Hand-written spin-model files (JSON) ↔ {@link SpinModel}. Format (see docs/spins.md):
 * {"spins": [{"position"?, "field"? (b_i), "anisotropy"? {"constant", "axis"}}],
 *  "pairs": [{"i", "j", "eta"? | "J"? + "D"?, "K"?, "image"?}], "field"? (h), "constant"?, "box"?}
 * A pair's energy is S_iᵀ η S_j + K (S_i·S_j)², with η = exchangeTensor(J, D) when no η is given.
 */
import { InputError } from '../errors.js';
import { type AnisotropyTerm, type PairTerm, SpinModel } from './model.js';
import { type SpinModelFile, parseWith, spinModelFileSchema } from './schema.js';
import { type Mat3, type Vec3, exchangeTensor } from './tensor.js';

export function spinModelFromFile(json: unknown): SpinModel {
  const file = parseWith(spinModelFileSchema, json, 'spin model');
  const n = file.spins.length;
  const pairs: PairTerm[] = file.pairs.map((p, k) => {
    if (p.eta && (p.J !== undefined || p.D))
      throw new InputError(`pairs[${k}]`, 'give either eta or J/D, not both');
    const eta: Mat3 = (p.eta as Mat3 | undefined) ?? exchangeTensor(p.J ?? 0, (p.D as Vec3 | undefined) ?? [0, 0, 0]);
    return { i: p.i, j: p.j, eta, biquadratic: p.K, image: p.image as Vec3 | undefined };
  });
  const hasPositions = file.spins.some((s) => s.position);
  if (hasPositions && !file.spins.every((s) => s.position))
    throw new InputError('spins', 'give a position for every spin or for none');
  const anisotropy: AnisotropyTerm[] = [];
  file.spins.forEach((s, i) => {
    if (s.anisotropy) anisotropy.push({ site: i, constant: s.anisotropy.constant, axis: s.anisotropy.axis as Vec3 });
  });
  return new SpinModel({
    n,
    positions: hasPositions ? file.spins.map((s) => s.position as Vec3) : undefined,
    pairs,
    linear: file.spins.map((s) => (s.field as Vec3 | undefined) ?? null),
    anisotropy,
    field: file.field as Vec3 | undefined,
    constant: file.constant,
    box: file.box as Vec3 | undefined,
  });
}

/** The model as a spin-model file object (full tensors), e.g. to save a generated spin glass. */
export function spinModelToFile(model: SpinModel): SpinModelFile {
  const spins = Array.from({ length: model.n }, (_, i) => {
    const s: SpinModelFile['spins'][number] = {};
    const r = model.position(i);
    if (r) s.position = r;
    const b = model.siteLinear.subarray(3 * i, 3 * i + 3);
    if (b.some((x) => x !== 0)) s.field = [b[0], b[1], b[2]];
    if (model.anisotropy[i] !== 0) {
      const a = model.anisotropyAxis;
      s.anisotropy = { constant: model.anisotropy[i], axis: [a[3 * i], a[3 * i + 1], a[3 * i + 2]] };
    }
    return s;
  });
  const pairs = Array.from({ length: model.pairCount }, (_, k) => {
    const p: SpinModelFile['pairs'][number] = { i: model.pairI[k], j: model.pairJ[k], eta: model.pairTensor(k) };
    if (model.pairK[k] !== 0) p.K = model.pairK[k];
    const im = model.pairImage;
    if (im && (im[3 * k] !== 0 || im[3 * k + 1] !== 0 || im[3 * k + 2] !== 0)) p.image = [im[3 * k], im[3 * k + 1], im[3 * k + 2]];
    return p;
  });
  const out: SpinModelFile = { spins, pairs };
  if (model.field.some((x) => x !== 0)) out.field = model.field;
  if (model.constant !== 0) out.constant = model.constant;
  if (model.box) out.box = model.box;
  return out;
}
