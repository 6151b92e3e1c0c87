/**
 * Long physics check (minutes, not part of `npm test`): the critical temperature of the classical
 * simple-cubic Heisenberg ferromagnet E = −J Σ_⟨ij⟩ S_i·S_j from the crossing of Binder cumulants
 * U_L(T) = 1 − ⟨m⁴⟩/(3⟨m²⟩²) for L = 8, 12, 16 (periodic), by Metropolis + over-relaxation with
 * parallel tempering. Literature: T_c/J = 1.4430 (Chen, Ferrenberg & Landau, PRB 48, 3249 (1993):
 * K_c = 0.693035(37); Holm & Janke, PRB 48, 936 (1993)). PASS when the L = 12/16 crossing is
 * within 1 % of it.
 *
 * Run: npx tsc -p tsconfig.json && node dist/scripts/long/mc-heisenberg-tc.js [--quick]
 * Sizes run in worker threads, two at a time (one per core).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { binderCrossing, cubicHeisenberg, runMonteCarlo } from '../../src/spins/index.js';

const LITERATURE_TC = 1.443;
const TEMPERATURES = [1.4, 1.415, 1.43, 1.445, 1.46, 1.475, 1.49];

interface Job {
  L: number;
  sweeps: number;
}
interface SizeResult {
  L: number;
  binder: number[];
  binderError: number[];
  swap: number[];
  seconds: number;
}

function runSize({ L, sweeps }: Job): SizeResult {
  const model = cubicHeisenberg([L, L, L], -1);
  const r = runMonteCarlo(model, {
    temperatures: TEMPERATURES,
    sweeps,
    thermalization: Math.floor(sweeps / 5),
    tempering: true,
    overrelaxation: 2,
    bins: 25,
    seed: 1000 + L,
  });
  return {
    L,
    binder: r.points.map((p) => p.binder.value),
    binderError: r.points.map((p) => p.binder.error),
    swap: r.points.slice(0, -1).map((p) => p.swapAcceptance ?? 0),
    seconds: r.seconds,
  };
}

function inWorker(job: Job): Promise<SizeResult> {
  return new Promise((resolveJob, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job });
    w.once('message', resolveJob);
    w.once('error', reject);
  });
}

/** Crossing and its error from the Binder errors at the bracketing temperatures (linear propagation). */
function crossing(a: SizeResult, b: SizeResult): { t: number | null; error: number } {
  const t = binderCrossing(TEMPERATURES, a.binder, b.binder);
  if (t === null) return { t, error: NaN };
  const k = Math.max(0, TEMPERATURES.findIndex((T, i) => i + 1 < TEMPERATURES.length && T <= t && t <= TEMPERATURES[i + 1]));
  const dT = TEMPERATURES[k + 1] - TEMPERATURES[k];
  const slope = (a.binder[k + 1] - b.binder[k + 1] - (a.binder[k] - b.binder[k])) / dT;
  const du = Math.hypot(a.binderError[k], b.binderError[k], a.binderError[k + 1], b.binderError[k + 1]) / Math.SQRT2;
  return { t, error: Math.abs(du / slope) };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const scale = quick ? 0.1 : 1;
  const jobs: Job[] = [
    { L: 16, sweeps: Math.round(24000 * scale) },
    { L: 12, sweeps: Math.round(30000 * scale) },
    { L: 8, sweeps: Math.round(40000 * scale) },
  ];
  const started = performance.now();
  const results: SizeResult[] = [];
  // Two workers at a time: the largest size on one core, the two smaller ones in turn on the other.
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results.push(await inWorker(job));
  };
  await Promise.all([lane(), lane()]);
  results.sort((a, b) => a.L - b.L);

  console.log(`Binder cumulant U_L(T), simple-cubic Heisenberg ferromagnet (J = 1), parallel tempering${quick ? ' (quick run)' : ''}`);
  console.log(`${'T'.padStart(7)} ${results.map((r) => `U_${r.L}`.padStart(18)).join(' ')}`);
  TEMPERATURES.forEach((T, k) => console.log(`${T.toFixed(3).padStart(7)} ${results.map((r) => `${r.binder[k].toFixed(4)}±${r.binderError[k].toFixed(4)}`.padStart(18)).join(' ')}`));
  for (const r of results)
    console.log(`L = ${r.L}: ${jobs.find((j) => j.L === r.L)!.sweeps} sweeps, ${r.seconds.toFixed(0)} s, swap acceptance ${r.swap.map((s) => s.toFixed(2)).join(' ')}`);
  const [r8, r12, r16] = results;
  for (const [a, b] of [[r8, r12], [r8, r16], [r12, r16]]) {
    const c = crossing(a, b);
    console.log(`crossing U_${a.L} = U_${b.L}: ${c.t === null ? 'none on the grid' : `T = ${c.t.toFixed(4)} ± ${c.error.toFixed(4)}`}`);
  }
  const best = crossing(r12, r16);
  const seconds = (performance.now() - started) / 1000;
  const deviation = best.t === null ? Infinity : Math.abs(best.t - LITERATURE_TC) / LITERATURE_TC;
  console.log(
    `T_c/J = ${best.t?.toFixed(4) ?? '—'} (literature ${LITERATURE_TC}), deviation ${(100 * deviation).toFixed(2)} %: ${deviation < 0.01 ? 'PASS' : 'FAIL'} (${seconds.toFixed(0)} s wall)`,
  );
  if (!(deviation < 0.01)) process.exitCode = 1;
}

if (isMainThread) await main();
else parentPort!.postMessage(runSize(workerData as Job));
