import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  grapheneSusceptibility,
  honeycombDisplacement,
  honeycombLatticeSusceptibility,
  squareLatticeSusceptibility,
  susceptibilityEnvelope,
  susceptibilityZeroT,
  valleyFactor,
} from '../../src/continuum/index.js';

test('square lattice near the band bottom = 2D continuum with m* = 1/(2t), within 3% of the envelope', () => {
  const t = 1;
  const eF = 0.04; // k_F a = 0.2
  const mass = 1 / (2 * t);
  const kF = Math.sqrt(2 * mass * eF);
  const sites: [number, number][] = [[5, 0], [8, 0], [12, 0], [17, 0], [25, 0], [35, 0], [50, 0], [7, 7], [20, 15]];
  const lat = squareLatticeSusceptibility(sites, { chemicalPotential: -4 * t + eF, hopping: t });
  sites.forEach(([x, y], i) => {
    const R = Math.hypot(x, y);
    const cont = mass * susceptibilityZeroT(2, kF, R);
    const env = mass * susceptibilityEnvelope(2, kF, R);
    assert.ok(Math.abs(lat[i]! - cont) < 0.03 * env, `R = ${R}: lattice ${lat[i]} vs continuum ${cont}`);
  });
});

test('undoped graphene, Dirac theory vs honeycomb tight binding: deviations shrink like a/R', () => {
  // same sublattice, armchair (valley factor 4): < 0.5% at R = 30, < 0.2% at R = 60
  const same = honeycombLatticeSusceptibility([[10, 10], [20, 20]], 'same', { chemicalPotential: 0 });
  [[10, 10], [20, 20]].forEach((c, i) => {
    const cont = grapheneSusceptibility(honeycombDisplacement(c as [number, number], 'same'), 'same');
    assert.ok(cont > 0 && same[i]! > 0, 'A–A ferromagnetic (χ > 0, J < 0)');
    assert.ok(Math.abs(cont / same[i]! - 1) < [0.005, 0.002][i]!);
  });
  // opposite sublattice, armchair: relative deviation ≈ 2.5 a/R (antiferromagnetic, 3× larger than A–A)
  const cells: [number, number][] = [[13, 13], [20, 20], [33, 33]];
  const opp = honeycombLatticeSusceptibility(cells, 'opposite', { chemicalPotential: 0 });
  cells.forEach((c, i) => {
    const R = honeycombDisplacement(c, 'opposite');
    const cont = grapheneSusceptibility(R, 'opposite');
    assert.ok(cont < 0 && opp[i]! < 0);
    const rel = Math.abs(cont / opp[i]! - 1);
    assert.ok(rel < 3 / Math.hypot(...R), `R = ${Math.hypot(...R)}: ${rel}`);
  });
  // zigzag, same sublattice: the (1 + cos((K − K')·R)) pattern (factor 4, 1, 1, 4, …) is reproduced
  const zz: [number, number][] = [[21, -21], [22, -22], [23, -23], [24, -24]];
  const latZ = honeycombLatticeSusceptibility(zz, 'same', { chemicalPotential: 0 });
  zz.forEach((c, i) => {
    const R = honeycombDisplacement(c, 'same');
    const big = grapheneSusceptibility(R, 'same') * (4 / valleyFactor(R, 'same'));
    assert.ok(Math.abs(grapheneSusceptibility(R, 'same') - latZ[i]!) < (6 / Math.hypot(...R)) * big, `zigzag ${c}`);
  });
});

test('doped graphene (μ = 0.2t): Dirac theory within 25% of the local amplitude for R ≤ 60', () => {
  const cells: [number, number][] = [[5, 5], [10, 10], [20, 20]];
  const lat = honeycombLatticeSusceptibility(cells, 'same', { chemicalPotential: 0.2 });
  cells.forEach((c, i) => {
    const R = honeycombDisplacement(c, 'same');
    const d = Math.hypot(...R);
    // local amplitude of the doped A–A coupling: A_c²·4/(8π v R³) · k_F R/(2π)
    const amp = ((((3 * Math.sqrt(3)) / 2) ** 2 * 4) / (8 * Math.PI * 1.5 * d ** 3)) * Math.max(1 / 16, (0.2 / 1.5) * d / (2 * Math.PI));
    assert.ok(Math.abs(grapheneSusceptibility(R, 'same', { chemicalPotential: 0.2 }) - lat[i]!) < 0.25 * amp, `R = ${d}`);
  });
});
