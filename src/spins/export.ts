/**
 * Export of a {@link SpinModel} to established spin codes. rkky's energy (model.ts):
 *   E = Σ_{i<j} S_iᵀ η_ij S_j + Σ_i b_i·S_i − A_i (n_i·S_i)² − h·Σ S_i   (units of t)
 *
 * Spirit (`hamiltonian heisenberg_pairs`, spirit-code.github.io; meV, each unique pair once):
 *   E = −Σ_⟨ij⟩ J_ij n_i·n_j − Σ_⟨ij⟩ D_ij·(n_i × n_j) − Σ_i K (K̂·n_i)² − Σ_i μ_i B·n_i
 *   ⇒ J_ij = −t·tr(η)/3,  D_ij = −t·D (D_i = (η_jk − η_kj)/2),  K = t·A,
 *     B = −t·(b − h)/μ_B with μ_i = 1 μ_B (only when b is the same on every spin).
 *   Spirit's pairs hold no symmetric anisotropic exchange or biquadratic term: those are dropped
 *   and reported in the notes.
 * Vampire unit-cell file (.ucf, vampire.york.ac.uk; Joules, every pair listed in both directions,
 * energy −Σ_i Σ_j S_iᵀ J_ij S_j / 2):
 *   ⇒ J(i→j) = −t·η_ij,  J(j→i) = −t·η_ijᵀ  (tensorial; the full η is kept).
 *   Single-spin terms go in Vampire's material file (.mat), not the .ucf: listed in the notes.
 * The whole model is one unit cell (a finite cluster: open boundaries; a periodic model: the
 * pairs' images become the cell offsets, use periodic boundaries).
 */
import { InputError } from '../errors.js';
import type { SpinModel } from './model.js';
import { tensorParts } from './tensor.js';

/** 1 meV in joules (CODATA: e = 1.602176634e-19 C exactly). */
export const MEV_IN_JOULE = 1.602176634e-22;
/** μ_B in meV/T (CODATA 2018). */
export const BOHR_MAGNETON_MEV_PER_TESLA = 5.7883818060e-2;

export interface ExportOptions {
  /** The hopping t in meV (the energy unit of the model). Default 1. */
  tMeV?: number;
  /** The lattice constant a in ångström (positions are in units of a). Default 1. */
  latticeConstant?: number;
}

export interface ExportResult {
  /** The file contents. */
  text: string;
  /** What the target format cannot hold or what the user must add elsewhere. */
  notes: string[];
}

interface Cell {
  /** Cell lengths in lattice constants. */
  size: [number, number, number];
  /** Fractional coordinates, 3 per spin. */
  fractional: Float64Array;
  periodic: [boolean, boolean, boolean];
}

/** The model as one orthorhombic cell: the periodic box, or the bounding box of the cluster padded by one spacing. */
function cellOf(model: SpinModel): Cell {
  const n = model.n;
  const r = model.positions ?? new Float64Array(Array.from({ length: 3 * n }, (_, k) => (k % 3 === 0 ? Math.floor(k / 3) : 0)));
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], r[3 * i + a]);
      hi[a] = Math.max(hi[a], r[3 * i + a]);
    }
  const size: [number, number, number] = [1, 1, 1];
  const periodic: [boolean, boolean, boolean] = [false, false, false];
  const origin = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const L = model.box?.[a] ?? 0;
    if (L > 0) {
      size[a] = L;
      periodic[a] = true;
    } else {
      size[a] = hi[a] - lo[a] + 1;
      origin[a] = lo[a];
    }
  }
  const fractional = new Float64Array(3 * n);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 3; a++) {
      let f = (r[3 * i + a] - origin[a]) / size[a];
      if (periodic[a]) f -= Math.floor(f);
      fractional[3 * i + a] = f;
    }
  return { size, fractional, periodic };
}

function image(model: SpinModel, k: number): [number, number, number] {
  const im = model.pairImage;
  return im ? [im[3 * k], im[3 * k + 1], im[3 * k + 2]] : [0, 0, 0];
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(12).replace(/\.?0+(e|$)/, '$1');
}

function checkOptions(options: ExportOptions): { t: number; a: number } {
  const t = options.tMeV ?? 1, a = options.latticeConstant ?? 1;
  if (!(t > 0) || !Number.isFinite(t)) throw new InputError('tMeV', `expected a positive energy in meV, got ${t}`);
  if (!(a > 0) || !Number.isFinite(a)) throw new InputError('latticeConstant', `expected a positive length in Å, got ${a}`);
  return { t, a };
}

