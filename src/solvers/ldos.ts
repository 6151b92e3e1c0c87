import { InputError } from '../errors.js';
import { checkBoolean, checkExactOptions, checkNumber, checkNumberList, checkOptions, describe, toModel } from '../api/arguments.js';
import type { Model } from '../model/model.js';
import type { ModelInput } from '../model/schema.js';
import type { PoolOptions } from '../parallel/pool.js';
import type { GreensProvider } from './greens.js';

export interface LdosOptions extends PoolOptions {
  /** Site index. */
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
export async function localDensityOfStates(modelArg: Model | ModelInput, options: LdosOptions): Promise<LdosPoint[]> {
  const model = toModel(modelArg);
  const o = checkOptions(options, 'options', true);
  const n = model.lattice.nSites;
  if (!(typeof o.site === 'number' && Number.isInteger(o.site) && o.site >= 0 && o.site < n))
    throw new InputError('options.site', `expected a site index in 0..${n - 1}, got ${describe(o.site)}`);
  checkNumberList(o.energies, 'options.energies', (x, f) => checkNumber(x, f));
  checkNumber(o.broadening, 'options.broadening', 'positive');
  checkBoolean(o.impurities, 'options.impurities');
  checkExactOptions(o);
  if (!(options.broadening > 0)) throw new InputError('--broadening', `expected a positive number, got ${options.broadening}`);
  const energies = options.energies.map((omega) => ({ re: omega, im: options.broadening }));
  const greens = options.greens ?? (await import('./greensPool.js')).greensAtEnergies;
  const res = await greens(model.source, [options.site], energies, { ...options, includeImpurities: options.impurities ?? true });
  return res.map(({ greens }, k) => {
    const im = (a: number) => greens[2 * (4 * a + a) + 1]!;
    return { omega: options.energies[k]!, electron: -(im(0) + im(1)) / Math.PI, hole: -(im(2) + im(3)) / Math.PI };
  });
}
