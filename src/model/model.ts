import { InputError } from '../errors.js';
import { CubicLattice } from '../lattice/lattice.js';
import type { Complex } from '../math/complex.js';
import { parseDVector, type DMatrix } from '../hamiltonian/dvector.js';
import { mat2, type Mat2 } from '../hamiltonian/pauli.js';
import { modelSchema, type ModelFile, type ModelInput } from './schema.js';
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

export type { ModelInput };
