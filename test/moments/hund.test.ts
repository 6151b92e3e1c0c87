import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curieConstant, curieWeiss, hundsRules, ionMoment, muEffFromCurieConstant, parseIon } from '../../src/moments/index.js';
import { InputError } from '../../src/errors.js';

/**
 * Textbook ground terms and g_J√(J(J+1)) (Ashcroft & Mermin Tables 31.3–31.4; Kittel ch. 11;
 * Blundell Tables 3.1–3.2), with μ_eff to the two decimals those tables print.
 */
const TABLE: [string, number, number, number, string, number][] = [
  // ion, S, L, J, term, μ_eff = g_J √(J(J+1))
  ['Ti3+', 0.5, 2, 1.5, '2D3/2', 1.55],
  ['V3+', 1, 3, 2, '3F2', 1.63],
  ['Cr3+', 1.5, 3, 1.5, '4F3/2', 0.77],
  ['Mn3+', 2, 2, 0, '5D0', 0],
  ['Fe3+', 2.5, 0, 2.5, '6S5/2', 5.92],
  ['Mn2+', 2.5, 0, 2.5, '6S5/2', 5.92],
  ['Fe2+', 2, 2, 4, '5D4', 6.71],
  ['Co2+', 1.5, 3, 4.5, '4F9/2', 6.63],
  ['Ni2+', 1, 3, 4, '3F4', 5.59],
  ['Cu2+', 0.5, 2, 2.5, '2D5/2', 3.55],
  ['Ce3+', 0.5, 3, 2.5, '2F5/2', 2.54],
  ['Pr3+', 1, 5, 4, '3H4', 3.58],
  ['Nd3+', 1.5, 6, 4.5, '4I9/2', 3.62],
  ['Pm3+', 2, 6, 4, '5I4', 2.68],
  ['Sm3+', 2.5, 5, 2.5, '6H5/2', 0.85],
  ['Eu3+', 3, 3, 0, '7F0', 0],
  ['Gd3+', 3.5, 0, 3.5, '8S7/2', 7.94],
  ['Tb3+', 3, 3, 6, '7F6', 9.72],
  ['Dy3+', 2.5, 5, 7.5, '6H15/2', 10.65],
  ['Ho3+', 2, 6, 8, '5I8', 10.61],
  ['Er3+', 1.5, 6, 7.5, '4I15/2', 9.58],
  ['Tm3+', 1, 5, 6, '3H6', 7.56],
  ['Yb3+', 0.5, 3, 3.5, '2F7/2', 4.54],
];

test("Hund's rules give the textbook S, L, J, term and μ_eff for the 3d and 4f series", () => {
  for (const [ion, S, L, J, term, mu] of TABLE) {
    const m = ionMoment(ion);
    assert.deepEqual([m.S, m.L, m.J, m.term], [S, L, J, term], ion);
    assert.ok(Math.abs(m.muEff - mu) <= 0.005 + 1e-12, `${ion}: μ_eff ${m.muEff} vs ${mu}`);
  }
});

test('exact values for the ions named in the issue: Fe³⁺, Co²⁺, Gd³⁺, Dy³⁺, Ce³⁺', () => {
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-12;
  const fe = ionMoment('Fe3+');
  assert.ok(fe.gJ === 2 && close(fe.muEff, Math.sqrt(35)));
  const co = ionMoment('Co2+');
  assert.ok(close(co.gJ!, 4 / 3) && close(co.muEff, (4 / 3) * Math.sqrt(99 / 4)));
  assert.ok(close(co.muEffSpinOnly, Math.sqrt(15)), 'spin-only 2√(S(S+1)) = √15');
  assert.ok(close(ionMoment('Co2+', { spinOnly: true }).muEff, Math.sqrt(15)));
  const gd = ionMoment('Gd3+');
  assert.ok(gd.gJ === 2 && close(gd.muEff, Math.sqrt(63)));
  const dy = ionMoment('Dy3+');
  assert.ok(close(dy.gJ!, 4 / 3) && close(dy.muEff, (4 / 3) * Math.sqrt(63.75)) && close(dy.muSat, 10));
  const ce = ionMoment('Ce3+');
  assert.ok(close(ce.gJ!, 6 / 7) && close(ce.muEff, (6 / 7) * Math.sqrt(35 / 4)));
  assert.equal(ionMoment('Eu3+').gJ, null, 'J = 0: g_J undefined');
});

test('particle–hole symmetry of S and L; closed and empty shells are non-magnetic', () => {
  for (const l of [2, 3])
    for (let n = 0; n <= 2 * (2 * l + 1); n++) {
      const a = hundsRules(l, n), b = hundsRules(l, 2 * (2 * l + 1) - n);
      assert.deepEqual([a.S, a.L], [b.S, b.L]);
    }
  assert.deepEqual([hundsRules(2, 10).J, hundsRules(3, 0).J], [0, 0]);
});

test('ion parsing: charge forms, unknown ions and impossible counts are one-line InputErrors', () => {
  assert.equal(parseIon('Cu+').electrons, 10);
  assert.equal(parseIon('Fe+3').label, 'Fe3+');
  assert.equal(parseIon('U4+').shell, '5f');
  assert.equal(parseIon('Ir4+').electrons, 5);
  for (const bad of ['Xx3+', 'Fe', 'Na+', 'Fe9+', 'fe3+', 'Dy3'])
    assert.throws(() => parseIon(bad), (e: unknown) => e instanceof InputError && !e.message.includes('\n'), bad);
});

test('Curie constant: C = 0.125049 μ_eff² emu K/mol (cgs), 4π·10⁻⁶ of that in SI; inverse and Curie–Weiss law', () => {
  assert.ok(Math.abs(curieConstant(1) - 0.1250494) < 1e-6);
  assert.ok(Math.abs(curieConstant(1, 'si') / curieConstant(1) / (4 * Math.PI * 1e-6) - 1) < 1e-9);
  assert.ok(Math.abs(muEffFromCurieConstant(curieConstant(7.94, 'si', 2), 'si', 2) - 7.94) < 1e-12);
  assert.equal(curieWeiss(10, 2, -5, 0.1), 2 / 15 + 0.1);
  assert.throws(() => curieWeiss(3, 1, 5), /T > θ/);
});
