/**
 * Spatial maps of a model's host, one value per node (orbital of a site):
 * density, spin density, pairing amplitude ⟨c↓c↑⟩ (thermal, from f(Ĥ) by
 * the pole expansion and selected inversion) and the LDOS at one energy
 * (diagonal of G(ω + iη) by one selected inversion); and the model-level
 * entry to the self-consistent gap (pairing.attraction).
 */

import { ConvergenceError, InputError } from '../errors.js';
import { spectralBound } from '../hamiltonian/bdg.js';
import type { HostData } from '../host/host.js';
import { buildHost } from '../model/host.js';
import { parseModel, type Model } from '../model/model.js';
import { nodeObservables, thermalDensityMatrix } from './densityMatrix.js';
import { poleExpansion } from './poles.js';
import { criticalTemperature, SEEDED_POLE_TOLERANCES, solveGap, solveGapParallel, withOnsiteGap, type GapResult } from './selfConsistent.js';
import { planSchur } from './sparse/schur.js';
import { selectedInverse } from './sparse/selectedInverse.js';

export type MapQuantity = 'density' | 'magnetization' | 'pairing' | 'ldos';

export interface MapOptions {
  quantity: MapQuantity;
  /** ω of the LDOS map. */
  energy?: number;
  /** η > 0 of the LDOS map. */
  broadening?: number;
  /** Include the model's impurities (default true). */
  impurities?: boolean;
}

export interface MapRow {
  /** Site index in the lattice's site order. */
  site: number;
  cell: number[];
  sublattice: number;
  orbital: number;
  /**
   * density: n; magnetization: [s_x, s_y, s_z]; pairing: [re, im] of ⟨c↓c↑⟩;
   * ldos: [electron, hole] = −(1/π) Im of the electron/hole diagonal of G(ω + iη).
   */
  value: number | number[];
}

export interface MapResult {
  rows: MapRow[];
  /** The self-consistent solution the map was taken on, when pairing.attraction is set. */
  selfConsistent?: GapResult;
}

/** The model's host with the s-wave term left out (the gap being solved for). */
export function hostWithoutS(model: Model, impurities: boolean | Model['impurities']): HostData {
  const list = impurities === true ? model.impurities : impurities === false ? [] : impurities;
  return buildHost({ ...model, pairing: { ...model.pairing, s: { re: 0, im: 0 } } }, list);
}

export interface SelfConsistentOptions {
  impurities?: boolean;
  tolerance?: number;
  maxIterations?: number;
  /** Temperature instead of the model's (Δ(T) scans). */
  temperature?: number;
  /** Initial Δ per node (re, im interleaved) instead of the model's uniform pairing.s. */
  guess?: Float64Array;
  /** Worker threads for the pole nodes (default all cores). */
  threads?: number;
  signal?: AbortSignal;
  onIteration?: (iteration: number, residual: number, poleTolerance: number) => void;
}

/**
 * Self-consistent Δ_s on every node for the model's pairing.attraction U,
 * starting from pairing.s, or, on a lattice longer than SEED_CELLS cells along
 * some axis (and without custom blocks), from the clean solution of the same
 * model on SEED_CELLS cells along those axes, padded by repeating its central
 * cell (`paddedGap`): the edge and corner profiles of Δ are then already in
 * place and the large host needs only the iterations that the impurities and
 * the remaining finite-size corrections ask for. Iterations run on worker
 * threads (`threads`, default all cores).
 */
export async function selfConsistentGap(model: Model, options: SelfConsistentOptions = {}): Promise<GapResult & { host: HostData }> {
  const U = model.pairing.attraction;
  if (!(U > 0)) throw new InputError('pairing.attraction', 'a positive on-site attraction U for a self-consistent gap');
  if (model.pairing.winding !== 0) throw new InputError('pairing.winding', '0 with pairing.attraction (no supercurrent in the self-consistent solver)');
  const host = hostWithoutS(model, options.impurities ?? true);
  const n = host.matrix.nSites;
  const { re, im } = model.pairing.s;
  if (!options.guess && re === 0 && im === 0) throw new InputError('pairing.s', 'a nonzero initial gap Δ_guess with pairing.attraction (Δ = 0 is always a solution)');
  const temperature = options.temperature ?? model.temperature;
  let guess = options.guess;
  let coarse: readonly number[] | undefined;
  const shape = host.geometry.shape;
  if (!guess && model.custom.length === 0 && shape.some((L) => L > SEED_CELLS)) {
    const small = shape.map((L) => Math.min(L, SEED_CELLS));
    const smallModel = parseModel({ ...model.source, lattice: { ...model.source.lattice, shape: small.slice(0, model.lattice.dim) }, impurities: [] }, { files: model.files });
    const seed = await selfConsistentGap(smallModel, { ...options, impurities: false, maxIterations: 200 });
    if (seed.converged) {
      guess = paddedGap(seed.gap, [small[0]!, small[1]!, small[2]!], host.geometry);
      coarse = SEEDED_POLE_TOLERANCES;
    }
  }
  guess ??= Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? re : im));
  const result = await solveGapParallel(host, {
    attraction: U,
    temperature,
    guess,
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
    threads: options.threads,
    signal: options.signal,
    onIteration: options.onIteration,
    coarsePoleTolerances: coarse,
  });
  return { ...result, host: { ...host, matrix: withOnsiteGap(host.matrix, result.gap) } };
}

