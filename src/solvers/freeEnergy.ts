import { InputError } from '../errors.js';
import type { BdGHamiltonian } from '../hamiltonian/bdg.js';
import { eigvalsh } from '../math/eigh.js';
import { checkDenseArguments } from '../api/hamiltonian.js';

/**
 * Free energy from the BdG eigenvalues (DESIGN.md §1, bodge's definition),
 * F = −½ Σ_{ε_n>0} ε_n − T Σ_{ε_n>0} ln(1 + e^{−ε_n/T}), evaluated in the form
 * symmetric in ±ε over all eigenvalues,
 *   F = −½ Σ_n T ln 2cosh(ε_n/2T) = −½ Σ_n [|ε_n|/2 + T ln(1 + e^{−|ε_n|/T})]
 * (T = 0: −¼ Σ_n |ε_n|). The two agree for a spectrum of ± pairs, but only the
 * symmetric form is continuous at ε = 0: a zero mode that the eigensolver
 * returns as ±1e-16 counts as −T ln 2 per ± pair whatever its sign, instead of
 * once or twice depending on rounding.
 */
export function freeEnergyFromEigenvalues(values: ArrayLike<number>, temperature: number): number {
  if (!(temperature >= 0)) throw new InputError('temperature', `expected T ≥ 0, got ${temperature}`);
  let energy = 0, entropy = 0;
  for (let k = 0; k < values.length; k++) {
    const e = Math.abs(values[k]!);
    energy += e;
    if (temperature > 0) entropy += Math.log1p(Math.exp(-e / temperature));
  }
  return -0.25 * energy - 0.5 * temperature * entropy;
}

/** F of a Hamiltonian by dense diagonalization: O((4N)³) time, 16(4N)² bytes. */
export function denseFreeEnergy(h: BdGHamiltonian, temperature: number): number {
  checkDenseArguments(h, temperature);
  return freeEnergyFromEigenvalues(eigvalsh(h.dense(), h.dim, { overwrite: true }), temperature);
}
