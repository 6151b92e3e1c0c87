/**
 * The classical spin Hamiltonian of rkky (unit vectors S_i, |S_i| = 1):
 *
 *   E = E0 + Σ_{i<j} [ S_iᵀ η_ij S_j + K_ij (S_i·S_j)² ] + Σ_i [ b_i·S_i − A_i (n_i·S_i)² ] − h·Σ_i S_i
 *
 * Each unordered pair is listed once (no double counting); η_ij is the full 3×3 exchange tensor
 * of DESIGN.md §1 (row = axis of S_i), so J = diag η > 0 favours antiparallel spins and the
 * antisymmetric part is D·(S_i × S_j). K_ij is the biquadratic coupling, b_i a site-dependent
 * field-like term (the μ of the couplings table), A_i > 0 an easy axis n_i, h a uniform Zeeman
 * field in energy units (the moment is absorbed into h). Energies are in units of t.
 * This is the free-energy expansion F ≈ F0 + μ1·S1 + μ2·S2 + S1ᵀ η S2 summed over pairs.
 */
import { InputError } from '../errors.js';
import { type Mat3, type Vec3, maxAbs, norm } from './tensor.js';

export interface PairTerm {
  i: number;
  j: number;
  /** η_ij: the pair energy is S_iᵀ η S_j. */
  eta: Mat3;
  /** K_ij: adds K (S_i·S_j)². */
  biquadratic?: number;
  /**
   * For periodic models: the integer image of j that i couples to, so that the bond vector is
   * r_j + image∘box − r_i. Used by the exporters only.
   */
  image?: Vec3;
}

export interface AnisotropyTerm {
  site: number;
  /** A: the energy is −A (n·S)²; A > 0 is an easy axis, A < 0 an easy plane. */
  constant: number;
  /** n (normalized here). */
  axis: Vec3;
}

export interface SpinModelSpec {
  /** Number of spins. */
  n: number;
  /** Positions in lattice constants (optional; needed for plots, angles by distance and export). */
  positions?: Vec3[];
  pairs: PairTerm[];
  /** b_i per site (energy + b_i·S_i); missing entries are zero. */
  linear?: (Vec3 | null | undefined)[];
  anisotropy?: AnisotropyTerm[];
  /** Uniform Zeeman field h: energy −h·Σ S_i. */
  field?: Vec3;
  /** E0: a configuration-independent constant (e.g. the F0 of a couplings table). */
  constant?: number;
  /** Repeat lengths of a periodic model (informational; the pairs already include the wrap bonds). */
  box?: Vec3;
}

/**
 * A spin model compiled for fast evaluation: flat pair arrays and a per-site neighbour list
 * (each pair appears twice there, once as η for i and once as ηᵀ for j), both on Float64Array.
 */
export class SpinModel {
  readonly n: number;
  readonly positions: Float64Array | null;
  readonly box: Vec3 | null;
  readonly constant: number;
  readonly field: Vec3;
  /** Pair list (each unordered pair once). */
  readonly pairI: Int32Array;
  readonly pairJ: Int32Array;
  /** 9 entries per pair, row-major η. */
  readonly pairEta: Float64Array;
  readonly pairK: Float64Array;
  readonly pairImage: Int32Array | null;
  /** b_i − h: the total linear coefficient of S_i, 3 per site. */
  readonly linear: Float64Array;
  /** b_i alone, 3 per site. */
  readonly siteLinear: Float64Array;
  readonly anisotropy: Float64Array;
  readonly anisotropyAxis: Float64Array;
  /** Neighbour list: entries nbStart[i]..nbStart[i+1]−1 belong to spin i. */
  readonly nbStart: Int32Array;
  readonly nbIndex: Int32Array;
  /** 9 per entry: M with energy contribution S_iᵀ M S_j. */
  readonly nbEta: Float64Array;
  /** J per entry when every tensor is isotropic (η = J·1), else null. */
  readonly nbIso: Float64Array | null;
  readonly nbK: Float64Array;
  readonly hasBiquadratic: boolean;
  readonly hasAnisotropy: boolean;
  /** Largest coupling magnitude: the energy scale used for relative tolerances. */
  readonly scale: number;

  constructor(spec: SpinModelSpec) {
    const n = spec.n;
    if (!Number.isInteger(n) || n < 1) throw new InputError('n', `expected a positive number of spins, got ${n}`);
    this.n = n;
    if (spec.positions) {
      if (spec.positions.length !== n)
        throw new InputError('positions', `expected ${n} positions (one per spin), got ${spec.positions.length}`);
      this.positions = new Float64Array(3 * n);
      spec.positions.forEach((r, i) => {
        checkVec(r, `positions[${i}]`);
        this.positions!.set(r, 3 * i);
      });
    } else this.positions = null;
    this.box = spec.box ? [...checkVec(spec.box, 'box')] : null;
    this.constant = spec.constant ?? 0;
    if (!Number.isFinite(this.constant)) throw new InputError('constant', 'expected a finite number');
    this.field = [...checkVec(spec.field ?? [0, 0, 0], 'field')];

    const p = spec.pairs.length;
    this.pairI = new Int32Array(p);
    this.pairJ = new Int32Array(p);
    this.pairEta = new Float64Array(9 * p);
    this.pairK = new Float64Array(p);
    this.pairImage = spec.pairs.some((t) => t.image) ? new Int32Array(3 * p) : null;
    let scale = 0;
    let isotropic = true;
    spec.pairs.forEach((t, k) => {
      const where = `pairs[${k}]`;
      for (const [name, v] of [['i', t.i], ['j', t.j]] as const)
        if (!Number.isInteger(v) || v < 0 || v >= n) throw new InputError(`${where}.${name}`, `expected a spin index in 0..${n - 1}, got ${v}`);
      if (t.i === t.j) throw new InputError(where, `a pair needs two different spins, got i = j = ${t.i}`);
      checkMat(t.eta, `${where}.eta`);
      const K = t.biquadratic ?? 0;
      if (!Number.isFinite(K)) throw new InputError(`${where}.biquadratic`, 'expected a finite number');
      this.pairI[k] = t.i;
      this.pairJ[k] = t.j;
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) this.pairEta[9 * k + 3 * a + b] = t.eta[a][b];
      this.pairK[k] = K;
      if (t.image) this.pairImage!.set(checkVec(t.image, `${where}.image`), 3 * k);
      scale = Math.max(scale, maxAbs(t.eta), Math.abs(K));
      const e = t.eta;
      if (e[0][1] !== 0 || e[0][2] !== 0 || e[1][0] !== 0 || e[1][2] !== 0 || e[2][0] !== 0 || e[2][1] !== 0 || e[0][0] !== e[1][1] || e[1][1] !== e[2][2])
        isotropic = false;
    });
    this.hasBiquadratic = this.pairK.some((K) => K !== 0);

