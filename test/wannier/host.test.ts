import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bandEnergies, electronBlocks } from '../../src/bands/bands.js';
import { bulkHost } from '../../src/bands/bulk.js';
import { eigvalsh } from '../../src/math/eigh.js';
import { buildHost } from '../../src/model/host.js';
import { parseModel } from '../../src/model/model.js';
import { hrText } from './files.js';

const SAMPLE = new URL('../../../examples/wannier/silicon/', import.meta.url);
const sample = (f: string) => readFileSync(new URL(f, SAMPLE), 'utf8');
const SI_FILES = { 'si_hr.dat': sample('silicon_hr.dat'), 'si.win': sample('silicon.win'), 'si_wsvec.dat': sample('silicon_wsvec.dat'), 'si_centres.xyz': sample('silicon_centres.xyz') };
const silicon = (extra: object = {}, lattice: object = {}) =>
  parseModel({ lattice: { wannier90: { hr: 'si_hr.dat', win: 'si.win', wsvec: 'si_wsvec.dat', centres: 'si_centres.xyz' }, shape: [1, 1, 1], periodic: [true, true, true], ...lattice }, ...extra }, { files: SI_FILES });

/**
 * H(k) of the sample straight from the text, independently of src/wannier:
 * H(k)_mn = Σ_R Σ_j e^{2πi k·(R+T_j)} H(R)_mn / (ndegen(R) N_mn(R)).
 */
function straightforwardH(k: number[]): Float64Array {
  const hr = sample('silicon_hr.dat').split('\n');
  const W = Number(hr[1]), nrpts = Number(hr[2]);
  const rows = Math.ceil(nrpts / 15);
  const ndegen = hr.slice(3, 3 + rows).join(' ').trim().split(/\s+/).map(Number);
  const shifts = new Map<string, number[][]>();
  const ws = sample('silicon_wsvec.dat').split('\n');
  for (let q = 1; q < ws.length && ws[q]!.trim(); ) {
    const key = ws[q]!.trim().split(/\s+/).join(' ');
    const n = Number(ws[q + 1]);
    shifts.set(key, ws.slice(q + 2, q + 2 + n).map((l) => l.trim().split(/\s+/).map(Number)));
    q += 2 + n;
  }
  const H = new Float64Array(2 * W * W);
  hr.slice(3 + rows).forEach((line, q) => {
    if (!line.trim()) return;
    const [R1, R2, R3, m, n, re, im] = line.trim().split(/\s+/).map(Number) as number[];
    const T = shifts.get(`${R1} ${R2} ${R3} ${m} ${n}`)!;
    const d = ndegen[Math.floor(q / (W * W))]! * T.length;
    for (const [t1, t2, t3] of T) {
      const phi = 2 * Math.PI * (k[0]! * (R1! + t1!) + k[1]! * (R2! + t2!) + k[2]! * (R3! + t3!));
      const p = 2 * ((m! - 1) * W + n! - 1);
      H[p] += (re! * Math.cos(phi) - im! * Math.sin(phi)) / d;
      H[p + 1] += (re! * Math.sin(phi) + im! * Math.cos(phi)) / d;
    }
  });
  return H;
}
const straightforwardBands = (k: number[]) => Array.from(eigvalsh(straightforwardH(k), 8));

/** Distinct levels (within tol) and their degeneracies. */
function multiplets(e: number[], tol: number): number[] {
  const out: number[] = [];
  e.forEach((x, q) => (q > 0 && x - e[q - 1]! < tol ? out[out.length - 1]!++ : out.push(1)));
  return out;
}

