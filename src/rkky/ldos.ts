import { InputError } from '../errors.js';
import { checkBoolean, checkExactOptions, checkNumber, checkNumberList, checkOptions, describe, toModel } from '../api/arguments.js';
import type { Model } from '../model/model.js';
import type { ModelInput } from '../model/schema.js';
import { buildHost } from '../model/host.js';
import type { PoolOptions } from '../parallel/pool.js';
import type { GreensProvider } from '../solvers/greens.js';

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
  /**
   * ρ_e(ω) = −(1/π) Im[G_{↑↑} + G_{↓↓}](ω + iη), electron part, both spins: each BdG
   * component integrates to 1 over ω, so ∫ρ_e dω = 2 per site.
   */
  electron: number;
  /** ρ_h(ω) = −(1/π) Im[G_{h↑h↑} + G_{h↓h↓}](ω + iη), hole part (∫ρ_h dω = 2). */
  hole: number;
  /** Spin-resolved electron parts ρ_↑ = −(1/π) Im G_{↑↑}, ρ_↓ = −(1/π) Im G_{↓↓} (ρ_e = ρ_↑ + ρ_↓). */
  up: number;
  down: number;
  /** Electron spin density along x, y, z: s_a = −(1/π) Im Tr[σ_a G_ee] (s_z = ρ_↑ − ρ_↓). */
  spin: [number, number, number];
}

/** The LDOS parts of one site from its 4×4 BdG block of G (interleaved complex, row-major, `stride` complex numbers per row). */
function pointFromBlock(omega: number, g: Float64Array, offset: number, stride: number): LdosPoint {
  const re = (a: number, b: number) => g[2 * (offset + a * stride + b)]!;
  const im = (a: number, b: number) => g[2 * (offset + a * stride + b) + 1]!;
  const up = -im(0, 0) / Math.PI;
  const down = -im(1, 1) / Math.PI;
  // Tr[σx G] = G↓↑ + G↑↓; Tr[σy G] = i(G↑↓ − G↓↑), whose imaginary part is Re(G↑↓ − G↓↑).
  const sx = -(im(0, 1) + im(1, 0)) / Math.PI;
  const sy = -(re(0, 1) - re(1, 0)) / Math.PI;
  return { omega, electron: up + down, hole: -(im(2, 2) + im(3, 3)) / Math.PI, up, down, spin: [sx, sy, up - down] };
}

/** The LDOS of a site whose orbitals are the kept nodes first..first+count−1 of G (row stride `stride`): the sum over its orbitals. */
function sitePoint(omega: number, g: Float64Array, first: number, count: number, stride: number): LdosPoint {
  const total: LdosPoint = { omega, electron: 0, hole: 0, up: 0, down: 0, spin: [0, 0, 0] };
  for (let o = first; o < first + count; o++) {
    const p = pointFromBlock(omega, g, 4 * o * stride + 4 * o, stride);
    total.electron += p.electron;
    total.hole += p.hole;
    total.up += p.up;
    total.down += p.down;
    for (let a = 0; a < 3; a++) total.spin[a]! += p.spin[a]!;
  }
  return total;
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
  const greens = options.greens ?? (await import('../solvers/greensPool.js')).greensAtEnergies;
  const host = buildHost(model, options.impurities ?? true ? model.impurities : []);
  const kept = model.lattice.siteNodes(options.site);
  const res = await greens(host, kept, energies, options);
  return res.map(({ greens }, k) => sitePoint(options.energies[k]!, greens, 0, kept.length, 4 * kept.length));
}

export interface LdosMapOptions extends Omit<LdosOptions, 'site' | 'energies'> {
  /** Site indices of the map. */
  sites: readonly number[];
  /** The one energy ω of the map. */
  omega: number;
}

/** The most sites of one LDOS map: G is computed as one dense block on all their orbitals. */
export const MAX_MAP_SITES = 900;

/** The LDOS at one energy on many sites (for a map), from one factorization keeping all of them. */
export async function ldosMap(model: Model, options: LdosMapOptions): Promise<LdosPoint[]> {
  if (!(options.broadening > 0)) throw new InputError('--broadening', `expected a positive number, got ${options.broadening}`);
  const m = options.sites.length;
  if (m === 0 || m > MAX_MAP_SITES) throw new InputError('--region', `expected 1..${MAX_MAP_SITES} sites, got ${m}`);
  const greens = options.greens ?? (await import('../solvers/greensPool.js')).greensAtEnergies;
  const host = buildHost(model, options.impurities ?? true ? model.impurities : []);
  const perSite = options.sites.map((s) => model.lattice.siteNodes(s));
  const kept = perSite.flat();
  const [res] = await greens(host, kept, [{ re: options.omega, im: options.broadening }], options);
  let first = 0;
  return perSite.map((nodes) => {
    const p = sitePoint(options.omega, res!.greens, first, nodes.length, 4 * kept.length);
    first += nodes.length;
    return p;
  });
}
