/** Worker thread of infiniteGreensPool: G(R, i w) per task w. */
import { parentPort, workerData } from 'node:worker_threads';
import { onTask } from '../../parallel/taskPort.js';
import { serializeError } from '../../parallel/pool.js';
import { infiniteGreens } from './greens.js';
import type { InfiniteWorkerData } from './pool.js';

const data = workerData as InfiniteWorkerData;

onTask<number>((id, task) => {
  try {
    const result = infiniteGreens(data.blocks, data.wanted, { re: 0, im: task }, { tolerance: data.tolerance, maxEvaluations: data.maxEvaluations });
    parentPort!.postMessage({ id, result }, [result.greens.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
