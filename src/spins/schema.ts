/**
 * JSON schemas of the two inputs of the spin module, with one-line InputErrors:
 * - the couplings table that `rkky couplings --json` prints (DESIGN.md §1 quantities per row);
 * - a hand-written spin-model file (explicit spins, pairs and single-spin terms).
 */
import { z } from 'zod';

const vec3 = z.tuple([z.number(), z.number(), z.number()], { error: 'expected [x, y, z] (three numbers)' });
const mat3 = z.tuple([vec3, vec3, vec3], { error: 'expected a 3×3 matrix [[..], [..], [..]]' });

/** One row of a couplings table; extra keys (free energies, diagnostics) are ignored. */
export const couplingsRowSchema = z.object({
  separation: z.number().optional(),
  site1: z.array(z.number(), { error: 'expected the coordinates of spin 1' }).min(1).max(3),
  site2: z.array(z.number(), { error: 'expected the coordinates of spin 2' }).min(1).max(3),
  /** Cartesian r2 − r1 (rkky couplings on any lattice); when absent, site2 − site1. */
  displacement: vec3.optional(),
  F0: z.number().optional(),
  mu: vec3.optional(),
  mu1: vec3.optional(),
  mu2: vec3.optional(),
  eta: mat3,
  J: vec3.optional(),
  D: vec3.optional(),
});

export const couplingsTableSchema = z.object({
  engine: z.string().optional(),
  rows: z.array(couplingsRowSchema, { error: 'expected an array of rows' }).min(1, 'expected at least one row'),
});

export type CouplingsRow = z.output<typeof couplingsRowSchema>;
export type CouplingsTable = z.output<typeof couplingsTableSchema>;

/**
 * A spin-model file. Pair couplings may be given as a full tensor `eta`, or as `J` (number or
 * diagonal [Jx, Jy, Jz]) plus `D` (DMI vector); `K` is the biquadratic coupling.
 */
export const spinModelFileSchema = z.strictObject({
  description: z.string().optional(),
  spins: z
    .array(
      z.strictObject({
        position: vec3.optional(),
        field: vec3.optional(),
        anisotropy: z.strictObject({ constant: z.number(), axis: vec3 }).optional(),
      }),
      { error: 'expected an array of spins' },
    )
    .min(1, 'expected at least one spin'),
  pairs: z.array(
    z.strictObject({
      i: z.number().int('expected a spin index'),
      j: z.number().int('expected a spin index'),
      eta: mat3.optional(),
      J: z.union([z.number(), vec3], { error: 'expected a number or [Jx, Jy, Jz]' }).optional(),
      D: vec3.optional(),
      K: z.number().optional(),
      image: vec3.optional(),
    }),
    { error: 'expected an array of pairs' },
  ),
  field: vec3.optional(),
  constant: z.number().optional(),
  box: vec3.optional(),
});

export type SpinModelFile = z.output<typeof spinModelFileSchema>;

export { parseWith } from '../model/validate.js';
