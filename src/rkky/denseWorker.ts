/** Worker thread of the dense engine: builds the host once, then diagonalizes one configuration per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../parallel/pool.js';
import { denseConfigurationEnergy, denseHost } from './denseEngine.js';
import type { PairProblem } from './problem.js';
import type { SpinPair } from './configurations.js';

const problem = workerData as PairProblem;
const host = denseHost(problem);
parentPort!.on('message', ({ id, task }: { id: number; task: { sep: number; spins: SpinPair } }) => {
  try {
    parentPort!.postMessage({ id, result: denseConfigurationEnergy(problem, host, task.sep, task.spins) });
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
