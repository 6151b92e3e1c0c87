/**
 * Sweeps (issue 15): the per-point cost of the Fig. 1(b) map at the 51×51 size
 * and the projected wall time of a 41×41 grid over N array tasks (a few points
 * measured, not the whole grid), and the sweep machinery's per-point overhead
 * on a 21×21 grid (workers, validation, IPC, JSON lines, fsync) against the
 * compute time of the same points measured inside the workers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fig1bSweep, gapGrid } from '../src/reproduce/fig1b.js';
import { FULL_SETUP } from '../src/reproduce/setup.js';
import { sweepPoints } from '../src/sweep/definition.js';
import { readJournals } from '../src/sweep/journal.js';
import { computePoint } from '../src/sweep/pointTask.js';
import { pointSettings, runSweep } from '../src/sweep/run.js';

const fmtTime = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);

export async function bench(): Promise<string[]> {
  const out: string[] = [];
  // (a) Fig. 1(b), 41×41 gaps on 51×51: a few points in this thread (after one warm-up point).
  const big = fig1bSweep({ ...FULL_SETUP, size: 51, gaps: gapGrid(41) });
  const points = sweepPoints(big);
  const settings = pointSettings(big);
  await computePoint(settings, points[840]!.model);
  const sample = [0, 420, 860, 1300, 1680].map((k) => points[k]!);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const p of sample) times.push((await computePoint(settings, p.model)).seconds);
  const cpu = process.cpuUsage(cpu0);
  const perPoint = times.reduce((a, b) => a + b, 0) / times.length;
  // CPU time is what a dedicated core would take; wall time includes whatever else runs on this machine.
  const cpuPerPoint = (cpu.user + cpu.system) / 1e6 / sample.length;
  out.push(
    `(a) Fig. 1(b) 41×41 grid (${points.length} points) at 51×51, δ = 1, T = 0.001: ${perPoint.toFixed(2)} s wall per point ` +
      `(${times.map((t) => t.toFixed(2)).join(', ')} s on ${sample.length} points; CPU ${cpuPerPoint.toFixed(2)} s per point) → ${fmtTime(points.length * perPoint)} of compute`,
  );
  const tasks = [1, 2, 16, 64, 256];
  const cost = Math.min(perPoint, cpuPerPoint);
  out.push(`    projected wall time with N one-core array tasks (ceil(${points.length}/N) points each, equal costs, ${cost.toFixed(2)} s per point): ` +
    tasks.map((n) => `N = ${n}: ${fmtTime(Math.ceil(points.length / n) * cost)}`).join('; '));

  // (b) Overhead: a 21×21 grid of 21×21 lattices through `sweep run` on 2 workers.
  const small = fig1bSweep({ ...FULL_SETUP, size: 21, gaps: gapGrid(21) });
  const dir = mkdtempSync(join(tmpdir(), 'rkky-bench-sweep-'));
  try {
    const threads = 2;
    const t0 = performance.now();
    const summary = await runSweep(small, { dir, threads });
    const wall = (performance.now() - t0) / 1000;
    const lines = readJournals(dir).flatMap((j) => j.lines);
    const compute = lines.reduce((s, l) => s + l.seconds, 0);
    const overhead = (threads * wall - compute) / compute;
    out.push(
      `(b) 21×21 grid (${summary.computed} points) of 21×21 lattices, ${threads} workers: ${wall.toFixed(1)} s wall, ${(compute / summary.computed).toFixed(3)} s compute per point; ` +
        `per-point overhead (${threads}·wall − Σ compute) / Σ compute = ${(100 * overhead).toFixed(1)} % (target < 5 %)`,
    );
    // The same compute in this thread (a sample), so a slowdown inside the workers would show too.
    const sub = sweepPoints(small).filter((_, k) => k % 40 === 0);
    await computePoint(pointSettings(small), sub[0]!.model);
    let inThread = 0, inWorkers = 0;
    for (const p of sub) {
      inThread += (await computePoint(pointSettings(small), p.model)).seconds;
      inWorkers += lines.find((l) => l.point === p.hash)!.seconds;
    }
    out.push(`    the same ${sub.length} points in this thread: ${(inThread / sub.length).toFixed(3)} s per point; worker/in-thread ratio ${(inWorkers / inThread).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
