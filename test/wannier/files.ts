/** Writers of small Wannier90 files for tests (the formats of src/wannier/). */
import { prng } from '../rng.js';

/** H(R)_mn for one R: W×W complex numbers [re, im], row m, column n. */
export type Block = [number, number][][];

/** seedname_hr.dat text: date line, num_wann, nrpts, ndegen 15 per line, `R m n Re Im` with m fastest. */
export function hrText(W: number, entries: { R: [number, number, number]; ndegen?: number; H: Block }[]): string {
  const lines = [' written by a test', `${W}`, `${entries.length}`];
  const nd = entries.map((e) => e.ndegen ?? 1);
  for (let k = 0; k < nd.length; k += 15) lines.push(nd.slice(k, k + 15).map((x) => `${x}`.padStart(5)).join(''));
  for (const e of entries)
    for (let n = 0; n < W; n++)
      for (let m = 0; m < W; m++) lines.push(`${e.R.join(' ')} ${m + 1} ${n + 1} ${e.H[m]![n]![0].toPrecision(17)} ${e.H[m]![n]![1].toPrecision(17)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A random Hermitian model with complex H(R) and no time reversal: for each R of
 * a small set and its partner −R, H(−R) = H(R)†; ndegen random in 1..3 (the same for ±R).
 */
export function randomHr(W: number, seed: number, reach = 1): { text: string; entries: { R: [number, number, number]; ndegen: number; H: Block }[] } {
  const u = prng(seed);
  const half: [number, number, number][] = [];
  for (let a = -reach; a <= reach; a++)
    for (let b = -reach; b <= reach; b++)
      for (let c = -reach; c <= reach; c++) {
        const R: [number, number, number] = [a, b, c];
        const key = a !== 0 ? a > 0 : b !== 0 ? b > 0 : c > 0;
        if (key && u() > -0.2) half.push(R);
      }
  const rand = (s: number): Block => Array.from({ length: W }, () => Array.from({ length: W }, () => [s * u(), s * u()] as [number, number]));
  const dagger = (H: Block): Block => H.map((_, m) => H.map((row) => [row[m]![0], -row[m]![1]] as [number, number]));
  const H0 = rand(1);
  for (let m = 0; m < W; m++) for (let n = 0; n <= m; n++) H0[n]![m] = m === n ? [H0[m]![m]![0] * 2, 0] : [H0[m]![n]![0], -H0[m]![n]![1]];
  const entries = [{ R: [0, 0, 0] as [number, number, number], ndegen: 1, H: H0 }];
  for (const R of half) {
    const H = rand(0.5);
    const nd = 1 + Math.floor(((u() + 1) / 2) * 3);
    entries.push({ R, ndegen: nd, H }, { R: R.map((x) => -x || 0) as [number, number, number], ndegen: nd, H: dagger(H) });
  }
  return { text: hrText(W, entries), entries };
}

/** A minimal .win with the cell (Å) and optionally atoms (fractional) and spinors. */
export function winText(vectors: number[][], atoms: [string, number[]][] = [], extra = ''): string {
  const cell = ['begin unit_cell_cart', 'ang', ...vectors.map((v) => v.join(' ')), 'end unit_cell_cart'];
  const at = atoms.length ? ['begin atoms_frac', ...atoms.map(([s, p]) => `${s} ${p.join(' ')}`), 'end atoms_frac'] : [];
  return `num_wann = 1\n${cell.join('\n')}\n${at.join('\n')}\n${extra}\n`;
}
