/**
 * Dense and exact engines on seeded random small models with 3–4 impurities
 * (two swept spins plus fixed ones), on hosts with zero modes, and at T = 0
 * with strong exchange (issue 10, items 1–3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { separationSweep } from '../../src/rkky/problem.js';
import { exactSweep } from '../../src/rkky/exactEngine.js';
import { denseConfigurationEnergies } from '../../src/rkky/denseEngine.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { prng } from '../rng.js';
import { compareEngines } from './compareEngines.js';

/**
 * F0 tolerance at T = 0 on hosts with exact zero modes: each level closer to zero than
 * ZERO_MODE_RESOLUTION·X0 may err by ≈ 0.04·1e-6·X0 (tens of such levels here: ≲ 1e-7 of F0).
 */
const ZERO_MODE_F0 = 1e-7;

const D_VECTORS = ['e_z * p_x', '(e_x + je_y) * (p_x + jp_y) / 2', 'e_z * p_x + 0.5 * e_x * p_y'];

/** A random small model: 2D (5–7 × 4–6) or a chain (10–16), random host terms, two swept spins and 1–2 fixed ones. */
function randomModel(seed: number): { input: object; label: string } {
  const u = prng(seed);
  const r = () => (u() + 1) / 2;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length) % xs.length]!;
  const chain = r() < 0.25;
  const shape = chain ? [10 + Math.floor(7 * r())] : [5 + Math.floor(3 * r()), 4 + Math.floor(3 * r())];
  const periodic = shape.map(() => r() < 0.4);
  const site = (x: number) => (chain ? [x] : [x, Math.floor(r() * shape[1]!)]);
  const direction = () => {
    const v = [u(), u(), u()];
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const pairing = pick(['none', 's', 'p', 's+p'] as const);
  const temperature = pick([0, 0.01, 0.1]);
  const first = site(1);
  const fixed = Array.from({ length: 1 + Math.floor(2 * r()) }, () => ({ site: site(4 + Math.floor(r() * (shape[0]! - 4))), spin: direction(), coupling: 6 * r() - 3 }));
  const input = {
    lattice: { shape, periodic },
    hopping: 0.5 + r(),
    chemicalPotential: 4 * r() - 2,
    zeeman: r() < 0.5 ? [0.3 * u(), 0.3 * u(), 0.3 * u()] : [0, 0, 0],
    rashba: r() < 0.5 ? 0.4 * r() : 0,
    pairing: {
      s: pairing === 's' || pairing === 's+p' ? [0.4 * r(), 0.1 * u()] : 0,
      p: pairing === 'p' || pairing === 's+p' ? [0.3 * r(), 0.3 * u()] : 0,
      dVector: pick(D_VECTORS),
    },
    temperature,
    impurities: [{ site: first, spin: [0, 0, 1], coupling: 4 * r() - 2 }, { site: [...first], spin: [1, 0, 0], coupling: 1 + 2 * r() }, ...fixed],
  };
  return { input, label: `seed ${seed}: ${shape.join('×')} ${pairing} T=${temperature} (${fixed.length} fixed)` };
}

test('exact = dense on 12 seeded random models with 3–4 impurities (T ∈ {0, 0.01, 0.1})', async () => {
  const temperatures = new Set<number>();
  for (let seed = 1; seed <= 12; seed++) {
    const { input, label } = randomModel(seed);
    temperatures.add((input as { temperature: number }).temperature);
    await compareEngines(input, [1, 2], 'x', undefined, label);
  }
  assert.equal(temperatures.size, 3, 'every temperature drawn');
});

test('zero modes: flat band (t = 0, μ = 0) with fixed spins, at T = 0.01 and T = 0', async () => {
  for (const temperature of [0.01, 0]) {
    await compareEngines(
      {
        lattice: { shape: [6, 5] },
        hopping: 0,
        chemicalPotential: 0,
        pairing: { s: 0 },
        temperature,
        impurities: [{ site: [1, 2], spin: [0, 0, 1], coupling: 1 }, { site: [1, 2], spin: [0, 0, 1], coupling: 1 }, { site: [4, 4], spin: [1, 0, 0], coupling: 2 }],
        // A flat band couples nothing: add a weak custom bond so that η ≠ 0 at δ = 1.
        custom: [{ sites: [[1, 2], [2, 2]], H: [[-0.3, 0], [0, -0.3]] }, { sites: [[2, 2], [1, 2]], H: [[-0.3, 0], [0, -0.3]] }],
      },
      [1],
      'x',
      undefined,
      `flat band T=${temperature}`,
      // ≈ 110 exact zero levels on a host with X0 ≈ 2.3 and |F| ≈ 2: ≲ 3e-6 absolute.
      temperature === 0 ? 2e-6 : 1e-9,
    );
  }
});

