/**
 * Dilute random magnetic impurities coupled by an isotropic pair function J(R) — the classic
 * RKKY spin glass (CuMn, AuFe): E = Σ_{i<j} J(R_ij) S_i·S_j over pairs closer than a cutoff, in a
 * periodic box (minimum-image distances). J(R) follows rkky's sign (J > 0 antiparallel); the
 * continuum module's rkkyExchange(dim, kF, R, coupling) has that form, but any function works.
 *
 * Placement: uniformly in the continuum box [0, L)^d, or on the sites of a simple-cubic lattice
 * (spacing a) with each impurity on a distinct site (random concentration c = count / L^d sites).
 */
import { InputError } from '../errors.js';
import { type PairTerm, SpinModel } from './model.js';
import type { Rng } from './random.js';
import { type Vec3, exchangeTensor } from './tensor.js';

export interface DiluteOptions {
  /** Number of impurities. */
  count: number;
  /** Spatial dimension of the box (1, 2 or 3). */
  dim: 1 | 2 | 3;
  /** Box side L (same length unit as J's argument); the box is periodic. */
  box: number;
  /** 'continuum' (uniform) or 'lattice' (distinct sites of a lattice with spacing `spacing`). */
  placement: 'continuum' | 'lattice';
  /** Lattice spacing for 'lattice' placement (default 1); L/spacing must be an integer. */
  spacing?: number;
  /** Pairs with R > cutoff are left out; at most L/2 (minimum image). Default L/2. */
  cutoff?: number;
  /** Smallest allowed distance between impurities in the continuum (default 0). */
  minDistance?: number;
}

/** Random impurity positions (zero-padded to 3 coordinates). */
export function randomImpurityPositions(options: DiluteOptions, rng: Rng): Vec3[] {
  const { count, dim, box: L } = options;
  if (!Number.isInteger(count) || count < 2) throw new InputError('count', `expected at least 2 impurities, got ${count}`);
  if (dim !== 1 && dim !== 2 && dim !== 3) throw new InputError('dim', `expected 1, 2 or 3, got ${dim}`);
  if (!(L > 0)) throw new InputError('box', `expected a positive box size, got ${L}`);
  const pos: Vec3[] = [];
  if (options.placement === 'lattice') {
    const a = options.spacing ?? 1;
    const side = Math.round(L / a);
    if (!(a > 0) || Math.abs(side * a - L) > 1e-9 * L) throw new InputError('spacing', `expected a spacing that divides the box ${L}, got ${a}`);
    const sites = side ** dim;
    if (count > sites) throw new InputError('count', `${count} impurities do not fit on ${sites} lattice sites`);
    // Partial Fisher–Yates on the site indices: `count` distinct sites.
    const chosen = new Map<number, number>();
    for (let k = 0; k < count; k++) {
      const r = k + rng.int(sites - k);
      const vr = chosen.get(r) ?? r, vk = chosen.get(k) ?? k;
      chosen.set(r, vk);
      chosen.set(k, vr);
      const site = vr;
      const c: Vec3 = [0, 0, 0];
      let rest = site;
      for (let d = 0; d < dim; d++) {
        c[d] = (rest % side) * a;
        rest = Math.floor(rest / side);
      }
      pos.push(c);
    }
    return pos;
  }
  if (options.placement !== 'continuum') throw new InputError('placement', `expected 'continuum' or 'lattice', got '${options.placement}'`);
  const dmin = options.minDistance ?? 0;
  for (let k = 0; k < count; k++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 10000) throw new InputError('minDistance', `cannot place ${count} impurities ${dmin} apart in the box`);
      const c: Vec3 = [0, 0, 0];
      for (let d = 0; d < dim; d++) c[d] = rng.next() * L;
      if (dmin <= 0 || pos.every((p) => minimumImageDistance(p, c, L, dim) >= dmin)) {
        pos.push(c);
        break;
      }
    }
  }
  return pos;
}

/** |r_j − r_i| with the minimum-image convention in a periodic box of side L. */
export function minimumImageDistance(a: Vec3, b: Vec3, L: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) {
    let x = b[d] - a[d];
    x -= L * Math.round(x / L);
    s += x * x;
  }
  return Math.sqrt(s);
}

/** The spin-glass model: J(R) S_i·S_j for every pair within the cutoff. */
export function dilutePairModel(positions: Vec3[], options: Omit<DiluteOptions, 'count' | 'placement'>, pairCoupling: (R: number) => number): SpinModel {
  const { dim, box: L } = options;
  const cutoff = options.cutoff ?? L / 2;
  if (!(cutoff > 0) || cutoff > L / 2 + 1e-12) throw new InputError('cutoff', `expected a cutoff in (0, L/2 = ${L / 2}], got ${cutoff}`);
  const pairs: PairTerm[] = [];
  for (let i = 0; i < positions.length; i++)
    for (let j = i + 1; j < positions.length; j++) {
      const R = minimumImageDistance(positions[i], positions[j], L, dim);
      if (R > cutoff) continue;
      if (R === 0) throw new InputError('positions', `impurities ${i} and ${j} coincide`);
      const J = pairCoupling(R);
      if (!Number.isFinite(J)) throw new InputError('pairCoupling', `J(${R}) is not a finite number`);
      const image: Vec3 = [0, 0, 0];
      for (let d = 0; d < dim; d++) image[d] = -Math.round((positions[j][d] - positions[i][d]) / L);
      pairs.push({ i, j, eta: exchangeTensor(J), image });
    }
  const box: Vec3 = [L, dim > 1 ? L : 0, dim > 2 ? L : 0];
  return new SpinModel({ n: positions.length, positions, pairs, box });
}

/** Random impurities and their spin-glass model in one step. */
export function randomSpinGlass(options: DiluteOptions, pairCoupling: (R: number) => number, rng: Rng): SpinModel {
  return dilutePairModel(randomImpurityPositions(options, rng), options, pairCoupling);
}
