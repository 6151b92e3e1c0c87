/** Worker thread of greensAtEnergies: one GreensSolver for the posted host, then G on the kept nodes per energy (setup errors answer every task). */
import { parentPort } from 'node:worker_threads';
import { serveEnergies } from '../parallel/energyWorker.js';
import { onSetup, withSharedData, type SetupRank } from '../parallel/taskPort.js';
import { GreensSolver } from './greens.js';
import type { PortableReduction } from './sparse/mirrorTree.js';
import type { GreensWorkerData } from './greensPool.js';
import { trace } from '../trace.js';

/** What the workers of one pool post to each other: a part of the plan (null: its rank could not build it), or a rank whose solver failed. */
type PlanMessage = { part: number; data: PortableReduction | null } | { failedRank: number };

// Prestarted workers (greensPool.ts prestartGreensWorkers) load these modules while the host is being built.
trace('worker modules loaded');
withSharedData<GreensWorkerData & SetupRank>((data) => {
  trace('worker data');
  serveEnergies(() => solverFor(data));
});

function solverFor(data: GreensWorkerData & SetupRank): GreensSolver | Promise<GreensSolver> {
  const ranks = data.setupRanks ?? 1;
  const rank = data.setupRank ?? 0;
  // The host's arrays are this pool's read-only copy (shared or cloned): the solver needs none of its own.
  if (ranks === 1) return new GreensSolver(data.host, data.kept, data.mesh, false, true);
  let solver: GreensSolver;
  try {
    solver = new GreensSolver(data.host, data.kept, data.mesh, true, true);
    trace('lazy plan');
  } catch (err) {
    // The others then build this rank's parts themselves.
    parentPort!.postMessage({ setup: { failedRank: rank } satisfies PlanMessage });
    throw err;
  }
  return completeTogether(solver, rank, ranks);
}

/**
 * Complete the solver's plan with the pool's other workers: this rank builds
 * and posts parts rank, rank + ranks, … (schur.ts planParts: the two sectors
 * of the top mirror split, or the whole plan) and installs the others' as they
 * arrive; a part another rank could not build is completed here.
 */
function completeTogether(solver: GreensSolver, rank: number, ranks: number): Promise<GreensSolver> {
  const parts = solver.planParts();
  const missing = new Set<number>();
  for (let k = 0; k < parts; k++) if (k % ranks !== rank) missing.add(k);
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const finishIfComplete = () => {
      if (missing.size > 0) return;
      stop();
      try {
        solver.complete();
        trace('plan complete');
        resolve(solver);
      } catch (err) {
        reject(err);
      }
    };
    stop = onSetup<PlanMessage>((msg) => {
      try {
        if ('failedRank' in msg) {
          for (const k of [...missing]) if (k % ranks === msg.failedRank) missing.delete(k);
        } else if (missing.delete(msg.part) && msg.data) {
          solver.importPart(msg.part, msg.data);
          trace(`imported part ${msg.part}`);
        }
      } catch (err) {
        stop();
        return reject(err);
      }
      finishIfComplete();
    });
    for (let k = rank; k < parts; k += ranks) {
      let data: PortableReduction | null = null;
      try {
        data = solver.exportPart(k);
        trace(`built part ${k}`);
      } catch {
        // The others build it themselves; this solver's complete() meets the same error.
      }
      parentPort!.postMessage({ setup: { part: k, data } satisfies PlanMessage });
    }
    // While the others' parts are on their way: the values of this rank's parts for the first node.
    for (let k = rank; k < parts; k += ranks) {
      try {
        solver.prepareValues(k);
        trace(`prepared part ${k}`);
      } catch {
        // The first node meets the same error and reports it.
      }
    }
    finishIfComplete();
  });
}