test('zero modes: p-wave host at μ = 0 (7×7, Δ_p = 0.3, e_z p_x): the same couplings from both engines', async () => {
  for (const temperature of [0.01, 0])
    await compareEngines(
      {
        lattice: { shape: [7, 7] },
        chemicalPotential: 0,
        pairing: { p: 0.3, dVector: 'e_z * p_x' },
        temperature,
        impurities: [{ site: [2, 3], spin: [0, 0, 1], coupling: 1 }, { site: [2, 3], spin: [0, 0, 1], coupling: 1 }, { site: [5, 5], spin: [0, 1, 0], coupling: 2 }],
      },
      [1, 2],
      'x',
      undefined,
      `p-wave μ=0 T=${temperature}`,
      temperature === 0 ? ZERO_MODE_F0 : 1e-9,
    );
});

test('T = 0 with strong exchange J ∈ {1, 10, 100, 1000}: exact = dense (7×7, normal and s-wave)', async () => {
  for (const J of [1, 10, 100, 1000]) {
    // Dense diagonalization rounds F at ≈ 1e-16·J·dim (dim = 196): the comparison's floor.
    const floor = 2e-16 * J * 196;
    const impurities = [{ site: [2, 3], spin: [0, 0, 1], coupling: J }, { site: [2, 3], spin: [0, 0, 1], coupling: J }, { site: [5, 1], spin: [1, 0, 0], coupling: J }];
    await compareEngines({ lattice: { shape: [7, 7] }, chemicalPotential: -0.3, temperature: 0, impurities }, [1, 2], 'x', undefined, `normal J=${J}`, 1e-9, floor);
    await compareEngines({ lattice: { shape: [7, 7] }, chemicalPotential: -0.5, pairing: { s: 0.3 }, temperature: 0, impurities }, [1, 3], 'x', undefined, `s-wave J=${J}`, 1e-9, floor);
  }
});

test('T = 0 on a half-filled bipartite host (exact zero modes): ΔF within the documented zero-mode resolution', async () => {
  // Zero levels split by less than ZERO_MODE_RESOLUTION·X0 ≈ 5e-6 err by ≲ 0.04 of that each (T_eff = 1e-6·X gave ≈ 4e-6).
  const model = parseModel({
    lattice: { shape: [7, 7] },
    chemicalPotential: 0,
    temperature: 0,
    impurities: [{ site: [2, 3], spin: [0, 0, 1], coupling: 1 }, { site: [2, 3], spin: [0, 0, 1], coupling: 1 }, { site: [5, 1], spin: [1, 0, 0], coupling: 1 }],
  });
  const problem = separationSweep(model, [1, 2]);
  const [dense, exact] = await Promise.all([denseConfigurationEnergies(problem, { threads: 1 }), exactSweep(problem, { threads: 1 })]);
  dense.forEach((d, s) => {
    const e = exact.deltas[s]!;
    for (let k = 1; k < 36; k++) assert.ok(Math.abs(e[k]! - e[0]! - (d[k]! - d[0]!)) < 5e-7, `δ=${s + 1} ΔF[${k}]`);
    const [cd, ce] = [extractCouplings(d), extractCouplings(e)];
    cd.J.forEach((x, a) => assert.ok(Math.abs(x - ce.J[a]!) < 5e-7, `J[${a}] ${x} vs ${ce.J[a]}`));
  });
});

test('T = 1e-12 works and equals T = 0 within the tolerance', async () => {
  const input = (temperature: number) => ({
    lattice: { shape: [7, 7] },
    chemicalPotential: 0,
    pairing: { p: 0.3, dVector: 'e_z * p_x' },
    temperature,
    impurities: [{ site: [2, 3], spin: [0, 0, 1], coupling: 100 }, { site: [5, 5], spin: [1, 0, 0], coupling: 2 }],
  });
  const run = async (T: number) => {
    const { reference, deltas } = await exactSweep(separationSweep(parseModel(input(T)), [1, 2]), { threads: 1 });
    return { reference, couplings: deltas.map((d) => extractCouplings(d)) };
  };
  const [zero, tiny] = await Promise.all([run(0), run(1e-12)]);
  assert.ok(Math.abs(zero.reference - tiny.reference) <= 1e-12 * Math.abs(zero.reference) + 200 * 1e-12 * Math.LN2);
  zero.couplings.forEach((c, s) => {
    const scale = Math.max(...c.eta.flat().map(Math.abs));
    c.eta.flat().forEach((x, k) => assert.ok(Math.abs(x - tiny.couplings[s]!.eta.flat()[k]!) <= 1e-9 * scale));
  });
  await compareEngines(input(1e-12), [1, 2], 'x', undefined, 'T = 1e-12', ZERO_MODE_F0);
});
