import { InputError } from '../errors.js';
import { BdGHamiltonian } from '../hamiltonian/bdg.js';
import { checkNumber, describe } from './arguments.js';

/** `denseFreeEnergy(h, T)`: a built BdGHamiltonian and a finite T ≥ 0 (T = Infinity has no free energy). */
export function checkDenseArguments(h: unknown, temperature: unknown): void {
  if (!(h instanceof BdGHamiltonian)) throw new InputError('h', `expected a BdGHamiltonian (HamiltonianBuilder.build() or modelHamiltonian), got ${describe(h)}`);
  checkNumber(temperature, 'temperature', 'nonnegative');
}
