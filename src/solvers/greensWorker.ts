/** Worker thread of greensAtEnergies: one GreensSolver for the posted host, then G on the kept nodes per energy. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Complex } from '../math/complex.js';
import { serializeError } from '../parallel/pool.js';
import { GreensSolver } from './greens.js';
import type { GreensWorkerData } from './greensPool.js';

const data = workerData as GreensWorkerData;
const solver = new GreensSolver(data.host, data.kept, data.mesh);

parentPort!.on('message', ({ id, task }: { id: number; task: Complex }) => {
  try {
    const result = solver.at(task);
    parentPort!.postMessage({ id, result }, [result.greens.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
