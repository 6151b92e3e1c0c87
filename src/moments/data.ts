/**
 * χ(T) data from CSV text: comma, semicolon, tab or whitespace separated; `#` starts a comment.
 * With a header line, the columns are found by name (T / temp / temperature; chi / χ / susceptibility;
 * sigma / err / error / dchi, case-insensitive, units in brackets ignored); without one, the
 * columns are T, χ and optionally σ in that order.
 */
import { InputError } from '../errors.js';
import type { SusceptibilityPoint } from './fit.js';

const NAMES = {
  T: /^(t|temp|temperature)$/,
  chi: /^(chi|χ|susceptibility|chi_mol|chim)$/,
  sigma: /^(sigma|σ|err|error|dchi|chi_err|chierr|uncertainty)$/,
};

export function parseSusceptibilityCsv(text: string, source = 'data'): SusceptibilityPoint[] {
  const lines = text.split(/\r?\n/).map((l, k) => ({ text: l.replace(/#.*/, '').trim(), line: k + 1 })).filter((l) => l.text !== '');
  if (lines.length === 0) throw new InputError(source, 'no data lines');
  const split = (s: string) => (/[,;\t]/.test(s) ? s.split(/[,;\t]/).map((c) => c.trim()) : s.split(/\s+/));
  let cols = { T: 0, chi: 1, sigma: -1 };
  let first = split(lines[0].text);
  if (first.some((c) => !Number.isFinite(Number(c)))) {
    const names = first.map((c) => c.toLowerCase().replace(/\s*[([].*$/, ''));
    const find = (re: RegExp) => names.findIndex((c) => re.test(c));
    cols = { T: find(NAMES.T), chi: find(NAMES.chi), sigma: find(NAMES.sigma) };
    if (cols.T < 0 || cols.chi < 0)
      throw new InputError(`${source}:${lines[0].line}`, `header needs a temperature column (T) and a susceptibility column (chi), got '${lines[0].text}'`);
    lines.shift();
    first = lines.length ? split(lines[0].text) : [];
  } else if (first.length >= 3) cols.sigma = 2;
  const out: SusceptibilityPoint[] = [];
  for (const { text: t, line } of lines) {
    const c = split(t).map((x) => (x === '' ? NaN : Number(x)));
    const need = Math.max(cols.T, cols.chi, cols.sigma) + 1;
    if (c.length < need || c.slice(0, need).some((x) => !Number.isFinite(x)))
      throw new InputError(`${source}:${line}`, `expected ${need} numbers, got '${t}'`);
    const p: SusceptibilityPoint = { T: c[cols.T], chi: c[cols.chi] };
    if (cols.sigma >= 0) p.sigma = c[cols.sigma];
    out.push(p);
  }
  if (out.length === 0) throw new InputError(source, 'no data lines after the header');
  return out;
}
