import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpinModel, exchangeTensor, findGroundState, neighbourAngles, totalEnergy } from '../../src/spins/index.js';

/**
 * Two spins, E = J S1·S2 + D·(S1 × S2) with D = D ẑ: for spins in the xy plane at relative angle
 * φ = φ2 − φ1, E = J cos φ + D sin φ, minimal at (cos φ, sin φ) = −(J, D)/√(J² + D²) with
 * E = −√(J² + D²); no out-of-plane configuration does better (the pair tensor's smallest singular
 * value bound), so this is the ground state.
 */
test('two spins with J and D: analytic ground-state angle and energy', () => {
  for (const [J, D] of [[0.02, 0.01], [-0.03, 0.007], [0.01, -0.05], [-0.0268, 0.00716]]) {
    const model = new SpinModel({ n: 2, positions: [[0, 0, 0], [1, 0, 0]], pairs: [{ i: 0, j: 1, eta: exchangeTensor(J, [0, 0, D]) }] });
    const gs = findGroundState(model, { starts: 8, seed: 5 });
    const R = Math.hypot(J, D);
    assert.ok(Math.abs(gs.energy + R) < 1e-12 * R + 1e-15, `E for J=${J}, D=${D}: ${gs.energy} vs ${-R}`);
    const [a] = neighbourAngles(model, gs.spins);
    const expected = (Math.atan2(-D, -J) * 180) / Math.PI;
    assert.ok(Math.abs(a.degrees - Math.abs(expected)) < 1e-5, `angle ${a.degrees} vs ${Math.abs(expected)}`);
    // About D̂ = sign(D) ẑ the rotation is sign(D) times the rotation about ẑ.
    assert.ok(Math.abs(a.aboutDmi! - Math.sign(D) * expected) < 1e-5, `signed angle about D̂ ${a.aboutDmi} vs ${Math.sign(D) * expected}`);
    // Spins lie in the plane ⟂ D.
    assert.ok(Math.abs(gs.spins[2]) < 1e-6 && Math.abs(gs.spins[5]) < 1e-6);
    assert.equal(gs.minima.length, 1, 'one minimum up to the global rotation about D');
  }
});

test('a ferromagnetic chain with an easy axis is collinear along the axis; biquadratic terms pick 90°', () => {
  const pairs = [0, 1, 2, 3].map((i) => ({ i, j: i + 1, eta: exchangeTensor(-1) }));
  const model = new SpinModel({ n: 5, pairs, anisotropy: [0, 1, 2, 3, 4].map((site) => ({ site, constant: 0.1, axis: [0, 1, 0] as [number, number, number] })) });
  const gs = findGroundState(model, { starts: 10, seed: 2 });
  assert.ok(Math.abs(gs.energy - (-4 - 0.5)) < 1e-10, `E = ${gs.energy}`);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(Math.abs(gs.spins[3 * i + 1]) - 1) < 1e-6);

  // E = K (S1·S2)² with K > 0 is minimal for perpendicular spins.
  const bq = new SpinModel({ n: 2, pairs: [{ i: 0, j: 1, eta: exchangeTensor(0), biquadratic: 0.5 }] });
  const g2 = findGroundState(bq, { starts: 5, seed: 1 });
  assert.ok(Math.abs(g2.energy) < 1e-12);
  assert.ok(Math.abs(neighbourAngles(bq, g2.spins)[0].degrees - 90) < 1e-4);
});

test('a frustrated triangle (antiferromagnetic J) has the 120° state, E = −3J/2', () => {
  const J = 0.7;
  const model = new SpinModel({ n: 3, pairs: [[0, 1], [1, 2], [0, 2]].map(([i, j]) => ({ i, j, eta: exchangeTensor(J) })) });
  const gs = findGroundState(model, { starts: 10, annealStarts: 2, annealSweeps: 300, seed: 9 });
  assert.ok(Math.abs(gs.energy + 1.5 * J) < 1e-10);
  for (const a of neighbourAngles(model, gs.spins)) assert.ok(Math.abs(a.degrees - 120) < 1e-4);
  assert.ok(Math.abs(totalEnergy(model, gs.spins) - gs.energy) < 1e-14);
});

test('the same seed gives the same ground state', () => {
  const model = new SpinModel({ n: 3, pairs: [{ i: 0, j: 1, eta: exchangeTensor(0.3, [0.1, 0, 0.2]) }, { i: 1, j: 2, eta: exchangeTensor(-0.2, [0, 0.3, 0]) }] });
  const a = findGroundState(model, { seed: 11, starts: 4 }), b = findGroundState(model, { seed: 11, starts: 4 });
  assert.deepEqual(a.spins, b.spins);
});
