import { z } from 'zod';

/** A complex amplitude: a real number or [re, im]. */
const amplitude = z.union([z.number(), z.tuple([z.number(), z.number()])], {
  error: 'expected a number or [re, im]',
});
const matrix2 = z.tuple([z.tuple([amplitude, amplitude]), z.tuple([amplitude, amplitude])], {
  error: 'expected a 2×2 matrix [[a, b], [c, d]] of numbers or [re, im]',
});
const siteCoords = z
  .array(z.number().int('expected integer coordinates'), { error: 'expected integer coordinates [x, y, z]' })
  .min(1, 'expected 1 to 3 coordinates')
  .max(3, 'expected 1 to 3 coordinates');
const vector3 = z.tuple([z.number(), z.number(), z.number()], { error: 'expected [x, y, z] (three numbers)' });

/**
 * The model file (JSON). Every key is documented in README.md with its
 * equation in DESIGN.md §1 notation. Unknown keys are errors (a typo must not
 * silently drop a term).
 */
export const modelSchema = z.strictObject({
  description: z.string().optional(),
  lattice: z.strictObject({
    shape: z
      .array(z.number().int('expected an integer').positive('expected a positive integer'), { error: 'expected an array of 1 to 3 sizes' })
      .min(1, 'expected 1 to 3 sizes')
      .max(3, 'expected 1 to 3 sizes'),
    periodic: z.array(z.boolean({ error: 'expected true or false' }), { error: 'expected an array of booleans' }).optional(),
  }, { error: 'expected an object {"shape": [...], "periodic": [...]}' }),
  hopping: z.number({ error: 'expected a number (t)' }).default(1),
  chemicalPotential: z.number({ error: 'expected a number (μ)' }).default(0),
  zeeman: vector3.default([0, 0, 0]),
  rashba: z.number({ error: 'expected a number (λ)' }).default(0),
  pairing: z
    .strictObject({
      s: amplitude.optional(),
      p: amplitude.optional(),
      dVector: z
        .union([z.string(), z.array(z.array(amplitude).length(3)).length(3)], {
          error: "expected a string such as 'e_z * p_x' or a 3×3 array of amplitudes",
        })
        .optional(),
      d: amplitude.optional(),
      winding: z.number({ error: 'expected a number (ν)' }).optional(),
    }, { error: 'expected an object with keys s, p, dVector, d, winding' })
    .optional(),
  temperature: z.number({ error: 'expected a number (T)' }).nonnegative('expected a non-negative number (T ≥ 0)').default(0),
  impurities: z
    .array(
      z.strictObject({
        site: siteCoords,
        spin: vector3,
        coupling: z.number({ error: 'expected a number (J)' }),
      }, { error: 'expected an object {"site", "spin", "coupling"}' }),
      { error: 'expected an array of impurities' },
    )
    .default([]),
  custom: z
    .array(
      z.strictObject({
        sites: z.tuple([siteCoords, siteCoords], { error: 'expected two sites [[x, y], [x, y]] (i, j)' }),
        H: matrix2.optional(),
        Delta: matrix2.optional(),
      }, { error: 'expected an object {"sites": [i, j], "H": [[..]], "Delta": [[..]]}' }),
      { error: 'expected an array of custom blocks' },
    )
    .default([]),
});

/** The model as written in a file (amplitudes still as number | [re, im]). */
export type ModelInput = z.input<typeof modelSchema>;
/** The validated model with defaults filled in. */
export type ModelFile = z.output<typeof modelSchema>;
