import { InputError } from '../errors.js';
import type { HostData } from '../host/host.js';
import type { Model } from '../model/model.js';
import { buildHost } from '../model/host.js';

/**
 * A cluster of N classical spins on a built host: spin i acts on the nodes
 * `nodes[i]` (the orbitals of impurity site `sites[i]`) with coupling
 * `couplings[i]`; `host` is H0 without any impurity, so ΔF = F − F(H0) is
 * the free energy the spins add. Plain data (worker threads receive it).
 */
export interface ClusterProblem {
  host: HostData;
  sites: number[];
  nodes: number[][];
  couplings: number[];
  temperature: number;
  /** Cartesian positions of the impurity sites (for plots and distances). */
  positions: [number, number, number][];
}

/** Every impurity of the model is a cluster spin; the host is the model without impurities. */
export function clusterProblem(model: Model): ClusterProblem {
  const imps = model.impurities;
  if (imps.length === 0) throw new InputError('impurities', 'expected at least one impurity: every impurity is a cluster spin');
  const seen = new Map<number, number>();
  imps.forEach((imp, k) => {
    const other = seen.get(imp.site);
    if (other !== undefined) throw new InputError(`impurities[${k}].site`, `site already holds impurity ${other}: cluster spins need distinct sites`);
    seen.set(imp.site, k);
  });
  const lat = model.lattice;
  return {
    host: buildHost(model, []),
    sites: imps.map((i) => i.site),
    nodes: imps.map((i) => [...i.nodes]),
    couplings: imps.map((i) => i.coupling),
    temperature: model.temperature,
    positions: imps.map((i) => {
      const r = lat.position(i.site);
      return [r[0] ?? 0, r[1] ?? 0, r[2] ?? 0];
    }),
  };
}
