/** The fact-check evaluators on hand-made rows: each one fails when its statement is violated. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dmiAlongZ,
  dmiDampedOscillation,
  dmiDominatesSometimes,
  dmiNeedsBothGaps,
  dmiNeedsTheI,
  heisenbergThenIsing,
  isingShare,
  muAntisymmetric,
  muBandEdge,
  muOscillationsShrink,
  noDmiAlongY,
  noSingleSpinTerm,
  windingEnhances,
  windingSignIrrelevant,
} from '../../src/reproduce/checks.js';
import { relativeChange } from '../../src/reproduce/fig3a.js';
import type { Vec3 } from '../../src/rkky/couplings.js';
import type { CouplingRow } from '../../src/rkky/sweep.js';

const zero: Vec3 = [0, 0, 0];
function row(separation: number, J: Vec3, D: Vec3, mu: Vec3 = zero): CouplingRow {
  return { separation, site1: [0, 0], site2: [separation, 0], F0: 0, mu, mu1: mu, mu2: mu, eta: [[...zero], [...zero], [...zero]] as CouplingRow['eta'], J, D };
}
const iso = (d: number, j: number, dz: number) => row(d, [j, j, j], [0, 0, dz]);

test('D ∥ e_z, D = 0 along y, μ = 0: pass on clean rows, fail on a stray component', () => {
  const clean = [iso(1, -0.03, 0.008), iso(2, 0.01, -0.001)];
  assert.ok(dmiAlongZ(clean).passed);
  assert.ok(!dmiAlongZ([...clean, row(3, [1e-3, 1e-3, 1e-3], [1e-5, 0, 1e-4])]).passed);
  assert.ok(!dmiAlongZ([row(1, [1, 1, 1], zero)]).passed, 'no D at all is not "D along z"');
  assert.ok(noDmiAlongY([iso(1, -0.03, 0)], clean).passed);
  assert.ok(!noDmiAlongY([iso(1, -0.03, 1e-6)], clean).passed);
  assert.ok(noSingleSpinTerm(clean).passed);
  assert.ok(!noSingleSpinTerm([row(1, [0.03, 0.03, 0.03], zero, [0, 0, 1e-6])]).passed);
  assert.ok(dmiNeedsTheI([iso(1, -0.03, 0)], clean).passed);
  assert.ok(!dmiNeedsTheI([iso(1, -0.03, 1e-5)], clean).passed);
});

test('damped oscillation in δ', () => {
  const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => iso(d, 0, Math.cos(2 * d) / d ** 2));
  assert.ok(dmiDampedOscillation(rows).passed);
  assert.ok(!dmiDampedOscillation(rows.map((r) => iso(r.separation, 0, Math.cos(2 * r.separation)))).passed, 'undamped');
  assert.ok(!dmiDampedOscillation(rows.map((r) => iso(r.separation, 0, 1 / r.separation ** 2))).passed, 'no oscillation');
});

test('DMI needs both gaps: zero on the axes, finite inside', () => {
  const pt = (gapS: number, gapP: number, dz: number) => ({ gapS, gapP, row: iso(1, -0.03, dz) });
  const good = [pt(0, 0, 0), pt(0.1, 0, 0), pt(0, 0.1, 0), pt(0.1, 0.1, 0.008)];
  assert.ok(dmiNeedsBothGaps(good).passed);
  assert.ok(!dmiNeedsBothGaps([...good.slice(0, 3), pt(0.1, 0.1, 0.008), pt(0.2, 0, 1e-4)]).passed);
  assert.ok(!dmiNeedsBothGaps([...good.slice(0, 3), pt(0.1, 0.1, 0)]).passed, 'D must be finite for mixed parity');
});

test('Heisenberg at small δ, growing Ising part at large δ', () => {
  const rows = [1, 2, 3, 4, 5, 6].map((d) => row(d, [1 / d, 1 / d, (1 / d) * (d < 4 ? 1.02 : 1.5)], zero));
  assert.ok(Math.abs(isingShare(rows.slice(0, 3)) - 0.02 / 1.02) < 1e-12);
  assert.ok(heisenbergThenIsing(rows).passed);
  const flat = rows.map((r) => row(r.separation, [r.J[0], r.J[0], r.J[0] * 1.02], zero));
  assert.ok(!heisenbergThenIsing(flat).passed, 'no growth of the Ising share');
  const xy = rows.map((r) => row(r.separation, [r.J[0], r.J[0] * 1.01, r.J[2]], zero));
  assert.ok(!heisenbergThenIsing(xy).passed, 'J_x ≠ J_y');
});

test('DMI dominates at δ = 6, 9 and loses at δ = 5', () => {
  const rows = [iso(5, 1e-3, 1e-5), iso(6, 1e-4, 1e-3), iso(9, 1e-5, 1e-4)];
  assert.ok(dmiDominatesSometimes(rows).passed);
  assert.ok(!dmiDominatesSometimes([iso(5, 1e-3, 1e-4), rows[1]!, rows[2]!]).passed);
  assert.ok(!dmiDominatesSometimes(rows.slice(0, 2)).passed, 'missing separations fail');
});

test('winding: ν = ±1 alike; largest enhancements at δ = 5 and 8, only δ = 10 reduced', () => {
  const d0 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => (d === 5 || d === 8 ? 1e-5 : 1e-3));
  const factor = (d: number) => (d === 5 || d === 8 ? 2.9 : d === 10 ? 0.85 : 1.1);
  const sweep = (winding: number, f: (d: number) => number) => ({ winding, rows: d0.map((v, k) => iso(k + 1, 0, v * f(k + 1))) });
  const good = [sweep(0, () => 1), sweep(1, factor), sweep(-1, factor)];
  assert.ok(Math.abs(relativeChange(2.9e-5, 1e-5) - 1.9) < 1e-12);
  assert.ok(windingSignIrrelevant(good).passed);
  assert.ok(windingEnhances(good).passed);
  assert.ok(!windingSignIrrelevant([good[0]!, good[1]!, sweep(-1, (d) => factor(d) * 1.01)]).passed);
  assert.ok(!windingEnhances([good[0]!, sweep(1, (d) => (d === 3 ? 0.5 : factor(d))), good[2]!]).passed, 'a second reduction');
});

test('D_z(μ): antisymmetry and decay beyond the band edge', () => {
  const f = (mu: number) => (Math.abs(mu) <= 4 ? -Math.sin((Math.PI * mu) / 4) * 0.01 : -Math.sign(mu) * 0.001 * Math.exp(-8 * (Math.abs(mu) - 4)));
  const scan = (g: (mu: number) => number) =>
    [-5, -4.5, -4.2, -3, -1, 0, 1, 3, 4.2, 4.5, 5].map((chemicalPotential) => ({ chemicalPotential, rows: [iso(1, 0, g(chemicalPotential))] }));
  assert.ok(muAntisymmetric(scan(f)).passed);
  assert.ok(muBandEdge(scan(f)).passed);
  assert.ok(!muAntisymmetric(scan((mu) => f(mu) + 1e-4)).passed);
  assert.ok(!muBandEdge(scan((mu) => (Math.abs(mu) > 4 ? 0.005 : f(mu)))).passed);
  const mus = Array.from({ length: 81 }, (_, k) => -4 + k * 0.1);
  const curves = (amp: number[], freq: number[]) =>
    mus.map((chemicalPotential) => ({ chemicalPotential, rows: amp.map((a, j) => iso(j + 1, 0, -a * Math.sin(freq[j]! * chemicalPotential + 0.1))) }));
  assert.ok(muOscillationsShrink(curves([3, 2, 1], [0.6, 1.5, 3])).passed);
  assert.ok(!muOscillationsShrink(curves([3, 2, 1], [0.6, 3, 1.5])).passed, 'wavelength grows');
  assert.ok(!muOscillationsShrink(curves([1, 2, 3], [0.6, 1.5, 3])).passed, 'amplitude grows');
});