/** A Spirit input file (heisenberg_pairs Hamiltonian). */
export function toSpirit(model: SpinModel, options: ExportOptions = {}): ExportResult {
  const { t, a } = checkOptions(options);
  const cell = cellOf(model);
  const notes: string[] = [];
  const lines: string[] = [
    '### Spirit input written by rkky (rkky spins export --format spirit)',
    `### Energies: 1 t = ${fmt(t)} meV. rkky E = Σ_{i<j} S_iᵀ η S_j; Spirit E = −Σ_<ij> J n_i·n_j − Σ_<ij> D·(n_i×n_j)`,
    '### so J_ij = −t·tr(η)/3 and D_ij = −t·D (see docs/spins.md).',
    'hamiltonian heisenberg_pairs',
    `boundary_conditions ${cell.periodic.map((p) => (p ? 1 : 0)).join(' ')}`,
    'bravais_vectors',
    `${fmt(cell.size[0])} 0 0`,
    `0 ${fmt(cell.size[1])} 0`,
    `0 0 ${fmt(cell.size[2])}`,
    `lattice_constant ${fmt(a)}`,
    'basis',
    String(model.n),
  ];
  for (let i = 0; i < model.n; i++) lines.push(Array.from(cell.fractional.subarray(3 * i, 3 * i + 3), fmt).join(' '));
  lines.push('n_basis_cells 1 1 1', `mu_s ${Array(model.n).fill('1').join(' ')}`);

  // A uniform linear term b − h is a Zeeman field on moments of 1 μ_B.
  const lin = model.linear;
  const uniform = Array.from({ length: model.n }, (_, i) => i).every((i) => [0, 1, 2].every((c) => lin[3 * i + c] === lin[c]));
  if (uniform) {
    const B = [0, 1, 2].map((c) => (-t * lin[c]) / BOHR_MAGNETON_MEV_PER_TESLA);
    const Bn = Math.hypot(B[0], B[1], B[2]);
    lines.push(`external_field_magnitude ${fmt(Bn)}`, `external_field_normal ${Bn > 0 ? B.map((x) => fmt(x / Bn)).join(' ') : '0 0 1'}`);
  } else {
    lines.push('external_field_magnitude 0', 'external_field_normal 0 0 1');
    notes.push('site-dependent field-like terms b_i are not exported (Spirit has one uniform field)');
  }

  const aniso = Array.from({ length: model.n }, (_, i) => i).filter((i) => model.anisotropy[i] !== 0);
  if (aniso.length) {
    lines.push(`n_anisotropy ${aniso.length}`, 'i Kx Ky Kz K');
    const ax = model.anisotropyAxis;
    for (const i of aniso) lines.push(`${i} ${fmt(ax[3 * i])} ${fmt(ax[3 * i + 1])} ${fmt(ax[3 * i + 2])} ${fmt(t * model.anisotropy[i])}`);
  }

  let droppedGamma = 0, droppedK = 0;
  const pairLines: string[] = [];
  for (let k = 0; k < model.pairCount; k++) {
    const parts = tensorParts(model.pairTensor(k));
    for (const row of parts.anisotropic) for (const v of row) droppedGamma = Math.max(droppedGamma, Math.abs(v));
    droppedK = Math.max(droppedK, Math.abs(model.pairK[k]));
    const [da, db, dc] = image(model, k);
    const D = parts.dmi.map((x) => fmt(-t * x + 0));
    pairLines.push(`${model.pairI[k]} ${model.pairJ[k]} ${da} ${db} ${dc} ${fmt(-t * parts.isotropic + 0)} ${D.join(' ')}`);
  }
  lines.push(`n_interaction_pairs ${model.pairCount}`, 'i j da db dc Jij Dijx Dijy Dijz', ...pairLines);
  if (droppedGamma > 0) notes.push(`symmetric anisotropic exchange dropped (largest |Γ_ab| = ${fmt(t * droppedGamma)} meV): Spirit pairs hold J and D only`);
  if (droppedK > 0) notes.push(`biquadratic couplings dropped (largest |K| = ${fmt(t * droppedK)} meV)`);
  return { text: lines.join('\n') + '\n', notes };
}

/** A Vampire unit-cell file (.ucf) with tensorial exchange. */
export function toVampireUcf(model: SpinModel, options: ExportOptions = {}): ExportResult {
  const { t, a } = checkOptions(options);
  const cell = cellOf(model);
  const notes: string[] = [];
  const tJ = t * MEV_IN_JOULE;
  const lines: string[] = [
    '# Unit cell size:',
    cell.size.map((L) => fmt(L * a)).join(' '),
    '# Unit cell vectors:',
    '1.0 0.0 0.0',
    '0.0 1.0 0.0',
    '0.0 0.0 1.0',
    '# Atoms num_atoms num_materials; id cx cy cz mat cat hcat',
    `${model.n} 1`,
  ];
  for (let i = 0; i < model.n; i++) lines.push(`${i} ${Array.from(cell.fractional.subarray(3 * i, 3 * i + 3), fmt).join(' ')} 0 0 0`);
  lines.push('# Interactions n exctype; id i j dx dy dz Jxx Jxy Jxz Jyx Jyy Jyz Jzx Jzy Jzz', `${2 * model.pairCount} tensorial`);
  let id = 0;
  for (let k = 0; k < model.pairCount; k++) {
    const eta = model.pairTensor(k);
    const [dx, dy, dz] = image(model, k);
    const i = model.pairI[k], j = model.pairJ[k];
    const fwd: string[] = [], back: string[] = [];
    for (let p = 0; p < 3; p++)
      for (let q = 0; q < 3; q++) {
        fwd.push(fmt(-tJ * eta[p][q] + 0));
        back.push(fmt(-tJ * eta[q][p] + 0));
      }
    lines.push(`${id++} ${i} ${j} ${dx} ${dy} ${dz} ${fwd.join(' ')}`);
    lines.push(`${id++} ${j} ${i} ${-dx + 0} ${-dy + 0} ${-dz + 0} ${back.join(' ')}`);
  }
  if (model.hasBiquadratic) notes.push('biquadratic couplings are not in the .ucf (Vampire reads them from a separate biquadratic interaction list): dropped');
  if (model.hasAnisotropy) notes.push('single-ion anisotropy goes in the .mat file: material:uniaxial-anisotropy-constant = t·A in J/atom (Vampire E = −k_u (S·e)²)');
  if (model.linear.some((x) => x !== 0)) notes.push('field-like terms b_i and the Zeeman field are not in the .ucf: set sim:applied-field in the input file');
  notes.push(
    cell.periodic.some((p) => p)
      ? 'periodic model: set create:periodic-boundaries-x/y/z and dimensions:system-size = the unit-cell size'
      : 'finite cluster: set dimensions:system-size-x/y/z to the unit-cell size and no periodic boundaries; material:atomic-spin-moment as appropriate',
  );
  return { text: lines.join('\n') + '\n', notes };
}
