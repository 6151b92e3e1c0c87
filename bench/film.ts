/**
 * Films (issue 16, item 2): `rkky couplings` on a 48×48×12 film (x, y
 * periodic, z open), s-wave μ = −2, Δ_s = 0.1, T = 0.001, δ = 1..5 along z,
 * through the film solver (one block-tridiagonal solve per pole node and k∥),
 * and the paper's s + ip_x host on the same film. Baseline in the same run:
 * the real-space sparse path (`--film off`) against the film path on a
 * 8×8×12 film, with the couplings compared. Peak memory is the process's
 * maximum RSS (worker threads included; in the full bench, of every benchmark run before). The machine may be loaded by other
 * jobs: read the ratios and the CPU time (all threads of the process), not the wall times.
 */
import { computeCouplings, type CouplingsOptions } from '../src/rkky/sweep.js';
import { parseModel } from '../src/model/model.js';

const S_WAVE = { chemicalPotential: -2, pairing: { s: 0.1 }, temperature: 0.001 };
const PAPER = { chemicalPotential: -3, pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' }, temperature: 0.001 };

function film(L: number, Lz: number, host: object) {
  return parseModel({ ...host, lattice: { shape: [L, L, Lz], periodic: [true, true, false] }, impurities: [{ site: [L / 2, L / 2, 3], spin: [0, 0, 1], coupling: 1 }] });
}

async function timed(model: ReturnType<typeof parseModel>, options: Partial<CouplingsOptions> = {}) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await computeCouplings(model, { separations: [1, 2, 3, 4, 5], direction: 'z', ...options });
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, result };
}

export async function bench(): Promise<string[]> {
  const lines: string[] = [];
  const small = film(8, 12, S_WAVE);
  const sparse = await timed(small, { film: 'off' });
  const onFilm = await timed(small, { film: 'on' });
  let worst = 0;
  sparse.result.rows.forEach((r, k) => r.eta.flat().forEach((x, e) => (worst = Math.max(worst, Math.abs(x - onFilm.result.rows[k]!.eta.flat()[e]!) / Math.max(...r.eta.flat().map(Math.abs))))));
  lines.push(`8×8×12 film, s-wave, δ = 1..5 along z: sparse (--film off) ${sparse.seconds.toFixed(2)} s (CPU ${sparse.cpu.toFixed(1)} s), film solver ${onFilm.seconds.toFixed(2)} s (CPU ${onFilm.cpu.toFixed(1)} s): ratio ${(sparse.seconds / onFilm.seconds).toFixed(1)}× wall, ${(sparse.cpu / onFilm.cpu).toFixed(1)}× CPU (max relative |Δη| ${worst.toExponential(1)})`);
  for (const [name, host] of [['s-wave μ = −2, Δ_s = 0.1', S_WAVE], ['paper host s + ip_x, μ = −3', PAPER]] as const) {
    const big = await timed(film(48, 12, host));
    lines.push(`48×48×12 film, ${name}, T = 0.001, δ = 1..5 along z: ${big.seconds.toFixed(2)} s wall, CPU ${big.cpu.toFixed(1)} s over all threads (film solver: ${big.result.film === true}; target < 5 s), J_z(δ=1) = ${big.result.rows[0]!.J[2].toExponential(4)}`);
  }
  lines.push(`peak memory (max RSS of this process, workers included; in a full \`npm run bench\` it includes every benchmark before this one: \`npm run bench films\` measures the films alone): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; machine shared with other jobs`);
  return lines;
}
