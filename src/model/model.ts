import { InputError } from '../errors.js';
import { CubicLattice } from '../lattice/lattice.js';
import type { Complex } from '../math/complex.js';
import { parseDVector, type DMatrix } from '../hamiltonian/dvector.js';
import { mat2, type Mat2 } from '../hamiltonian/pauli.js';
import { MAX_MAGNITUDE, modelSchema, type ModelFile, type ModelInput } from './schema.js';
import { parseWith } from './validate.js';

/** A classical impurity spin S at a site with exchange coupling J: H_ii += −(J/2) S·σ. */
export interface Impurity {
  site: number;
  spin: [number, number, number];
  coupling: number;
}

/** A custom "pen and paper" block: H_ij += H and Δ_ij += Δ (2×2 spin matrices). */
export interface CustomBlock {
  i: number;
  j: number;
  H: Mat2 | null;
  Delta: Mat2 | null;
}

/** A validated model, ready to be turned into a Hamiltonian (see `hostHamiltonian`). */
export interface Model {
  lattice: CubicLattice;
  hopping: number;
  chemicalPotential: number;
  zeeman: [number, number, number];
  rashba: number;
  pairing: { s: Complex; p: Complex; dVector: DMatrix | null; d: Complex; winding: number };
  temperature: number;
  impurities: Impurity[];
  custom: CustomBlock[];
  description?: string;
  /** The validated file contents, defaults filled in (plain JSON: what worker threads receive to rebuild the model). */
  source: ModelFile;
}

const toComplex = (a: number | [number, number] | undefined): Complex =>
  a === undefined ? { re: 0, im: 0 } : typeof a === 'number' ? { re: a, im: 0 } : { re: a[0], im: a[1] };

/** Validate a parsed JSON model (object) and resolve sites, amplitudes and the d-vector. */
export function parseModel(input: unknown): Model {
  if (typeof input === 'string') throw new InputError('model', 'expected a model-file object, got a string (pass JSON.parse(text), or use loadModel(path) for a file)');
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new InputError('model', `expected a model-file object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`);
  return resolve(parseWith(modelSchema, input, 'model'));
}

function resolve(m: ModelFile): Model {
  const lattice = new CubicLattice(m.lattice.shape, m.lattice.periodic ?? []);
  const p = m.pairing ?? {};
  let dVector: DMatrix | null = null;
  if (p.dVector !== undefined)
    dVector = typeof p.dVector === 'string' ? parseDVector(p.dVector) : p.dVector.flat().map((a) => toComplex(a));
  const pAmp = toComplex(p.p);
  if ((pAmp.re !== 0 || pAmp.im !== 0) && !dVector)
    throw new InputError('pairing.dVector', "required when pairing.p is set (e.g. 'e_z * p_x')");
  const winding = p.winding ?? 0;
  if (lattice.periodic[0] && !Number.isInteger(winding))
    throw new InputError('pairing.winding', `expected an integer when the x axis is periodic, got ${winding}`);
  const siteOf = (coords: number[], field: string) => {
    if (coords.length !== lattice.dim) throw new InputError(field, `expected ${lattice.dim} coordinates for a ${lattice.dim}D lattice, got ${coords.length}`);
    return lattice.index(coords, field);
  };
  const impurities = m.impurities.map(
    (imp, k): Impurity => ({ site: siteOf(imp.site, `impurities[${k}].site`), spin: [...imp.spin], coupling: imp.coupling }),
  );
  const toMat2 = (m: ModelFile['custom'][number]['H']) => (m ? mat2(toComplex(m[0][0]), toComplex(m[0][1]), toComplex(m[1][0]), toComplex(m[1][1])) : null);
  const custom = m.custom.map((c, k): CustomBlock => ({
    i: siteOf(c.sites[0], `custom[${k}].sites[0]`),
    j: siteOf(c.sites[1], `custom[${k}].sites[1]`),
    H: toMat2(c.H),
    Delta: toMat2(c.Delta),
  }));
  checkCustomSymmetry(custom, lattice);
  if (dVector) {
    const k = dVector.findIndex((c) => !(Math.abs(c.re) <= MAX_MAGNITUDE && Math.abs(c.im) <= MAX_MAGNITUDE));
    if (k >= 0) throw new InputError('pairing.dVector', `entry ${k} is not a number of magnitude ≤ ${MAX_MAGNITUDE}`);
  }
  return {
    lattice,
    hopping: m.hopping,
    chemicalPotential: m.chemicalPotential,
    zeeman: [...m.zeeman],
    rashba: m.rashba,
    pairing: { s: toComplex(p.s), p: pAmp, dVector, d: toComplex(p.d), winding },
    temperature: m.temperature,
    impurities,
    custom,
    description: m.description,
    source: m,
  };
}

/**
 * The custom blocks must keep the BdG matrix physical: H_ji = H_ij† (Hermiticity)
 * and Δ_ji = −Δ_ijᵀ (fermion antisymmetry, Δ being the pairing of c_i c_j). The
 * built-in terms satisfy both by construction, so the assembled matrices satisfy
 * them exactly when the sums of the custom blocks per site pair do; checking
 * here, once, on the main thread names the offending custom block (worker
 * threads that rebuild the model never see an invalid one).
 */
function checkCustomSymmetry(custom: readonly CustomBlock[], lattice: CubicLattice): void {
  const n = lattice.nSites;
  const sums = (pick: (c: CustomBlock) => Mat2 | null) => {
    const out = new Map<number, { m: Float64Array; k: number }>();
    custom.forEach((c, k) => {
      const m = pick(c);
      if (!m) return;
      const key = c.i * n + c.j;
      const e = out.get(key) ?? { m: new Float64Array(8), k };
      for (let a = 0; a < 8; a++) e.m[a]! += m[a]!;
      out.set(key, e);
    });
    return out;
  };
  const zero = new Float64Array(8);
  const check = (field: 'H' | 'Delta', sign: 1 | -1, conj: 1 | -1, rule: string) => {
    const blocks = sums((c) => c[field]);
    let scale = 0;
    for (const { m } of blocks.values()) for (const v of m) scale = Math.max(scale, Math.abs(v));
    const tol = 1e-12 * Math.max(1, scale);
    for (const [key, { m, k }] of blocks) {
      const i = Math.floor(key / n), j = key - i * n;
      const partner = blocks.get(j * n + i)?.m ?? zero;
      let dev = 0;
      // partner[b][a] compared with sign·(conj ? m[a][b]* : m[a][b])
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++) {
          const p = 2 * (2 * a + b), q = 2 * (2 * b + a);
          dev = Math.max(dev, Math.hypot(partner[q]! - sign * m[p]!, partner[q + 1]! - sign * conj * m[p + 1]!));
        }
      if (dev > tol) {
        const [ri, rj] = [i, j].map((s) => `[${lattice.site(s).slice(0, lattice.dim).join(', ')}]`);
        throw new InputError(`custom[${k}].${field}`, `${rule} is violated between sites ${ri} and ${rj} (deviation ${dev.toExponential(2)}): add the partner block for sites [${rj}, ${ri}]`);
      }
    }
  };
  check('H', 1, -1, 'Hermiticity of the hamiltonian, H_ji = H_ij†,');
  check('Delta', -1, 1, 'fermion antisymmetry of the pairing, Δ_ji = −Δ_ijᵀ,');
}

export type { ModelInput };
