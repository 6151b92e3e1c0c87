/** Worker thread of the cluster (parallel.ts): evaluates chunks of configurations or minimizes from one start. */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../parallel/pool.js';
import { clusterObjective, minimizeStart } from './groundState.js';
import { SequenceEnergy } from './sequence.js';
import type { ClusterTask } from './parallel.js';
import type { Cluster } from './setup.js';

const cluster = workerData as Cluster;
/** For minimization: the same objective as the serial search (groundState.ts). */
const objective = clusterObjective(cluster);
const n3 = 3 * cluster.slots.length;
parentPort!.on('message', ({ id, task }: { id: number; task: ClusterTask }) => {
  try {
    if (task.kind === 'energies') {
      const out = new Float64Array(task.count);
      const sequence = new SequenceEnergy(cluster);
      for (let k = 0; k < task.count; k++) out[k] = sequence.next(task.spins.subarray(k * n3, (k + 1) * n3));
      parentPort!.postMessage({ id, result: out });
    } else {
      parentPort!.postMessage({ id, result: minimizeStart(objective, task, task.begin) });
    }
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
