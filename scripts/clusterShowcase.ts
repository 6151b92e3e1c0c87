/**
 * The figures and numbers of docs/cluster.md: a chain of adatoms on the paper's s+ip_x host
 * (an L×L lattice, L = 101 the paper's, default 41) and on an s-wave host, exact ground state against
 * the pairwise model's, three-body terms, and J_χ of a triangle (centred on the same L×L lattice) on a
 * chiral p-wave host against time-reversal-invariant ones. Usage: node dist/scripts/clusterShowcase.js OUTDIR [L]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModel } from '../src/model/model.js';
import { compareGroundStates, expandCluster, modelCluster } from '../src/cluster/analysis.js';
import { ClusterEnergy } from '../src/cluster/freeEnergy.js';
import { tripleTerm, pairTerm } from '../src/cluster/expansion.js';
import { spinConfigurationSvg } from '../src/spins/svg.js';

const outDir = process.argv[2] ?? 'docs/figures';
const L = Number(process.argv[3] ?? 41), N = 12;
const chain = (J: number) => Array.from({ length: N }, (_, k) => ({ site: [Math.floor(L / 2) - 6 + k, Math.floor(L / 2)], spin: [0, 0, 1], coupling: J }));
const hosts: Record<string, object> = {
  sip: { lattice: { shape: [L, L] }, chemicalPotential: -3, temperature: 0.001, pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' } },
  swave: { lattice: { shape: [L, L] }, chemicalPotential: -3, temperature: 0.001, pairing: { s: 0.1 } },
};
const deg = (r: number) => ((r * 180) / Math.PI).toFixed(1);
for (const [name, host] of Object.entries(hosts)) {
  const cluster = await modelCluster(parseModel({ ...host, impurities: chain(3) }));
  const gs = compareGroundStates(cluster, { starts: 3, seed: 1 });
  const pos = Float64Array.from(cluster.problem.positions.flat());
  writeFileSync(join(outDir, `cluster-${name}-exact.svg`), spinConfigurationSvg(pos, gs.exact.spins, { plane: 'xz', title: `${name}: exact ground state, ΔF = ${gs.exact.deltaF.toFixed(5)} t` }));
  writeFileSync(join(outDir, `cluster-${name}-pairwise.svg`), spinConfigurationSvg(pos, gs.pairwise.spins, { plane: 'xz', title: `${name}: pairwise ground state, exact ΔF = ${gs.pairwise.deltaF.toFixed(5)} t` }));
  console.log(`${name}: exact ΔF ${gs.exact.deltaF.toExponential(6)}, pairwise GS exact ΔF ${gs.pairwise.deltaF.toExponential(6)} (pair model ${gs.pairwise.pairEnergy.toExponential(6)}), error ${gs.energyError.toExponential(3)}, max angle error ${deg(gs.maxAngleError)}°`);
  console.log(`  bond angles exact   ${gs.exact.bondAngles.map(deg).join(' ')}`);
  console.log(`  bond angles pairwise ${gs.pairwise.bondAngles.map(deg).join(' ')}`);
  const ex = expandCluster(cluster, { tripleCutoff: 2.01, biquadratic: true, samples: 30 });
  const maxChi = Math.max(...ex.triples.map((t) => Math.abs(t.chirality)));
  const maxT = Math.max(...ex.triples.map((t) => Math.max(...t.trilinear.flat(2).map(Math.abs))));
  const nn = ex.pairs.filter((p) => p.sites[1] === p.sites[0] + 1);
  console.log(`  nn J ${nn.map((p) => p.J[0].toExponential(2)).join(' ')}`);
  console.log(`  nn B ${nn.map((p) => (p.biquadratic ?? 0).toExponential(2)).join(' ')}`);
  console.log(`  triples within 2: ${ex.triples.length}, max |T| ${maxT.toExponential(2)}, max |J_χ| ${maxChi.toExponential(2)}; residual RMS ${ex.residual.rms.toExponential(2)} max ${ex.residual.max.toExponential(2)} spread ${ex.residual.spread.toExponential(2)}`);
}
const c = Math.floor(L / 2);
const triangle = [{ site: [c, c], spin: [0, 0, 1], coupling: 2 }, { site: [c + 1, c], spin: [0, 0, 1], coupling: 2 }, { site: [c, c + 1], spin: [0, 0, 1], coupling: 2 }];
const tri: Record<string, object> = {
  'chiral p': { pairing: { p: 0.3, dVector: 'e_z * (p_x + jp_y)' } },
  's-wave': { pairing: { s: 0.3 } },
  's-wave + Rashba': { pairing: { s: 0.3 }, rashba: 0.3 },
  'normal + Rashba': { rashba: 0.3 },
  'helical p (TRI)': { pairing: { p: 0.3, dVector: '(e_x * p_y - e_y * p_x)' } },
  's + Rashba + Zeeman': { pairing: { s: 0.3 }, rashba: 0.3, zeeman: [0, 0, 0.2] },
};
for (const [name, extra] of Object.entries(tri)) {
  const cluster = await modelCluster(parseModel({ lattice: { shape: [L, L] }, chemicalPotential: -1.5, temperature: 0.005, impurities: triangle, ...extra }));
  const e = new ClusterEnergy(cluster);
  const t = tripleTerm(e, 0, 1, 2);
  const p = pairTerm(e, 0, 1);
  console.log(`triangle ${name}: J_χ = ${t.chirality.toExponential(3)}, nn |J| = ${Math.hypot(...p.J).toExponential(3)}, ratio ${(t.chirality / Math.hypot(...p.J)).toExponential(2)}`);
}
