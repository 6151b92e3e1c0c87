import { InputError } from '../errors.js';
import { CubicLattice } from '../lattice/lattice.js';
import { BravaisLattice, type Cell } from '../lattice/bravais.js';
import { cubicPresetName, presetCell, presetDimension, type PresetName, type UnitCellSpec } from '../lattice/presets.js';
import type { Complex } from '../math/complex.js';
import { parseDVector, type DMatrix } from '../hamiltonian/dvector.js';
import { mat2, type Mat2 } from '../hamiltonian/pauli.js';
import { MAX_MAGNITUDE, modelSchema, type ModelFile, type ModelInput } from './schema.js';
import { parseWith } from './validate.js';
import { resolveWannier, type ModelFiles } from '../wannier/resolve.js';
import type { WannierHost } from '../wannier/host.js';

/**
 * A classical impurity spin S at a site with exchange coupling J:
 * H_kk += −(J/2) S·σ on each node k of `nodes` (every orbital of the site, or
 * the listed ones).
 */
export interface Impurity {
  /** Site index (BravaisLattice numbering; = node on one-orbital lattices). */
  site: number;
  /** The nodes the exchange acts on. */
  nodes: number[];
  spin: [number, number, number];
  coupling: number;
}

/** −t_k σ0 ⊗ 1 on every pair at the k-th neighbour distance. */
export interface ShellHopping {
  kind: 'shell';
  shell: number;
  t: number;
}

/**
 * H between sublattice `from` in cell n and `to` in cell n + cell (and H† back):
 * a spinful 2n_from × 2n_to complex matrix, orbital-major (o1↑, o1↓, o2↑, …),
 * interleaved, row-major.
 */
export interface ExplicitHopping {
  kind: 'explicit';
  from: number;
  to: number;
  cell: Cell;
  H: Float64Array;
}

/** A spinful 2n × 2n matrix on every site of one sublattice (orbital-major, interleaved, row-major). */
export interface OnsiteTerm {
  sublattice: number;
  H: Float64Array;
}

/** A custom "pen and paper" block: H_ij += H and Δ_ij += Δ (2×2 spin matrices) between nodes i and j. */
export interface CustomBlock {
  i: number;
  j: number;
  H: Mat2 | null;
  Delta: Mat2 | null;
}

/** A validated model, ready to be turned into a Hamiltonian (see `hostHamiltonian`). */
export interface Model {
  lattice: BravaisLattice;
  hopping: number;
  hoppings: (ShellHopping | ExplicitHopping)[];
  onsite: OnsiteTerm[];
  chemicalPotential: number;
  zeeman: [number, number, number];
  rashba: number;
  pairing: { s: Complex; p: Complex; dVector: DMatrix | null; d: Complex; winding: number; /** On-site attraction U of the self-consistent gap (DESIGN.md §1); 0 = Δ as given. */ attraction: number };
  temperature: number;
  impurities: Impurity[];
  custom: CustomBlock[];
  description?: string;
  /** The unit cell of a Wannier90 host (lattice.wannier90): its hoppings h(R) in eV; null otherwise. */
  wannier: WannierHost | null;
  /** The text of the files the model refers to (keyed by the paths as written): what re-parsing `source` needs. */
  files: ModelFiles;
  /** The validated file contents, defaults filled in (plain JSON: what worker threads receive to rebuild the model). */
  source: ModelFile;
}

const toComplex = (a: number | [number, number] | undefined): Complex =>
  a === undefined ? { re: 0, im: 0 } : typeof a === 'number' ? { re: a, im: 0 } : { re: a[0], im: a[1] };

/** Validate a parsed JSON model (object) and resolve sites, amplitudes and the d-vector. */
export function parseModel(input: unknown, options: { files?: ModelFiles } = {}): Model {
  if (typeof input === 'string') throw new InputError('model', 'expected a model-file object, got a string (pass JSON.parse(text), or use loadModel(path) for a file)');
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new InputError('model', `expected a model-file object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`);
  return resolve(parseWith(modelSchema, input, 'model'), options.files ?? {});
}

/**
 * The lattice of a model file: `preset`, `vectors` (+ `basis`), or (neither)
 * the cubic lattice of the shape's dimension.
 */
