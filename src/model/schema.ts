import { z } from 'zod';
import { PRESET_NAMES } from '../lattice/presets.js';

/**
 * Largest magnitude accepted for any energy (units of t: hopping, μ, Zeeman,
 * Rashba, pairing amplitudes, T, J, custom entries) and any other number of
 * the model file. Beyond it squares and spectral bounds approach overflow
 * long before the physics is meaningful; a documented bound turns such input
 * into a usage error naming the field instead of NaN in the output.
 */
export const MAX_MAGNITUDE = 1e6;

const bounded = (what: string) =>
  z
    .number({ error: `expected a number (${what})` })
    .refine((x) => Math.abs(x) <= MAX_MAGNITUDE, `expected |${what}| ≤ ${MAX_MAGNITUDE}`);
const boundedNumber = z
  .number()
  .refine((x) => Math.abs(x) <= MAX_MAGNITUDE, `expected a number of magnitude ≤ ${MAX_MAGNITUDE}`);

/** A complex amplitude: a real number or [re, im]. */
const amplitude = z.union([boundedNumber, z.tuple([boundedNumber, boundedNumber])], {
  error: 'expected a number or [re, im]',
});
const matrix2 = z.tuple([z.tuple([amplitude, amplitude]), z.tuple([amplitude, amplitude])], {
  error: 'expected a 2×2 matrix [[a, b], [c, d]] of numbers or [re, im]',
});
const siteCoords = z
  .array(z.number().int('expected integer coordinates'), { error: 'expected integer coordinates [x, y, z]' })
  .min(1, 'expected 1 to 3 coordinates')
  .max(3, 'expected 1 to 3 coordinates');
const vector3 = z.tuple([boundedNumber, boundedNumber, boundedNumber], { error: 'expected [x, y, z] (three numbers)' });
/**
 * An impurity spin: a direction. It is normalized to a unit vector here, so
 * that every command (energy, couplings, scan, ldos, fixed third spins) uses
 * the same S; the strength of the exchange is the coupling J alone.
 */
const spinDirection = vector3
  .refine((s) => Math.hypot(...s) > 0, 'expected a nonzero spin direction [S_x, S_y, S_z]')
  .transform((s): [number, number, number] => {
    const n = Math.hypot(...s);
    return [s[0] / n, s[1] / n, s[2] / n];
  });
/** A complex matrix as rows of amplitudes (sizes are checked against the basis when the model is resolved). */
const complexMatrix = z.array(z.array(amplitude, { error: 'expected a row of numbers or [re, im]' }).min(1, 'expected a non-empty row'), {
  error: 'expected a matrix [[..], ..] of numbers or [re, im]',
}).min(1, 'expected a non-empty matrix');
const sublatticeName = z.string({ error: 'expected a sublattice name (a basis entry)' });
const orbitalList = z
  .array(z.number().int('expected 0-based integer orbital indices').nonnegative('expected 0-based orbital indices'), { error: 'expected an array of orbital indices' })
  .min(1, 'expected at least one orbital');

const filePath = z.string({ error: 'expected a file path (relative to the model file)' }).min(1, 'expected a non-empty file path');

/** `lattice.wannier90`: a host from Wannier90 files (src/wannier/, README "Wannier90 hosts"). */
export const wannier90Schema = z.strictObject({
  hr: filePath.optional(),
  tb: filePath.optional(),
  centres: filePath.optional(),
  win: filePath.optional(),
  wsvec: filePath.optional(),
  spinors: z.union([z.literal(false), z.literal('interleaved'), z.literal('blocked')], { error: "expected false, 'interleaved' or 'blocked'" }).optional(),
  groupByAtom: z.boolean({ error: 'expected true or false' }).default(false),
  cutoff: z.number({ error: 'expected a number (eV)' }).nonnegative('expected a non-negative energy (eV)').default(0),
}, { error: 'expected an object {"hr": "seedname_hr.dat", "win", "centres", "wsvec", "spinors", "groupByAtom", "cutoff"}' });

