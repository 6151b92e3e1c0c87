/**
 * Sweep files: a base model, axes (key paths into the model with their
 * values), the couplings to compute at every point and the engine settings.
 *
 *   {"model": {...} | "model.json",
 *    "axes": {"pairing.s": [0, 0.1], "pairing.p.1": "0:0.2:0.05"},
 *    "couplings": {"separations": "1:5", "direction": "x"},
 *    "engine": "auto", "options": {"tolerance": 1e-11, "poles": "rational"}}
 *
 * A loaded file becomes a SweepDefinition with every default filled in and
 * every range expanded; its hash (hash.ts) identifies the sweep in result
 * files, so a result directory can never mix two different sweeps.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseModel, type Model } from '../model/model.js';
import { parseWith } from '../model/validate.js';
import { separationSweep, targetSweep } from '../rkky/problem.js';
import { parseTargets, resolveEngine } from '../rkky/sweep.js';
import { axisValues, describePoint, gridSize, MAX_POINTS, parseRangeText, pointAt, type PointValues, type SweepAxis } from './axes.js';
import { contentHash } from './hash.js';
import type { PointSettings } from './pointTask.js';
import { setAtPath, type Json } from './keyPath.js';

const sweepFileSchema = z.strictObject({
  model: z.union([z.string(), z.record(z.string(), z.unknown())], { error: 'expected a model object or the path of a model file' }),
  axes: z.record(z.string(), z.unknown(), { error: 'expected an object {"<key path>": [values] | "A:B:STEP"}' }),
  couplings: z.union([
    z.strictObject({
      separations: z.union([z.string(), z.array(z.number()).min(1)], { error: "expected a range 'A:B' or a list of integers" }),
      direction: z.enum(['x', 'y', 'z'], { error: 'expected x, y or z' }).default('x'),
    }),
    z.strictObject({ to: z.string({ error: 'expected target sites "n1,n2[,n3][,sublattice]; …" as for rkky couplings --to' }) }),
  ], { error: 'expected {"separations": "1:5", "direction": "x"} or {"to": "n1,n2[,sublattice]; …"}' }),
  engine: z.enum(['auto', 'dense', 'exact'], { error: 'expected auto, dense or exact' }).default('auto'),
  options: z
    .strictObject({
      tolerance: z.number().gt(0, 'expected a number in (0, 1)').lt(1, 'expected a number in (0, 1)').default(1e-11),
      poles: z.enum(['rational', 'ozaki', 'matsubara'], { error: 'expected rational, ozaki or matsubara' }).default('rational'),
      secondOrder: z.boolean({ error: 'expected true or false' }).default(false),
    }, { error: 'expected an object with keys tolerance, poles, secondOrder' })
    .default({ tolerance: 1e-11, poles: 'rational', secondOrder: false }),
});

/** A sweep with every default filled in and every range expanded (what is hashed). */
export interface SweepDefinition extends PointSettings {
  model: Json;
  axes: SweepAxis[];
  /** Separations along `direction`, or (when `to` is given) the 1-based numbers of the targets. */
  separations: number[];
}

/** Version of the result format; part of the hash, so results of an incompatible rkky are never resumed. */
const FORMAT = 1;

/** The hash that identifies a sweep definition in its result files. */
export function definitionHash(def: SweepDefinition): string {
  return contentHash({ format: FORMAT, ...def });
}

/** The hash of one point of a sweep (the definition's hash and the point's values). */
export function pointHash(defHash: string, point: PointValues): string {
  return contentHash({ sweep: defHash, point });
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(path, `not valid JSON: ${(err as Error).message}`);
  }
}

