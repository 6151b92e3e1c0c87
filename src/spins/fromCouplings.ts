/**
 * Spin models for clusters of adatoms from a two-spin couplings table (DESIGN.md §1).
 *
 * Translation invariance is assumed: the pair (i, j) at displacement Δ = r_j − r_i gets the η of
 * the table row with displacement Δ (its Cartesian `displacement`, or site2 − site1), wherever in the host the pair sits; a row for −Δ serves
 * through η(Δ) = η(−Δ)ᵀ (exchanging the two spins transposes η). On a finite open host this is
 * exact only near the centre where the table was computed. Three-spin and higher corrections to
 * F (the host responds to all adatoms at once) are neglected: F_cluster ≈ F0 + Σ_i b·S_i +
 * Σ_{i<j} S_iᵀ η(r_j − r_i) S_j.
 *
 * The single-spin term b (optional, `singleSite`): (μ1 + μ2)/2 of the row with the largest
 * separation, where the partner's influence on the linear term is smallest. The 36-configuration
 * projection cannot see single-ion anisotropy (±a give the same (S·a)²), so none is added.
 * The constant F0 is dropped: cluster energies are relative to the uncoupled, unpolarized spins.
 */
import { InputError } from '../errors.js';
import { type PairTerm, SpinModel } from './model.js';
import { type CouplingsRow, type CouplingsTable, couplingsTableSchema, parseWith } from './schema.js';
import { type Mat3, type Vec3, transpose } from './tensor.js';

export interface ClusterOptions {
  /** Skip pairs farther apart than this (lattice constants) instead of requiring them in the table. */
  cutoff?: number;
  /** Add the single-spin term b (default true). */
  singleSite?: boolean;
  /** Zeeman field h (energy units): E −= h·Σ S_i. */
  field?: Vec3;
}

/** Validate a parsed couplings table (the JSON of `rkky couplings --json`). */
export function parseCouplingsTable(json: unknown): CouplingsTable {
  return parseWith(couplingsTableSchema, json, 'couplings');
}

/** Key of a displacement, robust to round-off in coordinates. */
function key(d: readonly number[]): string {
  return d.map((x) => Math.round(x * 1e6) / 1e6 + 0).join(',');
}

/** Δ of a row: its Cartesian `displacement` (any lattice), else site2 − site1 (cubic lattice coordinates). */
function displacementOf(row: CouplingsRow): Vec3 {
  if (row.displacement) return [...row.displacement];
  const a = row.site1, b = row.site2;
  return [(b[0] ?? 0) - (a[0] ?? 0), (b[1] ?? 0) - (a[1] ?? 0), (b[2] ?? 0) - (a[2] ?? 0)];
}

/** A lookup Δ → η(Δ) built from the rows (and their reversed pairs). */
export class CouplingLookup {
  private readonly byDisplacement = new Map<string, Mat3>();
  readonly displacements: Vec3[] = [];

  constructor(readonly table: CouplingsTable) {
    table.rows.forEach((row, k) => {
      const d = displacementOf(row);
      if (d[0] === 0 && d[1] === 0 && d[2] === 0) throw new InputError(`rows[${k}]`, 'site1 and site2 coincide');
      const existing = this.byDisplacement.get(key(d));
      if (existing) {
        const scale = Math.max(1e-300, ...row.eta.flat().map(Math.abs));
        const differs = existing.some((r, a) => r.some((v, b) => Math.abs(v - row.eta[a][b]) > 1e-9 * scale));
        if (differs) throw new InputError(`rows[${k}]`, `a second, different η for displacement (${d.join(', ')})`);
        return;
      }
      this.byDisplacement.set(key(d), row.eta as Mat3);
      this.displacements.push(d);
    });
  }

  /** η for displacement Δ = r_j − r_i, or null when neither Δ nor −Δ is in the table. */
  get(delta: Vec3): Mat3 | null {
    const direct = this.byDisplacement.get(key(delta));
    if (direct) return direct.map((r) => [...r]) as Mat3;
    const reverse = this.byDisplacement.get(key([-delta[0], -delta[1], -delta[2]]));
    return reverse ? transpose(reverse) : null;
  }