/** `lattice`: a preset or general Bravais vectors with a basis (DESIGN.md §1, src/lattice/presets.ts), or a Wannier90 host. */
const latticeSchema = z.strictObject({
  wannier90: wannier90Schema.optional(),
  preset: z.enum(PRESET_NAMES, { error: `expected one of ${PRESET_NAMES.join(', ')}` }).optional(),
  vectors: z
    .array(z.array(boundedNumber, { error: 'expected a Bravais vector [x, ..]' }), { error: 'expected 1 to 3 Bravais vectors' })
    .min(1, 'expected 1 to 3 Bravais vectors')
    .max(3, 'expected 1 to 3 Bravais vectors')
    .optional(),
  basis: z
    .array(
      z.strictObject({
        name: z.string({ error: 'expected a name' }).min(1, 'expected a non-empty name'),
        position: z.array(boundedNumber, { error: 'expected Cartesian coordinates [x, ..]' }),
        orbitals: z.number().int('expected an integer').positive('expected a positive integer').max(64, 'expected at most 64 orbitals per site').optional(),
      }, { error: 'expected an object {"name", "position", "orbitals"}' }),
      { error: 'expected an array of basis sites' },
    )
    .min(1, 'expected at least one basis site')
    .optional(),
  shape: z
    .array(z.number().int('expected an integer').positive('expected a positive integer'), { error: 'expected an array of 1 to 3 sizes' })
    .min(1, 'expected 1 to 3 sizes')
    .max(3, 'expected 1 to 3 sizes'),
  periodic: z.array(z.boolean({ error: 'expected true or false' }), { error: 'expected an array of booleans' }).optional(),
}, { error: 'expected an object {"shape": [...], "periodic": [...]} (optionally "preset", "vectors" and "basis", or "wannier90")' });

/** `hoppings`: a neighbour shell {shell, t} or an explicit bond {from, to, cell, H}. */
const hoppingTerm = z.union(
  [
    z.strictObject({
      shell: z.number().int('expected an integer').positive('expected a shell number k ≥ 1').max(50, 'expected a shell number k ≤ 50'),
      t: bounded('t_k'),
    }),
    z.strictObject({
      from: sublatticeName,
      to: sublatticeName,
      cell: z.array(z.number().int('expected integer cell offsets'), { error: 'expected a cell offset [dn1, ..]' }),
      H: complexMatrix,
    }),
  ],
  { error: 'expected {"shell": k, "t": t_k} or {"from", "to", "cell", "H"}' },
);

/** `onsite`: a matrix on every site of one sublattice. */
const onsiteTerm = z.strictObject({ sublattice: sublatticeName, H: complexMatrix }, { error: 'expected an object {"sublattice", "H"}' });

/**
 * The model file (JSON). Every key is documented in README.md with its
 * equation in DESIGN.md §1 notation. Unknown keys are errors (a typo must not
 * silently drop a term).
 */
export const modelSchema = z.strictObject({
  description: z.string().optional(),
  lattice: latticeSchema,
  /** Default 1, but 0 on a Wannier90 host (its hoppings come from the file). */
  hopping: bounded('t').optional(),
  hoppings: z.array(hoppingTerm, { error: 'expected an array of hopping terms' }).optional(),
  onsite: z.array(onsiteTerm, { error: 'expected an array of on-site terms' }).optional(),
  chemicalPotential: bounded('μ').default(0),
  zeeman: vector3.default([0, 0, 0]),
  rashba: bounded('λ').default(0),
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
      winding: bounded('ν').optional(),
      attraction: bounded('U').positive('expected a positive number (on-site attraction U > 0)').optional(),
    }, { error: 'expected an object with keys s, p, dVector, d, winding, attraction' })
    .optional(),
  temperature: bounded('T').nonnegative('expected a non-negative number (T ≥ 0)').default(0),
  impurities: z
    .array(
      z.strictObject({
        site: siteCoords,
        sublattice: sublatticeName.optional(),
        orbitals: orbitalList.optional(),
        spin: spinDirection,
        coupling: bounded('J'),
      }, { error: 'expected an object {"site", "spin", "coupling"} (optionally "sublattice", "orbitals")' }),
      { error: 'expected an array of impurities' },
    )
    .default([]),
  custom: z
    .array(
      z.strictObject({
        sites: z.tuple([siteCoords, siteCoords], { error: 'expected two sites [[x, y], [x, y]] (i, j)' }),
        sublattices: z.tuple([sublatticeName, sublatticeName], { error: 'expected two sublattice names [A, B] (of i, j)' }).optional(),
        orbitals: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()], { error: 'expected two 0-based orbital indices [o_i, o_j]' }).optional(),
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
