/**
 * The numerical setup of arXiv:2407.07144 (Ouassou, Yokoyama, Linder, "DMI from
 * mixed-parity superconductivity") and the reduced setups for quick looks and tests.
 *
 * The paper's model (its Eq. 5): square lattice, open edges, t = 1, μ = −3t,
 * exchange 𝒥 = 3t, Δ_s = 0.1t, Δ_p = 0.1t·i with d(p) = e_z p_x, T = 0.001t;
 * spin 1 at the centre of an odd L×L lattice (the paper's 1-based (51a, 51a) for
 * L = 101, i.e. 0-based (50, 50)), spin 2 at δ·e_x from it.
 */
import { InputError } from '../errors.js';
import type { ModelFile } from '../model/schema.js';

/** Sizes and grids of one reproduction (FULL_SETUP is the paper's). */
export interface ReproSetup {
  /** Name shown in summaries: 'full' (the paper's sizes), 'quick', or anything for tests. */
  name: string;
  /** Side L of the L×L lattice of Figs. 1(b), 1(c), 2 and 3(a) (paper: 101). */
  size: number;
  /** Separations δ of Figs. 1(c) and 2 (paper: 1..20). */
  separations: number[];
  /** Values of Δ_s and of |Δ_p| on the Fig. 1(b) map (both axes use the same grid). */
  gaps: number[];
  /** Separation of the Fig. 1(b) map (paper: δ = a). */
  gapSeparation: number;
  /** Separations of Fig. 3(a) (the paper discusses δ = 1..10). */
  windingSeparations: number[];
  /** Side of the lattice of Fig. 3(b) (paper: 51). */
  muSize: number;
  /** Chemical potentials μ of Fig. 3(b) (paper: about −5t..5t). */
  chemicalPotentials: number[];
  /** Separations (one curve each) of Fig. 3(b). */
  muSeparations: number[];
  /** Temperature T (paper: 0.001t). */
  temperature: number;
}

/** a, a + step, …, b (rounded to 12 digits, so 0.1-steps print cleanly). */
export function grid(a: number, b: number, step: number): number[] {
  const n = Math.round((b - a) / step);
  return Array.from({ length: n + 1 }, (_, k) => Number((a + k * step).toPrecision(12)));
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

/** The paper's sizes: 101×101 (Fig. 3(b): 51×51), δ = 1..20, T = 0.001. */
export const FULL_SETUP: ReproSetup = {
  name: 'full',
  size: 101,
  separations: range(1, 20),
  gaps: grid(0, 0.2, 0.05),
  gapSeparation: 1,
  windingSeparations: range(1, 10),
  muSize: 51,
  chemicalPotentials: grid(-5, 5, 0.2),
  muSeparations: [1, 2, 3],
  temperature: 0.001,
};

/**
 * `--quick`: 49×49 (Fig. 3(b): 25×25), same grids; same physics, visible finite-size shifts at
 * large δ. 49 keeps spin 2 four sites off the open edge at δ = 20 (at 41 it would sit on it).
 */
export const QUICK_SETUP: ReproSetup = { ...FULL_SETUP, name: 'quick', size: 49, muSize: 25 };

/** What can differ from the paper's base model in one run. */
export interface PaperVariant {
  /** Lattice side L (odd, so spin 1 sits at the exact centre). */
  size: number;
  temperature: number;
  /** Δ_s (real). */
  gapS?: number;
  /** Δ_p as [re, im]; the paper's s+ip_x is [0, 0.1], s+p_x "without the i" is [0.1, 0]. */
  gapP?: [number, number];
  chemicalPotential?: number;
  /** Phase winding ν (supercurrent); with periodic x edges. */
  winding?: number;
  /** Periodic edges along x (Fig. 3(a)). */
  periodicX?: boolean;
}

/** The centre (L − 1)/2 of an odd lattice side: spin 1's coordinate on both axes. */
export function centre(size: number): number {
  if (!Number.isInteger(size) || size < 3 || size % 2 === 0) throw new InputError('size', `expected an odd lattice side ≥ 3, got ${size}`);
  return (size - 1) / 2;
}

/**
 * The model file of the paper's s+ip_x superconductor (examples/paper.json for
 * the defaults at L = 101) with spin 1 at the centre; spin 2 is placed by the
 * separation sweep.
 */
export function paperModel(v: PaperVariant): ModelFile {
  const c = centre(v.size);
  const pairing: NonNullable<ModelFile['pairing']> = { s: v.gapS ?? 0.1, p: v.gapP ?? [0, 0.1], dVector: 'e_z * p_x' };
  if (v.winding !== undefined && v.winding !== 0) pairing.winding = v.winding;
  return {
    description: `arXiv:2407.07144: s+ip_x superconductor, ${v.size}×${v.size}, spin 1 at the centre`,
    lattice: { shape: [v.size, v.size], periodic: [v.periodicX ?? false, false] },
    hopping: 1,
    chemicalPotential: v.chemicalPotential ?? -3,
    zeeman: [0, 0, 0],
    rashba: 0,
    pairing,
    temperature: v.temperature,
    impurities: [{ site: [c, c], spin: [0, 0, 1], coupling: 3 }],
    custom: [],
  };
}
