import { InputError } from '../errors.js';
import type { Complex } from '../math/complex.js';

/**
 * The d-vector matrix D of a triplet (p-wave) state, d(p) = D·p: a complex
 * 3×3 matrix, rows = spin axes e_x, e_y, e_z, columns = momentum p_x, p_y, p_z,
 * stored as 9 Complex in row-major order.
 */
export type DMatrix = Complex[];

type Value =
  | { kind: 'scalar'; v: Complex }
  | { kind: 'col' | 'row'; v: Complex[] }
  | { kind: 'matrix'; v: Complex[] };

const cz = (re: number, im = 0): Complex => ({ re, im });
const unit = (k: number, im = false): Complex[] => [0, 1, 2].map((a) => (a === k ? cz(im ? 0 : 1, im ? 1 : 0) : cz(0)));

/**
 * e_x, e_y, e_z are spin-axis columns, p_x, p_y, p_z momentum rows; a leading j multiplies by i (bodge's je_y, jp_y).
 * A Map, not an object literal: user-supplied names such as `__proto__` or `constructor` must not reach Object.prototype.
 */
const NAMES = new Map<string, () => Value>();
for (const [k, ax] of ['x', 'y', 'z'].entries()) {
  NAMES.set(`e_${ax}`, () => ({ kind: 'col', v: unit(k) }));
  NAMES.set(`je_${ax}`, () => ({ kind: 'col', v: unit(k, true) }));
  NAMES.set(`p_${ax}`, () => ({ kind: 'row', v: unit(k) }));
  NAMES.set(`jp_${ax}`, () => ({ kind: 'row', v: unit(k, true) }));
}
NAMES.set('j', () => ({ kind: 'scalar', v: cz(0, 1) }));

/** Deepest nesting of parentheses and unary signs accepted: far beyond any physical d-vector, far below the call-stack limit. */
export const MAX_DVECTOR_DEPTH = 64;

/** Longest expression accepted (characters). */
export const MAX_DVECTOR_LENGTH = 10000;

/** Words a user may read in a message: a scalar (number), a spin vector (column e_*), a momentum vector (row p_*), a matrix. */
const KIND_NAME: Record<Value['kind'], string> = { scalar: 'number', col: 'spin vector (e_*)', row: 'momentum vector (p_*)', matrix: '3×3 matrix' };

const mulC = (a: Complex, b: Complex): Complex => cz(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);

function combine(op: '+' | '-' | '*' | '/', a: Value, b: Value, field: string): Value {
  if (op === '+' || op === '-') {
    if (a.kind !== b.kind)
      throw new InputError(field, `cannot ${op === '+' ? 'add' : 'subtract'} a ${KIND_NAME[a.kind]} and a ${KIND_NAME[b.kind]}`);
    const s = op === '+' ? 1 : -1;
    if (a.kind === 'scalar') {
      const bv = (b as { v: Complex }).v;
      return { kind: 'scalar', v: cz(a.v.re + s * bv.re, a.v.im + s * bv.im) };
    }
    const bv = (b as { v: Complex[] }).v;
    return { kind: a.kind, v: a.v.map((x, k) => cz(x.re + s * bv[k]!.re, x.im + s * bv[k]!.im)) } as Value;
  }
  if (op === '/') {
    if (b.kind !== 'scalar') throw new InputError(field, 'can only divide by a number');
    // 1/b = b*/|b|², scaled by max(|re|, |im|) so that |b|² neither underflows (1e-200) nor overflows.
    const m = Math.max(Math.abs(b.v.re), Math.abs(b.v.im));
    if (m === 0) throw new InputError(field, 'division by zero');
    const [re, im] = [b.v.re / m, b.v.im / m];
    const d = (re * re + im * im) * m;
    return combine('*', a, { kind: 'scalar', v: cz(re / d, -im / d) }, field);
  }
  if (a.kind === 'scalar' || b.kind === 'scalar') {
    const [s, o] = a.kind === 'scalar' ? [a.v, b] : [(b as { v: Complex }).v, a];
    if (o.kind === 'scalar') return { kind: 'scalar', v: mulC(s, o.v) };
    return { kind: o.kind, v: o.v.map((x) => mulC(s, x)) } as Value;
  }
  if (a.kind === 'col' && b.kind === 'row') {
    const v: Complex[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) v.push(mulC(a.v[i]!, b.v[j]!));
    return { kind: 'matrix', v };
  }
  throw new InputError(field, `cannot multiply a ${KIND_NAME[a.kind]} by a ${KIND_NAME[b.kind]} (write a spin vector e_* times a momentum p_*)`);
}