test('silicon bands = the straightforward R sum; diamond degeneracies at Γ and X; indirect gap with the VBM at Γ and the CBM near X', () => {
  const host = bulkHost(silicon());
  const ks = [[0, 0, 0], [0.5, 0, 0.5], [0.5, 0.5, 0.5], [0.375, -0.375, 0], [0.1, 0.23, -0.31]];
  const lib = bandEnergies(electronBlocks(host.bdg), ks);
  ks.forEach((k, q) => {
    const ref = straightforwardBands(k);
    // Spinless file ⊗ σ0: every band twice.
    ref.forEach((e, n) => {
      assert.ok(Math.abs(lib[q]![2 * n]! - e) < 1e-10 && Math.abs(lib[q]![2 * n + 1]! - e) < 1e-10, `k = ${k}, band ${n}: ${lib[q]![2 * n]} vs ${e}`);
    });
  });
  // Γ: Γ1, Γ25' (×3: the valence-band top), Γ15 (×3), Γ2'; X: every level twice.
  assert.deepEqual(multiplets(straightforwardBands([0, 0, 0]), 1e-4), [1, 3, 3, 1]);
  assert.deepEqual(multiplets(straightforwardBands([0.5, 0, 0.5]), 1e-4), [2, 2, 2, 2]);
  // Valence-band maximum over a k grid at Γ; conduction-band minimum on Γ–X (k = s·X).
  let vbm = -Infinity, cbm = { e: Infinity, s: 0 };
  for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) for (let c = 0; c < 6; c++) vbm = Math.max(vbm, straightforwardBands([a / 6, b / 6, c / 6])[3]!);
  for (let s = 0; s <= 1.0001; s += 0.02) {
    const e = straightforwardBands([0.5 * s, 0, 0.5 * s])[4]!;
    if (e < cbm.e) cbm = { e, s };
  }
  const gamma = straightforwardBands([0, 0, 0]);
  assert.equal(vbm, gamma[3]);
  assert.ok(cbm.s > 0.8, `CBM at s = ${cbm.s} of Γ–X`);
  assert.ok(gamma[4]! - gamma[3]! > cbm.e - vbm + 1, 'the direct gap at Γ is far larger than the indirect one');
  const gap = cbm.e - vbm;
  assert.ok(gap > 0.5 && gap < 0.8, `indirect gap ${gap} eV`);
  const libGap = bandEnergies(electronBlocks(host.bdg), [[0.5 * cbm.s, 0, 0.5 * cbm.s]])[0]![8]! - lib[0]![7]!;
  assert.ok(Math.abs(libGap - gap) < 1e-10);
});

test('groupByAtom puts the four sp³ functions on each Si (positions of the .win atoms); spectra unchanged', () => {
  const grouped = silicon({}, { wannier90: { hr: 'si_hr.dat', win: 'si.win', wsvec: 'si_wsvec.dat', centres: 'si_centres.xyz', groupByAtom: true } });
  assert.deepEqual(grouped.lattice.basis.map((b) => [b.name, b.orbitals]), [['Si1', 4], ['Si2', 4]]);
  assert.ok(Math.abs(grouped.lattice.basis[0]!.position[0] - 1.3494) < 1e-9);
  const k = [[0.13, -0.2, 0.41]];
  const [a, b] = [grouped, silicon()].map((m) => bandEnergies(electronBlocks(bulkHost(m).bdg), k)[0]!);
  a.forEach((e, n) => assert.ok(Math.abs(e - b[n]!) < 1e-12));
});

/** One Wannier function on a cubic cell: ε0, t1 at R = ±x (H(−R) = H(R)*), t2 at ±2x. */
const chainFiles = {
  'c_hr.dat': hrText(1, [
    { R: [0, 0, 0], H: [[[0.3, 0]]] },
    { R: [1, 0, 0], H: [[[0.5, 0.2]]] },
    { R: [-1, 0, 0], H: [[[0.5, -0.2]]] },
    { R: [2, 0, 0], H: [[[0.1, -0.05]]] },
    { R: [-2, 0, 0], H: [[[0.1, 0.05]]] },
  ]),
  'c.win': 'begin unit_cell_cart\n1 0 0\n0 1 0\n0 0 1\nend unit_cell_cart\n',
};
/** The electron ↑↑ entry H_ij of a built host. */
function entry(model: ReturnType<typeof parseModel>, i: number, j: number): [number, number] {
  const { rowPtr, colIdx, values } = buildHost(model).matrix;
  for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) if (colIdx[k] === j) return [values[32 * k]!, values[32 * k + 1]!];
  return [0, 0];
}

