import type { BdGHamiltonian } from '../hamiltonian/bdg.js';
import type { HostData } from '../host/host.js';
import { blochBlocks } from './bloch.js';
import { hamiltonianWith } from './hamiltonian.js';
import type { Impurity, Model } from './model.js';

/** The finalized host of a Hamiltonian built on a lattice (matrix + node geometry + winding). */
export function hostOf(h: BdGHamiltonian, winding = 0): HostData {
  return { matrix: h.matrix, geometry: h.lattice.geometry(), winding };
}

/**
 * Build the model's host with the given impurities in it (Kwant's build →
 * finalize): H0 of every host term plus the exchange of `impurities` (the
 * fixed spins of a pair problem; none for the clean host), as HostData for
 * the solvers.
 */
export function buildHost(model: Model, impurities: readonly Impurity[] = []): HostData {
  const host = hostOf(hamiltonianWith(model, impurities), model.pairing.winding);
  // A Wannier host's hoppings may wrap a small torus several times: hand k-space the unfolded blocks.
  // Only on a torus: an open axis, even of 1 or 2 cells, drops the hoppings that leave the sample.
  const torus = model.lattice.periodic.slice(0, model.lattice.dim).every(Boolean);
  const invariant = torus && impurities.length === 0 && model.custom.length === 0 && model.pairing.winding === 0;
  return model.wannier && invariant ? { ...host, bloch: blochBlocks(model, { part: 'bdg' }) } : host;
}
