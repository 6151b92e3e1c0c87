/**
 * The message loop of a Green's-function worker thread: build the solver once
 * from `workerData`, then answer each {id, task: z} with {id, result: solver.at(z)}
 * (the Green's function transferred, not copied). Building can fail on bad input
 * (a non-Hermitian Hamiltonian, a host the requested method cannot handle); that
 * error is then the answer to every task, serialized, so the pool rethrows it as
 * the same InputError instead of a crashed thread. `build` may return a promise
 * (a solver whose plan other threads help complete, greensWorker.ts): tasks that
 * arrive before it settles wait, in order.
 */
import { parentPort } from 'node:worker_threads';
import { onTask } from './taskPort.js';
import type { Complex } from '../math/complex.js';
import { serializeError } from './pool.js';
import { trace } from '../trace.js';

export function serveEnergies<S extends { at(z: Complex): { greens: Float64Array } }>(build: () => S | Promise<S>): void {
  let solver: S | null = null;
  let setupError: unknown = null;
  let ready = false;
  const pending: { id: number; task: Complex }[] = [];
  const answer = (id: number, task: Complex) => {
    try {
      if (!solver) throw setupError;
      trace(`task ${id}`);
      const result = solver.at(task);
      trace(`task ${id} done`);
      parentPort!.postMessage({ id, result }, [result.greens.buffer as ArrayBuffer]);
    } catch (err) {
      parentPort!.postMessage({ id, error: serializeError(err) });
    }
  };
  onTask<Complex>((id, task) => {
    if (ready) answer(id, task);
    else pending.push({ id, task });
  });
  const settle = () => {
    ready = true;
    for (const { id, task } of pending.splice(0)) answer(id, task);
  };
  try {
    const built = build();
    if (!(built instanceof Promise)) {
      solver = built;
      return settle();
    }
    built.then(
      (s) => {
        solver = s;
        settle();
      },
      (err: unknown) => {
        setupError = err;
        settle();
      },
    );
  } catch (err) {
    setupError = err;
    settle();
  }
}
