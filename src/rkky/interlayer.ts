/**
 * Interlayer exchange between two magnetic layers of a film (docs/films.md):
 * every node of layer z1 carries S1, every node of layer z2 = z1 + n + 1
 * carries S2 (n spacer layers between them), along the film's stack axis.
 * With k∥ conserved the free energies are exact per k∥ (interlayerLogDets.ts);
 * the coupling per in-plane cell, in the project's sign convention (J > 0
 * favours antiparallel layers), is the bilinear projection
 *   J_inter(n) = [F(+a,+a) − F(+a,−a) − F(−a,+a) + F(−a,−a)] / (4 N∥),
 * which equals [F(↑↑) − F(↑↓)]/(2 N∥) when the host is time-reversal
 * symmetric (N∥ = in-plane cells of the k∥ mesh torus). Single-spin terms
 * and the c·Tr(H0V + V²/2) term of the pole expansion cancel exactly in
 * this combination, so only the cross determinants enter.
 */
import { checkExactOptions, checkOptions, toModel } from '../api/arguments.js';
import { InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import type { ModelInput } from '../model/schema.js';
import { buildHost } from '../model/host.js';
import { filmLayout, filmObstacle, planFilm, portablePlan } from '../solvers/film/index.js';
import { polesFor, type ExactOptions } from './exactEngine.js';
import { impurityBlock } from './impurity.js';
import { interlayerLogDets, type InterlayerWorkerData } from './interlayerLogDets.js';

export interface InterlayerOptions extends ExactOptions {
  /** Spacer thicknesses n ≥ 0 (layers strictly between the magnetic layers). */
  spacers: readonly number[];
  /** Spin axis a of the configurations (default z). */
  spinAxis?: 'x' | 'y' | 'z';
  /** In-plane k∥ mesh, one size per lattice axis (open axes their own size): the film infinite in-plane; default the lattice's own (exact finite film). */
  filmMesh?: number[];
  /** With filmMesh: also run the M/2 mesh and report the difference as the error. */
  estimateError?: boolean;
  /** One thread (no workers). */
  serial?: boolean;
}

export interface InterlayerRow {
  spacers: number;
  /** Layer indices (cells along the stack axis) of the two magnetic layers. */
  layer1: number;
  layer2: number;
  /** J_inter per in-plane cell (units of t). */
  J: number;
  /** With estimateError: |J(M) − J(M/2)|. */
  error?: number;
}

export interface InterlayerResult {
  /** Stack axis (0-based lattice axis) the layers are counted along. */
  axis: number;
  /** In-plane cells N∥ of the torus the free energies refer to. */
  inPlaneCells: number;
  rows: InterlayerRow[];
  /** With estimateError: max_n |J(M) − J(M/2)| / max_n |J(M)|. */
  estimatedRelativeError?: number;
}

/** The interlayer exchange J_inter(n) of a film model: layer 1 at the first impurity's layer with its coupling, layer 2 with the second impurity's coupling (default the first's). */
export async function interlayerExchange(modelArg: Model | ModelInput, options: InterlayerOptions): Promise<InterlayerResult> {
  const model = toModel(modelArg);
  const o = checkOptions(options, 'options', true);
  checkExactOptions(o);
  if (!Array.isArray(options.spacers) || options.spacers.length === 0) throw new InputError('--spacers', 'expected at least one spacer thickness');
  if (model.impurities.length === 0) throw new InputError('impurities', 'expected at least one impurity: magnetic layer 1 is the layer of the first impurity');
  if (model.impurities.length > 2) throw new InputError('impurities', `expected at most two impurities (layer 1 and layer 2 couplings), got ${model.impurities.length}`);
  if (model.custom.length > 0) throw new InputError('custom', 'the interlayer exchange needs a host translation invariant in-plane (no custom blocks)');
  const host = buildHost(model);
  const why = filmObstacle(host);
  if (why) throw new InputError('lattice.periodic', `the interlayer exchange needs a film (periodic along some axes, open along others), but this host has ${why}`);
  const layout = filmLayout(host);
  const g = host.geometry;
  const Lz = g.shape[layout.stack]!;
  const [first, second] = model.impurities;
  const firstNode = first!.nodes[0]!;
  const layer1 = Math.floor((layout.folded[firstNode]! % layout.columnNodes) / layout.layerNodes);
  const layerNodes = (layer: number): number[] => {
    const out: number[] = [];
    for (let q = 0; q < layout.folded.length; q++) {
      const f = layout.folded[q]!;
      if (f < layout.columnNodes && Math.floor(f / layout.layerNodes) === layer) out.push(q);
    }
    return out;
  };
  const layers2 = options.spacers.map((n) => {
    if (!Number.isInteger(n) || n < 0) throw new InputError('--spacers', `expected integers ≥ 0, got ${n}`);
    const z2 = layer1 + n + 1;
    if (z2 >= Lz) throw new InputError('--spacers', `layer 2 at ${z2} (spacer ${n} above layer ${layer1}) is outside the film of ${Lz} layers along axis ${layout.stack + 1}`);
    return z2;
  });
  const kept: number[] = [...layerNodes(layer1)];
  const firstSlots = kept.map((_, i) => i);
  const secondSlots = layers2.map((z2) => layerNodes(z2).map((q) => (kept.push(q), kept.length - 1)));
  const axis = 'xyz'.indexOf(options.spinAxis ?? 'z');
  if (axis < 0) throw new InputError('--spin-axis', `expected x, y or z, got '${options.spinAxis}'`);
  const unit = [0, 0, 0];
  unit[axis] = 1;
  const minus = unit.map((x) => -x);
  const J1 = first!.coupling, J2 = (second ?? first)!.coupling;
  // Configurations (+,+), (+,−), (−,+), (−,−).
  const signs = [[unit, unit], [unit, minus], [minus, unit], [minus, minus]] as const;
  const v1 = signs.map(([s1]) => impurityBlock(J1, s1));
  const v2 = signs.map(([, s2]) => impurityBlock(J2, s2));
  const poles = polesFor(host, model.temperature, Math.max(Math.abs(J1), Math.abs(J2)), options);
  // Progress over every pole node of both meshes (the M/2 mesh of the error estimate runs second).
  const runs = options.filmMesh && options.estimateError ? 2 : 1;
  const run = async (mesh: number[] | undefined, index: number) => {
    const data: InterlayerWorkerData = { plan: portablePlan(planFilm(host, mesh)), kept, layout: { first: firstSlots, second: secondSlots }, v1, v2 };
    const nodes = Array.from(poles.nodes);
    const perNode = options.serial
      ? nodes.map((w) => interlayerLogDets(data, w))
      : await (await import('../parallel/pool.js')).runPool<number, { sums: Float64Array }>(WORKER, data, nodes, {
          ...options,
          onProgress: options.onProgress && ((done: number, total: number) => options.onProgress!(index * total + done, runs * total)),
        });
    const inPlane = mesh ? layout.inPlane.reduce((p, a) => p * mesh[a]!, 1) : layout.inPlane.reduce((p, a) => p * g.shape[a]!, 1);
    const J = layers2.map((_, s) => {
      let sum = 0;
      for (let k = 0; k < nodes.length; k++) {
        const x = perNode[k]!.sums;
        sum += poles.weights[k]! * (x[4 * s]! - x[4 * s + 1]! - x[4 * s + 2]! + x[4 * s + 3]!);
      }
      return -sum / (4 * inPlane);
    });
    return { J, inPlane };
  };
  const main = await run(options.filmMesh, 0);
  const rows: InterlayerRow[] = options.spacers.map((n, s) => ({ spacers: n, layer1, layer2: layers2[s]!, J: main.J[s]! }));
  const result: InterlayerResult = { axis: layout.stack, inPlaneCells: main.inPlane, rows };
  if (options.filmMesh && options.estimateError) {
    const coarse = await run(options.filmMesh.map((M, a) => (g.periodic[a] && g.shape[a]! > 2 ? Math.max(g.shape[a]!, Math.floor(M / 2)) : M)), 1);
    let worst = 0;
    rows.forEach((r, s) => ((r.error = Math.abs(r.J - coarse.J[s]!)), (worst = Math.max(worst, r.error))));
    const scale = Math.max(...rows.map((r) => Math.abs(r.J)));
    result.estimatedRelativeError = scale > 0 ? worst / scale : worst === 0 ? 0 : Infinity;
  }
  return result;
}

const WORKER = new URL('./interlayerWorker.js', import.meta.url);
