/**
 * Worker thread of greensAtEnergies: one GreensSolver for the posted host, then G on the kept nodes per energy.
 * Building the solver can fail on bad input (a non-Hermitian Hamiltonian, a host the
 * requested method cannot handle); the error is then the answer to every task, serialized,
 * so that the pool rethrows it as the same InputError instead of a crashed thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Complex } from '../math/complex.js';
import { serializeError } from '../parallel/pool.js';
import { GreensSolver } from './greens.js';
import type { GreensWorkerData } from './greensPool.js';

const data = workerData as GreensWorkerData;
let solver: GreensSolver | null = null;
let setupError: unknown = null;
try {
  solver = new GreensSolver(data.host, data.kept, data.mesh);
} catch (err) {
  setupError = err;
}

parentPort!.on('message', ({ id, task }: { id: number; task: Complex }) => {
  try {
    if (!solver) throw setupError;
    const result = solver.at(task);
    parentPort!.postMessage({ id, result }, [result.greens.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
