import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Rng,
  dilutePairModel,
  minimumImageDistance,
  randomImpurityPositions,
  randomSpinGlass,
  runMonteCarlo,
  spinConfigurationSvg,
  findGroundState,
  chainPositions,
} from '../../src/spins/index.js';

/** A stand-in RKKY pair function in 3D (J > 0 antiparallel): J(R) = J0 cos(2 kF R)/R³. */
const rkky3d = (R: number) => (0.5 * Math.cos(2 * 1.2 * R)) / R ** 3;

test('lattice placement: distinct sites on the grid; continuum placement: inside the box, minimum distance kept', () => {
  const pos = randomImpurityPositions({ count: 50, dim: 3, box: 6, placement: 'lattice' }, new Rng(1));
  const keys = new Set(pos.map((p) => p.join(',')));
  assert.equal(keys.size, 50);
  assert.ok(pos.every((p) => p.every((c) => Number.isInteger(c) && c >= 0 && c < 6)));
  const cont = randomImpurityPositions({ count: 40, dim: 2, box: 10, placement: 'continuum', minDistance: 0.8 }, new Rng(2));
  assert.ok(cont.every((p) => p[0] >= 0 && p[0] < 10 && p[1] >= 0 && p[1] < 10 && p[2] === 0));
  for (let i = 0; i < 40; i++) for (let j = i + 1; j < 40; j++) assert.ok(minimumImageDistance(cont[i], cont[j], 10, 2) >= 0.8);
  assert.throws(() => randomImpurityPositions({ count: 300, dim: 3, box: 6, placement: 'lattice' }, new Rng(1)), /do not fit/);
});

test('pairs use minimum-image distances within the cutoff and the given J(R)', () => {
  const model = dilutePairModel([[0.5, 0, 0], [9.5, 0, 0], [5, 0, 0]], { dim: 1, box: 10, cutoff: 3 }, (R) => R);
  assert.equal(model.pairCount, 1, 'only the pair across the boundary is within R = 3');
  assert.ok(Math.abs(model.pairTensor(0)[0][0] - 1) < 1e-12);
  assert.throws(() => dilutePairModel([[0, 0, 0], [1, 0, 0]], { dim: 1, box: 10, cutoff: 6 }, (R) => R), /cutoff/);
});

test('a small RKKY spin glass: parallel tempering with two replicas runs, is reproducible, and freezes at low T', () => {
  const opts = { count: 32, dim: 3 as const, box: 8, placement: 'continuum' as const, minDistance: 0.7 };
  const model = randomSpinGlass(opts, rkky3d, new Rng(3));
  const again = randomSpinGlass(opts, rkky3d, new Rng(3));
  assert.deepEqual(model.pairEta, again.pairEta);
  const temps = [0.005, 0.01, 0.02, 0.04, 0.08];
  const run = () => runMonteCarlo(model, { temperatures: temps, sweeps: 3000, tempering: true, replicas: 2, seed: 4 });
  const r = run();
  assert.deepEqual(r.points, run().points);
  const q2 = r.points.map((p) => p.overlap!.q2.value);
  assert.ok(q2[0] > q2[q2.length - 1], `overlap grows on cooling: ${q2.map((x) => x.toFixed(3)).join(' ')}`);
  assert.ok(q2[0] > 0.3, 'frozen replicas overlap at the lowest T');
  // The ground-state energy per spin is below the lowest-T Monte Carlo energy.
  const gs = findGroundState(model, { starts: 10, seed: 1 });
  assert.ok(gs.energy / model.n <= r.points[0].energy.value + 3 * r.points[0].energy.error);
});

test('the configuration picture has one arrow per in-plane spin and escapes the title', () => {
  const positions = new Float64Array(chainPositions(3).flat());
  const spins = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const svg = spinConfigurationSvg(positions, spins, { title: 'a < b' });
  assert.ok(svg.startsWith('<svg') && svg.trim().endsWith('</svg>'));
  assert.equal((svg.match(/<path /g) ?? []).length, 2, 'the out-of-plane spin is a ring, not an arrow');
  assert.ok(svg.includes('a &lt; b'));
  assert.ok(svg.includes('2: +z'));
  assert.throws(() => spinConfigurationSvg(positions, spins, { plane: 'xw' as 'xy' }), /plane/);
});
