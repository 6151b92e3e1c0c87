/**
 * Worker thread of a sweep (workerPool.ts): computes whole points one after
 * the other, so thread start-up and JIT warm-up are paid once per worker, not
 * once per point.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { onTask } from '../parallel/taskPort.js';
import { serializeError } from '../parallel/pool.js';
import type { Json } from './keyPath.js';
import { computePoint, type PointSettings } from './pointTask.js';

const settings = workerData as PointSettings;

onTask<Json>((id, model) => {
  computePoint(settings, model).then(
    (result) => parentPort!.postMessage({ id, result }),
    (err: unknown) => parentPort!.postMessage({ id, error: serializeError(err) }),
  );
});
