import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDVector } from '../../src/hamiltonian/dvector.js';
import { InputError } from '../../src/errors.js';
import { modelFile, rkky } from '../cli/run.js';
import { prng } from '../rng.js';

const at = (D: ReturnType<typeof parseDVector>, k: number, c: number) => D[3 * k + c]!;

test("'e_z * p_x' is the outer product e_z p_xᵀ", () => {
  const D = parseDVector('e_z * p_x');
  for (let k = 0; k < 3; k++)
    for (let c = 0; c < 3; c++) assert.deepEqual(at(D, k, c), { re: k === 2 && c === 0 ? 1 : 0, im: 0 });
});

test("the chiral non-unitary state '(e_x + je_y) * (p_x + jp_y) / 2'", () => {
  const D = parseDVector('(e_x + je_y) * (p_x + jp_y) / 2');
  const want = [
    [{ re: 0.5, im: 0 }, { re: 0, im: 0.5 }],
    [{ re: 0, im: 0.5 }, { re: -0.5, im: 0 }],
  ];
  for (let k = 0; k < 2; k++) for (let c = 0; c < 2; c++) assert.deepEqual(at(D, k, c), want[k]![c]);
  assert.deepEqual(at(D, 2, 2), { re: 0, im: 0 });
});

test('numbers, imaginary literals, j, unary minus and sums', () => {
  const D = parseDVector('-0.5j * e_x * p_y + 2 * j * e_y * p_z - e_z*p_z');
  const near = (z: { re: number; im: number }, re: number, im: number) => assert.ok(Math.abs(z.re - re) + Math.abs(z.im - im) < 1e-15, `${z.re}+${z.im}i`);
  near(at(D, 0, 1), 0, -0.5);
  near(at(D, 1, 2), 0, 2);
  near(at(D, 2, 2), -1, 0);
});

test('bad expressions are InputErrors, never evaluated as code', () => {
  for (const bad of ['', 'e_z', 'p_x * e_z', 'e_z + p_x', 'e_z * p_x)', '(e_z * p_x', 'process.exit(1)', 'e_z * p_x / e_x', 'e_q * p_x', 'e_z * p_x / 0'])
    assert.throws(() => parseDVector(bad), InputError, bad);
});

/** Every failure is one InputError line on `pairing.dVector` that quotes the input, never an internal name. */
function assertCleanError(text: string) {
  assert.throws(
    () => parseDVector(text),
    (err: unknown) => {
      assert.ok(err instanceof InputError, `${text.slice(0, 40)}: ${String(err)}`);
      assert.equal(err.field, 'pairing.dVector');
      assert.ok(!err.message.includes('\n'), err.message);
      assert.ok(err.message.length < 300, `message of ${err.message.length} characters`);
      assert.doesNotMatch(err.message, /undefined|bound|\ba\.kind|\bcol\b|\brow\b/);
      return true;
    },
  );
}

test('names of Object.prototype are unknown names, not crashes', () => {
  const names = Object.getOwnPropertyNames(Object.prototype);
  assert.ok(names.includes('__proto__') && names.includes('constructor'));
  for (const name of names) {
    assertCleanError(name);
    assertCleanError(`e_z * p_x * ${name}`);
    assertCleanError(`${name} * e_z * p_x + e_x * p_y`);
    assertCleanError(`(${name})`);
  }
  assertCleanError('prototype');
});

test('deep nesting is refused at a bounded depth, before the stack overflows', () => {
  for (const n of [65, 1000, 4000]) {
    assertCleanError('('.repeat(n) + 'e_z * p_x' + ')'.repeat(n));
    assertCleanError('-'.repeat(n) + 'e_z * p_x');
    assertCleanError('(-'.repeat(n) + 'e_z * p_x' + ')'.repeat(n));
  }
  assertCleanError('('.repeat(20000));
  assertCleanError('('.repeat(20000) + 'e_z * p_x' + ')'.repeat(20000));
  // 64 levels still parse, and give the same matrix as no nesting.
  assert.deepEqual(parseDVector('('.repeat(64) + 'e_z * p_x' + ')'.repeat(64)), parseDVector('e_z * p_x'));
  // An even number of signs (−0 entries compare equal to 0).
  parseDVector('-'.repeat(64) + 'e_z * p_x').forEach((z, q) => assert.ok(z.re === (q === 6 ? 1 : 0) && z.im === 0));
});

test('kinds are named in words, and overflow, non-strings and odd characters are clean errors', () => {
  for (const bad of ['e_z + p_x', 'e_z * e_x', 'p_x * p_y', '1e400 * e_z * p_x', '1e308 * e_z * p_x * 10', 'e_z * p_x / 1e-320 / 1e-320', 'e_z·p_x', 'e_z * p_x 😀', '\u0000', 'é', ')', '1 2'])
    assertCleanError(bad);
  assert.throws(() => parseDVector('e_z + p_x'), /cannot add a spin vector \(e_\*\) and a momentum vector \(p_\*\)/);
  for (const bad of [null, 42, {}, ['e_z * p_x']]) assert.throws(() => parseDVector(bad as unknown as string), /pairing\.dVector: expected a string/);
});

test('division by tiny numbers keeps its digits (no |b|² underflow)', () => {
  const D = parseDVector('e_z * p_x / 1e-200');
  assert.equal(at(D, 2, 0).re, 1e200);
  const E = parseDVector('e_z * p_x / (1e-200j)');
  assert.ok(Math.abs(at(E, 2, 0).im + 1e200) < 1e186);
});

test('random expressions: the parser agrees with a direct evaluation of linear combinations', () => {
  const rand = prng(9);
  const axes = ['x', 'y', 'z'];
  for (let trial = 0; trial < 50; trial++) {
    const want = Array.from({ length: 9 }, () => ({ re: 0, im: 0 }));
    const terms: string[] = [];
    for (let t = 0; t < 3; t++) {
      const [k, c] = [Math.floor((rand() + 1) * 1.5), Math.floor((rand() + 1) * 1.5)];
      const [re, im] = [Math.round(rand() * 100) / 10, Math.round(rand() * 100) / 10];
      terms.push(`(${re} + ${im}j) * e_${axes[k]} * p_${axes[c]}`);
      want[3 * k + c]!.re += re;
      want[3 * k + c]!.im += im;
    }
    const D = parseDVector(terms.join(' + '));
    for (let q = 0; q < 9; q++) assert.ok(Math.abs(D[q]!.re - want[q]!.re) + Math.abs(D[q]!.im - want[q]!.im) < 1e-12, terms.join(' + '));
  }
});

test('the CLI reports a prototype name or deep nesting in pairing.dVector as one line, exit 2', () => {
  for (const dVector of ['__proto__', 'constructor * e_z', 'e_z * p_x * valueOf', '('.repeat(20000) + 'e_z * p_x' + ')'.repeat(20000)]) {
    const path = modelFile({ lattice: { shape: [3, 3] }, pairing: { p: 0.3, dVector }, impurities: [{ site: [0, 0], spin: [0, 0, 1], coupling: 1 }] });
    const r = rkky(['energy', path]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^rkky: pairing\.dVector: /);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