export function resolveLattice(l: ModelFile['lattice'], wannier: WannierHost | null = null): BravaisLattice {
  if (wannier) {
    if (l.preset !== undefined || l.vectors !== undefined || l.basis !== undefined)
      throw new InputError('lattice.wannier90', 'cannot be combined with lattice.preset, lattice.vectors or lattice.basis (the files give the cell)');
    if (l.shape.length !== 3) throw new InputError('lattice.shape', `expected 3 sizes [L1, L2, L3] for a Wannier90 host, got ${l.shape.length}`);
    return new BravaisLattice({ vectors: wannier.vectors, basis: wannier.basis }, l.shape, l.periodic ?? [], null, { coincidentSites: true });
  }
  if (l.preset !== undefined && (l.vectors !== undefined || l.basis !== undefined))
    throw new InputError('lattice.preset', 'cannot be combined with lattice.vectors or lattice.basis');
  if (l.basis !== undefined && l.vectors === undefined) throw new InputError('lattice.basis', 'needs lattice.vectors');
  const periodic = l.periodic ?? [];
  if (l.vectors !== undefined) {
    const d = l.vectors.length;
    const cell: UnitCellSpec = { vectors: l.vectors, basis: l.basis ?? [{ name: 'A', position: new Array(d).fill(0) }] };
    return new BravaisLattice(cell, l.shape, periodic);
  }
  const preset: PresetName = l.preset ?? cubicPresetName(l.shape.length);
  if (presetDimension(preset) !== l.shape.length)
    throw new InputError('lattice.shape', `expected ${presetDimension(preset)} sizes for the ${preset} lattice, got ${l.shape.length}`);
  if (preset === 'chain' || preset === 'square' || preset === 'cubic') return new CubicLattice(l.shape, periodic);
  return new BravaisLattice(presetCell(preset), l.shape, periodic, preset);
}

/**
 * A complex matrix of a model file as the spinful 2n_r × 2n_c form: an
 * n_r × n_c matrix M means M ⊗ σ0, a 2n_r × 2n_c one is taken as written
 * (orbital-major, spin-minor).
 */
function spinfulMatrix(rows: (number | [number, number])[][], nr: number, nc: number, field: string): Float64Array {
  const R = rows.length, C = rows[0]!.length;
  rows.forEach((r, k) => {
    if (r.length !== C) throw new InputError(`${field}[${k}]`, `expected ${C} entries like the first row, got ${r.length}`);
  });
  const spinful = R === 2 * nr && C === 2 * nc;
  if (!spinful && !(R === nr && C === nc))
    throw new InputError(field, `expected a ${nr}×${nc} (orbital, ⊗σ0) or ${2 * nr}×${2 * nc} (spinful) matrix, got ${R}×${C}`);
  const out = new Float64Array(2 * 4 * nr * nc);
  const put = (a: number, b: number, v: Complex) => {
    out[2 * (a * 2 * nc + b)] = v.re;
    out[2 * (a * 2 * nc + b) + 1] = v.im;
  };
  rows.forEach((r, a) =>
    r.forEach((x, b) => {
      const v = toComplex(x);
      if (!Number.isFinite(v.re) || !Number.isFinite(v.im)) throw new InputError(`${field}[${a}][${b}]`, 'expected a finite number');
      if (spinful) put(a, b, v);
      else for (let sp = 0; sp < 2; sp++) put(2 * a + sp, 2 * b + sp, v);
    }),
  );
  return out;
}

