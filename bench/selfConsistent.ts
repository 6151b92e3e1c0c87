/**
 * Selected inversion against one factorization of the same matrix (issue 14): the blocks of
 * (z − H0)⁻¹ on H0's pattern at every node versus `schurGreens` with no kept sites (ln|det| only,
 * the complex b = 4 elimination that the selected inversion also uses), on the clean paper-like host;
 * and one clean self-consistent solve. CPU time next to wall time (the machine may be shared).
 */
import { parseModel } from '../src/model/model.js';
import { buildHost } from '../src/model/host.js';
import { planSchur, schurGreens } from '../src/solvers/sparse/schur.js';
import { selectedInverse } from '../src/solvers/sparse/selectedInverse.js';
import { solveGap } from '../src/solvers/selfConsistent.js';

const SIZES = [41, 101];

function timed<T>(run: () => T): { wall: number; cpu: number; value: T } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = run();
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, value };
}

const host = (L: number) =>
  buildHost(parseModel({ lattice: { shape: [L, L] }, chemicalPotential: -0.5, temperature: 0.01, pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' }, rashba: 0.1 }));

export async function bench(): Promise<string[]> {
  const lines: string[] = [];
  for (const L of SIZES) {
    const h = host(L);
    const plan = planSchur(h.matrix, h.geometry, []);
    const z = { re: 0, im: 0.05 };
    const factor = timed(() => schurGreens(plan, h.matrix, z, { method: 'complex' }));
    const sel = timed(() => selectedInverse(plan, h.matrix, z));
    lines.push(
      `${L}×${L}: selected inversion ${sel.wall.toFixed(2)} s wall / ${sel.cpu.toFixed(2)} s cpu, one complex factorization ${factor.cpu.toFixed(2)} s cpu: ` +
        `${(sel.cpu / factor.cpu).toFixed(2)}× (target ≤ 3×)`,
    );
  }
  // Clean s-wave host (two orbital sectors): what one self-consistency iteration factorizes, per pole.
  const Lc = 101;
  const c = buildHost(parseModel({ lattice: { shape: [Lc, Lc] }, chemicalPotential: -0.5, pairing: { s: 0.3 } }));
  const cp = planSchur(c.matrix, c.geometry, []);
  const auto = timed(() => schurGreens(cp, c.matrix, { re: 0, im: 0.05 }));
  const cs = timed(() => selectedInverse(cp, c.matrix, { re: 0, im: 0.05 }));
  lines.push(
    `clean s-wave ${Lc}×${Lc}: selected inversion (two sectors) ${cs.cpu.toFixed(2)} s cpu; the engine's cheapest factorization (sector image) ${auto.cpu.toFixed(2)} s cpu: ${(cs.cpu / auto.cpu).toFixed(2)}×`,
  );
  const L = 21;
  const clean = buildHost(parseModel({ lattice: { shape: [L, L] }, chemicalPotential: -0.5 }));
  const sc = timed(() => solveGap(clean, { attraction: 2, temperature: 0.02, guess: new Float64Array(2 * L * L).map((_, k) => (k % 2 ? 0 : 0.3)) }));
  lines.push(`clean ${L}×${L} self-consistent (U = 2, T = 0.02): ${sc.value.iterations} iterations, ${sc.wall.toFixed(1)} s wall / ${sc.cpu.toFixed(1)} s cpu (converged ${sc.value.converged})`);
  return lines;
}
