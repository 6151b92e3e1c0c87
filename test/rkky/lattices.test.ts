import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { targetSweep, type Target } from '../../src/rkky/problem.js';
import { denseConfigurationEnergies } from '../../src/rkky/denseEngine.js';
import { exactConfigurationEnergies } from '../../src/rkky/exactEngine.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { GreensSolver } from '../../src/solvers/greens.js';
import { prng } from '../rng.js';

/** Dense diagonalization and the exact engine on every configuration: 1e-9 in ΔF, 1e-8 of max|η|. */
async function compareEngines(input: object, targets: Target[]) {
  const model = parseModel(input);
  const problem = targetSweep(model, targets);
  const [dense, exact] = await Promise.all([denseConfigurationEnergies(problem, { threads: 1 }), exactConfigurationEnergies(problem, { threads: 1, tolerance: TOL })]);
  for (let s = 0; s < targets.length; s++) {
    const d = dense[s]!, e = exact[s]!;
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    const [md, me] = [mean(d), mean(e)];
    assert.ok(Math.abs(md - me) <= 1e-9 * Math.abs(md), `F0: exact ${me} vs dense ${md}`);
    const spread = Math.max(...d.map((x) => Math.abs(x - md)));
    for (let k = 0; k < 36; k++) assert.ok(Math.abs(e[k]! - me - (d[k]! - md)) <= 1e-9 * spread + 1e-13, `ΔF[${k}] target ${s}: exact ${e[k]! - me} vs dense ${d[k]! - md}`);
    const [cd, ce] = [extractCouplings(d), extractCouplings(e)];
    const scale = Math.max(...cd.eta.flat().map(Math.abs));
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) assert.ok(Math.abs(cd.eta[a]![b]! - ce.eta[a]![b]!) <= 1e-8 * scale, `eta[${a}][${b}] target ${s}`);
  }
  return problem;
}

/** Pole accuracy: the kagome flat band needs a little more than the default 1e-11 for 1e-9 in ΔF. */
const TOL = Number(process.env.TOL ?? 1e-12);
const u = prng(11);
const r = () => (u() + 1) / 2;
const c = (s: number) => [s * u(), s * u()];

/** A random host on a lattice: hopping, μ, Zeeman, Rashba, s + p pairing, random boundaries. */
const randomHost = (lattice: object, extra: object = {}) => ({
  lattice,
  hopping: 0.6 + r(),
  chemicalPotential: 2 * u(),
  zeeman: [0.2 * u(), 0.2 * u(), 0.2 * u()],
  rashba: 0.3 * r(),
  pairing: { s: c(0.3), p: c(0.2), dVector: 'e_z * p_x + 0.5 * e_x * p_y' },
  temperature: 0.01 + 0.05 * r(),
  ...extra,
});

const presets: [string, number[], Target[]][] = [
  ['honeycomb', [4, 4], [{ cell: [1, 1], sublattice: 1 }, { cell: [2, 1], sublattice: 0 }]],
  ['triangular', [5, 5], [{ cell: [2, 1], sublattice: 0 }, { cell: [1, 3], sublattice: 0 }]],
  ['kagome', [3, 3], [{ cell: [1, 1], sublattice: 1 }, { cell: [1, 2], sublattice: 2 }]],
  ['bcc', [3, 3, 3], [{ cell: [1, 1, 2], sublattice: 0 }, { cell: [2, 1, 1], sublattice: 0 }]],
  ['fcc', [3, 3, 3], [{ cell: [1, 2, 2], sublattice: 0 }]],
  ['chain', [14], [{ cell: [5], sublattice: 0 }]],
  ['square', [5, 5], [{ cell: [2, 3], sublattice: 0 }]],
];

for (const [preset, shape, targets] of presets)
  test(`exact = dense on a random ${preset} host (open and periodic)`, async () => {
    for (const periodic of [shape.map(() => false), shape.map(() => true)]) {
      const site = shape.map(() => 1);
      await compareEngines(randomHost({ preset, shape, periodic }, { impurities: [{ site, spin: [0, 0, 1], coupling: 1 + r() }] }), targets);
    }
  });

