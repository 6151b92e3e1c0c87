/**
 * Memory bound of the k-mesh infinite-host path (`--infinite M`): every worker
 * holds H(k) (32 doubles), up to 16 Green's-function tables (2 doubles each)
 * and FFT scratch per k point, ≈ 600 bytes per k point per thread.
 */
import { InputError } from '../errors.js';

/** Bytes per k point and worker thread (measured: 2 workers on 1024² peak at ≈ 1.3 GB RSS). */
export const MESH_BYTES_PER_K_POINT = 600;
/** Largest mesh memory accepted (all threads). */
export const MESH_MEMORY_LIMIT = 1.5 * 2 ** 30;

/** Estimated peak bytes of a mesh run on `threads` workers. */
export const meshMemory = (mesh: readonly number[], threads: number): number => mesh.reduce((a, b) => a * b, 1) * MESH_BYTES_PER_K_POINT * threads;

/** Refuse meshes whose estimated memory exceeds MESH_MEMORY_LIMIT (InputError, before anything is allocated). */
export function checkMeshMemory(mesh: readonly number[], threads?: number): void {
  // No node:os here (the browser imports the sweep): the cores as the navigator reports them, else 2.
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  const n = Math.max(1, threads ?? cores);
  const bytes = meshMemory(mesh, n);
  if (bytes > MESH_MEMORY_LIMIT)
    throw new InputError(
      '--infinite',
      `a ${mesh.join('×')} k-mesh needs ≈ ${(bytes / 2 ** 30).toFixed(1)} GB on ${n} thread(s) (limit ${(MESH_MEMORY_LIMIT / 2 ** 30).toFixed(1)} GB); use --infinite without M (adaptive quadrature, memory independent of the resolution)`,
    );
}