/** Cells per axis of the host whose clean solution seeds a larger one. */
export const SEED_CELLS = 25;

/**
 * A gap on `geometry` from one on a smaller box of `small` cells: cell
 * coordinate x of an axis of length L reads x′ = x in the first ⌊ℓ/2⌋ cells,
 * x − (L − ℓ) in the last ℓ − ⌊ℓ/2⌋, and the central cell ⌊ℓ/2⌋ in between.
 */
export function paddedGap(gap: Float64Array, small: readonly [number, number, number], geometry: HostData['geometry']): Float64Array {
  const m = geometry.nodesPerCell;
  const [L1, L2, L3] = geometry.shape;
  const map = (x: number, L: number, l: number) => {
    const h = Math.floor(l / 2);
    return x < h ? x : x >= L - (l - h) ? x - (L - l) : h;
  };
  const out = new Float64Array(2 * L1 * L2 * L3 * m);
  for (let a = 0; a < L1; a++)
    for (let b = 0; b < L2; b++)
      for (let c = 0; c < L3; c++)
        for (let o = 0; o < m; o++) {
          const k = ((a * L2 + b) * L3 + c) * m + o;
          const s = ((map(a, L1, small[0]) * small[1] + map(b, L2, small[1])) * small[2] + map(c, L3, small[2])) * m + o;
          out[2 * k] = gap[2 * s]!;
          out[2 * k + 1] = gap[2 * s + 1]!;
        }
  return out;
}

/** Per-node values of `quantity` for the model's host (self-consistent first when pairing.attraction is set). */
export async function spatialMap(model: Model, options: MapOptions): Promise<MapResult> {
  const withImpurities = options.impurities ?? true;
  let host: HostData;
  let selfConsistent: GapResult | undefined;
  if (model.pairing.attraction > 0) {
    const sc = await selfConsistentGap(model, { impurities: withImpurities });
    if (!sc.converged) throw new ConvergenceError(`self-consistent gap: residual ${sc.residual.toExponential(2)} after ${sc.iterations} iterations`);
    host = sc.host;
    selfConsistent = sc;
  } else host = buildHost(model, withImpurities ? model.impurities : []);
  const h = host.matrix;
  const lat = model.lattice;
  const values: (number | number[])[] = [];
  if (options.quantity === 'ldos') {
    const eta = options.broadening;
    const omega = options.energy ?? 0;
    if (!(eta !== undefined && eta > 0)) throw new InputError('--broadening', 'a positive broadening η for the LDOS map');
    if (!Number.isFinite(omega)) throw new InputError('--energy', 'a finite energy ω');
    const g = selectedInverse(planSchur(h, host.geometry, []), h, { re: omega, im: eta });
    for (let i = 0; i < h.nSites; i++) {
      const im = (a: number) => g.diagonal[32 * i + 2 * (5 * a) + 1]!;
      values.push([-(im(0) + im(1)) / Math.PI, -(im(2) + im(3)) / Math.PI]);
    }
  } else {
    if (!['density', 'magnetization', 'pairing'].includes(options.quantity)) throw new InputError('--quantity', "one of density, magnetization, pairing, ldos");
    const poles = poleExpansion({ temperature: model.temperature, bound: spectralBound(h) * 1.01 });
    const rho = thermalDensityMatrix(host, poles);
    for (let i = 0; i < h.nSites; i++) {
      const o = nodeObservables(rho.diagonal, i);
      values.push(options.quantity === 'density' ? o.density : options.quantity === 'magnetization' ? o.magnetization : o.pairing);
    }
  }
  const rows: MapRow[] = values.map((value, k) => {
    const site = lat.nodeSite(k);
    return { site, cell: lat.site(site).slice(0, lat.dim), sublattice: lat.sublatticeOf(site), orbital: k - lat.node(site, 0), value };
  });
  return { rows, selfConsistent };
}

/**
 * T_c of the model's clean host (impurities left out) for pairing.attraction U,
 * from the linearized gap map; and Δ(T) at `temperatures` by continuation
 * (each solution starts from the previous one), site-averaged.
 */
export function criticalTemperatureOf(model: Model, temperatures: readonly number[] = []): { criticalTemperature: number | undefined; curve: { temperature: number; gap: number; converged: boolean }[] } {
  const U = model.pairing.attraction;
  if (!(U > 0)) throw new InputError('pairing.attraction', 'a positive on-site attraction U for T_c');
  const host = hostWithoutS(model, false);
  const tc = criticalTemperature(host, U, { low: 1e-4, high: 1 });
  const curve: { temperature: number; gap: number; converged: boolean }[] = [];
  const n = host.matrix.nSites;
  const { re, im } = model.pairing.s;
  let guess: Float64Array = Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? re || 0.1 : im));
  for (const T of temperatures) {
    if (!(T >= 0)) throw new InputError('--temperatures', `non-negative temperatures (got ${T})`);
    const sc = solveGap(host, { attraction: U, temperature: T, guess });
    let mean = 0;
    for (let i = 0; i < n; i++) mean += Math.hypot(sc.gap[2 * i]!, sc.gap[2 * i + 1]!) / n;
    curve.push({ temperature: T, gap: mean, converged: sc.converged });
    if (mean > 1e-6) guess = sc.gap;
  }
  return { criticalTemperature: tc, curve };
}