test('supercells by hand: open edges drop hoppings that leave the sample, periodic axes fold them and several R add up', () => {
  const chain = (shape: number[], periodic: boolean[]) => parseModel({ lattice: { wannier90: { hr: 'c_hr.dat', win: 'c.win' }, shape, periodic } }, { files: chainFiles });
  const close = (a: [number, number], b: [number, number]) => assert.ok(Math.hypot(a[0] - b[0], a[1] - b[1]) < 1e-15, `${a} vs ${b}`);
  const open = chain([3, 1, 1], [false, false, false]);
  close(entry(open, 0, 0), [0.3, 0]);
  close(entry(open, 0, 1), [0.5, 0.2]);
  close(entry(open, 1, 0), [0.5, -0.2]);
  close(entry(open, 0, 2), [0.1, -0.05]);
  close(entry(open, 2, 0), [0.1, 0.05]);
  // Periodic L = 3: 0 → 1 is R = +1 (t1) and R = −2 (t2*); 0 → 2 is R = +2 (t2) and R = −1 (t1*).
  const ring = chain([3, 1, 1], [true, false, false]);
  close(entry(ring, 0, 1), [0.5 + 0.1, 0.2 + 0.05]);
  close(entry(ring, 0, 2), [0.1 + 0.5, -0.05 - 0.2]);
  close(entry(ring, 2, 0), [0.5 + 0.1, 0.2 + 0.05]);
  close(entry(ring, 0, 0), [0.3, 0]);
  // L = 2: R = ±1 both land on the other cell, R = ±2 on the cell itself.
  const pair = chain([2, 1, 1], [true, false, false]);
  close(entry(pair, 0, 1), [1, 0]);
  close(entry(pair, 0, 0), [0.3 + 0.2, 0]);
  // L = 1: everything on the one site: ε0 + 2 Re t1 + 2 Re t2 = H(k = 0).
  close(entry(chain([1, 1, 1], [true, true, true]), 0, 0), [0.3 + 1 + 0.2, 0]);
  close(entry(chain([1, 1, 1], [false, false, false]), 0, 0), [0.3, 0]);
});

test('Hermiticity: the largest |H(−R) − H(R)†| is reported and the blocks symmetrized; a missing −R counts as zero', () => {
  const files = {
    'h_hr.dat': hrText(1, [
      { R: [0, 0, 0], H: [[[0.3, 0.001]]] },
      { R: [1, 0, 0], H: [[[0.5, 0.2]]] },
      { R: [-1, 0, 0], H: [[[0.5, -0.17]]] },
      { R: [0, 1, 0], H: [[[0.01, 0]]] },
    ]),
    'c.win': chainFiles['c.win'],
  };
  const m = parseModel({ lattice: { wannier90: { hr: 'h_hr.dat', win: 'c.win' }, shape: [3, 3, 1], periodic: [false, false, false] } }, { files });
  const h = m.wannier!.hermiticity;
  assert.ok(Math.abs(h.deviation - 0.03) < 1e-12, `deviation ${h.deviation}`);
  assert.deepEqual(h.cell.map(Math.abs), [1, 0, 0]);
  assert.deepEqual(entry(m, 0, 3), [0.5, 0.185]);
  assert.deepEqual(entry(m, 0, 1), [0.005, 0]);
  assert.deepEqual(entry(m, 1, 0), [0.005, 0]);
  assert.deepEqual(entry(m, 0, 0), [0.3, 0]);
});

