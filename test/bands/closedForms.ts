/** Closed-form nearest-neighbour bands of the lattice presets (t = 1), written out for the tests. */
const TAU = 2 * Math.PI;

/** Each spin-degenerate band twice, ascending. */
export const spinful = (e: number[]) => e.flatMap((x) => [x, x]).sort((p, q) => p - q);

/** Closed forms ε_n(k) of nearest-neighbour hopping t = 1 (k reduced; kc Cartesian in cycles per length). */
export const CLOSED: Record<string, (k: number[], kc: number[]) => number[]> = {
  chain: ([k1]) => [-2 * Math.cos(TAU * k1!)],
  square: ([k1, k2]) => [-2 * (Math.cos(TAU * k1!) + Math.cos(TAU * k2!))],
  cubic: (k) => [-2 * k.reduce((s, x) => s + Math.cos(TAU * x), 0)],
  honeycomb: ([k1, k2]) => {
    const re = 1 + Math.cos(TAU * k1!) + Math.cos(TAU * k2!), im = Math.sin(TAU * k1!) + Math.sin(TAU * k2!);
    return [-Math.hypot(re, im), Math.hypot(re, im)];
  },
  triangular: ([k1, k2]) => [-2 * (Math.cos(TAU * k1!) + Math.cos(TAU * k2!) + Math.cos(TAU * (k1! - k2!)))],
  kagome: ([k1, k2]) => {
    const c = Math.cos(Math.PI * k1!) * Math.cos(Math.PI * k2!) * Math.cos(Math.PI * (k1! - k2!));
    const r = Math.sqrt(Math.max(0, 1 + 8 * c));
    return [2, -1 - r, -1 + r];
  },
  bcc: (_k, kc) => {
    const a = 2 / Math.sqrt(3);
    return [-8 * kc.reduce((p, x) => p * Math.cos(Math.PI * a * x), 1)];
  },
  fcc: (_k, kc) => {
    const a = Math.SQRT2;
    const [cx, cy, cz] = kc.map((x) => Math.cos(Math.PI * a * x));
    return [-4 * (cx! * cy! + cy! * cz! + cz! * cx!)];
  },
};