/**
 * Parse bodge's d-vector syntax, e.g. "e_z * p_x" or
 * "(e_x + je_y) * (p_x + jp_y) / 2", into the 3×3 matrix D. A recursive-descent
 * parser over + − * / ( ), real numbers, Python-style imaginary literals (0.5j),
 * the imaginary unit j, and the names e_x..e_z, je_x..je_z, p_x..p_z, jp_x..jp_z.
 * Nothing is evaluated as code.
 */
export function parseDVector(text: string, field = 'pairing.dVector'): DMatrix {
  if (typeof text !== 'string') throw new InputError(field, `expected a string such as 'e_z * p_x', got ${text === null ? 'null' : typeof text}`);
  // Quote at most a short excerpt of the input, so that a message stays one readable line.
  const short = (t: string, n: number) => JSON.stringify(t.length > n ? `${t.slice(0, n - 3)}...` : t);
  const quoted = short(text, 60);
  const fail = (what: string): never => {
    throw new InputError(field, `${what} in ${quoted} (expected an expression such as 'e_z * p_x')`);
  };
  if (text.length > MAX_DVECTOR_LENGTH) fail(`longer than ${MAX_DVECTOR_LENGTH} characters`);
  const tokens = text.match(/\s*(\d+\.?\d*(?:[eE][+-]?\d+)?j?|\.\d+(?:[eE][+-]?\d+)?j?|[A-Za-z_][A-Za-z_0-9]*|[-+*/()]|\S)/gu) ?? [];
  const toks = tokens.map((t) => t.trim());
  let pos = 0;
  let depth = 0;
  const peek = () => toks[pos];
  /** Enter one level of nesting (a parenthesis or a unary sign), refusing absurd depths before the stack overflows. */
  const nest = () => {
    if (++depth > MAX_DVECTOR_DEPTH) fail(`nested deeper than ${MAX_DVECTOR_DEPTH} levels`);
  };
  function primary(): Value {
    const t = toks[pos++];
    if (t === undefined) return fail('unexpected end');
    if (t === '(') {
      nest();
      const v = expr();
      if (toks[pos++] !== ')') fail("missing ')'");
      depth--;
      return v;
    }
    if (/^(\d|\.\d)/.test(t)) {
      const imag = t.endsWith('j');
      const x = Number(imag ? t.slice(0, -1) : t);
      if (!Number.isFinite(x)) fail(`number ${short(t, 20)} out of range`);
      return { kind: 'scalar', v: imag ? cz(0, x) : cz(x) };
    }
    const make = NAMES.get(t);
    if (!make) return fail(`unknown name ${short(t, 20)}`);
    return make();
  }
  function unary(): Value {
    const t = peek();
    if (t !== '-' && t !== '+') return primary();
    pos++;
    nest();
    const v = unary();
    depth--;
    return t === '-' ? combine('*', { kind: 'scalar', v: cz(-1) }, v, field) : v;
  }
  function term(): Value {
    let v = unary();
    while (peek() === '*' || peek() === '/') {
      const op = toks[pos++] as '*' | '/';
      v = combine(op, v, unary(), field);
    }
    return v;
  }
  function expr(): Value {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = toks[pos++] as '+' | '-';
      v = combine(op, v, term(), field);
    }
    return v;
  }
  if (toks.length === 0) fail('empty expression');
  const v = expr();
  if (pos < toks.length) fail(`unexpected ${short(toks[pos]!, 20)}`);
  if (v.kind !== 'matrix') fail(`the expression is a ${KIND_NAME[v.kind]}, not a 3×3 matrix`);
  const D = (v as { v: Complex[] }).v;
  if (D.some((z) => !Number.isFinite(z.re) || !Number.isFinite(z.im))) fail('an entry overflows (not a finite number)');
  return D;
}
