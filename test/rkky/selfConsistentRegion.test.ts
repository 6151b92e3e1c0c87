import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { hostWithoutS } from '../../src/solvers/maps.js';
import { solveGap, withOnsiteGap } from '../../src/solvers/selfConsistent.js';
import { thermalDensityMatrix } from '../../src/solvers/densityMatrix.js';
import { poleExpansion } from '../../src/solvers/poles.js';
import { spectralBound } from '../../src/hamiltonian/bdg.js';
import { impurityBlock } from '../../src/rkky/impurity.js';
import { embedRegion, regionNodes, solveRegion } from '../../src/rkky/selfConsistentRegion.js';

const U = 2, T = 0.05;
const impurities = [
  { site: [1, 1], spin: [0, 0, 1], coupling: 2.5 },
  { site: [2, 3], spin: [0.6, 0, 0.8], coupling: 1.5 },
];
const model = (imps: typeof impurities) => parseModel({ lattice: { shape: [4, 5] }, chemicalPotential: -0.5, temperature: T, rashba: 0.2, pairing: { s: 0.3, attraction: U }, impurities: imps });

test('embedded region covering the lattice = the full self-consistent solution with the impurities (ΔF_sc and Δ), and = F(Ĥ0 + V) − F(Ĥ0) without self-consistency', async () => {
  const m = model(impurities);
  const clean = hostWithoutS(m, false);
  const n = clean.matrix.nSites;
  const guess = Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? 0 : 0.3));
  const sc0 = solveGap(clean, { attraction: U, temperature: T, guess, tolerance: 1e-12 });
  const host0 = { ...clean, matrix: withOnsiteGap(clean.matrix, sc0.gap) };
  const dirty = hostWithoutS(m, true);
  const sc1 = solveGap(dirty, { attraction: U, temperature: T, guess: sc0.gap, tolerance: 1e-12 });
  assert.ok(sc0.converged && sc1.converged);

  const nodes = regionNodes(m.lattice, [m.impurities[0]!.site], 100);
  assert.equal(nodes.length, n);
  const e = embedRegion(host0, sc0.gap, nodes, U, T, 5);
  const blocks = new Array<Float64Array | undefined>(n);
  for (const imp of m.impurities) blocks[imp.nodes[0]!] = impurityBlock(imp.coupling, imp.spin);
  const sol = await solveRegion(e, blocks, { tolerance: 1e-12 });
  assert.ok(sol.converged);
  assert.ok(Math.abs(sol.deltaF - (sc1.freeEnergy - sc0.freeEnergy)) < 1e-8, `${sol.deltaF} vs ${sc1.freeEnergy - sc0.freeEnergy}`);
  // Equal up to the global phase (a symmetry once the region is the whole lattice): compare Δ_i·Δ_0*/|Δ_0|.
  const fixPhase = (g: Float64Array) => {
    const [r0, i0] = [g[0]!, g[1]!], a = Math.hypot(r0, i0);
    return Array.from({ length: n }, (_, i) => [(g[2 * i]! * r0 + g[2 * i + 1]! * i0) / a, (g[2 * i + 1]! * r0 - g[2 * i]! * i0) / a]);
  };
  const [a, b] = [fixPhase(sol.gap), fixPhase(sc1.gap)];
  for (let i = 0; i < n; i++) assert.ok(Math.hypot(a[i]![0]! - b[i]![0]!, a[i]![1]! - b[i]![1]!) < 1e-8, `gap at node ${i}`);

  // Δ held at Δ0: ΔF = F(Ĥ0 + V) − F(Ĥ0) from two selected-inversion free energies.
  const fixed = await solveRegion(e, blocks, { selfConsistent: false });
  const dirty0 = { ...dirty, matrix: withOnsiteGap(dirty.matrix, sc0.gap) };
  const poles = poleExpansion({ temperature: T, bound: spectralBound(dirty0.matrix) + 1 });
  const dF = thermalDensityMatrix(dirty0, poles).freeEnergy - thermalDensityMatrix(host0, poles).freeEnergy;
  assert.ok(Math.abs(fixed.deltaF - dF) < 1e-8, `${fixed.deltaF} vs ${dF}`);
});

test('a smaller region converges towards the full solution as it grows', async () => {
  const m = model(impurities.slice(0, 1));
  const clean = hostWithoutS(m, false);
  const n = clean.matrix.nSites;
  const sc0 = solveGap(clean, { attraction: U, temperature: T, guess: Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? 0 : 0.3)), tolerance: 1e-12 });
  const host0 = { ...clean, matrix: withOnsiteGap(clean.matrix, sc0.gap) };
  const sc1 = solveGap(hostWithoutS(m, true), { attraction: U, temperature: T, guess: sc0.gap, tolerance: 1e-12 });
  const exact = sc1.freeEnergy - sc0.freeEnergy;
  const errors: number[] = [];
  for (const R of [0, 1, 2, 100]) {
    const nodes = regionNodes(m.lattice, [m.impurities[0]!.site], R);
    const e = embedRegion(host0, sc0.gap, nodes, U, T, 5);
    const blocks = nodes.map((i) => (i === m.impurities[0]!.nodes[0] ? impurityBlock(2.5, [0, 0, 1]) : undefined));
    errors.push(Math.abs((await solveRegion(e, blocks, { tolerance: 1e-12 })).deltaF - exact));
  }
  assert.ok(errors[3]! < 1e-8);
  assert.ok(errors[2]! < errors[0]!, `R = 2 (${errors[2]}) closer than R = 0 (${errors[0]})`);
});
