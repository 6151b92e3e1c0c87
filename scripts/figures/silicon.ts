/**
 * Figures and numbers of docs/wannier.md: the bands of examples/silicon.json
 * along the .win path, the conduction-band minimum and its effective masses,
 * and J(R) of n-type silicon along a_1 (the [1̄01] nearest-neighbour
 * direction of the fcc lattice) on the infinite host (k-mesh M³) beside the
 * 3D continuum law with the same electron density and the density-of-states
 * mass. Usage: node dist/scripts/figures/silicon.js [M] (default 20).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bandEnergies, electronBlocks } from '../../src/bands/bands.js';
import { bulkHost } from '../../src/bands/bulk.js';
import { pathThrough } from '../../src/bands/path.js';
import { susceptibilityZeroT } from '../../src/continuum/closedForms.js';
import { parseModel } from '../../src/model/model.js';
import { bandsChartSvg, lineChartSvg } from '../../src/plot/index.js';
import { computeCouplings } from '../../src/rkky/sweep.js';

const HBAR2_OVER_ME = 7.619964; // ħ²/m_e in eV·Å²
const dir = new URL('../../../examples/', import.meta.url);
const json = JSON.parse(readFileSync(new URL('silicon.json', dir), 'utf8'));
const files = Object.fromEntries(Object.values(json.lattice.wannier90 as Record<string, string>).map((p) => [p, readFileSync(new URL(p, dir), 'utf8')]));
const model = (extra: object) => parseModel({ ...json, ...extra }, { files });

const clean = model({ chemicalPotential: 0, impurities: [], lattice: { ...json.lattice, shape: [1, 1, 1] } });
const host = bulkHost(clean);
const blocks = electronBlocks(host.bdg);
const band = (k: number[], n: number) => bandEnergies(blocks, [k])[0]![2 * n]!;
const a = host.vectors;
/** Reduced k of a Cartesian k (1/Å): k_i = k·a_i/2π. */
const reduced = (kc: number[]) => [0, 1, 2].map((i) => (kc[0]! * a[3 * i]! + kc[1]! * a[3 * i + 1]! + kc[2]! * a[3 * i + 2]!) / (2 * Math.PI));
// X = (2π/a_c)(1, 0, 0) with a_c = 2·2.6988 Å; the minimum on Γ–X by golden-section search.
const ac = 2 * Math.abs(a[0]!);
const onGX = (s: number) => band(reduced([(2 * Math.PI * s) / ac, 0, 0]), 4);
let [lo, hi] = [0.5, 1];
for (let it = 0; it < 60; it++) {
  const m1 = hi - (hi - lo) / 1.618, m2 = lo + (hi - lo) / 1.618;
  if (onGX(m1) < onGX(m2)) hi = m2;
  else lo = m1;
}
const s0 = (lo + hi) / 2;
const Ec = onGX(s0), Ev = band([0, 0, 0], 3);
const k0 = (2 * Math.PI * s0) / ac;
const h = 0.002;
const curv = (dk: number[]) => (band(reduced([k0 + dk[0]!, dk[1]!, dk[2]!]), 4) - 2 * Ec + band(reduced([k0 - dk[0]!, -dk[1]!, -dk[2]!]), 4)) / (h * h);
const ml = HBAR2_OVER_ME / curv([h, 0, 0]), mt = HBAR2_OVER_ME / curv([0, h, 0]);
const md = Math.cbrt(ml * mt * mt);
console.log(`VBM (Γ) ${Ev.toFixed(4)} eV; CBM at ${s0.toFixed(3)}·ΓX ${Ec.toFixed(4)} eV; indirect gap ${(Ec - Ev).toFixed(4)} eV; m_l = ${ml.toFixed(3)}, m_t = ${mt.toFixed(3)}, m_d = ${md.toFixed(3)} m_e`);

const path = pathThrough(host.kpath, 150, host.vectors);
const mu = json.chemicalPotential as number;
const e = bandEnergies(blocks, path.k).map((x) => Array.from(x).map((v) => v - mu));
writeFileSync('docs/figures/silicon-bands.svg', await bandsChartSvg({ title: `silicon (Wannier90), μ = ${mu} eV (dashed): n-type`, yLabel: 'ε − μ (eV)', x: path.x, energies: e, labels: path.labels }));

// J(R) on the infinite host: spin 1 on function 1 of cell 0, spin 2 on function 1 of cell n·a_1.
const M = Number(process.argv[2] ?? 20);
const L = M;
const pair = model({ lattice: { ...json.lattice, shape: [L, 1, 1], periodic: [true, true, true] } });
const ns = Array.from({ length: Math.floor(L / 2) }, (_, q) => q + 1);
const t0 = performance.now();
const res = await computeCouplings(pair, { targets: ns.map((n) => ({ cell: [n, 0, 0], sublattice: 0 })), mesh: [M, M, M] });
const J = res.rows.map((r) => r.J[2]);
console.log(`J(R) on the ${M}³ mesh: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// Continuum: six valleys of mass m_d hold the electrons of ε < μ; per valley k_F = √(2 m_d (μ − E_c))/ħ.
const kF = Math.sqrt((2 * md * (mu - Ec)) / HBAR2_OVER_ME);
const Rn = ns.map((n) => n * Math.hypot(a[0]!, a[1]!, a[2]!));
// χ(R) of one valley in physical units: the m = ħ = 1 closed form scaled by m_d/ħ² (χ ∝ m k_F⁴ F(2k_F R)/…); six uninterfering valleys.
const chi = Rn.map((R) => (6 * susceptibilityZeroT(3, kF, R) * md) / HBAR2_OVER_ME);
// Six valleys at ±k0 x̂, ±k0 ŷ, ±k0 ẑ interfere: χ(R) = |Σ_v e^{ik_v·R}|² χ_1(R) (identical isotropic valleys, Bloch phases left out).
const R1 = [a[0]!, a[1]!, a[2]!];
const valleys = ns.map((n) => (2 * R1.reduce((s, x) => s + Math.cos(k0 * n * x), 0)) ** 2);
const chiV = Rn.map((R, q) => (valleys[q]! * susceptibilityZeroT(3, kF, R) * md) / HBAR2_OVER_ME);
// One overall scale each (J_sd² and the Wannier-function volume), fitted to the lattice values.
const fit = (c: number[]) => J.reduce((s, j, q) => s + j * c[q]!, 0) / c.reduce((s, x) => s + x * x, 0);
const scale = fit(chi), scaleV = fit(chiV);
writeFileSync(
  'docs/figures/silicon-couplings.svg',
  await lineChartSvg({
    title: `n-type silicon: J(R) along a₁, μ − E_c = ${(mu - Ec).toFixed(2)} eV, T = ${json.temperature} eV, ${M}³ k-mesh`,
    points: true,
    legend: 'right',
    xLabel: 'R (Å)',
    yLabel: 'J (eV)',
    series: [
      { name: 'exact', x: Rn, y: J },
      { name: '3D law, 6 valleys', x: Rn, y: chi.map((c) => c * scale) },
      { name: '3D law, interfering', x: Rn, y: chiV.map((c) => c * scaleV) },
    ],
  }),
);
console.log(JSON.stringify({ R: Rn, J, continuum: chi.map((c) => c * scale), interference: chiV.map((c) => c * scaleV), kF, Ec, Ev, ml, mt }));
