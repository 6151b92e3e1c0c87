/**
 * The film engine (exact engine + film solver) against the real-space exact
 * engine (sparse solver with wrap bonds) and dense diagonalization, on seeded
 * random films; the dispatch rule and `--infinite M` on a film.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { separationSweep, type Axis } from '../../src/rkky/problem.js';
import { exactSweep } from '../../src/rkky/exactEngine.js';
import { denseConfigurationEnergies } from '../../src/rkky/denseEngine.js';
import { filmCost, filmSweep, useFilm } from '../../src/rkky/filmEngine.js';
import { computeCouplings } from '../../src/rkky/sweep.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { InputError } from '../../src/errors.js';
import { buildHost } from '../../src/model/host.js';
import { prng } from '../rng.js';

/** A random small film with two impurities: cubic slab periodic in x, y or a square strip, random host terms and T. */
function randomFilmModel(seed: number): { input: Record<string, unknown>; direction: Axis; label: string } {
  const u = prng(seed);
  const r = () => (u() + 1) / 2;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length) % xs.length]!;
  const slab = r() < 0.6;
  const shape = slab ? [4, 2 + Math.floor(2 * r()), 4] : [5 + Math.floor(2 * r()), 5];
  const periodic = slab ? [true, true, false] : [true, false];
  const direction: Axis = slab ? pick(['x', 'z'] as const) : pick(['x', 'y'] as const);
  const site = slab ? [1, 1, 0] : [1, 0];
  const pairing = pick(['none', 's', 'p', 's+p'] as const);
  const input = {
    lattice: { shape, periodic },
    hopping: 0.5 + r(),
    chemicalPotential: 4 * r() - 2,
    zeeman: r() < 0.5 ? [0.3 * u(), 0.3 * u(), 0.3 * u()] : [0, 0, 0],
    rashba: r() < 0.5 ? 0.4 * r() : 0,
    pairing: { s: pairing === 's' || pairing === 's+p' ? [0.4 * r(), 0.1 * u()] : 0, p: pairing === 'p' || pairing === 's+p' ? [0.3 * r(), 0.3 * u()] : 0, dVector: 'e_z * p_x + 0.5 * e_x * p_y' },
    temperature: pick([0, 0.01, 0.1]),
    impurities: [{ site, spin: [0, 0, 1], coupling: 4 * r() - 2 }, { site, spin: [1, 0, 0], coupling: 1 + 2 * r() }],
  };
  return { input, direction, label: `seed ${seed}: ${shape.join('×')} ${pairing} T=${input.temperature} along ${direction}` };
}

test('film engine = real-space exact engine = dense on 6 seeded random films (ΔF to 1e-9, F0 to 1e-10)', async () => {
  for (let seed = 1; seed <= 6; seed++) {
    const { input, direction, label } = randomFilmModel(seed);
    const problem = separationSweep(parseModel(input), [1, 2], direction);
    const [film, sparse, dense] = await Promise.all([
      filmSweep(problem, { serial: true }),
      exactSweep(problem, { greens: serialGreens }),
      denseConfigurationEnergies(problem, { threads: 1 }),
    ]);
    assert.ok(Math.abs(film.reference - sparse.reference) <= 1e-10 * Math.abs(sparse.reference), `${label} F0 ${film.reference} vs ${sparse.reference}`);
    for (let s = 0; s < 2; s++) {
      const d = dense[s]!, dm = d.reduce((a, b) => a + b, 0) / 36;
      const fm = film.deltas[s]!.reduce((a, b) => a + b, 0) / 36;
      assert.ok(Math.abs(film.reference + fm - dm) <= 1e-9 * Math.abs(dm), `${label} F0 vs dense`);
      for (let c = 0; c < 36; c++) {
        assert.ok(Math.abs(film.deltas[s]![c]! - sparse.deltas[s]![c]!) <= 1e-9 * Math.max(1e-3, Math.abs(sparse.deltas[s]![c]!)), `${label} ΔF[${s}][${c}] film vs sparse`);
        assert.ok(Math.abs(film.deltas[s]![c]! - fm - (d[c]! - dm)) <= 1e-9, `${label} ΔF[${s}][${c}] film vs dense`);
      }
    }
  }
});

test('dispatch: auto takes the film solver on a thin film, real space where the column is long and narrow, on/off force it', async () => {
  const film = parseModel({ lattice: { shape: [8, 8, 6], periodic: [true, true, false] }, impurities: [{ site: [1, 1, 1], spin: [0, 0, 1], coupling: 1 }] });
  const host = buildHost(film);
  assert.equal(useFilm(film, host), true);
  const c = filmCost(host);
  assert.ok(c.film < c.sparse);
  const column = parseModel({ lattice: { shape: [3, 3, 120], periodic: [true, true, false] } });
  assert.equal(useFilm(column, buildHost(column)), false);
  assert.equal(useFilm(column, buildHost(column), 'on'), true);
  assert.equal(useFilm(film, host, 'off'), false);
  const open = parseModel({ lattice: { shape: [8, 8] } });
  assert.throws(() => useFilm(open, buildHost(open), 'on'), (e: unknown) => e instanceof InputError && e.field === '--film');
  const input = parseModel({ lattice: { shape: [5, 5, 4], periodic: [true, true, false] }, chemicalPotential: -1, pairing: { s: 0.3 }, temperature: 0.05, impurities: [{ site: [1, 1, 0], spin: [0, 0, 1], coupling: 1 }] });
  const [on, off] = await Promise.all([
    computeCouplings(input, { separations: [1, 2], direction: 'z', threads: 1 }),
    computeCouplings(input, { separations: [1, 2], direction: 'z', threads: 1, film: 'off' }),
  ]);
  assert.equal(on.film, true);
  assert.equal(off.film, undefined);
  for (let k = 0; k < 2; k++) for (let a = 0; a < 3; a++) assert.ok(Math.abs(on.rows[k]!.J[a] - off.rows[k]!.J[a]) <= 1e-9 * Math.abs(off.rows[k]!.J[a]) + 1e-14);
});

test('--infinite M on a film: an in-plane k∥ mesh, error against M/2; at M = the lattice it is the finite film', async () => {
  const spec = { chemicalPotential: -1, pairing: { s: 0.5 }, temperature: 0.2, impurities: [{ site: [0, 0, 0], spin: [0, 0, 1] as [number, number, number], coupling: 1 }] };
  const input = parseModel({ ...spec, lattice: { shape: [6, 6, 4], periodic: [true, true, false] } });
  const inf = await computeCouplings(input, { separations: [1, 3], direction: 'z', mesh: [40, 40, 4], threads: 1 });
  assert.equal(inf.film, true);
  assert.equal(inf.infinite?.method, 'mesh');
  assert.ok(inf.infinite!.estimatedRelativeError < 1e-3, `error ${inf.infinite!.estimatedRelativeError}`);
  // The finite film of 40×40 in-plane cells is the same torus.
  const big = await computeCouplings(parseModel({ ...spec, lattice: { shape: [40, 40, 4], periodic: [true, true, false] } }), { separations: [1, 3], direction: 'z', threads: 1 });
  for (let k = 0; k < 2; k++) assert.ok(Math.abs(inf.rows[k]!.J[2] - big.rows[k]!.J[2]) <= 1e-9 * Math.abs(big.rows[k]!.J[2]));
});
