import { test } from 'node:test';
import assert from 'node:assert/strict';
import { broadenedDensity, densityOfStates, meshEnergies } from '../../src/bands/dos.js';
import { nearestNeighbourBlocks, TEST_LATTICES } from './tightBinding.js';

const grid = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const trapezoid = (x: number[], y: ArrayLike<number>) => x.slice(1).reduce((s, xi, i) => s + ((xi - x[i]!) * (y[i]! + y[i + 1]!)) / 2, 0);

test('∫ρ dE = number of bands per cell (Gaussian), for one- and three-site cells', () => {
  for (const [name, mesh] of [['square', [24, 24]], ['kagome', [18, 18]], ['bcc', [8, 8, 8]]] as const) {
    const blocks = nearestNeighbourBlocks(TEST_LATTICES[name]!);
    const E = grid(-10, 10, 4001);
    const rho = densityOfStates(blocks, { mesh, energies: E, width: 0.1, kernel: 'gaussian' });
    assert.ok(Math.abs(trapezoid(E, rho) - blocks.size) < 1e-9, `${name}: ${trapezoid(E, rho)} vs ${blocks.size}`);
  }
});

test('Lorentzian weight inside [−W, W] is b minus the analytic tail (2/π)·η/W per band (leading order)', () => {
  const blocks = nearestNeighbourBlocks(TEST_LATTICES.chain!);
  const W = 200, eta = 0.05;
  const E = grid(-W, W, 200001);
  const rho = densityOfStates(blocks, { mesh: [64], energies: E, width: eta, kernel: 'lorentzian' });
  const expected = blocks.size * (1 - (2 / Math.PI) * (eta / W));
  assert.ok(Math.abs(trapezoid(E, rho) - expected) < 1e-5, `${trapezoid(E, rho)} vs ${expected}`);
});

test('chain DOS equals 2/(π√(4t² − E²)) per cell (both spins) away from the band edges', () => {
  const blocks = nearestNeighbourBlocks(TEST_LATTICES.chain!);
  const eps = meshEnergies(blocks, [40000]);
  for (const E of [-1.2, 0, 0.5, 1.5]) {
    const [rho] = broadenedDensity(eps, blocks.size, { energies: [E], width: 0.01, kernel: 'gaussian' });
    const exact = 2 / (Math.PI * Math.sqrt(4 - E * E));
    assert.ok(Math.abs(rho! - exact) < 2e-3 * exact, `E = ${E}: ${rho} vs ${exact}`);
  }
});

test('graphene DOS near the Dirac point is the Dirac-cone law ρ = g_s g_v A_c |E|/(2π v²), particle–hole symmetric', () => {
  const blocks = nearestNeighbourBlocks(TEST_LATTICES.honeycomb!);
  const eps = meshEnergies(blocks, [360, 360]);
  const E = [-0.3, -0.15, 0.15, 0.3];
  const rho = broadenedDensity(eps, blocks.size, { energies: E, width: 0.02, kernel: 'gaussian' });
  // Two spins, two valleys, cell area A_c = 3√3/2, Dirac velocity v = 3t/2 (nearest-neighbour distance 1).
  const slope = (2 * 2 * (3 * Math.sqrt(3)) / 2) / (2 * Math.PI * 2.25);
  assert.ok(Math.abs(rho[0]! - rho[3]!) < 1e-9 && Math.abs(rho[1]! - rho[2]!) < 1e-9, 'particle–hole symmetric');
  for (const i of [2, 3]) assert.ok(Math.abs(rho[i]! / (slope * E[i]!) - 1) < 0.04, `E = ${E[i]}: ${rho[i]} vs ${slope * E[i]!}`);
});

test('bad mesh and broadening are InputErrors naming the option', () => {
  const blocks = nearestNeighbourBlocks(TEST_LATTICES.square!);
  assert.throws(() => densityOfStates(blocks, { mesh: [10], energies: [0], width: 0.1, kernel: 'gaussian' }), /--mesh: expected 2 sizes/);
  assert.throws(() => densityOfStates(blocks, { mesh: [10, 0], energies: [0], width: 0.1, kernel: 'gaussian' }), /--mesh: expected positive integers/);
  assert.throws(() => densityOfStates(blocks, { mesh: [4, 4], energies: [0], width: 0, kernel: 'gaussian' }), /--broadening/);
});