/** Validate a parsed sweep file; `baseDir` resolves a model given by path. */
export function parseSweep(input: unknown, baseDir = '.'): SweepDefinition {
  const file = parseWith(sweepFileSchema, input, 'sweep');
  const model = (typeof file.model === 'string' ? readJson(resolve(baseDir, file.model), 'model file') : file.model) as Json;
  if (model === null || typeof model !== 'object' || Array.isArray(model)) throw new InputError('model', 'expected a model object');
  const axes = Object.entries(file.axes).map(([path, spec]): SweepAxis => ({ path, values: axisValues(spec, `axes["${path}"]`) }));
  if (axes.length === 0) throw new InputError('axes', 'expected at least one axis');
  const size = gridSize(axes);
  if (size > MAX_POINTS) throw new InputError('axes', `the grid has ${size} points, expected at most ${MAX_POINTS}`);
  const c = file.couplings;
  const to = 'to' in c ? c.to : undefined;
  const seps = 'to' in c
    ? c.to.split(';').filter((s) => s.trim() !== '').map((_, k) => k + 1)
    : typeof c.separations === 'string' ? parseRangeText(c.separations, 'couplings.separations') : c.separations;
  if (seps.length === 0) throw new InputError('couplings.to', 'expected at least one target site');
  if (seps.some((d) => !Number.isInteger(d) || d === 0)) throw new InputError('couplings.separations', 'expected non-zero integers');
  return {
    model,
    axes,
    separations: seps,
    direction: 'to' in c ? 'x' : c.direction,
    ...(to === undefined ? {} : { to }),
    engine: file.engine,
    tolerance: file.options.tolerance,
    poles: file.options.poles,
    secondOrder: file.options.secondOrder,
  };
}

/** Read and validate a sweep file. */
export function loadSweep(path: string): SweepDefinition {
  return parseSweep(readJson(path, 'sweep file'), dirname(path));
}

/** The definition as a self-contained sweep file (model inline, ranges expanded): loading it gives the same hash. */
export function sweepFileOf(def: SweepDefinition): Record<string, unknown> {
  return {
    model: def.model,
    axes: Object.fromEntries(def.axes.map((a) => [a.path, a.values])),
    couplings: def.to === undefined ? { separations: def.separations, direction: def.direction } : { to: def.to },
    engine: def.engine,
    options: { tolerance: def.tolerance, poles: def.poles, secondOrder: def.secondOrder },
  };
}

/** The model file (JSON) of point `index`. */
export function pointModel(def: SweepDefinition, point: PointValues): Json {
  let model = def.model;
  for (const axis of def.axes) model = setAtPath(model, axis.path, point[axis.path]!, `axes["${axis.path}"]`);
  return model;
}

/** What a run needs to know about one point, found by validating it. */
export interface PointInfo {
  index: number;
  values: PointValues;
  hash: string;
  model: Json;
  /** Lattice sites and the engine `auto` resolves to (for the cost model). */
  nSites: number;
  engine: 'dense' | 'exact';
  temperature: number;
}

/**
 * Every point of the grid, validated: a point that makes an invalid model (or
 * puts spin 2 outside the lattice) is an InputError naming the point, raised
 * before anything is computed.
 */
export function sweepPoints(def: SweepDefinition, defHash = definitionHash(def)): PointInfo[] {
  const n = gridSize(def.axes);
  const points: PointInfo[] = [];
  let firstError: InputError | undefined;
  let invalid = 0;
  for (let index = 0; index < n; index++) {
    const values = pointAt(def.axes, index);
    try {
      const json = pointModel(def, values);
      const model: Model = parseModel(json);
      if (def.to === undefined) separationSweep(model, def.separations, def.direction);
      else targetSweep(model, parseTargets(model.lattice, def.to, 'couplings.to'), 'couplings.to');
      points.push({
        index,
        values,
        hash: pointHash(defHash, values),
        model: model.source as unknown as Json,
        nSites: model.lattice.nSites,
        engine: resolveEngine(def.engine, model.lattice.nSites),
        temperature: model.temperature,
      });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      invalid++;
      firstError ??= new InputError(`point ${index} (${describePoint(values)})`, err.message);
    }
  }
  if (firstError) throw new InputError(firstError.field, `${firstError.expected}${invalid > 1 ? ` (${invalid} of ${n} points are invalid)` : ''}`);
  return points;
}
