import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CancelledError, ConvergenceError, InputError } from '../errors.js';
import type { HostData } from '../host/host.js';
import { threadsThatFit, WORKER_RESOURCE_LIMITS } from '../parallel/addressSpace.js';
import { checkPoolOptions } from '../parallel/options.js';
import type { PoolOptions } from '../parallel/pool.js';
import { CLOSE_MESSAGE } from '../parallel/taskPort.js';

/** What a pole worker receives once: the host without the self-consistent gap (typed arrays, structured clone). */
export interface PolesWorkerData {
  host: HostData;
}

/** One task: the pole node w and the gap of this iteration (Δ_s per node, re/im interleaved), tagged by iteration. */
export interface PolesTask {
  w: number;
  iteration: number;
  gap: Float64Array;
}

/** Diagonal blocks of G(i w) (b×b complex per node) and ln|det(i w − Ĥ)|. */
export interface DiagonalInverse {
  diagonal: Float64Array;
  logAbsDet: number;
}

const WORKER = new URL('./polesWorker.js', import.meta.url);

/**
 * Worker threads that stay up for a whole self-consistent solve: each plans
 * the ordering of the host once (not once per iteration: on a 101×101 host
 * thread start-up and planning are ≈ 0.4 s), then answers every pole node of
 * every iteration with the diagonal blocks of (i w − Ĥ[Δ])⁻¹ by selected
 * inversion, Ĥ[Δ] = the host with the iteration's on-site gap.
 */
export class PolesPool {
  private readonly workers: Worker[] = [];
  private iteration = 0;
  private pending: { resolve: (r: DiagonalInverse) => void; reject: (e: unknown) => void }[] = [];
  private failed: unknown = null;
  private readonly onAbort = () => this.fail(new CancelledError());

  constructor(host: HostData, private readonly options: PoolOptions = {}) {
    checkPoolOptions(options);
    const threads = threadsThatFit(Math.max(1, options.threads ?? availableParallelism()));
    const data: PolesWorkerData = { host: { matrix: host.matrix, geometry: host.geometry, winding: host.winding } };
    for (let k = 0; k < threads; k++) {
      const w = new Worker(WORKER, { workerData: data, resourceLimits: WORKER_RESOURCE_LIMITS });
      w.on('message', (msg: { id: number; result?: DiagonalInverse; error?: { name: string; message: string; field?: string; expected?: string } }) => {
        const slot = this.pending[msg.id];
        if (!slot) return;
        if (msg.error) {
          const { name, message, field, expected } = msg.error;
          const err = name === 'InputError' ? new InputError(field ?? '', expected ?? message) : name === 'ConvergenceError' ? new ConvergenceError(message) : Object.assign(new Error(message), { name });
          return this.fail(err);
        }
        slot.resolve(msg.result!);
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a worker thread exited early (code ${code})`));
      });
      this.workers.push(w);
    }
    options.signal?.addEventListener('abort', this.onAbort);
  }

  private closed = false;

  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = err;
    for (const p of this.pending) p?.reject(err);
    void this.close();
  }

  /** The diagonal inverses at every node for the host with on-site gap `gap`, in node order (nodes dealt round-robin). */
  async inverses(gap: Float64Array, nodes: readonly number[]): Promise<DiagonalInverse[]> {
    if (this.options.signal?.aborted) throw new CancelledError();
    if (this.failed) throw this.failed;
    const iteration = ++this.iteration;
    // Largest w last on each worker: the order does not matter for the cost, only the count.
    this.pending = [];
    const promises = nodes.map((w, id) =>
      new Promise<DiagonalInverse>((resolve, reject) => {
        this.pending[id] = { resolve, reject };
        const task: PolesTask = { w, iteration, gap };
        this.workers[id % this.workers.length]!.postMessage({ id, task });
      }),
    );
    return Promise.all(promises);
  }

  /**
   * Stop the workers: after a failure or an abort they are terminated; otherwise
   * they are idle and exit by themselves on CLOSE_MESSAGE (parallel/taskPort.ts:
   * terminating a worker while V8 compiles for it can abort Node 20).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    if (this.failed || this.options.signal?.aborted) {
      await Promise.all(this.workers.map((w) => w.terminate()));
      return;
    }
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.postMessage(CLOSE_MESSAGE);
          }),
      ),
    );
  }
}
