/** Worker thread: builds H (host or with impurities) and the sparse plan once, then G on the kept sites per energy. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Complex } from '../math/complex.js';
import { parseModel } from '../model/model.js';
import { hostHamiltonian, modelHamiltonian } from '../model/hamiltonian.js';
import { serializeError } from '../parallel/pool.js';
import { planSchur, schurGreens } from './sparse/schur.js';
import type { GreensWorkerData } from './greens.js';

const data = workerData as GreensWorkerData;
const model = parseModel(data.model);
const h = data.includeImpurities ? modelHamiltonian(model) : hostHamiltonian(model);
const lat = model.lattice;
const plan = planSchur(h.matrix, { shape: lat.shape, periodic: [...lat.periodic].slice(0, lat.dim) }, data.kept);

parentPort!.on('message', ({ id, task }: { id: number; task: Complex }) => {
  try {
    const result = schurGreens(plan, h.matrix, task);
    parentPort!.postMessage({ id, result }, [result.greens.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: serializeError(err) });
  }
});
