import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/errors.js';
import { parseCentres } from '../../src/wannier/centres.js';
import { parseHr } from '../../src/wannier/hr.js';
import { parseTb } from '../../src/wannier/tb.js';
import { BOHR_ANGSTROM, parseWin } from '../../src/wannier/win.js';
import { parseWsvec } from '../../src/wannier/wsvec.js';
import { hrText } from './files.js';

const SAMPLE = new URL('../../../examples/wannier/silicon/', import.meta.url);
const sample = (f: string) => readFileSync(new URL(f, SAMPLE), 'utf8');

/** The InputError of `f`, checked to be one line naming `field`. */
function inputError(f: () => unknown, field: string, pattern: RegExp) {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${e}`);
    assert.equal(e.field, field);
    assert.match(e.expected, pattern);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

const twoBand = hrText(2, [
  { R: [0, 0, 0], H: [[[1, 0], [0.5, 0.25]], [[0.5, -0.25], [-1, 0]]] },
  { R: [1, 0, 0], ndegen: 2, H: [[[0.1, 0], [0.2, 0.3]], [[0.4, 0], [0.5, 0]]] },
  { R: [-1, 0, 0], ndegen: 2, H: [[[0.1, 0], [0.4, 0]], [[0.2, -0.3], [0.5, 0]]] },
]);

test('hr.dat: counts, R blocks, ndegen and H(R)_mn (m row, n column, m fastest)', () => {
  const hr = parseHr(twoBand, 'two_hr.dat');
  assert.equal(hr.numWann, 2);
  assert.equal(hr.nrpts, 3);
  assert.deepEqual([...hr.cells], [0, 0, 0, 1, 0, 0, -1, 0, 0]);
  assert.deepEqual([...hr.ndegen], [1, 2, 2]);
  // H(R=1)_{12} = 0.2 + 0.3i sits at 2((1·W + 0)·W + 1).
  assert.deepEqual([hr.H[2 * (4 + 1)], hr.H[2 * (4 + 1) + 1]], [0.2, 0.3]);
  assert.deepEqual([hr.H[2 * (4 + 2)], hr.H[2 * (4 + 2) + 1]], [0.4, 0]);
});

test('hr.dat: malformed files give one-line errors naming file:line', () => {
  const lines = twoBand.trimEnd().split('\n');
  inputError(() => parseHr(lines.slice(0, 10).join('\n'), 'x_hr.dat'), 'x_hr.dat:11', /file ends early: expected R1 R2 R3 m n Re Im/);
  inputError(() => parseHr(twoBand.replace(/^2$/m, 'two'), 'x_hr.dat'), 'x_hr.dat:2', /num_wann \(an integer\), got 'two'/);
  const badNumber = [...lines];
  badNumber[6] = badNumber[6]!.replace(/\S+$/, '0.1x');
  inputError(() => parseHr(badNumber.join('\n'), 'x_hr.dat'), 'x_hr.dat:7', /Im H \(a number\), got '0\.1x'/);
  const nrpts = [...lines];
  nrpts[2] = '2';
  inputError(() => parseHr(nrpts.join('\n'), 'x_hr.dat'), 'x_hr.dat:4', /expected 2 more ndegen weights on this line, got 3/);
  const short = [...lines];
  short[5] = '0 0 0 1 2 0.5';
  inputError(() => parseHr(short.join('\n'), 'x_hr.dat'), 'x_hr.dat:6', /expected 7 fields/);
  const twice = [...lines];
  twice[5] = twice[4]!;
  inputError(() => parseHr(twice.join('\n'), 'x_hr.dat'), 'x_hr.dat:6', /\(m, n\) = \(1, 1\) appears twice/);
  const wrongR = [...lines];
  wrongR[5] = wrongR[5]!.replace(/^0 0 0/, '0 1 0');
  inputError(() => parseHr(wrongR.join('\n'), 'x_hr.dat'), 'x_hr.dat:6', /expected R = \(0 0 0\) like the first line of its block/);
  const index = [...lines];
  index[5] = index[5]!.replace(/^0 0 0 2 1/, '0 0 0 3 1');
  inputError(() => parseHr(index.join('\n'), 'x_hr.dat'), 'x_hr.dat:6', /Wannier indices m, n in 1\.\.2, got 3 1/);
  inputError(() => parseHr(`${twoBand}0 0 0 1 1 0 0\n`, 'x_hr.dat'), 'x_hr.dat:17', /end of the file after 3 blocks/);
  inputError(() => parseHr(twoBand.replace(/^\s+1\s+2\s+2$/m, '    1    0    2'), 'x_hr.dat'), 'x_hr.dat:4', /ndegen ≥ 1, got 0/);
});

test('the silicon sample: 8 functions, 93 R, Σ 1/ndegen = 4³ cells of the Wigner–Seitz supercell, wsvec for every element', () => {
  const hr = parseHr(sample('silicon_hr.dat'), 'silicon_hr.dat');
  assert.equal(hr.numWann, 8);
  assert.equal(hr.nrpts, 93);
  const weight = hr.ndegen.reduce((s, d) => s + 1 / d, 0);
  assert.ok(Math.abs(weight - 64) < 1e-12, `Σ 1/ndegen = ${weight}`);
  const ws = parseWsvec(sample('silicon_wsvec.dat'), 'silicon_wsvec.dat', hr);
  assert.equal(ws.offsets.length, 93 * 64 + 1);
  // The first element of the file: R = (−3, 1, 1), (m, n) = (1, 1) with the shifts (0 0 0), (4 −4 0), (4 0 −4), (4 0 0).
  assert.deepEqual([...ws.shifts.subarray(0, 12)], [0, 0, 0, 4, -4, 0, 4, 0, -4, 4, 0, 0]);
  const { centres, atoms } = parseCentres(sample('silicon_centres.xyz'), 'silicon_centres.xyz');
  assert.equal(centres.length, 24);
  assert.deepEqual(atoms.map((a) => a.symbol), ['Si', 'Si']);
  const win = parseWin(sample('silicon.win'), 'silicon.win');
  assert.deepEqual([...win.vectors!], [-2.6988, 0, 2.6988, 0, 2.6988, 2.6988, -2.6988, 2.6988, 0]);
  assert.equal(win.spinors, false);
  // atoms_frac (−1/4, 3/4, −1/4) is the Cartesian (a/4)(1, 1, 1) of the centres file.
  for (let x = 0; x < 3; x++) assert.ok(Math.abs(win.atoms[0]!.position[x]! - atoms[0]!.position[x]!) < 1e-12);
  assert.deepEqual(win.kpath.map(([a, b]) => `${a.name}-${b.name}`), ['L-G', 'G-X', 'X-K', 'K-G']);
  assert.deepEqual(win.kpath[2]![0].k, [0.5, -0.5, 0]);
});

test('wsvec.dat: malformed and mismatched files', () => {
  const hr = parseHr(twoBand, 'two_hr.dat');
  const entries: string[] = ['## header'];
  for (const R of ['0 0 0', '1 0 0', '-1 0 0']) for (const m of [1, 2]) for (const n of [1, 2]) entries.push(`${R} ${m} ${n}`, '1', '0 0 0');
  const ws = parseWsvec(entries.join('\n'), 'two_wsvec.dat', hr);
  assert.equal(ws.offsets[12], 12);
  const other = [...entries];
  other[1] = '2 0 0 1 1';
  inputError(() => parseWsvec(other.join('\n'), 'w', hr), 'w:2', /R = \(2 0 0\) is not a lattice vector of the hr file/);
  inputError(() => parseWsvec(entries.slice(0, 20).join('\n'), 'w', hr), 'w:21', /file ends early/);
  const zero = [...entries];
  zero[2] = '0';
  inputError(() => parseWsvec(zero.join('\n'), 'w', hr), 'w:3', /at least one shift/);
});

test('.win: bohr and ang units, atoms_cart, spinors, comments, kpoint_path, missing end', () => {
  const win = parseWin(
    [
      'num_wann : 4  ! comment',
      'SPINORS = T',
      'Begin Unit_Cell_Cart',
      'bohr',
      '1 0 0', '0 2 0', '0 0 3',
      'End Unit_Cell_Cart',
      'begin atoms_cart',
      'ang',
      'Fe 0.5 0 0   # a comment',
      'end atoms_cart',
      'begin kpoint_path',
      'G 0 0 0 X 0.5 0 0',
      'X 0.5 0 0 M 0.5 0.5 0',
      'end kpoint_path',
    ].join('\n'),
    'fe.win',
  );
  assert.ok(Math.abs(win.vectors![4]! - 2 * BOHR_ANGSTROM) < 1e-15);
  assert.equal(win.spinors, true);
  assert.deepEqual(win.atoms, [{ symbol: 'Fe', position: [0.5, 0, 0] }]);
  assert.equal(win.kpath.length, 2);
  inputError(() => parseWin('begin unit_cell_cart\n1 0 0\n0 1 0\n', 'w.win'), 'w.win:1', /no 'end unit_cell_cart'/);
  inputError(() => parseWin('begin unit_cell_cart\n1 0 0\n0 1 0\nend unit_cell_cart\n', 'w.win'), 'w.win:2', /3 lattice vectors/);
  inputError(() => parseWin('begin unit_cell_cart\n1 0 0\n0 1 a\n0 0 1\nend unit_cell_cart\n', 'w.win'), 'w.win:3', /a2 component \(a number\), got 'a'/);
  inputError(() => parseWin('spinors = maybe\n', 'w.win'), 'w.win:1', /spinors = \.true\. or \.false\./);
  inputError(() => parseWin('begin atoms_frac\nSi 0 0 0\nend atoms_frac\n', 'w.win'), 'w.win:2', /atoms_frac needs unit_cell_cart/);
  inputError(() => parseWin('begin kpoint_path\nG 0 0 0 X 0.5 0\nend kpoint_path\n', 'w.win'), 'w.win:2', /label k1 k2 k3/);
});

test('tb.dat: lattice vectors and H(R) blocks; centres.xyz errors', () => {
  const tb = [' written by a test', '1 0 0', '0 1 0', '0 0 1', '1', '2', '    1    1', '', '0 0 0', '1 1 -0.5 0', '', '1 0 0', '1 1 0.25 0.125', ''].join('\n');
  const parsed = parseTb(tb, 'x_tb.dat');
  assert.deepEqual([...parsed.vectors], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual([...parsed.H], [-0.5, 0, 0.25, 0.125]);
  inputError(() => parseTb(tb.replace('0 1 0', '0 1'), 'x_tb.dat'), 'x_tb.dat:3', /expected 3 fields/);
  inputError(() => parseTb(tb.split('\n').slice(0, 11).join('\n'), 'x_tb.dat'), 'x_tb.dat:11', /file ends early: expected R1 R2 R3 of block 2/);
  inputError(() => parseCentres('3\ncomment\nX 0 0 0\nX 1 1 1\n', 'c.xyz'), 'c.xyz:5', /entry 3 of 3/);
  inputError(() => parseCentres('1\ncomment\nX 0 0 zero\n', 'c.xyz'), 'c.xyz:3', /coordinate \(Å\) \(a number\), got 'zero'/);
});
