/** Worker thread of greensAtEnergies: one GreensSolver for the posted host, then G on the kept nodes per energy (setup errors answer every task). */
import { workerData } from 'node:worker_threads';
import { serveEnergies } from '../parallel/energyWorker.js';
import { GreensSolver } from './greens.js';
import type { GreensWorkerData } from './greensPool.js';

const data = workerData as GreensWorkerData;
serveEnergies(() => new GreensSolver(data.host, data.kept, data.mesh));
