/**
 * Worker thread of PolesPool: plans the ordering once for the posted host,
 * then answers each task (pole node w, the iteration's gap) with the diagonal
 * blocks of G(i w) = (i w − Ĥ[Δ])⁻¹ and ln|det(i w − Ĥ[Δ])|; the matrix with
 * the gap is built once per iteration. Setup errors become the answer to
 * every task (serialized).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { onTask } from '../parallel/taskPort.js';
import type { BlockSparse } from '../hamiltonian/blockSparse.js';
import { serializeError } from '../parallel/pool.js';
import type { PolesTask, PolesWorkerData } from './polesPool.js';
import { withOnsiteGap } from './selfConsistent.js';
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
let current: { iteration: number; matrix: BlockSparse } | null = null;

onTask<PolesTask>((id, task) => {
  try {
    if (!plan) throw setupError;
    if (current?.iteration !== task.iteration) current = { iteration: task.iteration, matrix: withOnsiteGap(data.host.matrix, task.gap) };
    const g = selectedInverse(plan, current.matrix, { re: 0, im: task.w });
    const result = { diagonal: g.diagonal, logAbsDet: g.logAbsDet };
    parentPort!.postMessage({ id, result }, [g.diagonal.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
