/**
 * Ready-made spin models on cubic lattices: the nearest-neighbour Heisenberg model
 * E = J Σ_⟨ij⟩ S_i·S_j (each bond once; J < 0 ferromagnetic, J > 0 antiferromagnetic — rkky's
 * sign, DESIGN.md §1), on the CubicLattice of the BdG code so that site numbering agrees.
 * The classical simple-cubic ferromagnet (J = −1) has T_c = 1.44300(1) (Chen, Ferrenberg &
 * Landau, PRB 48, 3249 (1993); Holm & Janke, PRB 48, 936 (1993)).
 */
import { InputError } from '../errors.js';
import { CubicLattice } from '../lattice/lattice.js';
import { type PairTerm, SpinModel } from './model.js';
import { type Vec3, exchangeTensor } from './tensor.js';

export function cubicHeisenberg(shape: number[], J: number, options: { periodic?: boolean } = {}): SpinModel {
  if (!Number.isFinite(J)) throw new InputError('J', `expected a finite number, got ${J}`);
  const periodic = options.periodic ?? true;
  const lattice = new CubicLattice(shape, shape.map(() => periodic));
  const eta = exchangeTensor(J);
  const pairs: PairTerm[] = [];
  // Each undirected bond once: the bond toward +axis (a wrap bond then points to image +1).
  for (const bond of lattice.bonds()) {
    if (bond.delta[bond.axis] !== 1) continue;
    const image: Vec3 = [0, 0, 0];
    if (bond.wraps) image[bond.axis] = 1;
    pairs.push({ i: bond.i, j: bond.j, eta, image: bond.wraps ? image : undefined });
  }
  const positions: Vec3[] = Array.from({ length: lattice.nSites }, (_, n) => [...lattice.site(n)] as Vec3);
  return new SpinModel({
    n: lattice.nSites,
    positions,
    pairs,
    box: periodic ? [...lattice.size] : undefined,
  });
}
