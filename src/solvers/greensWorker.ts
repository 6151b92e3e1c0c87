/** Worker thread of greensAtEnergies: one GreensSolver for the posted host, then G on the kept nodes per energy (setup errors answer every task). */
import { parentPort } from 'node:worker_threads';
import { serveEnergies } from '../parallel/energyWorker.js';
import { withSharedData } from '../parallel/taskPort.js';
import { GreensSolver } from './greens.js';
import type { PortablePlan } from './sparse/schur.js';
import type { GreensWorkerData } from './greensPool.js';

// Prestarted workers (greensPool.ts prestartGreensWorkers) load these modules while the host is being built.
// The pool's first worker plans and posts the plan ({setup}); the others receive it with their data (data.setup).
withSharedData<GreensWorkerData & { setup?: PortablePlan | null; sharesSetup?: boolean }>((data) =>
  serveEnergies(
    () => new GreensSolver(data.host, data.kept, data.mesh, data.setup ?? undefined),
    (solver) => {
      if (!data.sharesSetup) return;
      let setup: PortablePlan | null = null;
      try {
        setup = solver?.exportedPlan() ?? null;
      } catch {
        // The others then plan for themselves.
      }
      parentPort!.postMessage({ setup });
    },
  ),
);
