import { InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import { buildHost } from '../model/host.js';
import type { PoolOptions } from '../parallel/pool.js';
import type { GreensProvider } from './greens.js';

export interface LdosOptions extends PoolOptions {
  /** Site index (all its orbitals are summed). */
  site: number;
  /** Real energies ω. */
  energies: readonly number[];
  /** Lorentzian broadening η > 0: G is evaluated at ω + iη. */
  broadening: number;
  /** Include the model's impurities (true, default) or show the clean host. */
  impurities?: boolean;
  /** How G is computed (default: Node worker threads). */
  greens?: GreensProvider;
}

export interface LdosPoint {
  omega: number;
  /** ρ_e(ω) = −(1/π) Im[G_{↑↑} + G_{↓↓}](ω + iη), electron part. */
  electron: number;
  /** ρ_h(ω) = −(1/π) Im[G_{h↑h↑} + G_{h↓h↓}](ω + iη), hole part. */
  hole: number;
}

/**
 * Local density of states at a site from the diagonal block of G = (ω + iη − H)⁻¹,
 * one sparse factorization per energy. With impurities in a superconductor it
 * shows the in-gap Yu–Shiba–Rusinov states (electron and hole weights differ).
 */
export async function localDensityOfStates(model: Model, options: LdosOptions): Promise<LdosPoint[]> {
  if (!(options.broadening > 0)) throw new InputError('--broadening', `expected a positive number, got ${options.broadening}`);
  const energies = options.energies.map((omega) => ({ re: omega, im: options.broadening }));
  const greens = options.greens ?? (await import('./greensPool.js')).greensAtEnergies;
  const host = buildHost(model, options.impurities ?? true ? model.impurities : []);
  const kept = model.lattice.siteNodes(options.site);
  const n = 4 * kept.length;
  const res = await greens(host, kept, energies, options);
  return res.map(({ greens }, k) => {
    let electron = 0, hole = 0;
    for (let o = 0; o < kept.length; o++) {
      const im = (a: number) => greens[2 * ((4 * o + a) * n + 4 * o + a) + 1]!;
      electron += im(0) + im(1);
      hole += im(2) + im(3);
    }
    return { omega: options.energies[k]!, electron: -electron / Math.PI, hole: -hole / Math.PI };
  });
}