    this.siteLinear = new Float64Array(3 * n);
    (spec.linear ?? []).forEach((b, i) => {
      if (!b) return;
      if (i >= n) throw new InputError(`linear[${i}]`, `expected at most ${n} entries`);
      this.siteLinear.set(checkVec(b, `linear[${i}]`), 3 * i);
      scale = Math.max(scale, norm(b));
    });
    this.linear = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) this.linear[3 * i + a] = this.siteLinear[3 * i + a] - this.field[a];
    scale = Math.max(scale, norm(this.field));

    this.anisotropy = new Float64Array(n);
    this.anisotropyAxis = new Float64Array(3 * n);
    (spec.anisotropy ?? []).forEach((t, k) => {
      const where = `anisotropy[${k}]`;
      if (!Number.isInteger(t.site) || t.site < 0 || t.site >= n)
        throw new InputError(`${where}.site`, `expected a spin index in 0..${n - 1}, got ${t.site}`);
      if (!Number.isFinite(t.constant)) throw new InputError(`${where}.constant`, 'expected a finite number');
      const len = norm(checkVec(t.axis, `${where}.axis`));
      if (!(len > 0)) throw new InputError(`${where}.axis`, 'expected a non-zero vector');
      if (this.anisotropy[t.site] !== 0) throw new InputError(`${where}.site`, `spin ${t.site} already has an anisotropy axis`);
      this.anisotropy[t.site] = t.constant;
      for (let a = 0; a < 3; a++) this.anisotropyAxis[3 * t.site + a] = t.axis[a] / len;
      scale = Math.max(scale, Math.abs(t.constant));
    });
    this.hasAnisotropy = this.anisotropy.some((A) => A !== 0);
    this.scale = scale > 0 ? scale : 1;

    // Neighbour list: pair k appears for i with η and for j with ηᵀ.
    const count = new Int32Array(n + 1);
    for (let k = 0; k < p; k++) {
      count[this.pairI[k] + 1]++;
      count[this.pairJ[k] + 1]++;
    }
    for (let i = 0; i < n; i++) count[i + 1] += count[i];
    this.nbStart = count.slice();
    const fill = count.slice(0, n);
    this.nbIndex = new Int32Array(2 * p);
    this.nbEta = new Float64Array(18 * p);
    this.nbK = new Float64Array(2 * p);
    this.nbIso = isotropic ? new Float64Array(2 * p) : null;
    for (let k = 0; k < p; k++) {
      const i = this.pairI[k], j = this.pairJ[k];
      const ei = fill[i]++, ej = fill[j]++;
      this.nbIndex[ei] = j;
      this.nbIndex[ej] = i;
      this.nbK[ei] = this.nbK[ej] = this.pairK[k];
      if (this.nbIso) this.nbIso[ei] = this.nbIso[ej] = this.pairEta[9 * k];
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) {
          this.nbEta[9 * ei + 3 * a + b] = this.pairEta[9 * k + 3 * a + b];
          this.nbEta[9 * ej + 3 * a + b] = this.pairEta[9 * k + 3 * b + a];
        }
    }
  }

  get pairCount(): number {
    return this.pairI.length;
  }

  /** η of pair k as a Mat3. */
  pairTensor(k: number): Mat3 {
    const e = this.pairEta;
    const o = 9 * k;
    return [
      [e[o], e[o + 1], e[o + 2]],
      [e[o + 3], e[o + 4], e[o + 5]],
      [e[o + 6], e[o + 7], e[o + 8]],
    ];
  }

  /** Position of spin i, or null when the model has none. */
  position(i: number): Vec3 | null {
    const r = this.positions;
    return r ? [r[3 * i], r[3 * i + 1], r[3 * i + 2]] : null;
  }
}

function checkVec(v: readonly number[], field: string): Vec3 {
  if (!Array.isArray(v) || v.length !== 3 || !v.every(Number.isFinite)) throw new InputError(field, 'expected 3 finite numbers');
  return v as Vec3;
}

function checkMat(m: readonly (readonly number[])[], field: string): void {
  if (!Array.isArray(m) || m.length !== 3 || !m.every((row) => Array.isArray(row) && row.length === 3 && row.every(Number.isFinite)))
    throw new InputError(field, 'expected a 3×3 matrix of finite numbers');
}
