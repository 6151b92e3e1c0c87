import type { HostData } from '../host/host.js';
import { runPool, type PoolOptions } from '../parallel/pool.js';

/** What a pole worker receives once: the host whose matrix is inverted (typed arrays, structured clone). */
export interface PolesWorkerData {
  host: HostData;
}

/** Diagonal blocks of G(i w) (b×b complex per node) and ln|det(i w − Ĥ)|. */
export interface DiagonalInverse {
  diagonal: Float64Array;
  logAbsDet: number;
}

const WORKER = new URL('./polesWorker.js', import.meta.url);

/**
 * The diagonal blocks of (i w_p − Ĥ)⁻¹ at every pole node w_p by selected
 * inversion, spread over worker threads (each plans the ordering once);
 * results in node order.
 */
export function selectedInversesAtPoles(host: HostData, nodes: readonly number[], options: PoolOptions = {}): Promise<DiagonalInverse[]> {
  const data: PolesWorkerData = { host: { matrix: host.matrix, geometry: host.geometry, winding: host.winding } };
  return runPool<number, DiagonalInverse>(WORKER, data, nodes, options);
}
