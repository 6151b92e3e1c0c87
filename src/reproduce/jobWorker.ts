/**
 * Worker thread of the job pool (runner.ts): computes whole models one after
 * the other with the serial Green's-function solver, so a batch of many small
 * models pays the thread start-up and JIT warm-up once per worker rather than
 * once per model.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { onTask } from '../parallel/taskPort.js';
import { parseModel } from '../model/model.js';
import { serializeError } from '../parallel/pool.js';
import { computeCouplings } from '../rkky/sweep.js';
import { serialGreens } from '../solvers/greens.js';
import type { JobPoolData, SweepJob } from './runner.js';

const shared = workerData as JobPoolData;

onTask<SweepJob>((id, task) => {
  computeCouplings(parseModel(task.model), {
    ...shared,
    separations: task.separations,
    direction: task.direction ?? 'x',
    engine: 'exact',
    greens: serialGreens,
  }).then(
    (result) => parentPort!.postMessage({ id, result: result.rows }),
    (err: unknown) => parentPort!.postMessage({ id, error: serializeError(err) }),
  );
});
