import type { Complex } from '../math/complex.js';
import type { HostData } from '../host/host.js';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { prestartWorkers, streamPool, warmWorkers, type Tasks } from '../parallel/pool.js';
import { withSharedArrays } from '../parallel/sharedArrays.js';
import type { GreensAtEnergy, GreensProvider, GreensRequestOptions } from './greens.js';

/** What a Green's-function worker receives once: the built host (typed arrays, structured clone) and the kept nodes. */
export interface GreensWorkerData {
  host: HostData;
  kept: number[];
  mesh?: number[];
}

/**
 * The worker script: greensWorker.js and its modules bundled into one file
 * (`npm run build:workers`, rolldown) where that bundle is at least as new as
 * the module (a tsc run alone leaves it older, and the modules serve). A
 * worker loads the bundle in 11–13 ms instead of 45–60 ms for its 35 modules,
 * on the path of the pool's start (on the whole paper workload the gain was
 * within the noise of interleaved runs, 0–40 ms).
 */
let worker: URL | undefined;
/** The worker script, chosen on first use (the explorer imports this module but never starts a pool). */
const workerUrl = (): URL => (worker ??= workerScript());

function workerScript(): URL {
  // Built next to the module by `npm run build`; not a source file, hence no bundler should resolve it.
  return bundledOrModule(new URL('./greensWorker.js', import.meta.url), new URL(/* @vite-ignore */ './greensWorker.bundle.js', import.meta.url));
}

/** `bundle` where it exists and is at least as new as `module` (a packed tarball gives both one time), else `module`. */
export function bundledOrModule(module: URL, bundle: URL): URL {
  try {
    return statSync(bundle).mtimeMs >= statSync(module).mtimeMs ? bundle : module;
  } catch {
    return module;
  }
}

/**
 * The Green's function on the kept nodes at many complex energies, one sparse
 * factorization per energy (DESIGN.md §2), spread over worker threads; the
 * workers plan the solver once for the host they receive, each completing
 * its parts of the plan and installing the others' (greensWorker.ts).
 */
export const greensAtEnergies: GreensProvider = (host, kept, energies, options = {}) => greensAtLaterEnergies(host, kept, energies, options);

/**
 * greensAtEnergies with the energies given as a function called once the
 * workers are spawned: the workers plan the solver while this thread
 * computes the energies (the pole fit), instead of after it.
 */
export function greensAtLaterEnergies(host: HostData, kept: readonly number[], energies: Tasks<Complex>, options: GreensRequestOptions = {}): Promise<GreensAtEnergy[]> {
  // Every worker gets the same host: in shared memory, copied once rather than serialized per worker.
  const data: GreensWorkerData = { host: withSharedArrays(host), kept: [...kept], mesh: options.mesh };
  const results: GreensAtEnergy[] = [];
  const onResult = (id: number, result: GreensAtEnergy) => {
    results[id] = result;
    options.onResult?.(id, result);
  };
  // The workers divide the plan's parts among themselves and exchange them (greensWorker.ts).
  return streamPool<Complex, GreensAtEnergy>(workerUrl(), data, energies, onResult, options, { shareSetup: true }).then(() => results);
}

/**
 * Start the Green's-function workers before the host exists (`threads`,
 * default all cores): they load the solver while the caller builds the host,
 * and the next greensAtEnergies takes them. Returns how many wait now.
 */
export function prestartGreensWorkers(threads?: number): number {
  return prestartWorkers(workerUrl(), threads ?? availableParallelism());
}

/** How many prestarted Green's-function workers wait for a pool. */
export const warmGreensWorkers = (): number => warmWorkers(workerUrl());
