/**
 * A film infinite in-plane without a given mesh (`--infinite` on a film): the k∥ mesh doubles until
 * η changes by at most the tolerance. The result is the fixed-mesh run at the final mesh, the
 * reported change is the one between the last two meshes, and a film whose G0 does not decay
 * in-plane (a normal metal at T = 0) is reported as not converged.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConvergenceError } from '../../src/errors.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { prng } from '../rng.js';

const up = [0, 0, 1] as [number, number, number];

test('film limit: equals the fixed mesh at the final M, the M/2 → M change is below the tolerance, on seeded random superconducting ribbons', async () => {
  for (let seed = 2; seed <= 3; seed++) {
    const u = prng(40 + seed);
    const r = () => (u() + 1) / 2;
    const model = {
      lattice: { shape: [4, 3], periodic: [true, false] },
      chemicalPotential: 2 * r() - 1,
      rashba: seed === 2 ? 0.2 : 0,
      zeeman: seed === 3 ? ([0.05, 0, 0.1] as [number, number, number]) : undefined,
      pairing: { s: 0.5 + 0.2 * r() },
      temperature: 0.05,
      impurities: [{ site: [0, 1], spin: up, coupling: 0.5 + r() }],
    };
    const tol = 1e-6;
    const limit = await computeCouplings(model, { separations: [1, 2, 3], infinite: true, infiniteTolerance: tol, threads: 1 });
    assert.equal(limit.infinite?.method, 'doubling');
    assert.ok(limit.infinite!.estimatedRelativeError <= tol, `seed ${seed}: change ${limit.infinite!.estimatedRelativeError}`);
    const M = limit.infinite!.mesh!;
    const fixed = await computeCouplings(model, { separations: [1, 2, 3], mesh: [M, 3], film: 'on', threads: 1 });
    const half = await computeCouplings(model, { separations: [1, 2, 3], mesh: [M / 2, 3], film: 'on', threads: 1 });
    limit.rows.forEach((row, k) => {
      const scale = Math.max(...row.eta.flat().map(Math.abs));
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) {
          assert.ok(Math.abs(row.eta[a]![b]! - fixed.rows[k]!.eta[a]![b]!) <= 1e-12 * scale, `seed ${seed} δ=${k + 1}: η equals the M = ${M} mesh`);
          assert.ok(Math.abs(row.eta[a]![b]! - half.rows[k]!.eta[a]![b]!) <= row.etaError! + 1e-15, `seed ${seed} δ=${k + 1}: etaError is the M/2 → M change`);
        }
      assert.ok(row.etaError! <= tol * scale);
    });
  }
});

test('film limit: a normal ribbon at T = 0 does not converge within the mesh budget and says so', async () => {
  const model = {
    lattice: { shape: [4, 3], periodic: [true, false] },
    chemicalPotential: -0.5,
    temperature: 0,
    impurities: [{ site: [0, 0], spin: up, coupling: 1 }],
  };
  await assert.rejects(computeCouplings(model, { separations: [1], infinite: true, infiniteTolerance: 1e-9, maxFilmMesh: 64, threads: 1 }), (e: unknown) => e instanceof ConvergenceError && /did not converge/.test(e.message));
});
