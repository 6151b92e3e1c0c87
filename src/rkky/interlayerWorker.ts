/** Worker thread of the interlayer exchange: one pole node per task. */
import { parentPort, workerData } from 'node:worker_threads';
import { onTask } from '../parallel/taskPort.js';
import { serializeError } from '../parallel/pool.js';
import { interlayerLogDets, type InterlayerWorkerData } from './interlayerLogDets.js';

const data = workerData as InterlayerWorkerData;

onTask<number>((id, task) => {
  try {
    const result = interlayerLogDets(data, task);
    parentPort!.postMessage({ id, result }, [result.sums.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
