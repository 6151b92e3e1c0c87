import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../src/model/load.js';
import { parseModel, type Model } from '../../src/model/model.js';
import { extractCouplings } from '../../src/rkky/couplings.js';
import { denseConfigurationEnergies } from '../../src/rkky/denseEngine.js';
import { exactConfigurationEnergies } from '../../src/rkky/exactEngine.js';
import { targetSweep, type Target } from '../../src/rkky/problem.js';
import { GreensSolver } from '../../src/solvers/greens.js';
import { buildHost } from '../../src/model/host.js';
import { prng } from '../rng.js';
import { randomHr, winText } from './files.js';

/** Dense diagonalization and the exact engine on all 36 configurations: 1e-9 in ΔF, 1e-8 of max|η|. */
async function compareEngines(model: Model, targets: Target[]) {
  const problem = targetSweep(model, targets);
  const [dense, exact] = await Promise.all([denseConfigurationEnergies(problem, { threads: 1 }), exactConfigurationEnergies(problem, { threads: 1, tolerance: 1e-12 })]);
  for (let s = 0; s < targets.length; s++) {
    const d = dense[s]!, e = exact[s]!;
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    const [md, me] = [mean(d), mean(e)];
    assert.ok(Math.abs(md - me) <= 1e-9 * Math.abs(md), `F0: exact ${me} vs dense ${md}`);
    const spread = Math.max(...d.map((x) => Math.abs(x - md)));
    assert.ok(spread > 0);
    for (let k = 0; k < 36; k++) assert.ok(Math.abs(e[k]! - me - (d[k]! - md)) <= 1e-9 * spread + 1e-13, `ΔF[${k}] target ${s}: exact ${e[k]! - me} vs dense ${d[k]! - md}`);
    const [cd, ce] = [extractCouplings(d), extractCouplings(e)];
    const scale = Math.max(...cd.eta.flat().map(Math.abs));
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) assert.ok(Math.abs(cd.eta[a]![b]! - ce.eta[a]![b]!) <= 1e-8 * scale, `eta[${a}][${b}] target ${s}`);
  }
}

const SAMPLE = new URL('../../../examples/wannier/silicon/', import.meta.url);
const SI_FILES = Object.fromEntries(['silicon_hr.dat', 'silicon.win', 'silicon_wsvec.dat'].map((f) => [f, readFileSync(new URL(f, SAMPLE), 'utf8')]));

test('exact = dense on small silicon supercells (open, periodic through k-space with the unfolded h(R)), with s-wave pairing and Zeeman', async () => {
  for (const [shape, periodic, targets] of [
    [[2, 1, 1], [false, false, false], [{ cell: [1, 0, 0], sublattice: 4 }, { cell: [0, 0, 0], sublattice: 5 }]],
    [[2, 2, 1], [true, true, true], [{ cell: [1, 1, 0], sublattice: 0 }]],
  ] as [number[], boolean[], Target[]][]) {
    const model = parseModel(
      {
        lattice: { wannier90: { hr: 'silicon_hr.dat', win: 'silicon.win', wsvec: 'silicon_wsvec.dat' }, shape, periodic },
        chemicalPotential: 6.9,
        zeeman: [0, 0.02, 0.01],
        pairing: { s: [0.05, 0.02] },
        temperature: 0.05,
        impurities: [{ site: [0, 0, 0], sublattice: '1', spin: [0, 0, 1], coupling: 1.5 }],
      },
      { files: SI_FILES },
    );
    if (periodic[0]) assert.equal(new GreensSolver(buildHost(model), [0]).method, 'kspace');
    await compareEngines(model, targets);
  }
});

test('exact = dense on random synthetic hr.dat files (complex H(R), no time reversal, ndegen weights) read through loadModel', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rkky-wannier-'));
  try {
    const u = prng(1234);
    for (const [seed, W, shape, periodic] of [
      [1, 2, [3, 2, 1], [false, false, false]],
      [2, 2, [3, 3, 1], [true, true, false]],
      [3, 3, [2, 2, 2], [true, false, true]],
    ] as [number, number, number[], boolean[]][]) {
      const { text } = randomHr(W, seed);
      writeFileSync(join(dir, `r${seed}_hr.dat`), text);
      const vectors = [[1 + 0.2 * u(), 0.1 * u(), 0], [0.3 * u(), 1, 0.1 * u()], [0, 0.2 * u(), 1.2]];
      writeFileSync(join(dir, `r${seed}.win`), winText(vectors));
      writeFileSync(
        join(dir, `r${seed}.json`),
        JSON.stringify({
          lattice: { wannier90: { hr: `r${seed}_hr.dat`, win: `r${seed}.win` }, shape, periodic },
          chemicalPotential: 0.3 * u(),
          pairing: { s: [0.1 * u(), 0.1 * u()] },
          temperature: 0.03,
          impurities: [{ site: [0, 0, 0], sublattice: '1', spin: [0, 0, 1], coupling: 1 + u() }],
        }),
      );
      const model = loadModel(join(dir, `r${seed}.json`));
      assert.equal(model.lattice.nodesPerCell, W);
      await compareEngines(model, [{ cell: [1, 1, 0], sublattice: W - 1 }, { cell: [2, 0, 0], sublattice: 0 }].filter((t) => t.cell.every((c, a) => c < shape[a]!)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the infinite host from a small torus: a 2×2×2 periodic sample with a 4³ k-mesh (h(R) unfolded, R = ±1 would fold on L = 2) = the 4×4×4 torus by dense diagonalization', async () => {
  const { text } = randomHr(2, 77);
  const files = { 'i_hr.dat': text, 'i.win': winText([[1, 0, 0], [0.2, 1, 0], [0, 0.1, 1]]) };
  const model = (L: number) =>
    parseModel(
      {
        lattice: { wannier90: { hr: 'i_hr.dat', win: 'i.win' }, shape: [L, L, L], periodic: [true, true, true] },
        chemicalPotential: 0.2,
        pairing: { s: 0.15 },
        temperature: 0.04,
        impurities: [{ site: [0, 0, 0], sublattice: '1', spin: [0, 0, 1], coupling: 1.2 }],
      },
      { files },
    );
  const targets: Target[] = [{ cell: [1, 0, 0], sublattice: 1 }, { cell: [1, 1, 1], sublattice: 0 }];
  const [dense, exact] = await Promise.all([
    denseConfigurationEnergies(targetSweep(model(4), targets), { threads: 1 }),
    exactConfigurationEnergies(targetSweep(model(2), targets), { threads: 1, tolerance: 1e-12, mesh: [4, 4, 4] }),
  ]);
  targets.forEach((_, s) => {
    const [cd, ce] = [extractCouplings(dense[s]!), extractCouplings(exact[s]!)];
    const scale = Math.max(...cd.eta.flat().map(Math.abs));
    assert.ok(scale > 1e-6);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) assert.ok(Math.abs(cd.eta[a]![b]! - ce.eta[a]![b]!) <= 1e-8 * scale, `eta[${a}][${b}] target ${s}: ${ce.eta[a]![b]} vs ${cd.eta[a]![b]}`);
  });
});
