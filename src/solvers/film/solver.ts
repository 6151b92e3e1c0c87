/**
 * The film Green's-function solver behind the GreensProvider contract
 * (src/solvers/greens.ts): planned once per host, kept-node set and k∥ mesh,
 * then one block-tridiagonal solve per (energy, k∥).
 */
import type { Complex } from '../../math/complex.js';
import type { HostData } from '../../host/host.js';
import type { GreensAtEnergy } from '../greens.js';
import { filmGreens, prepareKept, type FilmKept } from './greens.js';
import { planFilm, type FilmPlan } from './plan.js';

/**
 * The plan without the host's matrix (only its size is read after planning):
 * what worker threads receive, instead of a structured clone of the whole host each.
 */
export function portablePlan(plan: FilmPlan): FilmPlan {
  const h = plan.host;
  const matrix = { nSites: h.matrix.nSites, b: h.matrix.b, rowPtr: new Int32Array(0), colIdx: new Int32Array(0), values: new Float64Array(0) };
  return { ...plan, host: { geometry: h.geometry, winding: h.winding, matrix } };
}

export class FilmSolver {
  readonly plan: FilmPlan;
  private readonly prepared: FilmKept;
  /** ln|det| is reported per the lattice's own in-plane area (mesh torus ÷ N_mesh/N_lattice), so that F0 stays that of the sample's size. */
  private readonly areaScale: number;

  constructor(host: HostData | FilmPlan, kept: readonly number[], mesh?: readonly number[]) {
    this.plan = 'sectors' in host ? host : planFilm(host, mesh);
    this.prepared = prepareKept(this.plan, kept);
    const own = this.plan.layout.geometry.shape;
    this.areaScale = (own[0] * own[1] * own[2]) / this.plan.kPoints;
  }

  at(z: Complex): GreensAtEnergy {
    const r = filmGreens(this.plan, this.prepared, z);
    return { greens: r.greens, logAbsDet: r.logAbsDet * this.areaScale };
  }
}
