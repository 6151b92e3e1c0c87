/** Worker thread of the interlayer exchange: one pole node per task. */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../parallel/pool.js';
import { interlayerLogDets, type InterlayerWorkerData } from './interlayerLogDets.js';

const data = workerData as InterlayerWorkerData;

parentPort!.on('message', ({ id, task }: { id: number; task: number }) => {
  try {
    const result = interlayerLogDets(data, task);
    parentPort!.postMessage({ id, result }, [result.sums.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
