import { InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import type { ModelFile } from '../model/schema.js';

export type Axis = 'x' | 'y' | 'z';

/**
 * A two-spin problem: spin 1 at `site1`, spin 2 at each of `sites2` in turn,
 * in the host `host` (the model without its first two impurities; any further
 * impurities stay in the host as fixed spins). Plain data, so that worker
 * threads can receive it.
 */
export interface PairProblem {
  host: ModelFile;
  site1: number;
  sites2: number[];
  coupling1: number;
  coupling2: number;
  temperature: number;
}

/**
 * The separation sweep of `rkky couplings`: spin 1 at the model's first
 * impurity, spin 2 at site1 + δ·direction for each δ, both with the first
 * impurity's coupling, or the second impurity's for spin 2 if there is one.
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
  const sites2 = separations.map((d) => {
    if (!Number.isInteger(d) || d === 0) throw new InputError('--separations', `expected non-zero integer separations, got ${d}`);
    const r = [...r1];
    r[axis]! += d;
    if (!lat.contains(r))
      throw new InputError('--separations', `spin 2 at separation ${d} ([${r.slice(0, lat.dim).join(', ')}]) is outside the lattice of shape [${lat.shape.join(', ')}]`);
    return lat.index(r);
  });
  const [, second, ...fixed] = model.impurities;
  const host: ModelFile = {
    ...model.source,
    impurities: fixed.map((imp) => ({ site: lat.site(imp.site).slice(0, lat.dim), spin: imp.spin, coupling: imp.coupling })),
  };
  return {
    host,
    site1: first.site,
    sites2,
    coupling1: first.coupling,
    coupling2: (second ?? first).coupling,
    temperature: model.temperature,
    separations: [...separations],
  };
}
