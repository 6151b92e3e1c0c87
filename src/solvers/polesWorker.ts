/**
 * Worker thread of selectedInversesAtPoles: plans the ordering once for the posted
 * matrix, then answers each pole node w with the diagonal blocks of G(i w) and
 * ln|det(i w − Ĥ)|. Setup errors become the answer to every task (serialized).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../parallel/pool.js';
import type { PolesWorkerData } from './polesPool.js';
import { planSchur, type SchurPlan } from './sparse/schur.js';
import { selectedInverse } from './sparse/selectedInverse.js';

const data = workerData as PolesWorkerData;
let plan: SchurPlan | null = null;
let setupError: unknown = null;
try {
  plan = planSchur(data.host.matrix, data.host.geometry, []);
} catch (err) {
  setupError = err;
}

parentPort!.on('message', ({ id, task }: { id: number; task: number }) => {
  try {
    if (!plan) throw setupError;
    const g = selectedInverse(plan, data.host.matrix, { re: 0, im: task });
    const result = { diagonal: g.diagonal, logAbsDet: g.logAbsDet };
    parentPort!.postMessage({ id, result }, [g.diagonal.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
