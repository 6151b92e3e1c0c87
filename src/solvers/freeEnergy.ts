import { InputError } from '../errors.js';
import type { BdGHamiltonian } from '../hamiltonian/bdg.js';
import { eigvalsh } from '../math/eigh.js';
import { checkDenseArguments } from '../api/hamiltonian.js';

/**
 * Free energy from the BdG eigenvalues (DESIGN.md §1, bodge's definition):
 * F = −½ Σ_{ε_n>0} ε_n − T Σ_{ε_n>0} ln(1 + e^{−ε_n/T}); at T = 0 the second term is 0.
 */
export function freeEnergyFromEigenvalues(values: ArrayLike<number>, temperature: number): number {
  if (!(temperature >= 0)) throw new InputError('temperature', `expected T ≥ 0, got ${temperature}`);
  let energy = 0, entropy = 0;
  for (let k = 0; k < values.length; k++) {
    const e = values[k]!;
    if (e <= 0) continue;
    energy += e;
    if (temperature > 0) entropy += Math.log1p(Math.exp(-e / temperature));
  }
  return -0.5 * energy - temperature * entropy;
}

/** F of a Hamiltonian by dense diagonalization: O((4N)³) time, 16(4N)² bytes. */
export function denseFreeEnergy(h: BdGHamiltonian, temperature: number): number {
  checkDenseArguments(h, temperature);
  return freeEnergyFromEigenvalues(eigvalsh(h.dense(), h.dim, { overwrite: true }), temperature);
}
