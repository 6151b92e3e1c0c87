/**
 * One pole node of the interlayer exchange: Σ_k∥ ln|det(1 − g_k∥(z) V)| for
 * the four configurations (±S1, ±S2) of every spacer, where V puts S1 on
 * every node of layer 1 and S2 on every node of layer 2. With both layers
 * translation invariant in-plane, k∥ is conserved, so det(1 − G0 V) over the
 * film is the product over k∥ of the column determinants (impurityDeterminants.ts
 * on the column's layer nodes). V is diagonal in electron/hole, hence
 * unchanged by the winding gauge.
 */
import { forEachK, prepareKept, type FilmKept, type FilmPlan } from '../solvers/film/index.js';
import { impurityLogDets, type KeptLayout } from './impurityDeterminants.js';

/** What an interlayer worker receives once. */
export interface InterlayerWorkerData {
  /** The film plan (portablePlan: without the host matrix) on the chosen k∥ mesh. */
  plan: FilmPlan;
  /** Column nodes (host node indices, in-plane cell 0) of layer 1 and of every layer 2. */
  kept: number[];
  layout: KeptLayout;
  /** Impurity blocks of the configurations (4 per spin). */
  v1: Float64Array[];
  v2: Float64Array[];
}

/** The kept-node work of each posted data set, prepared on its first node. */
const PREPARED = new WeakMap<InterlayerWorkerData, FilmKept>();

/** Σ_k∥ ln|det(1 − g_k∥(i w) V)| per spacer and configuration (index 4·spacer + c), and Σ_k∥ ln|det(i w − H'(k∥))|. */
export function interlayerLogDets(data: InterlayerWorkerData, w: number): { sums: Float64Array; logAbsDet: number } {
  const plan = data.plan;
  let kept = PREPARED.get(data);
  if (!kept) PREPARED.set(data, (kept = prepareKept(plan, data.kept)));
  const nc = data.v1.length;
  const sums = new Float64Array(nc * data.layout.second.length);
  const logAbsDet = forEachK(plan, kept, { re: 0, im: w }, (g) => {
    const ld = impurityLogDets(g, data.kept.length, data.v1, data.v2, data.layout);
    for (let e = 0; e < sums.length; e++) sums[e] += ld[e]!;
  });
  return { sums, logAbsDet };
}
