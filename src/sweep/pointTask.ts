/**
 * One point's computation, shared by the worker threads and the in-thread
 * path: the library's computeCouplings on the point's model, with the serial
 * Green's-function solver (the parallelism is across points, see workerPool.ts).
 */
import { parseModel } from '../model/model.js';
import type { Axis } from '../rkky/problem.js';
import { computeCouplings, parseTargets, type CouplingRow, type EngineName } from '../rkky/sweep.js';
import { serialGreens } from '../solvers/greens.js';
import type { PoleKind } from '../solvers/poles.js';
import type { Json } from './keyPath.js';

/** What every worker receives once. */
export interface PointSettings {
  separations: number[];
  direction: Axis;
  /** Target sites (`rkky couplings --to` syntax) instead of separations. */
  to?: string;
  engine: EngineName;
  tolerance: number;
  poles: PoleKind;
  secondOrder: boolean;
}

export interface PointResult {
  engine: 'dense' | 'exact';
  rows: CouplingRow[];
  seconds: number;
}

export async function computePoint(settings: PointSettings, model: Json): Promise<PointResult> {
  const t0 = performance.now();
  const parsed = parseModel(model);
  const { engine, rows } = await computeCouplings(parsed, {
    ...(settings.to === undefined
      ? { separations: settings.separations, direction: settings.direction }
      : { targets: parseTargets(parsed.lattice, settings.to, 'couplings.to') }),
    engine: settings.engine,
    tolerance: settings.tolerance,
    poles: settings.poles,
    secondOrder: settings.secondOrder,
    greens: serialGreens,
    threads: 1,
  });
  return { engine, rows, seconds: (performance.now() - t0) / 1000 };
}
