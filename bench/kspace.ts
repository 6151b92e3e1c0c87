/**
 * Benchmark of the k-space host Green's function (src/solvers/kspace): seconds
 * per energy z = i·0.00314 for the paper's host (DESIGN.md §1: μ = −3, t = 1,
 * Δ_s = 0.1, Δ_p = 0.1i, d = e_z p_x) made periodic, kept sites = the 21 sites
 * (50 + δ, 50), δ = 0..20, on
 *   - the 101×101 torus on its own mesh (non-power-of-two: Bluestein lines),
 *   - the 101×101 host's amplitudes on a 128×128 mesh,
 *   - a 512×512 mesh (the infinite-host limit).
 * Two paths are timed: `kspaceGreens` (kept sites only, pruned transform) and
 * `kspaceGreensTable` (G(R) for every R: a full FFT per coupled entry).
 * Baseline measured in the same run on the same mesh: one generic 4×4
 * Gauss–Jordan inverse of z − H(k) per k point and nothing else (no sector
 * split, no FFT), so the ratios show the whole per-z cost against the naive
 * per-k algebra.
 */

import { parseModel } from '../src/model/model.js';
import { hostHamiltonian } from '../src/model/hamiltonian.js';
import { kspaceGreens, kspaceGreensTable, planKSpace, type KSpacePlan } from '../src/solvers/kspace/index.js';
import { invertN } from '../src/math/denseComplex.js';
import { KSpacePlanImpl } from '../src/solvers/kspace/plan.js';

const Z = { re: 0, im: 0.00314 };

function seconds(run: () => void, minSeconds = 0.5): number {
  run();
  let reps = 0;
  const t0 = performance.now();
  do {
    run();
    reps++;
  } while (performance.now() - t0 < 1000 * minSeconds);
  return (performance.now() - t0) / 1000 / reps;
}

/** One 4×4 inverse of z − H(k) per k point: the per-k floor of any k-space method. */
function inversesOnly(plan: KSpacePlan): void {
  const { hk, kPoints } = plan as KSpacePlanImpl;
  const work = new Float64Array(32), inverse = new Float64Array(32);
  for (let k = 0; k < kPoints; k++) {
    for (let e = 0; e < 32; e++) work[e] = -hk[32 * k + e]!;
    for (let d = 0; d < 32; d += 10) {
      work[d] += Z.re;
      work[d + 1] += Z.im;
    }
    invertN(work, inverse, 4);
  }
}

export async function bench(): Promise<string[]> {
  const model = parseModel({
    lattice: { shape: [101, 101], periodic: [true, true] },
    chemicalPotential: -3,
    pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' },
  });
  const h = hostHamiltonian(model);
  const kept = Array.from({ length: 21 }, (_, d) => h.lattice.index([50 + d, 50]));
  const lines: string[] = [];
  for (const [label, meshShape] of [
    ['101×101 torus, own mesh', undefined],
    ['101×101 host, 128×128 mesh', [128, 128]],
    ['512×512 mesh (infinite host)', [512, 512]],
  ] as const) {
    const t0 = performance.now();
    const plan = planKSpace(h, { meshShape: meshShape ? [...meshShape] : undefined });
    const planSeconds = (performance.now() - t0) / 1000;
    const perZ = seconds(() => kspaceGreens(plan, kept, Z));
    const fullTable = seconds(() => kspaceGreensTable(plan, Z));
    const baseline = seconds(() => inversesOnly(plan));
    lines.push(
      `kspace ${label} (plan ${planSeconds.toFixed(2)} s): 21 kept sites ${perZ.toFixed(4)} s per z (${(perZ / baseline).toFixed(2)}× baseline), ` +
        `all R (${plan.coupledEntries.length} full FFTs) ${fullTable.toFixed(4)} s per z (${(fullTable / baseline).toFixed(2)}×); ` +
        `baseline 4×4 inverse per k ${baseline.toFixed(4)} s`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await bench()) console.log(line);
