/**
 * Friedel oscillations: the density change around a static contact
 * impurity V(r) = V0 δ(r) (a charge impurity in the Born / linear-response
 * approximation) uses the same kernel as RKKY, for both spins:
 *   δn(r) = −2 V0 χ_σ(r)  →  ∝ cos(2k_F r)/r^d at long distance.
 * Same options as susceptibility(): temperature, mean free path, dispersion.
 */
import { checkFinite, type Dimension } from './conventions.js';
import { susceptibility, type SusceptibilityOptions } from './realSpace.js';

/** Induced density δn(r) (both spins, per volume) around a contact potential of strength V0 (energy × volume), m = ħ = 1. */
export function friedelDensity(dim: Dimension, kF: number, r: number, potential: number, options: SusceptibilityOptions = {}): number {
  checkFinite(potential, 'potential');
  return -2 * potential * susceptibility(dim, kF, r, options);
}
