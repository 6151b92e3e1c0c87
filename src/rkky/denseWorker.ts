/** Worker thread of the dense engine: builds the host once, then diagonalizes one configuration per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { onTask } from '../parallel/taskPort.js';
import { serializeError } from '../parallel/pool.js';
import { denseConfigurationEnergy, denseHost } from './denseEngine.js';
import type { PairProblem } from './problem.js';
import type { SpinPair } from './configurations.js';

const problem = workerData as PairProblem;
const host = denseHost(problem);
onTask<{ sep: number; spins: SpinPair }>((id, task) => {
  try {
    parentPort!.postMessage({ id, result: denseConfigurationEnergy(problem, host, task.sep, task.spins) });
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
