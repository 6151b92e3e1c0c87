/**
 * Density of states per unit cell from the Bloch Hamiltonian on a uniform
 * k mesh:
 *   ρ(E) = (1/N_k) Σ_k Σ_n g(E − ε_n(k)),
 * k = (j1/N1, j2/N2, j3/N3) in reduced coordinates (Γ included), g a
 * normalized Gaussian exp(−x²/2σ²)/(σ√2π) or Lorentzian (η/π)/(x² + η²).
 * Normalization: ∫ρ dE = b, the number of bands per cell (2m for the
 * spinful normal state of m orbitals, 4m for the BdG quasiparticles, whose
 * hole copies count too); the Lorentzian's tails carry part of that weight
 * outside any finite energy window.
 */
import { InputError } from '../errors.js';
import type { BlochBlocks } from '../host/host.js';
import { eigvalsh } from '../math/eigh.js';
import { assertHermitianBlocks, blochHamiltonian } from './bands.js';

export type Broadening = 'gaussian' | 'lorentzian';

export interface DosOptions {
  /** k points along each of the d reciprocal vectors. */
  mesh: readonly number[];
  /** Energies E at which ρ is evaluated. */
  energies: readonly number[];
  /** σ (Gaussian) or η (Lorentzian), > 0. */
  width: number;
  kernel: Broadening;
}

/** Beyond this many σ a Gaussian term is below 1e-22 of its peak and is skipped. */
const GAUSSIAN_CUTOFF = 10;

/** Every band energy on the mesh: N_k × b numbers, k-major. */
export function meshEnergies(blocks: BlochBlocks, mesh: readonly number[]): Float64Array {
  if (mesh.length !== blocks.dim) throw new InputError('--mesh', `expected ${blocks.dim} sizes for a ${blocks.dim}D lattice, got ${mesh.length}`);
  for (const n of mesh) if (!Number.isInteger(n) || n < 1) throw new InputError('--mesh', `expected positive integers, got ${mesh.join(',')}`);
  assertHermitianBlocks(blocks);
  const [N1, N2, N3] = [mesh[0] ?? 1, mesh[1] ?? 1, mesh[2] ?? 1];
  const b = blocks.size;
  const out = new Float64Array(N1 * N2 * N3 * b);
  const H = new Float64Array(2 * b * b);
  const k = [0, 0, 0];
  let p = 0;
  for (let i = 0; i < N1; i++)
    for (let j = 0; j < N2; j++)
      for (let l = 0; l < N3; l++) {
        k[0] = i / N1, k[1] = j / N2, k[2] = l / N3;
        out.set(eigvalsh(blochHamiltonian(blocks, k, H), b, { overwrite: true }), p);
        p += b;
      }
  return out;
}

/** ρ(E) at each of `energies` (states per unit cell per unit energy). */
export function densityOfStates(blocks: BlochBlocks, options: DosOptions): Float64Array {
  return broadenedDensity(meshEnergies(blocks, options.mesh), blocks.size, options);
}

/** ρ(E) from mesh energies (N_k × b numbers, as from meshEnergies) with b bands per k. */
export function broadenedDensity(eps: Float64Array, b: number, options: Omit<DosOptions, 'mesh'>): Float64Array {
  const { width, kernel, energies } = options;
  if (!(width > 0) || !Number.isFinite(width)) throw new InputError('--broadening', `expected a positive number, got ${width}`);
  const nk = eps.length / b;
  const rho = new Float64Array(energies.length);
  if (kernel === 'gaussian') {
    const norm = 1 / (nk * width * Math.sqrt(2 * Math.PI));
    const inv = 1 / (2 * width * width);
    for (let e = 0; e < energies.length; e++) {
      const E = energies[e]!;
      let s = 0;
      for (let q = 0; q < eps.length; q++) {
        const x = E - eps[q]!;
        if (Math.abs(x) < GAUSSIAN_CUTOFF * width) s += Math.exp(-x * x * inv);
      }
      rho[e] = s * norm;
    }
  } else {
    const norm = width / (nk * Math.PI);
    const w2 = width * width;
    for (let e = 0; e < energies.length; e++) {
      const E = energies[e]!;
      let s = 0;
      for (let q = 0; q < eps.length; q++) {
        const x = E - eps[q]!;
        s += 1 / (x * x + w2);
      }
      rho[e] = s * norm;
    }
  }
  return rho;
}
