/**
 * Hund's rules for n electrons in a shell of orbital momentum l (2l + 1 orbitals):
 *  1. maximal total spin: S = n/2 for n ≤ 2l+1, S = (4l+2 − n)/2 beyond half filling;
 *  2. maximal L compatible with rule 1: fill m_l = l, l−1, … for each spin direction in turn;
 *  3. J = |L − S| below half filling, J = L + S above (J = S at half filling, where L = 0).
 * Landé factor (g_s = 2): g_J = 3/2 + [S(S+1) − L(L+1)] / [2J(J+1)], undefined for J = 0.
 * Effective moment μ_eff = g_J √(J(J+1)) μ_B; for 3d ions, whose orbital moment is quenched by
 * the crystal field, the spin-only value 2√(S(S+1)) μ_B usually fits experiment better.
 * (Ashcroft & Mermin ch. 31; Blundell, Magnetism in Condensed Matter, §3.1.)
 */
import { InputError } from '../errors.js';
import { type Ion, parseIon } from './ion.js';

export interface HundTerm {
  S: number;
  L: number;
  J: number;
  /** Landé g_J; null when J = 0. */
  gJ: number | null;
  /** Spectroscopic term ^{2S+1}L_J, e.g. `6H15/2`. */
  term: string;
}

const L_LETTERS = 'SPDFGHIKLMNOQRTUV';

/** Ground term of lⁿ by Hund's rules. */
export function hundsRules(l: number, n: number): HundTerm {
  if (!Number.isInteger(l) || l < 0) throw new InputError('l', `expected a non-negative integer, got ${l}`);
  const orbitals = 2 * l + 1;
  if (!Number.isInteger(n) || n < 0 || n > 2 * orbitals) throw new InputError('electrons', `expected 0..${2 * orbitals}, got ${n}`);
  const up = Math.min(n, orbitals), down = n - up;
  const S = (up - down) / 2;
  const sumMl = (count: number) => {
    let s = 0;
    for (let k = 0; k < count; k++) s += l - k;
    return s;
  };
  const L = Math.abs(sumMl(up) + sumMl(down));
  const J = n < orbitals ? Math.abs(L - S) : L + S;
  const gJ = J === 0 ? null : 1.5 + (S * (S + 1) - L * (L + 1)) / (2 * J * (J + 1));
  const half = (x: number) => (Number.isInteger(x) ? String(x) : `${2 * x}/2`);
  return { S, L, J, gJ, term: `${2 * S + 1}${L_LETTERS[L]}${half(J)}` };
}

export interface IonMoment extends HundTerm {
  ion: string;
  shell: string;
  electrons: number;
  /** μ_eff in μ_B: g_J √(J(J+1)), or the spin-only 2√(S(S+1)) when asked. */
  muEff: number;
  /** g_J √(J(J+1)) (0 for J = 0). */
  muEffJ: number;
  /** 2√(S(S+1)). */
  muEffSpinOnly: number;
  /** Saturation moment g_J J in μ_B (2S when spin-only). */
  muSat: number;
  spinOnly: boolean;
}

/** Hund's-rule moments of an ion like `Dy3+`; `spinOnly` sets L = 0 for μ_eff (quenched orbital moment). */
export function ionMoment(label: string | Ion, options: { spinOnly?: boolean } = {}): IonMoment {
  const ion = typeof label === 'string' ? parseIon(label) : label;
  const t = hundsRules(ion.l, ion.electrons);
  const muEffJ = t.gJ === null ? 0 : t.gJ * Math.sqrt(t.J * (t.J + 1));
  const muEffSpinOnly = 2 * Math.sqrt(t.S * (t.S + 1));
  const spinOnly = options.spinOnly ?? false;
  return {
    ion: ion.label,
    shell: ion.shell,
    electrons: ion.electrons,
    ...t,
    muEff: spinOnly ? muEffSpinOnly : muEffJ,
    muEffJ,
    muEffSpinOnly,
    muSat: spinOnly ? 2 * t.S : t.gJ === null ? 0 : t.gJ * t.J,
    spinOnly,
  };
}
