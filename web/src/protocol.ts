/**
 * Messages between the page and the computation worker. Everything is plain
 * JSON-like data (structured clone); errors travel as {name, message, field}
 * so the page can put an InputError next to the field it names.
 */
import type { Axis } from '../../src/rkky/problem.js';
import type { CouplingsResult } from '../../src/rkky/sweep.js';
import type { LdosPoint } from '../../src/rkky/ldos.js';
import type { CouplingsTable } from '../../src/spins/index.js';

export interface CouplingsTask {
  kind: 'couplings';
  /** The model file (JSON object), validated again in the worker. */
  model: unknown;
  /** Text of the files the model names (Wannier90), keyed by name. */
  files?: Record<string, string>;
  separations: number[];
  direction: Axis;
  /** When set, spin 2 visits every site within this distance of spin 1 instead (`--shells R`), nearest first. */
  shells?: number;
}

export interface LdosTask {
  kind: 'ldos';
  model: unknown;
  files?: Record<string, string>;
  /** Site coordinates, or null for the first impurity. */
  site: number[] | null;
  energies: number[];
  broadening: number;
  /** Include the model's impurities (false: the clean host). */
  impurities: boolean;
}

export interface GroundStateTask {
  kind: 'groundState';
  table: CouplingsTable;
  positions: [number, number, number][];
  cutoff?: number;
  starts: number;
  seed: number;
}

export interface ContinuumTask {
  kind: 'continuum';
  dim: 1 | 2 | 3;
  kF: number;
  temperature: number;
  meanFreePath: number;
  dispersionPower: number;
  coupling: number;
  R: number[];
  q: number[];
}

export type Task = CouplingsTask | LdosTask | GroundStateTask | ContinuumTask;

export interface GroundStateResult {
  energy: number;
  spins: number[];
  positions: [number, number, number][];
  torque: number;
  minima: { energy: number; count: number }[];
  pairs: number;
}

export interface ContinuumResult {
  /** J(R) at the task's R (while refining: the x/sinh x stand-in, or NaN where not computed yet). */
  J: number[];
  /** χ0(q) at the task's q. */
  chi: number[];
  /** How many J(R) values are final; equal to R.length when done. */
  done: number;
  /** Distances where the exact integral did not converge (the x/sinh x value or a gap is shown). */
  failed: number;
}

export interface LdosResult {
  site: number[];
  rows: LdosPoint[];
}

export type TaskResult<T extends Task> = T extends CouplingsTask
  ? CouplingsResult
  : T extends LdosTask
    ? LdosResult
    : T extends GroundStateTask
      ? GroundStateResult
      : ContinuumResult;

export type Request = { id: number; task: Task } | { id: number; cancel: true };

export interface WireError {
  name: string;
  message: string;
  field?: string;
}

export type Response =
  | { id: number; kind: 'progress'; done: number; total: number; partial?: unknown }
  | { id: number; kind: 'result'; result: unknown; seconds: number; kernels: 'wasm' | 'js' }
  | { id: number; kind: 'error'; error: WireError };
