/**
 * Physical units for the free-electron RKKY formulas.
 *
 * The m = ħ = 1 formulas are linear in m at fixed k_F, so with lengths in Å
 * χ_σ(R) [1/(eV Å^{2d})] = (m* /ħ²) χ̃(k_F, R), m* /ħ² = (m* /m_e)/(7.619964 eV Å²),
 * where χ̃ is the m = 1 value with k_F in 1/Å and R in Å. Energies in the
 * m = ħ = 1 formulas are in units E0 = ħ²/(m* Å²), so k_B T enters as k_B T/E0.
 * The contact coupling J_sd is in eV·Å^d and J(R) = −2 J_sd² χ_σ(R) in eV.
 * The Ruderman–Kittel form of the encyclopedia entry is the 3D case with
 * |Δ|² = 4 J_sd²: J(R) = J_sd² m* [2k_F R cos(2k_F R) − sin(2k_F R)]/((2π)³ R⁴ ħ²).
 */
import { InputError } from '../errors.js';
import {
  checkDimension,
  checkFinite,
  checkMeanFreePath,
  checkNonNegative,
  checkPositive,
  fermiWavevectorFromDensity,
  type Dimension,
} from './conventions.js';
import { susceptibility } from './realSpace.js';

/** ħc in eV·Å (CODATA 2018). */
export const HBAR_C_EV_ANGSTROM = 1973.269804;
/** m_e c² in eV (CODATA 2018). */
export const ELECTRON_MASS_EV = 510998.95;
/** k_B in eV/K (exact SI). */
export const BOLTZMANN_EV_PER_KELVIN = 8.617333262e-5;
/** ħ²/m_e in eV·Å² (= 7.619964). */
export const HBAR2_OVER_ME = (HBAR_C_EV_ANGSTROM * HBAR_C_EV_ANGSTROM) / ELECTRON_MASS_EV;

export type LengthUnit = 'angstrom' | 'nm';
const PER_UNIT: Record<LengthUnit, number> = { angstrom: 1, nm: 10 };

export interface PhysicalHost {
  dim: Dimension;
  /** m* /m_e. */
  effectiveMass: number;
  /** Fermi wavevector in 1/(length unit); or give `density`. */
  kF?: number;
  /** Carrier density (both spins) in (length unit)^−d; used when kF is absent. */
  density?: number;
  /** Contact s–d coupling J_sd in eV·(length unit)^d. */
  coupling: number;
  /** Temperature in kelvin. Default 0. */
  temperatureK?: number;
  /** Mean free path in the length unit. Default Infinity. */
  meanFreePath?: number;
  /** Unit of every length above and of R. Default 'angstrom'. */
  lengthUnit?: LengthUnit;
}

export interface PhysicalRkky {
  /** χ_σ(R) in 1/(eV · unit^{2d}). */
  chi: number;
  /** J(R) in eV (H = J S1·S2). */
  J: number;
}

/** Fermi wavevector in 1/Å of a physical host. */
export function physicalFermiWavevector(host: PhysicalHost): number {
  const unit = PER_UNIT[host.lengthUnit ?? 'angstrom'];
  if (unit === undefined) throw new InputError('lengthUnit', `expected 'angstrom' or 'nm', got '${host.lengthUnit}'`);
  if (host.kF !== undefined) return checkPositive(host.kF, 'kF') / unit;
  if (host.density !== undefined) return fermiWavevectorFromDensity(host.dim, host.density / unit ** host.dim);
  throw new InputError('kF', 'expected kF or density');
}

/** Fermi energy in eV: ħ²k_F²/(2m*). */
export function physicalFermiEnergy(host: PhysicalHost): number {
  const kF = physicalFermiWavevector(host);
  return (HBAR2_OVER_ME * kF * kF) / (2 * checkPositive(host.effectiveMass, 'effectiveMass'));
}

/** χ_σ(R) and J(R) in physical units for a free-electron host; R in the host's length unit. */
export function physicalRkky(host: PhysicalHost, R: number): PhysicalRkky {
  const dim = checkDimension(host.dim);
  const mass = checkPositive(host.effectiveMass, 'effectiveMass');
  const unitName = host.lengthUnit ?? 'angstrom';
  const unit = PER_UNIT[unitName];
  if (unit === undefined) throw new InputError('lengthUnit', `expected 'angstrom' or 'nm', got '${unitName}'`);
  const J = checkFinite(host.coupling, 'coupling');
  const TK = checkNonNegative(host.temperatureK ?? 0, 'temperatureK');
  const ell = checkMeanFreePath(host.meanFreePath ?? Infinity);
  const kF = physicalFermiWavevector(host); // 1/Å
  const RA = checkPositive(R, 'R') * unit;
  const E0 = HBAR2_OVER_ME / mass; // eV: energy unit of the m = 1, Å formulas
  const chiA = (mass / HBAR2_OVER_ME) * susceptibility(dim, kF, RA, { temperature: (BOLTZMANN_EV_PER_KELVIN * TK) / E0, meanFreePath: ell * unit });
  const chi = chiA * unit ** (2 * dim); // 1/(eV unit^{2d})
  return { chi, J: -2 * J * J * chi };
}
