import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curieConstant, fitCurieWeiss, parseSusceptibilityCsv, type SusceptibilityPoint } from '../../src/moments/index.js';

/** Deterministic Gaussian noise (Box–Muller on a small LCG) so the test is reproducible. */
function noise(seed: number) {
  let x = seed;
  const u = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

test('the fit recovers θ and μ_eff of synthetic Gd³⁺ data within the reported uncertainties (weighted, with χ0)', () => {
  const C = curieConstant(7.94), theta = -12, chi0 = 2e-3;
  const g = noise(5);
  const data: SusceptibilityPoint[] = [];
  for (let T = 30; T <= 300; T += 5) {
    const chi = C / (T - theta) + chi0;
    const sigma = 0.002 * chi;
    data.push({ T, chi: chi + sigma * g(), sigma });
  }
  const fit = fitCurieWeiss(data, { chi0: true });
  assert.ok(fit.weighted && fit.dof === data.length - 3);
  for (const [est, truth] of [[fit.theta, theta], [fit.C, C], [fit.chi0!, chi0], [fit.muEff, 7.94]] as const)
    assert.ok(Math.abs(est.value - truth) < 4 * est.error && est.error > 0, `${est.value} ± ${est.error} vs ${truth}`);
  assert.ok(fit.chiSquared / fit.dof < 2, 'χ²/dof ≈ 1 for correctly weighted data');
});

test('unweighted fit with a T range: low-T points that break Curie–Weiss are excluded by tMin', () => {
  const C = 1.5, theta = 8;
  const data: SusceptibilityPoint[] = [];
  for (let T = 2; T <= 200; T += 2) data.push({ T, chi: T > 20 ? C / (T - theta) : 0.05 });
  const fit = fitCurieWeiss(data, { tMin: 30 });
  assert.ok(Math.abs(fit.theta.value - theta) < 1e-8 && Math.abs(fit.C.value - C) < 1e-9);
  assert.throws(() => fitCurieWeiss(data, { tMin: 199 }), /at least 3 points/);
  assert.throws(() => fitCurieWeiss([{ T: 1, chi: 3 }, { T: 2, chi: 4 }, { T: 3, chi: 5 }]), /Curie–Weiss-like/);
});

test('CSV input: header names or positional columns; bad lines are named', () => {
  const a = parseSusceptibilityCsv('# data\nT (K), chi (emu/mol), err\n10, 0.5, 0.01\n20;0.25;0.01\n');
  assert.deepEqual(a, [{ T: 10, chi: 0.5, sigma: 0.01 }, { T: 20, chi: 0.25, sigma: 0.01 }]);
  const b = parseSusceptibilityCsv('10 0.5\n20 0.25\n');
  assert.deepEqual(b, [{ T: 10, chi: 0.5 }, { T: 20, chi: 0.25 }]);
  assert.throws(() => parseSusceptibilityCsv('T,chi\n10,abc\n', 'x.csv'), /x\.csv:2/);
  assert.throws(() => parseSusceptibilityCsv('foo,bar\n1,2\n'), /temperature column/);
});
