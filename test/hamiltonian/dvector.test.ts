import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDVector } from '../../src/hamiltonian/dvector.js';
import { InputError } from '../../src/errors.js';

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
