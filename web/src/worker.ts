/**
 * The computation worker: the library itself, run off the page's thread.
 * Lattice sweeps and the LDOS use the serial Green's provider (no Node
 * worker threads exist here); cancel requests abort through an AbortSignal
 * that the library checks between pole nodes / energies.
 */
import { CancelledError, InputError } from '../../src/errors.js';
import { lindhard, rkkyCoupling, susceptibilityThermalFactor } from '../../src/continuum/index.js';
import { parseModel } from '../../src/model/model.js';
import { computeCouplings, shellTargets } from '../../src/rkky/sweep.js';
import { serialGreens } from '../../src/solvers/greens.js';
import { activeKernels } from '../../src/solvers/sparse/wasm/kernels.js';
import { localDensityOfStates } from '../../src/rkky/ldos.js';
import { findGroundState, parseCouplingsTable, spinModelFromCouplings } from '../../src/spins/index.js';
import type {
  ContinuumResult,
  ContinuumTask,
  CouplingsTask,
  GroundStateResult,
  GroundStateTask,
  LdosResult,
  LdosTask,
  Request,
  Response,
  Task,
  WireError,
} from './protocol.js';

type Progress = (done: number, total: number, partial?: unknown) => void;

const port = self as unknown as { postMessage(message: Response): void; onmessage: ((e: MessageEvent<Request>) => void) | null };
const running = new Map<number, AbortController>();

/** Yield to the message loop (a MessageChannel round trip: no 4 ms timer clamp), so cancel messages get through. */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

async function couplings(task: CouplingsTask, signal: AbortSignal, progress: Progress) {
  const model = parseModel(task.model, { files: task.files });
  return computeCouplings(model, {
    separations: task.separations,
    direction: task.direction,
    targets: task.shells !== undefined ? shellTargets(model, task.shells) : undefined,
    engine: 'exact',
    greens: serialGreens,
    onProgress: progress,
    signal,
  });
}

async function ldos(task: LdosTask, signal: AbortSignal, progress: Progress): Promise<LdosResult> {
  const model = parseModel(task.model, { files: task.files });
  let site: number;
  if (task.site) site = model.lattice.index(task.site, '--site');
  else if (model.impurities.length > 0) site = model.impurities[0]!.site;
  else throw new InputError('--site', 'required when the model has no impurity');
  const rows = await localDensityOfStates(model, {
    site,
    energies: task.energies,
    broadening: task.broadening,
    impurities: task.impurities,
    greens: serialGreens,
    onProgress: progress,
    signal,
  });
  return { site: model.lattice.site(site).slice(0, model.lattice.dim), rows };
}

function groundState(task: GroundStateTask, signal: AbortSignal, progress: Progress): GroundStateResult {
  const table = parseCouplingsTable(task.table);
  const model = spinModelFromCouplings(table, task.positions, task.cutoff === undefined ? {} : { cutoff: task.cutoff });
  const gs = findGroundState(model, { starts: task.starts, seed: task.seed, onProgress: progress, signal });
  return { energy: gs.energy, spins: Array.from(gs.spins), positions: task.positions, torque: gs.torque, minima: gs.minima, pairs: model.pairI.length };
}

/** Indices 0..n−1 coarse to fine (every 16th point first, then the gaps), so a partial curve spans the whole range. */
function coarseToFine(n: number): number[] {
  const order: number[] = [];
  const seen = new Uint8Array(n);
  for (let step = 16; step >= 1; step >>= 1)
    for (let i = 0; i < n; i += step)
      if (!seen[i]) {
        seen[i] = 1;
        order.push(i);
      }
  return order;
}

/**
 * J(R) and χ0(q) for the continuum page. Cheap cases (T = 0, z = 2) finish at
 * once. At T > 0 the exact Maldague averages cost ~1 ms a point, so the page
 * first gets J from the universal x/sinh x form and χ0 from T = 0, then the
 * exact values in slices (posted as partial results, a newer task cancels);
 * z ≠ 2 has no cheap stand-in and fills in coarse to fine.
 */
async function continuum(task: ContinuumTask, signal: AbortSignal, progress: Progress): Promise<ContinuumResult> {
  const { dim, kF, temperature, meanFreePath, dispersionPower, coupling } = task;
  const opts = { temperature, meanFreePath, dispersionPower, coupling };
  const n = task.R.length, m = task.q.length;
  const J = new Array<number>(n).fill(NaN);
  const chi = task.q.map((q) => lindhard(dim, kF, q));
  if (temperature > 0 && dispersionPower === 2) {
    const damp = (R: number) => (meanFreePath === Infinity ? 1 : Math.exp(-R / meanFreePath));
    for (let i = 0; i < n; i++) J[i] = -2 * coupling * coupling * susceptibilityThermalFactor(dim, kF, task.R[i]!, temperature) * damp(task.R[i]!);
  }
  // The work: exact χ0 at T > 0, then J(R) — both coarse to fine when slow.
  const slow = temperature > 0 || dispersionPower !== 2;
  const work: (() => void)[] = [];
  if (temperature > 0)
    for (const k of coarseToFine(m))
      work.push(() => {
        try {
          chi[k] = lindhard(dim, kF, task.q[k]!, { temperature });
        } catch (err) {
          if (err instanceof InputError) throw err;
          chi[k] = NaN;
        }
      });
  let done = 0, failed = 0;
  for (const i of slow ? coarseToFine(n) : task.R.map((_, k) => k))
    work.push(() => {
      try {
        J[i] = rkkyCoupling(dim, kF, task.R[i]!, opts);
      } catch (err) {
        if (err instanceof InputError) throw err;
        // The exact quadrature did not converge at this R: keep the x/sinh x value if there is one, else leave a gap.
        failed++;
      }
      done++;
    });
  let lastPost = performance.now(), posted = false;
  for (const step of work) {
    step();
    // First partial result fast (the page must respond within 100 ms), later ones less often.
    if (slow && performance.now() - lastPost > (posted ? 60 : 12)) {
      progress(done, n, { J, chi, done, failed } satisfies ContinuumResult);
      posted = true;
      await yieldToMessages();
      if (signal.aborted) throw new CancelledError();
      lastPost = performance.now();
    }
  }
  return { J, chi, done, failed };
}

function run(task: Task, signal: AbortSignal, progress: Progress): Promise<unknown> | unknown {
  switch (task.kind) {
    case 'couplings':
      return couplings(task, signal, progress);
    case 'ldos':
      return ldos(task, signal, progress);
    case 'groundState':
      return groundState(task, signal, progress);
    case 'continuum':
      return continuum(task, signal, progress);
  }
}

function toWire(err: unknown): WireError {
  if (err instanceof InputError) return { name: err.name, message: err.message, field: err.field };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

port.onmessage = async (e) => {
  const msg = e.data;
  if ('cancel' in msg) {
    running.get(msg.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  const t0 = performance.now();
  const progress: Progress = (done, total, partial) => port.postMessage({ id: msg.id, kind: 'progress', done, total, partial });
  try {
    const result = await run(msg.task, controller.signal, progress);
    // Which dense kernels the solver ran (WebAssembly SIMD, or the JavaScript fallback where the browser lacks it).
    port.postMessage({ id: msg.id, kind: 'result', result, seconds: (performance.now() - t0) / 1000, kernels: activeKernels() });
  } catch (err) {
    port.postMessage({ id: msg.id, kind: 'error', error: toWire(err) });
  } finally {
    running.delete(msg.id);
  }
};
