/** Worker thread of filmGreensPool: one FilmSolver for the posted plan, then G on the kept nodes per energy (setup errors answer every task). */
import { parentPort, workerData } from 'node:worker_threads';
import type { Complex } from '../../math/complex.js';
import { serializeError } from '../../parallel/pool.js';
import type { FilmWorkerData } from './pool.js';
import { FilmSolver } from './solver.js';

const data = workerData as FilmWorkerData;
let solver: FilmSolver | null = null;
let setupError: unknown = null;
try {
  solver = new FilmSolver(data.plan, data.kept);
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
