/** Worker thread of the cluster (parallel.ts): evaluates chunks of configurations or minimizes from one start. */
import { parentPort, workerData } from 'node:worker_threads';
import { onTask } from '../parallel/taskPort.js';
import { serializeError } from '../parallel/pool.js';
import { clusterObjective, minimizeStart } from './groundState.js';
import { chunkEnergies, type ClusterTask } from './parallel.js';
import type { Cluster } from './setup.js';

const cluster = workerData as Cluster;
/** The same objective (groundState.ts) and configuration energies as the serial path, each built on first use. */
let objective: ReturnType<typeof clusterObjective> | undefined;
let energies: ReturnType<typeof chunkEnergies> | undefined;
onTask<ClusterTask>((id, task) => {
  try {
    if (task.kind === 'energies') {
      parentPort!.postMessage({ id, result: (energies ??= chunkEnergies(cluster))(task.spins, task.count) });
    } else {
      parentPort!.postMessage({ id, result: minimizeStart((objective ??= clusterObjective(cluster)), task, task.begin) });
    }
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
