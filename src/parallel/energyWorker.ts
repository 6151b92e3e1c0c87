/**
 * The message loop of a Green's-function worker thread: build the solver once
 * from `workerData`, then answer each {id, task: z} with {id, result: solver.at(z)}
 * (the Green's function transferred, not copied). Building can fail on bad input
 * (a non-Hermitian Hamiltonian, a host the requested method cannot handle); that
 * error is then the answer to every task, serialized, so the pool rethrows it as
 * the same InputError instead of a crashed thread. `afterBuild` sees the
 * solver (null on a setup error) before the first task is answered.
 */
import { parentPort } from 'node:worker_threads';
import { onTask } from './taskPort.js';
import type { Complex } from '../math/complex.js';
import { serializeError } from './pool.js';

export function serveEnergies<S extends { at(z: Complex): { greens: Float64Array } }>(build: () => S, afterBuild?: (solver: S | null) => void): void {
  let solver: S | null = null;
  let setupError: unknown = null;
  try {
    solver = build();
  } catch (err) {
    setupError = err;
  }
  afterBuild?.(solver);
  onTask<Complex>((id, task) => {
    try {
      if (!solver) throw setupError;
      const result = solver.at(task);
      parentPort!.postMessage({ id, result }, [result.greens.buffer as ArrayBuffer]);
    } catch (err) {
      parentPort!.postMessage({ id, error: serializeError(err) });
    }
  });
}
