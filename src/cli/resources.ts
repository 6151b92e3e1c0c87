/**
 * Resources a run will need, estimated from the model's size before anything
 * is allocated, and refused (a usage error, exit 2) when they exceed the
 * memory available to the process or `--max-memory`.
 *
 * Estimates (b = 4 orbitals per site, 16 bytes per complex number):
 * - the Hamiltonian: N(1 + 2d) blocks of 4×4 (256 bytes), about twice that while it is built;
 * - dense: 16·(4N)² bytes per matrix (one per thread) plus O(4N) eigen workspace, and
 *   ≈ (16/3)(4N)³ flops of Householder reduction;
 * - sparse exact engine (nested dissection, per worker thread): the largest front, about
 *   1.5 s sites for an open lattice (3 s periodic) with s = N / max(L) the largest
 *   cross-section (the top separator), plus the contribution-block stack, about 5 s² (12 s²
 *   periodic) sites², each site² being b² complex entries (measured on 2D and 3D lattices), plus
 *   the solver's copy of H0's values and their sector/mirror reductions (schur.ts's value cache,
 *   at most one more Hamiltonian);
 * - k-space: the mesh (M^d k points) times a few 4×4 complex blocks per point and thread;
 * - selected inversion (`maps`, `selfconsistent`): the whole factorization is kept, per thread
 *   about 8 N log₂N + 3 s² log₂N sites² (measured: 0.9·10⁶ sites², 224 MB, on the 101×101 Rashba
 *   host, whose complex form is the largest), each site² b² complex entries (through mirror sectors
 *   only the sector being inverted, less); plus the sectors' G on their patterns, kept on the plan
 *   between calls: at most 1 + 2d times one G on H0's pattern and diagonal.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { InputError } from '../errors.js';
import type { Model } from '../model/model.js';
import { parseNumber } from './action.js';

const GB = 1e9;
/** Resident baseline of Node per thread (V8 heap, code), bytes. */
const THREAD_BASE = 40e6;

export interface ResourceEstimate {
  /** Bytes the run is expected to hold at its peak. */
  bytes: number;
  /** Bytes of V8 heap objects (the Hamiltonian builder), limited separately by V8. */
  heapBytes: number;
  /** Rough wall time of the dense path, seconds (undefined for the other engines). */
  denseSeconds?: number;
  /** What dominates, for the message. */
  what: string;
}

export interface RunShape {
  engine: 'dense' | 'exact';
  /** Worker threads (default: the cores). */
  threads?: number;
  /** k-space mesh (`--infinite`). */
  mesh?: number[];
  /** Whether the host is solved in k-space (periodic, translation invariant). */
  kspace?: boolean;
  /** Dense work runs on the main thread only (rkky energy). */
  mainThreadOnly?: boolean;
  /** The run keeps whole factorizations for selected inversion (rkky maps, rkky selfconsistent). */
  selectedInversion?: boolean;
}

/** Estimate peak memory (and dense time) of a run on `model`. */
export function estimateResources(model: Model, run: RunShape): ResourceEstimate {
  const lat = model.lattice;
  const N = lat.nNodes, d = lat.dim;
  const threads = run.mainThreadOnly ? 1 : Math.max(1, run.threads ?? availableParallelism());
  const blocks = N * (1 + 2 * d);
  const hamiltonian = blocks * 256 * 2;
  const heapBytes = blocks * 200;
  if (run.engine === 'dense') {
    const n = 4 * N;
    const matrix = 16 * n * n;
    return {
      bytes: THREAD_BASE * (threads + 1) + (threads + 1) * hamiltonian + threads * (matrix + 64 * n),
      heapBytes,
      denseSeconds: ((16 / 3) * n ** 3) / 1e9,
      what: `dense ${n}×${n} matrices (${(matrix / GB).toFixed(1)} GB each${threads > 1 ? `, one per thread × ${threads}` : ''})`,
    };
  }
  if (run.kspace) {
    const points = (run.mesh ?? lat.shape).reduce((a, b) => a * b, 1);
    const perThread = points * 16 * 16 * 8;
    return {
      bytes: THREAD_BASE * (threads + 1) + (threads + 1) * hamiltonian + threads * perThread,
      heapBytes,
      what: `a k-space mesh of ${points} points (${(perThread / GB).toFixed(2)} GB per thread × ${threads})`,
    };
  }
  const s = N / Math.max(...lat.shape);
  const periodic = lat.periodic.some((p, a) => p && lat.size[a]! > 2);
  const front = (periodic ? 3 : 1.5) * s + 9;
  const stack = (periodic ? 12 : 5) * s * s + 30;
  const factors = run.selectedInversion ? 16 * 16 * (8 * N + 3 * s * s) * Math.log2(N + 1) + (1 + 2 * d) * (blocks + N) * 256 : 0;
  const perThread = 16 * 16 * (front * front + stack) + 40 * N * Math.log2(N + 1) + hamiltonian + factors;
  return {
    bytes: THREAD_BASE * (threads + 1) + (threads + 1) * hamiltonian + threads * perThread,
    heapBytes,
    what: `sparse factorizations with fronts of ${Math.round(front)} sites${run.selectedInversion ? ', kept whole for selected inversion' : ''} (${(perThread / GB).toFixed(2)} GB per thread × ${threads})`,
  };
}

