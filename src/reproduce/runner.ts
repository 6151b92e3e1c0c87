/**
 * Runs the separation sweeps a reproduction needs through the exact engine
 * (one factorization per pole node serves every separation of a model), and
 * memoizes them so that figures and checks sharing a model (Fig. 1(c) and
 * Fig. 2, the checks) pay once.
 *
 * Parallelism: a single model spreads its pole nodes over the cores (the
 * engine's own worker pool); a batch of models (the Fig. 1(b) grid, the
 * Fig. 3(b) μ scan) instead gives whole models to long-lived workers that
 * solve them serially. Starting threads and warming up the JIT per model costs
 * more than the solve itself below ~51×51 (measured: 25×25 0.87 s pooled vs
 * 0.31 s serial; 51×51 2.0 s vs 0.9 s), and at 101×101 the batch keeps both
 * cores busy without the per-model tail where one worker waits for the other.
 */
import { parseModel } from '../model/model.js';
import { runPool } from '../parallel/pool.js';
import type { ModelFile } from '../model/schema.js';
import type { ExactOptions } from '../rkky/exactEngine.js';
import type { Axis } from '../rkky/problem.js';
import { computeCouplings, type CouplingRow } from '../rkky/sweep.js';
import type { ReproSetup } from './setup.js';

/** One model swept over separations along one axis. */
export interface SweepJob {
  model: ModelFile;
  separations: readonly number[];
  direction?: Axis;
}

/** What every job-pool worker receives once: the engine options that survive structured cloning. */
export interface JobPoolData {
  tolerance?: number;
  poles?: ExactOptions['poles'];
}

const JOB_WORKER = new URL('./jobWorker.js', import.meta.url);

/** Engine options of a reproduction (`onProgress` is per run, see `ReproRun.sweeps`). */
export type ReproEngineOptions = Omit<ExactOptions, 'onProgress'>;

export class ReproRun {
  private readonly cache = new Map<string, Promise<CouplingRow[]>>();
  /** Number of engine calls made so far (cache hits excluded). */
  calls = 0;

  constructor(
    readonly setup: ReproSetup,
    readonly engine: ReproEngineOptions = {},
  ) {}

  private static key(job: SweepJob): string {
    return JSON.stringify([job.model, job.separations, job.direction ?? 'x']);
  }

  /** The coupling rows of one job (memoized by model, separations and direction). */
  sweep(job: SweepJob, onProgress?: (done: number, total: number) => void): Promise<CouplingRow[]> {
    const key = ReproRun.key(job);
    let hit = this.cache.get(key);
    if (!hit) {
      this.calls++;
      hit = computeCouplings(parseModel(job.model), {
        ...this.engine,
        separations: job.separations,
        direction: job.direction ?? 'x',
        engine: 'exact',
        onProgress,
      }).then((r) => r.rows);
      // A failed or cancelled sweep must not poison later requests.
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
    }
    return hit;
  }

  /**
   * Several jobs: those not yet computed go to the job pool (whole models on
   * long-lived workers; with an explicit `greens` provider, e.g. in tests or a
   * browser, one after the other in this thread). Progress is (jobs done, jobs).
   */
  async sweeps(jobs: readonly SweepJob[], onProgress?: (done: number, total: number) => void): Promise<CouplingRow[][]> {
    // Distinct jobs not computed yet, by key.
    const missing = new Map<string, SweepJob>();
    for (const job of jobs) {
      const key = ReproRun.key(job);
      if (!this.cache.has(key)) missing.set(key, job);
    }
    if (missing.size > 1 && !this.engine.greens) {
      const { tolerance, poles, threads, signal } = this.engine;
      this.calls += missing.size;
      const already = jobs.length - missing.size;
      const batch = runPool<SweepJob, CouplingRow[]>(JOB_WORKER, { tolerance, poles } satisfies JobPoolData, [...missing.values()], {
        threads,
        signal,
        onProgress: onProgress && ((done) => onProgress(already + done, jobs.length)),
      });
      [...missing.keys()].forEach((key, k) => {
        const rows = batch.then((all) => all[k]!);
        rows.catch(() => this.cache.delete(key));
        this.cache.set(key, rows);
      });
    }
    const out: CouplingRow[][] = [];
    for (let k = 0; k < jobs.length; k++) {
      out.push(await this.sweep(jobs[k]!, onProgress && (() => onProgress(k, jobs.length))));
    }
    onProgress?.(jobs.length, jobs.length);
    return out;
  }
}
