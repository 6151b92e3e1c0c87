import { InputError } from '../errors.js';
import type { HostData } from '../host/host.js';
import type { Model } from '../model/model.js';
import { buildHost } from '../model/host.js';

export type Axis = 'x' | 'y' | 'z';

/**
 * A two-spin problem on a built host: spin 1 on the nodes `nodes1` (the
 * orbitals of site `site1` it couples to), spin 2 on `nodes2[k]` (site
 * `sites2[k]`) for each k in turn. `host` is H0 with every impurity of the
 * model but the first two in it (the fixed spins), so the engines' G0 and F(H0)
 * refer to the same Hamiltonian. Plain data with typed arrays, so that worker
 * threads receive it by structured clone.
 */
export interface PairProblem {
  host: HostData;
  site1: number;
  sites2: number[];
  nodes1: number[];
  nodes2: number[][];
  coupling1: number;
  coupling2: number;
  temperature: number;
}

/** A target site of spin 2: a cell and a sublattice (basis index). */
export interface Target {
  cell: number[];
  sublattice: number;
}

/**
 * Spin 1 at the model's first impurity, spin 2 at each target site in turn
 * (on all its orbitals, or on the orbitals of the second impurity if it has
 * the same orbital count), both with the first impurity's coupling, or the
 * second impurity's for spin 2 if there is one; every further impurity stays
 * in the host as a fixed spin.
 */
export function targetSweep(model: Model, targets: readonly Target[], field = '--to'): PairProblem {
  if (model.impurities.length === 0)
    throw new InputError('impurities', 'expected at least one impurity: spin 1 sits at the first impurity site');
  const lat = model.lattice;
  const [first, second, ...fixed] = model.impurities;
  const sites2 = targets.map((t, k) => {
    if (!lat.contains(t.cell)) throw new InputError(field, `target ${k + 1} ([${t.cell.join(', ')}]) is outside the lattice of shape [${lat.shape.join(', ')}]`);
    const s = lat.index(t.cell, field, t.sublattice);
    if (s === first!.site) throw new InputError(field, `target ${k + 1} (${lat.label(s)}) is spin 1's own site`);
    return s;
  });
  const orbitalsOf = (imp: typeof first) => imp!.nodes.map((n) => n - lat.node(imp!.site, 0));
  const pattern = second ? orbitalsOf(second) : null;
  const nodes2 = sites2.map((s) => {
    const n = lat.basis[lat.sublatticeOf(s)]!.orbitals;
    const orbitals = pattern && pattern.every((o) => o < n) && lat.basis[lat.sublatticeOf(second!.site)]!.orbitals === n ? pattern : Array.from({ length: n }, (_, o) => o);
    return orbitals.map((o) => lat.node(s, o));
  });
  return {
    host: buildHost(model, fixed),
    site1: first!.site,
    sites2,
    nodes1: [...first!.nodes],
    nodes2,
    coupling1: first!.coupling,
    coupling2: (second ?? first)!.coupling,
    temperature: model.temperature,
  };
}

/**
 * The separation sweep of `rkky couplings`: spin 2 at cell(site1) + δ·a_axis
 * on spin 1's sublattice for each δ (along the Bravais vector a_axis; on cubic
 * lattices the x, y or z axis).
 */
export function separationSweep(model: Model, separations: readonly number[], direction: Axis = 'x'): PairProblem & { separations: number[] } {
  if (model.impurities.length === 0)
    throw new InputError('impurities', 'expected at least one impurity: spin 1 sits at the first impurity site');
  const lat = model.lattice;
  const axis = 'xyz'.indexOf(direction);
  if (axis < 0) throw new InputError('--direction', `expected x, y or z, got '${direction}'`);
  if (axis >= lat.dim) throw new InputError('--direction', `axis ${direction} does not exist on a ${lat.dim}D lattice`);
  const first = model.impurities[0]!;
  const r1 = lat.site(first.site);
  const sublattice = lat.sublatticeOf(first.site);
  const targets = separations.map((d): Target => {
    if (!Number.isInteger(d) || d === 0) throw new InputError('--separations', `expected non-zero integer separations, got ${d}`);
    const r = [...r1];
    r[axis]! += d;
    if (!lat.contains(r))
      throw new InputError('--separations', `spin 2 at separation ${d} ([${r.slice(0, lat.dim).join(', ')}]) is outside the lattice of shape [${lat.shape.join(', ')}]`);
    return { cell: r.slice(0, lat.dim), sublattice };
  });
  return { ...targetSweep(model, targets, '--separations'), separations: [...separations] };
}
