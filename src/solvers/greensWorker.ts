/** Worker thread of greensAtEnergies: one GreensSolver for the posted host, then G on the kept nodes per energy (setup errors answer every task). */
import { serveEnergies } from '../parallel/energyWorker.js';
import { withSharedData } from '../parallel/taskPort.js';
import { GreensSolver } from './greens.js';
import type { GreensWorkerData } from './greensPool.js';

// Prestarted workers (greensPool.ts prestartGreensWorkers) load these modules while the host is being built.
withSharedData<GreensWorkerData>((data) => serveEnergies(() => new GreensSolver(data.host, data.kept, data.mesh)));
