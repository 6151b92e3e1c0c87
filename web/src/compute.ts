/**
 * The page's handle on a computation worker: run a task, follow its
 * progress, cancel it. A cancel first asks the worker (the library stops at
 * its next check); if the worker is stuck in a long synchronous step it is
 * replaced after a grace period, so Cancel always returns control.
 */
import type { Request, Response, Task, TaskResult, WireError } from './protocol.js';

/** A failed task: an InputError keeps the field it names. */
export class TaskError extends Error {
  readonly field?: string;
  constructor(error: WireError) {
    super(error.message);
    this.name = error.name;
    this.field = error.field;
  }
  get cancelled(): boolean {
    return this.name === 'CancelledError';
  }
}

export interface Running<R> {
  id: number;
  result: Promise<{ result: R; seconds: number; kernels: 'wasm' | 'js' }>;
  cancel(): void;
}

interface Pending {
  resolve(v: { result: unknown; seconds: number; kernels: 'wasm' | 'js' }): void;
  reject(e: TaskError): void;
  progress?: (done: number, total: number, partial?: unknown) => void;
}

const CANCEL_GRACE_MS = 1500;

export class ComputeWorker {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<Response>) => this.receive(e.data);
    w.onerror = (e) => {
      for (const [id, p] of this.pending) p.reject(new TaskError({ name: 'Error', message: `worker failed: ${e.message}` })), this.pending.delete(id);
    };
    return w;
  }

  private receive(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') p.progress?.(msg.done, msg.total, msg.partial);
    else {
      this.pending.delete(msg.id);
      if (msg.kind === 'result') p.resolve({ result: msg.result, seconds: msg.seconds, kernels: msg.kernels });
      else p.reject(new TaskError(msg.error));
    }
  }

  run<T extends Task>(task: T, progress?: (done: number, total: number, partial?: unknown) => void): Running<TaskResult<T>> {
    const id = this.nextId++;
    const result = new Promise<{ result: TaskResult<T>; seconds: number; kernels: 'wasm' | 'js' }>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject, progress });
    });
    this.post({ id, task });
    return { id, result, cancel: () => this.cancel(id) };
  }

  private post(msg: Request): void {
    this.worker.postMessage(msg);
  }

  cancel(id: number): void {
    if (!this.pending.has(id)) return;
    this.post({ id, cancel: true });
    setTimeout(() => {
      if (!this.pending.has(id)) return;
      // Stuck in a synchronous step: replace the worker and fail everything it held.
      this.worker.terminate();
      for (const [pid, p] of this.pending) p.reject(new TaskError({ name: 'CancelledError', message: 'cancelled' })), this.pending.delete(pid);
      this.worker = this.spawn();
    }, CANCEL_GRACE_MS);
  }
}