function resolve(m: ModelFile, files: ModelFiles): Model {
  const wannier = m.lattice.wannier90 ? resolveWannier(m.lattice.wannier90, files) : null;
  const lattice = resolveLattice(m.lattice, wannier);
  const p = m.pairing ?? {};
  let dVector: DMatrix | null = null;
  if (p.dVector !== undefined)
    dVector = typeof p.dVector === 'string' ? parseDVector(p.dVector) : p.dVector.flat().map((a) => toComplex(a));
  const pAmp = toComplex(p.p);
  if ((pAmp.re !== 0 || pAmp.im !== 0) && !dVector)
    throw new InputError('pairing.dVector', "required when pairing.p is set (e.g. 'e_z * p_x')");
  const winding = p.winding ?? 0;
  if (lattice.periodic[0] && !Number.isInteger(winding))
    throw new InputError('pairing.winding', `expected an integer when the x axis (a_1) is periodic, got ${winding}`);
  const siteOf = (coords: number[], field: string, sublattice = 0) => {
    if (coords.length !== lattice.dim) throw new InputError(field, `expected ${lattice.dim} coordinates for a ${lattice.dim}D lattice, got ${coords.length}`);
    return lattice.index(coords, field, sublattice);
  };
  const sub = (name: string | undefined, field: string) => (name === undefined ? 0 : lattice.sublatticeIndex(name, field));
  const orbitalsOf = (sublattice: number) => lattice.basis[sublattice]!.orbitals;
  const impurities = m.impurities.map((imp, k): Impurity => {
    const site = siteOf(imp.site, `impurities[${k}].site`, sub(imp.sublattice, `impurities[${k}].sublattice`));
    const n = orbitalsOf(lattice.sublatticeOf(site));
    const orbitals = imp.orbitals ?? Array.from({ length: n }, (_, o) => o);
    orbitals.forEach((o, q) => {
      if (o >= n) throw new InputError(`impurities[${k}].orbitals[${q}]`, `orbital ${o} does not exist: the site has ${n} orbital${n > 1 ? 's' : ''} (0-based)`);
      if (orbitals.indexOf(o) !== q) throw new InputError(`impurities[${k}].orbitals[${q}]`, `orbital ${o} is listed twice`);
    });
    return { site, nodes: orbitals.map((o) => lattice.node(site, o)), spin: [...imp.spin], coupling: imp.coupling };
  });
  const toMat2 = (m: ModelFile['custom'][number]['H']) => (m ? mat2(toComplex(m[0][0]), toComplex(m[0][1]), toComplex(m[1][0]), toComplex(m[1][1])) : null);
  const custom = m.custom.map((c, k): CustomBlock => {
    const [si, sj] = [0, 1].map((e) => siteOf(c.sites[e]!, `custom[${k}].sites[${e}]`, sub(c.sublattices?.[e], `custom[${k}].sublattices[${e}]`))) as [number, number];
    const [oi, oj] = c.orbitals ?? [0, 0];
    [[si, oi], [sj, oj]].forEach(([s, o], e) => {
      const n = orbitalsOf(lattice.sublatticeOf(s!));
      if (o! >= n) throw new InputError(`custom[${k}].orbitals[${e}]`, `orbital ${o} does not exist: the site has ${n} orbital${n > 1 ? 's' : ''} (0-based)`);
    });
    return { i: lattice.node(si, oi), j: lattice.node(sj, oj), H: toMat2(c.H), Delta: toMat2(c.Delta) };
  });
  const hoppings = (m.hoppings ?? []).map((h, k): ShellHopping | ExplicitHopping => {
    const field = `hoppings[${k}]`;
    if ('shell' in h) return { kind: 'shell', shell: h.shell, t: h.t };
    const from = lattice.sublatticeIndex(h.from, `${field}.from`), to = lattice.sublatticeIndex(h.to, `${field}.to`);
    if (h.cell.length !== lattice.dim) throw new InputError(`${field}.cell`, `expected ${lattice.dim} integers (one per Bravais vector), got ${h.cell.length}`);
    const cell: Cell = [h.cell[0] ?? 0, h.cell[1] ?? 0, h.cell[2] ?? 0];
    if (from === to && cell.every((x) => x === 0)) throw new InputError(field, 'couples a site to itself: write on-site matrices in "onsite"');
    return { kind: 'explicit', from, to, cell, H: spinfulMatrix(h.H, orbitalsOf(from), orbitalsOf(to), `${field}.H`) };
  });
  const onsiteTerms = (m.onsite ?? []).map((o, k): OnsiteTerm => {
    const sublattice = lattice.sublatticeIndex(o.sublattice, `onsite[${k}].sublattice`);
    const n = orbitalsOf(sublattice);
    const H = spinfulMatrix(o.H, n, n, `onsite[${k}].H`);
    const N = 2 * n;
    let dev = 0, scale = 1;
    for (let a = 0; a < N; a++)
      for (let b = 0; b < N; b++) {
        const p = 2 * (a * N + b), q = 2 * (b * N + a);
        dev = Math.max(dev, Math.hypot(H[p]! - H[q]!, H[p + 1]! + H[q + 1]!));
        scale = Math.max(scale, Math.abs(H[p]!), Math.abs(H[p + 1]!));
      }
    if (dev > 1e-12 * scale) throw new InputError(`onsite[${k}].H`, `expected a Hermitian matrix (M = M†), deviation ${dev.toExponential(2)}`);
    return { sublattice, H };
  });
  checkCustomSymmetry(custom, lattice);
  if (dVector) {
    const k = dVector.findIndex((c) => !(Math.abs(c.re) <= MAX_MAGNITUDE && Math.abs(c.im) <= MAX_MAGNITUDE));
    if (k >= 0) throw new InputError('pairing.dVector', `entry ${k} is not a number of magnitude ≤ ${MAX_MAGNITUDE}`);
  }
  return {
    lattice,
    hopping: m.hopping ?? (wannier ? 0 : 1),
    hoppings,
    onsite: onsiteTerms,
    chemicalPotential: m.chemicalPotential,
    zeeman: [...m.zeeman],
    rashba: m.rashba,
    pairing: { s: toComplex(p.s), p: pAmp, dVector, d: toComplex(p.d), winding, attraction: p.attraction ?? 0 },
    temperature: m.temperature,
    impurities,
    custom,
    description: m.description,
    wannier,
    files,
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
function checkCustomSymmetry(custom: readonly CustomBlock[], lattice: BravaisLattice): void {
  const n = lattice.nNodes;
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
        const [ri, rj] = [i, j].map((node) => lattice.label(lattice.nodeSite(node)));
        throw new InputError(`custom[${k}].${field}`, `${rule} is violated between sites ${ri} and ${rj} (deviation ${dev.toExponential(2)}): add the partner block for sites [${rj}, ${ri}]`);
      }
    }
  };
  check('H', 1, -1, 'Hermiticity of the hamiltonian, H_ji = H_ij†,');
  check('Delta', -1, 1, 'fermion antisymmetry of the pairing, Δ_ji = −Δ_ijᵀ,');
}

export type { ModelInput };
