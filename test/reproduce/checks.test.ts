/**
 * The paper's stated facts (arXiv:2407.07144) checked at a reduced size:
 * 21×21 (Fig. 3(b): 15×15), T = 0.001. The paper-size-only checks are skipped
 * here; `rkky reproduce all --check` runs them at full size (docs/reproduction.md).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS, runChecks, type CheckResult } from '../../src/reproduce/checks.js';
import { ReproRun } from '../../src/reproduce/runner.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { grid, type ReproSetup } from '../../src/reproduce/setup.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

export const TEST_SETUP: ReproSetup = {
  name: 'test',
  size: 21,
  separations: range(1, 9),
  gaps: [0, 0.1, 0.2],
  gapSeparation: 1,
  windingSeparations: range(1, 6),
  muSize: 15,
  chemicalPotentials: grid(-5, 5, 0.5),
  muSeparations: [1, 2],
  temperature: 0.001,
};

let results: CheckResult[];
let run: ReproRun;
before(async () => {
  // Tiny lattices: the serial solver beats starting worker threads for each of the 36 models.
  run = new ReproRun(TEST_SETUP, { greens: serialGreens });
  results = await runChecks(run);
});

for (const check of CHECKS) {
  test(`${check.figure} ${check.id}: ${check.statement}`, () => {
    const r = results.find((x) => x.id === check.id)!;
    if (check.paperSizeOnly) assert.ok(r.skipped, 'a paper-size statement is skipped on a reduced lattice');
    else assert.ok(r.passed && !r.skipped, r.measured);
  });
}

test('checks share sweeps: every model is computed once', () => {
  // base, y, real Δ_p; 9 gap points; 3 windings; 21 chemical potentials
  assert.equal(run.calls, 3 + 9 + 3 + 21);
});