  /** The single-spin term b = (μ1 + μ2)/2 of the farthest row (zero when the table has no μ1/μ2). */
  singleSiteTerm(): Vec3 {
    let best: CouplingsRow | null = null, bestDist = -1;
    for (const row of this.table.rows) {
      const d = Math.hypot(...displacementOf(row));
      if (d > bestDist) {
        best = row;
        bestDist = d;
      }
    }
    const m1 = best?.mu1 ?? [0, 0, 0], m2 = best?.mu2 ?? [0, 0, 0];
    return [(m1[0] + m2[0]) / 2, (m1[1] + m2[1]) / 2, (m1[2] + m2[2]) / 2];
  }
}

/** A spin model for spins at `positions` (Cartesian; on cubic lattices the lattice coordinates) from a couplings table. */
export function spinModelFromCouplings(table: CouplingsTable, positions: Vec3[], options: ClusterOptions = {}): SpinModel {
  const lookup = new CouplingLookup(table);
  if (positions.length < 1) throw new InputError('positions', 'expected at least one spin');
  if (options.cutoff !== undefined && !(options.cutoff > 0)) throw new InputError('cutoff', `expected a positive distance, got ${options.cutoff}`);
  const pairs: PairTerm[] = [];
  for (let i = 0; i < positions.length; i++)
    for (let j = i + 1; j < positions.length; j++) {
      const ri = positions[i], rj = positions[j];
      const delta: Vec3 = [rj[0] - ri[0], rj[1] - ri[1], rj[2] - ri[2]];
      const dist = Math.hypot(...delta);
      if (dist === 0) throw new InputError('positions', `spins ${i} and ${j} sit at the same position (${ri.join(', ')})`);
      if (options.cutoff !== undefined && dist > options.cutoff * (1 + 1e-9)) continue;
      const eta = lookup.get(delta);
      if (!eta) {
        const have = lookup.displacements.map((d) => `(${d.join(',')})`).join(' ');
        throw new InputError(
          'positions',
          `no couplings for displacement (${delta.join(', ')}) between spins ${i} and ${j}; the table has ${have} — extend the table or set a cutoff below ${dist}`,
        );
      }
      pairs.push({ i, j, eta });
    }
  const b = options.singleSite === false ? null : lookup.singleSiteTerm();
  return new SpinModel({
    n: positions.length,
    positions,
    pairs,
    linear: b ? positions.map(() => b) : undefined,
    field: options.field,
  });
}

/**
 * A spin model from a pair function, e.g. the engine evaluated directly for arbitrary positions:
 * `pairTensor(i, j, Δ)` returns η_ij (or null to leave the pair out).
 */
export function spinModelFromPairFunction(
  positions: Vec3[],
  pairTensor: (i: number, j: number, delta: Vec3) => Mat3 | null,
  options: { field?: Vec3; linear?: Vec3 } = {},
): SpinModel {
  const pairs: PairTerm[] = [];
  for (let i = 0; i < positions.length; i++)
    for (let j = i + 1; j < positions.length; j++) {
      const ri = positions[i], rj = positions[j];
      const eta = pairTensor(i, j, [rj[0] - ri[0], rj[1] - ri[1], rj[2] - ri[2]]);
      if (eta) pairs.push({ i, j, eta });
    }
  return new SpinModel({
    n: positions.length,
    positions,
    pairs,
    linear: options.linear ? positions.map(() => options.linear!) : undefined,
    field: options.field,
  });
}

/** Positions of a straight chain: n spins, `spacing` apart along `axis`, starting at `origin`. */
export function chainPositions(n: number, spacing = 1, axis: 0 | 1 | 2 = 0, origin: Vec3 = [0, 0, 0]): Vec3[] {
  if (!Number.isInteger(n) || n < 1) throw new InputError('chain', `expected a positive number of spins, got ${n}`);
  if (!(spacing > 0)) throw new InputError('spacing', `expected a positive spacing, got ${spacing}`);
  return Array.from({ length: n }, (_, k) => {
    const r: Vec3 = [...origin];
    r[axis] += k * spacing;
    return r;
  });
}