/** Bytes under a cgroup (v2, else v1) memory limit still free, or Infinity without a limit. */
function cgroupAvailable(): number {
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8').trim();
    } catch {
      return null;
    }
  };
  const pairs: [string, string][] = [
    ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory.current'],
    ['/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/memory/memory.usage_in_bytes'],
  ];
  for (const [limitFile, usageFile] of pairs) {
    const limit = read(limitFile);
    if (limit === null || limit === 'max') continue;
    const max = Number(limit), used = Number(read(usageFile) ?? 0);
    if (Number.isFinite(max) && max < 2 ** 60) return Math.max(0, max - (Number.isFinite(used) ? used : 0));
  }
  return Infinity;
}

/** Memory the run may use: `--max-memory` if given, else the free memory of the machine and of the cgroup. */
export function memoryLimit(maxMemory: string | undefined): { bytes: number; source: string } {
  if (maxMemory !== undefined) {
    const gb = parseNumber('--max-memory', maxMemory);
    if (!(gb > 0)) throw new InputError('--max-memory', `expected a positive number of GB, got '${maxMemory}'`);
    return { bytes: gb * GB, source: `--max-memory ${maxMemory}` };
  }
  const bytes = Math.min(freemem(), totalmem(), cgroupAvailable());
  return { bytes, source: 'available memory' };
}

const fmtGB = (b: number) => (b >= 1e17 ? (b / GB).toExponential(2) : b < 0.01 * GB ? (b / GB).toPrecision(2) : (b / GB).toFixed(b < 10 * GB ? 2 : 1));

/**
 * Refuse a run whose estimate exceeds the limit (InputError naming `field`,
 * with the estimate in GB and, for dense runs, the expected time).
 */
export function checkResources(model: Model, run: RunShape, maxMemory: string | undefined, field = 'lattice.shape'): ResourceEstimate {
  const est = estimateResources(model, run);
  const limit = memoryLimit(maxMemory);
  const time = est.denseSeconds !== undefined ? `, about ${formatDuration(est.denseSeconds)} per diagonalization` : '';
  const shape = `[${model.lattice.shape.join(', ')}]`;
  if (!(est.bytes <= limit.bytes))
    throw new InputError(
      field,
      `a ${shape} lattice with the ${run.engine}${run.kspace ? ' (k-space)' : ''} engine needs about ${fmtGB(est.bytes)} GB (${est.what}${time}), more than the ${limit.source} (${fmtGB(limit.bytes)} GB)${run.engine === 'dense' ? '; use --engine exact' : ''}`,
    );
  const heap = getHeapStatistics().heap_size_limit;
  if (!(est.heapBytes <= 0.8 * heap))
    throw new InputError(field, `a ${shape} lattice needs about ${fmtGB(est.heapBytes)} GB of JavaScript heap to build its Hamiltonian, more than Node's limit (${fmtGB(heap)} GB)`);
  return est;
}

function formatDuration(s: number): string {
  if (s < 60) return `${s.toPrecision(2)} s`;
  if (s < 3600) return `${(s / 60).toPrecision(2)} min`;
  if (s < 86400 * 2) return `${(s / 3600).toPrecision(2)} h`;
  return `${(s / 86400).toPrecision(2)} days`;
}

/**
 * Whether a run will most likely take the k-space path (every axis periodic or of size ≤ 2, no
 * custom blocks, no impurities in H): the solver decides for itself, this only sizes the estimate.
 */
export function likelyKSpace(m: Model, includeImpurities: boolean): boolean {
  const lat = m.lattice;
  const periodic = lat.size.every((L, a) => L <= 2 || lat.periodic[a]);
  return periodic && m.custom.length === 0 && (!includeImpurities || m.impurities.length === 0);
}
