/**
 * Selected inversion against one factorization of the same matrix, both measured in this run (issue 14):
 * the blocks of (z − H0)⁻¹ on H0's pattern at every node versus `schurGreens` with no kept sites
 * (ln|det| only), on an s+ip host with Rashba coupling: the selected inversion in its default real
 * Majorana form against the complex b = 4 elimination (the issue's ≤ 3× target) and against the
 * engine's own real Majorana elimination, and the complex selected inversion against the complex
 * elimination (like for like);
 * the clean s-wave 101×101 host's selected inversion against its factorization, both through the mirror
 * sectors and both without them; the clean 101×101 self-consistent solve (issue 14's < 60 s target) and one couplings --self-consistent
 * separation. CPU time next to wall time (the machine may be shared); the solver calls are each run once
 * untimed (JIT, WebAssembly memory growth) and timed as the fastest of two.
 */
import { parseModel } from '../src/model/model.js';
import { buildHost } from '../src/model/host.js';
import { planSchur, schurGreens } from '../src/solvers/sparse/schur.js';
import { selectedInverse } from '../src/solvers/sparse/selectedInverse.js';
import { selfConsistentGap } from '../src/solvers/maps.js';
import { selfConsistentCouplings } from '../src/rkky/selfConsistentRegion.js';

const SIZES = [41, 101];

function timed<T>(run: () => T): { wall: number; cpu: number; value: T } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = run();
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, value };
}

/**
 * `run` once untimed (JIT, WebAssembly memory growth), then the fastest of `repeats` timed runs by CPU
 * time: on a shared machine the minimum is the least disturbed measurement.
 */
function fastest<T>(run: () => T, repeats = 4): { wall: number; cpu: number; value: T } {
  run();
  let best = timed(run);
  for (let r = 1; r < repeats; r++) {
    const t = timed(run);
    if (t.cpu < best.cpu) best = t;
  }
  return best;
}

const host = (L: number) =>
  buildHost(parseModel({ lattice: { shape: [L, L] }, chemicalPotential: -0.5, temperature: 0.01, pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' }, rashba: 0.1 }));

export async function bench(): Promise<string[]> {
  const lines: string[] = [];
  for (const L of SIZES) {
    const h = host(L);
    const plan = planSchur(h.matrix, h.geometry, []);
    const z = { re: 0, im: 0.05 };
    const factor = fastest(() => schurGreens(plan, h.matrix, z, { method: 'complex' }));
    const real = fastest(() => schurGreens(plan, h.matrix, z, { method: 'majorana' }));
    const sel = fastest(() => selectedInverse(plan, h.matrix, z));
    const selComplex = fastest(() => selectedInverse(plan, h.matrix, z, { method: 'complex' }));
    lines.push(
      `${L}×${L}: selected inversion ${sel.wall.toFixed(2)} s wall / ${sel.cpu.toFixed(2)} s cpu (real Majorana form), one complex factorization ${factor.cpu.toFixed(2)} s cpu: ` +
        `${(sel.cpu / factor.cpu).toFixed(2)}× (target ≤ 3×); against the engine's real Majorana factorization (${real.cpu.toFixed(2)} s cpu) ${(sel.cpu / real.cpu).toFixed(2)}×; ` +
        `complex selected inversion ${selComplex.cpu.toFixed(2)} s cpu, ${(selComplex.cpu / factor.cpu).toFixed(2)}× the complex factorization`,
      `${L}×${L} like for like (each warmed once, fastest of 4 by cpu; target ≤ 3× each): real selected inversion / real factorization ${(sel.cpu / real.cpu).toFixed(2)}×, ` +
        `complex selected inversion / complex factorization ${(selComplex.cpu / factor.cpu).toFixed(2)}×`,
    );
  }
  // Clean s-wave host (two orbital sectors): what one self-consistency iteration factorizes, per pole.
  // Both through the plan's mirror sectors (like for like), and both with the reduction off.
  const Lc = 101;
  const c = buildHost(parseModel({ lattice: { shape: [Lc, Lc] }, chemicalPotential: -0.5, pairing: { s: 0.3 } }));
  const cz = { re: 0, im: 0.05 };
  const cp = planSchur(c.matrix, c.geometry, []);
  const auto = fastest(() => schurGreens(cp, c.matrix, cz), 6);
  const cs = fastest(() => selectedInverse(cp, c.matrix, cz), 6);
  const whole = planSchur(c.matrix, c.geometry, [], { symmetry: 'off' });
  const unreduced = fastest(() => schurGreens(whole, c.matrix, cz), 6);
  const csWhole = fastest(() => selectedInverse(whole, c.matrix, cz), 6);
  lines.push(
    `clean s-wave ${Lc}×${Lc} (${cp.stats.top}; one orbital sector, its particle–hole image free; fastest of 6 by cpu): ` +
      `selected inversion ${cs.cpu.toFixed(3)} s cpu, the engine's factorization ${auto.cpu.toFixed(3)} s cpu, both mirror-reduced: ${(cs.cpu / auto.cpu).toFixed(2)}× (like for like, target ≤ 3×); ` +
      `without the mirror reduction ${csWhole.cpu.toFixed(3)} s / ${unreduced.cpu.toFixed(3)} s cpu: ${(csWhole.cpu / unreduced.cpu).toFixed(2)}×; ` +
      `the mirrors speed the selected inversion up ${(csWhole.cpu / cs.cpu).toFixed(2)}×`,
  );
  // Clean self-consistent 101×101 host (target < 60 s wall on 2 cores): seeded from the padded
  // solution of a 25×25 host, staged pole tolerances, pole nodes on worker threads.
  const Ls = 101;
  const model = parseModel({ lattice: { shape: [Ls, Ls] }, chemicalPotential: -0.5, temperature: 0.01, pairing: { s: 0.3, attraction: 2 } });
  const t0 = performance.now(), c0 = process.cpuUsage();
  const sc = await selfConsistentGap(model, { impurities: false });
  const c1 = process.cpuUsage(c0);
  lines.push(
    `clean ${Ls}×${Ls} self-consistent (U = 2, μ = −0.5, T = 0.01, tolerance 1e-10): ${sc.iterations} iterations after the 25×25 seed, ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s wall / ${((c1.user + c1.system) / 1e6).toFixed(1)} s cpu (all threads; target < 60 s wall on 2 idle cores), converged ${sc.converged}`,
  );
  // couplings --self-consistent: one separation, region radius 2, on a 21×21 host.
  const pair = parseModel({ lattice: { shape: [21, 21] }, chemicalPotential: -0.5, temperature: 0.05, rashba: 0.2, pairing: { s: 0.3, attraction: 2 }, impurities: [{ site: [10, 10], spin: [0, 0, 1], coupling: 1 }] });
  const r0 = performance.now(), rc0 = process.cpuUsage();
  const rows = await selfConsistentCouplings(pair, { separations: [1] }, [2]);
  const rc = process.cpuUsage(rc0);
  lines.push(
    `couplings --self-consistent, 21×21 Rashba host, δ = 1, region R = 2 (${rows[0]!.regionNodes} nodes, 36 configurations): ` +
      `${((performance.now() - r0) / 1000).toFixed(1)} s wall / ${((rc.user + rc.system) / 1e6).toFixed(1)} s cpu, J_z ${rows[0]!.J[2].toExponential(4)} vs ${rows[0]!.fixedGap.J[2].toExponential(4)} at fixed Δ0`,
  );
  return lines;
}
