/**
 * Magnetic ions written like `Fe3+`, `Dy3+`, `Cu2+`, `Cu+` (or `Fe+3`): the element, the charge,
 * and the number of electrons in the open d or f shell, assuming the ion keeps the configuration
 * [noble-gas core] (n−1)dⁿ or 4fⁿ / 5fⁿ, i.e. the outer s electrons leave first:
 *   3d (Sc–Zn): n = Z − 18 − q;   4d (Y–Cd): n = Z − 36 − q;   5d (Hf–Hg): n = Z − 68 − q;
 *   4f (La–Lu): n = Z − 54 − q;   5f (Ac–Lr): n = Z − 86 − q.
 */
import { InputError } from '../errors.js';

export type Shell = '3d' | '4d' | '5d' | '4f' | '5f';

interface Block {
  shell: Shell;
  /** Orbital quantum number l of the shell. */
  l: 2 | 3;
  /** Z of the first element of the block. */
  firstZ: number;
  /** n = Z − offset − q. */
  offset: number;
  elements: string[];
}

const BLOCKS: Block[] = [
  { shell: '3d', l: 2, firstZ: 21, offset: 18, elements: ['Sc', 'Ti', 'V', 'Cr', 'Mn', 'Fe', 'Co', 'Ni', 'Cu', 'Zn'] },
  { shell: '4d', l: 2, firstZ: 39, offset: 36, elements: ['Y', 'Zr', 'Nb', 'Mo', 'Tc', 'Ru', 'Rh', 'Pd', 'Ag', 'Cd'] },
  { shell: '5d', l: 2, firstZ: 72, offset: 68, elements: ['Hf', 'Ta', 'W', 'Re', 'Os', 'Ir', 'Pt', 'Au', 'Hg'] },
  {
    shell: '4f',
    l: 3,
    firstZ: 57,
    offset: 54,
    elements: ['La', 'Ce', 'Pr', 'Nd', 'Pm', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm', 'Yb', 'Lu'],
  },
  {
    shell: '5f',
    l: 3,
    firstZ: 89,
    offset: 86,
    elements: ['Ac', 'Th', 'Pa', 'U', 'Np', 'Pu', 'Am', 'Cm', 'Bk', 'Cf', 'Es', 'Fm', 'Md', 'No', 'Lr'],
  },
];

export interface Ion {
  /** Canonical label, e.g. `Fe3+`. */
  label: string;
  element: string;
  /** Atomic number Z. */
  Z: number;
  /** Charge q (> 0). */
  charge: number;
  shell: Shell;
  l: 2 | 3;
  /** Electrons in the open shell. */
  electrons: number;
}

/** Parse an ion label; unknown elements, missing charges and impossible counts are InputErrors. */
export function parseIon(text: string): Ion {
  const m = /^\s*([A-Z][a-z]?)\s*(?:(\d*)\+|\+(\d+))\s*$/.exec(text);
  if (!m) throw new InputError('ion', `expected an ion like Fe3+, Dy3+ or Cu+, got '${text}'`);
  const element = m[1];
  const digits = m[2] ?? m[3] ?? '';
  const charge = digits === '' ? 1 : Number(digits);
  if (!(charge >= 1)) throw new InputError('ion', `expected a positive charge, got '${text}'`);
  for (const b of BLOCKS) {
    const k = b.elements.indexOf(element);
    if (k < 0) continue;
    const Z = b.firstZ + k;
    const electrons = Z - b.offset - charge;
    const max = 2 * (2 * b.l + 1);
    if (electrons < 0 || electrons > max)
      throw new InputError('ion', `${element}${charge}+ would have ${electrons} ${b.shell} electrons (expected 0..${max})`);
    return { label: `${element}${charge}+`, element, Z, charge, shell: b.shell, l: b.l, electrons };
  }
  throw new InputError('ion', `unknown magnetic ion '${text}': expected a 3d, 4d, 5d, 4f or 5f element (e.g. Fe3+, Dy3+)`);
}
