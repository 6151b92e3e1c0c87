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

/** e_x, e_y, e_z are spin-axis columns, p_x, p_y, p_z momentum rows; a leading j multiplies by i (bodge's je_y, jp_y). */
const NAMES: Record<string, () => Value> = {};
for (const [k, ax] of ['x', 'y', 'z'].entries()) {
  NAMES[`e_${ax}`] = () => ({ kind: 'col', v: unit(k) });
  NAMES[`je_${ax}`] = () => ({ kind: 'col', v: unit(k, true) });
  NAMES[`p_${ax}`] = () => ({ kind: 'row', v: unit(k) });
  NAMES[`jp_${ax}`] = () => ({ kind: 'row', v: unit(k, true) });
}
NAMES['j'] = () => ({ kind: 'scalar', v: cz(0, 1) });

const mulC = (a: Complex, b: Complex): Complex => cz(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);

function combine(op: '+' | '-' | '*' | '/', a: Value, b: Value, field: string): Value {
  if (op === '+' || op === '-') {
    if (a.kind !== b.kind) throw new InputError(field, `cannot ${op === '+' ? 'add' : 'subtract'} a ${b.kind} and a ${a.kind}`);
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
    const d = b.v.re * b.v.re + b.v.im * b.v.im;
    if (d === 0) throw new InputError(field, 'division by zero');
    return combine('*', a, { kind: 'scalar', v: cz(b.v.re / d, -b.v.im / d) }, field);
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
  throw new InputError(field, `cannot multiply a ${a.kind} by a ${b.kind} (write a spin vector e_* times a momentum p_*)`);
}

/**
 * Parse bodge's d-vector syntax, e.g. "e_z * p_x" or
 * "(e_x + je_y) * (p_x + jp_y) / 2", into the 3×3 matrix D. A recursive-descent
 * parser over + − * / ( ), real numbers, Python-style imaginary literals (0.5j),
 * the imaginary unit j, and the names e_x..e_z, je_x..je_z, p_x..p_z, jp_x..jp_z.
 * Nothing is evaluated as code.
 */
export function parseDVector(text: string, field = 'pairing.dVector'): DMatrix {
  const tokens = text.match(/\s*(\d+\.?\d*(?:[eE][+-]?\d+)?j?|\.\d+(?:[eE][+-]?\d+)?j?|[A-Za-z_][A-Za-z_0-9]*|[-+*/()]|\S)/g) ?? [];
  const toks = tokens.map((t) => t.trim());
  let pos = 0;
  const peek = () => toks[pos];
  const fail = (what: string): never => {
    throw new InputError(field, `${what} in '${text}' (expected an expression such as 'e_z * p_x')`);
  };
  function primary(): Value {
    const t = toks[pos++];
    if (t === undefined) return fail('unexpected end');
    if (t === '(') {
      const v = expr();
      if (toks[pos++] !== ')') fail("missing ')'");
      return v;
    }
    if (/^(\d|\.\d)/.test(t)) {
      const imag = t.endsWith('j');
      const x = Number(imag ? t.slice(0, -1) : t);
      if (!Number.isFinite(x)) fail(`bad number '${t}'`);
      return { kind: 'scalar', v: imag ? cz(0, x) : cz(x) };
    }
    const make = NAMES[t];
    if (!make) return fail(`unknown name '${t}'`);
    return make();
  }
  function unary(): Value {
    if (peek() === '-') {
      pos++;
      return combine('*', { kind: 'scalar', v: cz(-1) }, unary(), field);
    }
    if (peek() === '+') {
      pos++;
      return unary();
    }
    return primary();
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
  if (pos < toks.length) fail(`unexpected '${toks[pos]}'`);
  if (v.kind !== 'matrix') fail(`the expression is a ${v.kind}, not a 3×3 matrix`);
  return (v as { v: Complex[] }).v;
}
