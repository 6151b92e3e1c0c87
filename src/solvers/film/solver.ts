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

export class FilmSolver {
  readonly plan: FilmPlan;
  private readonly prepared: FilmKept;
  /** ln|det| is reported per the lattice's own in-plane area (mesh torus ÷ N_mesh/N_lattice), so that F0 stays that of the sample's size. */
  private readonly areaScale: number;

  constructor(host: HostData, kept: readonly number[], mesh?: readonly number[]) {
    this.plan = planFilm(host, mesh);
    this.prepared = prepareKept(this.plan, kept);
    const own = this.plan.layout.geometry.shape;
    this.areaScale = (own[0] * own[1] * own[2]) / this.plan.kPoints;
  }

  at(z: Complex): GreensAtEnergy {
    const r = filmGreens(this.plan, this.prepared, z);
    return { greens: r.greens, logAbsDet: r.logAbsDet * this.areaScale };
  }
}
