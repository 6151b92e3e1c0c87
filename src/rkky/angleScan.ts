import { InputError } from '../errors.js';
import { toModel } from '../api/arguments.js';
import type { Model } from '../model/model.js';
import type { ModelInput } from '../model/schema.js';
import type { SpinPair } from './configurations.js';
import { denseConfigurationEnergies } from './denseEngine.js';
import { exactSweep, type ExactOptions } from './exactEngine.js';
import { separationSweep, type Axis } from './problem.js';
import { checkSeparation, checkSweepOptions, resolveEngine, type EngineName } from './sweep.js';

export type Plane = 'xy' | 'yz' | 'zx' | 'xz' | 'yx' | 'zy';

export interface AngleScanOptions extends ExactOptions {
  separation: number;
  direction?: Axis;
  /** Spin 1 along the plane's first axis u; spin 2 at angle θ from it towards the second axis v. */
  plane?: Plane;
  /** Number of angles θ_k = 2πk/n (n ≥ 8). */
  angles?: number;
  engine?: EngineName;
}

export interface AngleScanResult {
  engine: 'dense' | 'exact';
  rows: { theta: number; F: number }[];
  /**
   * Fourier fit F(θ) = a0 + Σ_{m≥1} [a_m cos mθ + b_m sin mθ] (exact discrete
   * coefficients up to m = 4). With S1 = u, S2 = cos θ u + sin θ v:
   * the bilinear terms give a1 = η_uu and b1 = η_uv (so the DMI component along
   * u × v is (η_uv − η_vu)/2 once the scan with u, v swapped is known), and a
   * biquadratic term B (S1·S2)² = B(1 + cos 2θ)/2 gives a2 = B/2.
   */
  fourier: { a: number[]; b: number[] };
  /** B = 2 a2: the biquadratic coupling if no other term has a cos 2θ harmonic. */
  biquadratic: number;
}

/** Most angles of one scan: each is a full free-energy evaluation. */
export const MAX_ANGLES = 10000;

const AXES: Record<string, number[]> = { x: [1, 0, 0], y: [0, 1, 0], z: [0, 0, 1] };

/**
 * F(θ) of spin 2 rotated in a plane relative to spin 1, from exact free
 * energies: reads off biquadratic and higher-order terms that the 36-point
 * projection folds into μ, η.
 */
export async function angleScan(modelArg: Model | ModelInput, options: AngleScanOptions): Promise<AngleScanResult> {
  const model = toModel(modelArg);
  checkSeparation(checkSweepOptions(options).separation, 'options.separation');
  const plane = options.plane ?? 'xy';
  if (!/^(xy|yz|zx|xz|yx|zy)$/.test(plane)) throw new InputError('--plane', `expected two different axes such as xy, got '${plane}'`);
  const n = options.angles ?? 24;
  if (!Number.isInteger(n) || n < 8 || n > MAX_ANGLES) throw new InputError('--angles', `expected an integer in 8..${MAX_ANGLES}, got ${n}`);
  const [u, v] = [AXES[plane[0]!]!, AXES[plane[1]!]!];
  const thetas = Array.from({ length: n }, (_, k) => (2 * Math.PI * k) / n);
  const configurations: SpinPair[] = thetas.map((t) => [u, u.map((x, a) => Math.cos(t) * x + Math.sin(t) * v[a]!)]);
  const problem = separationSweep(model, [options.separation], options.direction ?? 'x');
  const engine = resolveEngine(options.engine ?? 'auto', model.lattice.nSites);
  // F = reference + ΔF: the harmonics are taken from ΔF so they keep their digits.
  const { reference, deltas } =
    engine === 'dense'
      ? { reference: 0, deltas: await denseConfigurationEnergies(problem, options, configurations) }
      : await exactSweep(problem, options, configurations);
  const dF = deltas[0]!;
  const a: number[] = [], b: number[] = [];
  for (let m = 0; m <= 4; m++) {
    let ca = 0, sb = 0;
    thetas.forEach((t, k) => {
      ca += dF[k]! * Math.cos(m * t);
      sb += dF[k]! * Math.sin(m * t);
    });
    a.push((m === 0 ? 1 : 2) * (ca / n));
    b.push((2 * sb) / n);
  }
  a[0]! += reference;
  return { engine, rows: thetas.map((theta, k) => ({ theta, F: reference + dF[k]! })), fourier: { a, b }, biquadratic: 2 * a[2]! };
}
