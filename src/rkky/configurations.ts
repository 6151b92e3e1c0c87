/**
 * The six spin directions of the 36-configuration scheme, in the order of the
 * paper's scripts and the references: +x, +y, +z, −x, −y, −z.
 */
export const DIRECTIONS: readonly (readonly [number, number, number])[] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [-1, 0, 0],
  [0, -1, 0],
  [0, 0, -1],
];

/** Labels "x+", …, "z-" of the six directions (the refs' keys are "s1,s2"). */
export const DIRECTION_LABELS = ['x+', 'y+', 'z+', 'x-', 'y-', 'z-'] as const;

/** Index of configuration (s1, s2) in a 36-array: s1 major, s2 minor. */
export const configIndex = (s1: number, s2: number): number => 6 * s1 + s2;

/** Index of direction +a (a = 0, 1, 2) and −a. */
export const plus = (a: number): number => a;
export const minus = (a: number): number => a + 3;

/** A configuration of the two spins: (S1, S2) as vectors. */
export type SpinPair = readonly [readonly number[], readonly number[]];

/** The 36 configurations (s1 major, s2 minor). */
export const THIRTY_SIX: readonly SpinPair[] = DIRECTIONS.flatMap((a) => DIRECTIONS.map((b): SpinPair => [a, b]));
