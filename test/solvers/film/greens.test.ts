/**
 * The film solver against the sparse real-space solver (wrap bonds on the
 * periodic axes) on seeded random film and slab hosts: G0 on kept nodes and
 * ln|det(z − H0)| at several complex energies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../../src/model/model.js';
import { buildHost } from '../../../src/model/host.js';
import { planSchur, schurGreens } from '../../../src/solvers/sparse/schur.js';
import { FilmSolver, filmObstacle, planFilm } from '../../../src/solvers/film/index.js';
import { InputError } from '../../../src/errors.js';
import { prng } from '../../rng.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../../src/model/load.js';
import { randomHr, winText } from '../../wannier/files.js';

const D_VECTORS = ['e_z * p_x', '(e_x + je_y) * (p_x + jp_y) / 2', 'e_z * p_x + 0.5 * e_x * p_y'];

/** A random film: a cubic slab, a square strip (open a_1 or a_2), a honeycomb ribbon, or a long-range bond across two layers. */
export function randomFilm(seed: number): { input: Record<string, unknown>; label: string } {
  const u = prng(seed);
  const r = () => (u() + 1) / 2;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length) % xs.length]!;
  const kind = pick(['slab', 'strip', 'ribbon', 'farBond', 'wire'] as const);
  let lattice: Record<string, unknown>;
  const hoppings: unknown[] = [];
  if (kind === 'slab') lattice = { shape: [3 + Math.floor(3 * r()), 3 + Math.floor(2 * r()), 3 + Math.floor(3 * r())], periodic: [true, true, false] };
  else if (kind === 'wire') lattice = { shape: [3, 4, 5], periodic: [false, true, false] };
  else if (kind === 'strip') {
    const openFirst = r() < 0.5;
    lattice = { shape: [4 + Math.floor(3 * r()), 4 + Math.floor(3 * r())], periodic: openFirst ? [false, true] : [true, false] };
  } else if (kind === 'ribbon') lattice = { preset: 'honeycomb', shape: [4, 3 + Math.floor(3 * r())], periodic: [true, false] };
  else {
    lattice = { shape: [4, 7], periodic: [true, false] };
    hoppings.push({ shell: 1, t: 1 }, { from: 'A', to: 'A', cell: [1, 2], H: [[0.3 * u(), 0], [0, 0.3 * u()]] });
  }
  const pairing = pick(['none', 's', 'p', 's+p'] as const);
  const input: Record<string, unknown> = {
    lattice,
    hopping: 0.5 + r(),
    chemicalPotential: 4 * r() - 2,
    zeeman: r() < 0.5 ? [0.3 * u(), 0.3 * u(), 0.3 * u()] : [0, 0, 0],
    rashba: r() < 0.5 ? 0.4 * r() : 0,
    pairing: {
      s: pairing === 's' || pairing === 's+p' ? [0.4 * r(), 0.1 * u()] : 0,
      p: pairing === 'p' || pairing === 's+p' ? [0.3 * r(), 0.3 * u()] : 0,
      dVector: pick(D_VECTORS),
    },
    temperature: 0.01,
  };
  if (hoppings.length > 0) input.hoppings = hoppings;
  return { input, label: `seed ${seed}: ${kind} ${JSON.stringify((lattice as { shape: number[] }).shape)} ${pairing}` };
}

const ZS = [{ re: 0, im: 0.05 }, { re: 0, im: 1.3 }, { re: 0.4, im: -0.3 }];

test('film G0 and ln|det| = sparse real-space solver on 15 seeded random films, slabs, ribbons and wires', () => {
  const kinds = new Set<string>();
  for (let seed = 1; seed <= 15; seed++) {
    const { input, label } = randomFilm(seed);
    kinds.add(label.split(' ')[2]!);
    const host = buildHost(parseModel(input));
    assert.equal(filmObstacle(host), null, label);
    const u = prng(1000 + seed);
    const n = host.matrix.nSites;
    const kept = [...new Set(Array.from({ length: 5 }, () => Math.floor(((u() + 1) / 2) * n) % n))];
    const film = new FilmSolver(host, kept);
    const plan = planSchur(host.matrix, host.geometry, kept);
    for (const z of ZS) {
      const a = film.at(z), b = schurGreens(plan, host.matrix, z);
      assert.ok(Math.abs(a.logAbsDet - b.logAbsDet) <= 1e-10 * Math.max(1, Math.abs(b.logAbsDet)), `${label} z=${z.re}+${z.im}i: ln|det| ${a.logAbsDet} vs ${b.logAbsDet}`);
      let worst = 0, scale = 0;
      for (let e = 0; e < a.greens.length; e++) (worst = Math.max(worst, Math.abs(a.greens[e]! - b.greens[e]!))), (scale = Math.max(scale, Math.abs(b.greens[e]!)));
      assert.ok(worst <= 1e-11 * Math.max(1, scale), `${label} z=${z.re}+${z.im}i: |ΔG| = ${worst}`);
    }
  }
  assert.equal(kinds.size, 5, `every kind drawn: ${[...kinds].join(', ')}`);
});

