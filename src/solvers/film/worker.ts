/** Worker thread of filmGreensPool: one FilmSolver for the posted plan, then G on the kept nodes per energy (setup errors answer every task). */
import { workerData } from 'node:worker_threads';
import { serveEnergies } from '../../parallel/energyWorker.js';
import type { FilmWorkerData } from './pool.js';
import { FilmSolver } from './solver.js';

const data = workerData as FilmWorkerData;
serveEnergies(() => new FilmSolver(data.plan, data.kept));