test('spinor files: a one-orbital spinor file (Zeeman-like on-site, iλσz hopping) against the closed form; model errors name the field', () => {
  // Two spinor functions of one orbital: H = ε0 + b·σ with b = (0.1, 0.2, 0.3) on site, hopping with spin–orbit iλσz.
  const sig = (bx: number, by: number, bz: number, e: number, lz = 0): [number, number][][] => [
    [[e + bz, lz], [bx, -by]],
    [[bx, by], [e - bz, -lz]],
  ];
  const files = (order: string) => ({
    's_hr.dat': hrText(2, [
      { R: [0, 0, 0], H: sig(0.1, 0.2, 0.3, 0.5) },
      { R: [1, 0, 0], H: sig(0, 0, 0, -1, 0.25) },
      { R: [-1, 0, 0], H: sig(0, 0, 0, -1, -0.25) },
    ]),
    'c.win': `${chainFiles['c.win']}spinors = .true.\n${order}`,
  });
  const models = ['interleaved', 'blocked'].map((s) => parseModel({ lattice: { wannier90: { hr: 's_hr.dat', win: 'c.win', spinors: s }, shape: [4, 1, 1], periodic: [true, false, false] } }, { files: files('') }));
  assert.equal(models[0]!.lattice.nNodes, 4);
  const k = [[0.1, 0, 0]];
  const [a, b] = models.map((m) => bandEnergies(electronBlocks(bulkHost(m).bdg), k)[0]!);
  assert.deepEqual(Array.from(a), Array.from(b));
  // ε±(k) = 0.5 − 2cos(2πk) ± |b + (0, 0, −2λ sin 2πk)|, λ = 0.25 (the iλσz hop and its partner).
  const c = -2 * Math.cos(0.2 * Math.PI), s = 2 * 0.25 * Math.sin(0.2 * Math.PI);
  const bz = 0.3 - s;
  const r = Math.hypot(0.1, 0.2, bz);
  assert.ok(Math.abs(a[0]! - (0.5 + c - r)) < 1e-12 && Math.abs(a[1]! - (0.5 + c + r)) < 1e-12, `${a}`);
  const bad = (spec: object, field: string) =>
    assert.throws(() => parseModel({ lattice: { wannier90: { hr: 's_hr.dat', win: 'c.win', ...spec }, shape: [4, 1, 1] } }, { files: files('') }), (e: Error) => e.message.startsWith(field));
  bad({ centres: 'nowhere.xyz' }, 'lattice.wannier90.centres: the file');
  bad({ groupByAtom: true }, 'lattice.wannier90.groupByAtom');
  bad({ tb: 'x_tb.dat' }, 'lattice.wannier90: expected exactly one of');
  assert.throws(() => parseModel({ lattice: { wannier90: { hr: 's_hr.dat' }, shape: [4, 1, 1] } }, { files: files('') }), /lattice.wannier90.win: needs the lattice vectors/);
  assert.throws(() => parseModel({ lattice: { wannier90: { hr: 's_hr.dat', win: 'c.win' }, shape: [4, 1] } }, { files: files('') }), /lattice.shape: expected 3 sizes/);
});

test('spinor files with two orbitals: the blocked file (a permutation of the interleaved one) gives the same host, whose bands are those of the file summed straightforwardly', async () => {
  const { randomHr } = await import('./files.js');
  const { entries } = randomHr(4, 5);
  const inter = (l: number, s: number) => 2 * l + s, block = (l: number, s: number) => 2 * s + l;
  const permuted = entries.map((e) => {
    const H = e.H.map((row) => row.map((v) => [...v] as [number, number]));
    for (let l = 0; l < 2; l++) for (let s = 0; s < 2; s++) for (let lp = 0; lp < 2; lp++) for (let sp = 0; sp < 2; sp++) H[block(l, s)]![block(lp, sp)] = e.H[inter(l, s)]![inter(lp, sp)]!;
    return { ...e, H };
  });
  const files = { 'i_hr.dat': hrText(4, entries), 'b_hr.dat': hrText(4, permuted), 'c.win': chainFiles['c.win'] };
  const [mi, mb] = [['i_hr.dat', 'interleaved'], ['b_hr.dat', 'blocked']].map(([hr, spinors]) =>
    parseModel({ lattice: { wannier90: { hr, win: 'c.win', spinors }, shape: [1, 1, 1], periodic: [true, true, true] } }, { files }),
  );
  assert.equal(mi!.lattice.nodesPerCell, 2);
  const k = [0.13, 0.31, -0.22];
  const [ei, eb] = [mi!, mb!].map((m) => bandEnergies(electronBlocks(bulkHost(m).bdg), [k])[0]!);
  const H = new Float64Array(32);
  for (const e of entries) {
    const phi = 2 * Math.PI * (k[0]! * e.R[0] + k[1]! * e.R[1] + k[2]! * e.R[2]);
    for (let m = 0; m < 4; m++)
      for (let n = 0; n < 4; n++) {
        const [re, im] = e.H[m]![n]!;
        H[2 * (4 * m + n)] += (re * Math.cos(phi) - im * Math.sin(phi)) / e.ndegen;
        H[2 * (4 * m + n) + 1] += (re * Math.sin(phi) + im * Math.cos(phi)) / e.ndegen;
      }
  }
  const ref = eigvalsh(H, 4);
  ref.forEach((x, n) => {
    assert.ok(Math.abs(ei![n]! - x) < 1e-12, `interleaved band ${n}: ${ei![n]} vs ${x}`);
    assert.ok(Math.abs(eb![n]! - x) < 1e-12, `blocked band ${n}: ${eb![n]} vs ${x}`);
  });
});