test('film G0 with a supercurrent winding along the periodic a_1 = sparse solver', () => {
  const input = { lattice: { shape: [6, 5], periodic: [true, false] }, hopping: 1, chemicalPotential: -1, rashba: 0.2, pairing: { s: 0.3, winding: 1 }, temperature: 0.01 };
  const host = buildHost(parseModel(input));
  const kept = [0, 7, 13, 29];
  const film = new FilmSolver(host, kept);
  const plan = planSchur(host.matrix, host.geometry, kept);
  for (const z of ZS) {
    const a = film.at(z), b = schurGreens(plan, host.matrix, z);
    assert.ok(Math.abs(a.logAbsDet - b.logAbsDet) < 1e-10 * Math.abs(b.logAbsDet));
    for (let e = 0; e < a.greens.length; e++) assert.ok(Math.abs(a.greens[e]! - b.greens[e]!) < 1e-11, `entry ${e}`);
  }
});

test('layer groups follow the longest coupling along the stack axis', () => {
  const host = buildHost(parseModel(randomFilm(4).input));
  const far = buildHost(parseModel({ lattice: { shape: [4, 7], periodic: [true, false] }, hoppings: [{ shell: 1, t: 1 }, { from: 'A', to: 'A', cell: [0, 2], H: [[0.2, 0], [0, 0.2]] }] }));
  assert.equal(planFilm(far).groupLayers, 2);
  assert.ok(planFilm(host).groupLayers >= 1);
});

test('not a film: fully periodic, fully open, or impurities in the host', () => {
  const periodic = buildHost(parseModel({ lattice: { shape: [4, 4], periodic: [true, true] } }));
  assert.match(filmObstacle(periodic)!, /no open axis/);
  const open = buildHost(parseModel({ lattice: { shape: [4, 4] } }));
  assert.match(filmObstacle(open)!, /no periodic axis/);
  const model = parseModel({ lattice: { shape: [4, 5], periodic: [true, false] }, impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 1 }] });
  assert.throws(() => planFilm(buildHost(model, model.impurities)), (e: unknown) => e instanceof InputError && e.field === 'hamiltonian');
});

test('film G0 on Wannier90 slabs (multi-orbital cells, complex H(R), reach 2 along the open axis) = sparse solver', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rkky-film-'));
  try {
    for (const [seed, W, shape, periodic, reach] of [
      [5, 2, [4, 3, 5], [true, true, false], 1],
      [6, 3, [3, 6, 3], [true, false, true], 2],
    ] as [number, number, number[], boolean[], number][]) {
      writeFileSync(join(dir, `f${seed}_hr.dat`), randomHr(W, seed, reach).text);
      writeFileSync(join(dir, `f${seed}.win`), winText([[1, 0.1, 0], [0.2, 1, 0], [0, 0.1, 1.1]]));
      writeFileSync(join(dir, `f${seed}.json`), JSON.stringify({ lattice: { wannier90: { hr: `f${seed}_hr.dat`, win: `f${seed}.win` }, shape, periodic }, chemicalPotential: 0.2, pairing: { s: 0.15 }, temperature: 0.03 }));
      const host = buildHost(loadModel(join(dir, `f${seed}.json`)));
      const n = host.matrix.nSites;
      const kept = [0, 3, Math.floor(n / 2), n - 1];
      const film = new FilmSolver(host, kept);
      const plan = planSchur(host.matrix, host.geometry, kept);
      for (const z of ZS) {
        const a = film.at(z), b = schurGreens(plan, host.matrix, z);
        assert.ok(Math.abs(a.logAbsDet - b.logAbsDet) <= 1e-10 * Math.abs(b.logAbsDet), `seed ${seed}: ln|det|`);
        for (let e = 0; e < a.greens.length; e++) assert.ok(Math.abs(a.greens[e]! - b.greens[e]!) < 1e-11, `seed ${seed}: entry ${e}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('real hosts sum one k∥ of each pair ±k∥ (g_{−k} = g_kᵀ): same G0 as the sparse solver, kept nodes in different columns', () => {
  for (const shape of [[5, 4, 4], [6, 5, 3]]) {
    const host = buildHost(parseModel({ lattice: { shape, periodic: [true, true, false] }, hopping: 1, chemicalPotential: -1.3, pairing: { s: 0.3 }, hoppings: [{ shell: 1, t: 1 }, { shell: 2, t: 0.2 }] }));
    const plan = planFilm(host);
    assert.equal(plan.realSymmetric, true);
    const kept = [0, 5, 17, 33, host.matrix.nSites - 2];
    const film = new FilmSolver(plan, kept);
    const sparse = planSchur(host.matrix, host.geometry, kept);
    for (const z of ZS) {
      const a = film.at(z), b = schurGreens(sparse, host.matrix, z);
      assert.ok(Math.abs(a.logAbsDet - b.logAbsDet) <= 1e-10 * Math.abs(b.logAbsDet));
      for (let e = 0; e < a.greens.length; e++) assert.ok(Math.abs(a.greens[e]! - b.greens[e]!) < 1e-11, `${shape}: entry ${e}`);
    }
  }
  const complexHost = buildHost(parseModel({ lattice: { shape: [4, 4, 3], periodic: [true, true, false] }, rashba: 0.3, pairing: { s: 0.2 } }));
  assert.equal(planFilm(complexHost).realSymmetric, false);
});