test('periodic presets take the k-space path, with fixed spins the real-space path', () => {
  for (const preset of ['honeycomb', 'kagome']) {
    const model = parseModel(randomHost({ preset, shape: [4, 4], periodic: [true, true] }));
    const problem = targetSweep({ ...model, impurities: [{ site: 0, nodes: [0], spin: [0, 0, 1], coupling: 1 }] }, [{ cell: [1, 1], sublattice: 1 }]);
    assert.equal(new GreensSolver(problem.host, [0, 1]).method, 'kspace');
    const fixed = targetSweep(
      { ...model, impurities: [0, 3, 9].map((site) => ({ site, nodes: model.lattice.siteNodes(site), spin: [0, 0, 1] as [number, number, number], coupling: 1 })) },
      [{ cell: [1, 1], sublattice: 1 }],
    );
    assert.equal(new GreensSolver(fixed.host, [0, 1]).method, 'sparse');
  }
});

/** A random complex n×m matrix as rows of [re, im]. */
const randomMatrix = (n: number, m: number, s: number) => Array.from({ length: n }, () => Array.from({ length: m }, () => c(s)));
/** A random Hermitian n×n matrix. */
function randomHermitian(n: number, s: number) {
  const M = randomMatrix(n, n, s);
  return M.map((row, a) => row.map((_, b) => (a === b ? [M[a]![a]![0]!, 0] : a < b ? M[a]![b]! : [M[b]![a]![0]!, -M[b]![a]![1]!])));
}

test('exact = dense on random general lattices: 1–3 orbitals, further shells, explicit complex hoppings, on-site matrices', async () => {
  for (let trial = 0; trial < 3; trial++) {
    const orbitals = [1 + trial, 1 + ((trial + 1) % 3)];
    const same = orbitals[0] === orbitals[1];
    const vectors = [[1, 0], [0.3 + 0.4 * r(), 0.9 + 0.3 * r()]];
    const basis = [
      { name: 'A', position: [0, 0], orbitals: orbitals[0] },
      { name: 'B', position: [0.5 + 0.1 * u(), 0.3 + 0.1 * u()], orbitals: orbitals[1] },
    ];
    const periodic = [trial === 1, trial !== 0];
    const input = {
      lattice: { vectors, basis, shape: [3, 3], periodic },
      hopping: same ? 0.8 : 0,
      rashba: 0,
      chemicalPotential: u(),
      zeeman: [0.1 * u(), 0, 0.2 * u()],
      hoppings: [
        ...(same ? [{ shell: 2, t: 0.3 * u() }] : []),
        { from: 'A', to: 'B', cell: [0, 0], H: randomMatrix(orbitals[0]!, orbitals[1]!, 0.7) },
        { from: 'B', to: 'A', cell: [1, 0], H: randomMatrix(2 * orbitals[1]!, 2 * orbitals[0]!, 0.5) },
        { from: 'A', to: 'A', cell: [0, 1], H: randomMatrix(orbitals[0]!, orbitals[0]!, 0.6) },
      ],
      onsite: [{ sublattice: 'B', H: randomHermitian(2 * orbitals[1]!, 0.4) }],
      pairing: { s: c(0.3) },
      temperature: 0.02 + 0.03 * r(),
      impurities: [
        { site: [1, 1], spin: [0, 0, 1], coupling: 1.5, ...(orbitals[0]! > 1 ? { orbitals: [0] } : {}) },
        { site: [0, 2], sublattice: 'B', spin: [1, 0, 0], coupling: 1 + r() },
        { site: [2, 0], sublattice: 'B', spin: [0, 1, 0], coupling: 0.7 },
      ],
    };
    await compareEngines(input, [{ cell: [2, 1], sublattice: 1 }, { cell: [1, 2], sublattice: 0 }]);
  }
});

test('exact (k-space path) = dense: supercurrent winding on periodic honeycomb and kagome hosts (basis sites off the a1 grid)', async () => {
  for (const preset of ['honeycomb', 'kagome']) {
    const input = randomHost({ preset, shape: [6, 3], periodic: [true, true] }, {
      rashba: 0,
      pairing: { s: 0.25, p: [0, 0.15], dVector: 'e_z * p_x', winding: 1 },
      impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 1.5 }],
    });
    const problem = await compareEngines(input, [{ cell: [2, 1], sublattice: 1 }, { cell: [4, 2], sublattice: 0 }]);
    assert.equal(new GreensSolver(problem.host, [0]).method, 'kspace');
  }
});
