/**
 * Cluster benchmarks (issue 13): N = 20 spins in a chain along x on the paper's 101×101
 * s+ip_x host. Setup (one set of factorizations for all 20 sites) against one `couplings`
 * run (δ = 1..20) measured in the same process; configuration energies per second in the
 * low-rank 2N×2N form (WebAssembly and JavaScript) against the 4N×4N real (Majorana) and the
 * complex forms measured in the same run, for random configurations and for sequences of
 * single-spin changes (Woodbury); one exact minimization on the low-rank against the complex
 * determinants, and the full `--minimize`; exact against pairwise Monte Carlo moves per second.
 */
import { readFileSync } from 'node:fs';
import { parseModel } from '../src/model/model.js';
import { computeCouplings } from '../src/rkky/sweep.js';
import { compareGroundStatesParallel, modelCluster, clusterPairwiseModel } from '../src/cluster/analysis.js';
import { setKernels } from '../src/solvers/sparse/wasm/kernels.js';
import { ClusterEnergy } from '../src/cluster/freeEnergy.js';
import { clusterGroundState, groundStateOf } from '../src/cluster/groundState.js';
import { clusterMonteCarlo, clusterReplica, spinMonteCarlo } from '../src/cluster/montecarlo.js';
import { PairwiseReplica } from '../src/cluster/pairwise.js';
import { parallelConfigurationEnergies } from '../src/cluster/parallel.js';
import { ClusterReplica } from '../src/cluster/replica.js';
import { Rng, randomSpins } from '../src/spins/random.js';
import type { Cluster } from '../src/cluster/setup.js';

const N = 20;

/** CPU seconds of the whole process (all threads) since `from`. */
function cpu(from?: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1e6;
}
/** Calls per second of f over `count` calls. */
function rate(count: number, f: (k: number) => void): number {
  const t = performance.now();
  for (let k = 0; k < count; k++) f(k);
  return count / ((performance.now() - t) / 1000);
}

/** Sequences of single-spin changes: every proposal accepted (propose + Woodbury update) per second. */
function sequenceRate(cluster: Cluster, make: (s: Float64Array) => { propose(i: number, s: ArrayLike<number>): number; accept(i: number, s: ArrayLike<number>, c: number): void }, count: number): number {
  const rng = new Rng(3);
  const rep = make(randomSpins(N, rng));
  const s = new Float64Array(3);
  return rate(count, () => {
    rng.unitVector(s, 0);
    const i = rng.int(N);
    rep.accept(i, s, rep.propose(i, s));
  });
}

export async function bench(): Promise<string[]> {
  const paper = JSON.parse(readFileSync(new URL('../../examples/paper.json', import.meta.url), 'utf8'));
  const chain = Array.from({ length: N }, (_, k) => ({ site: [40 + k, 50], spin: [0, 0, 1], coupling: 3 }));
  const model = parseModel({ ...paper, impurities: chain });
  const out: string[] = ['(machine shared with other jobs: compare the ratios, absolute numbers are indicative)'];
  let t = performance.now();
  await computeCouplings(parseModel(paper), { separations: Array.from({ length: N }, (_, k) => k + 1), engine: 'exact' });
  const couplings = (performance.now() - t) / 1000;
  t = performance.now();
  const cluster = await modelCluster(model);
  const setup = (performance.now() - t) / 1000;
  out.push(`setup N = ${N}: ${setup.toFixed(2)} s vs one couplings run (δ = 1..${N}) ${couplings.toFixed(2)} s → ratio ${(setup / couplings).toFixed(2)} (target ≤ 1.5); ${cluster.poles.nodes.length} poles; real form ${cluster.majorana ? 'yes' : 'no'}`);
  const low = new ClusterEnergy(cluster), real = new ClusterEnergy(cluster, 'real'), complex = new ClusterEnergy(cluster, 'complex');
  const rng = new Rng(1);
  const confs = Array.from({ length: 2000 }, () => randomSpins(N, rng));
  low.all(confs[0]!);
  const rc = rate(10, (k) => complex.all(confs[k]!));
  const rr = rate(100, (k) => real.all(confs[k]!));
  const rl = rate(confs.length, (k) => low.all(confs[k]!));
  setKernels('js');
  const lowJs = new ClusterEnergy(cluster);
  const rj = rate(400, (k) => lowJs.all(confs[k]!));
  setKernels('auto');
  out.push(`random configurations: low-rank ${2 * N}×${2 * N} real, WebAssembly ${rl.toFixed(0)}/s, JavaScript ${rj.toFixed(0)}/s; ${4 * N}×${4 * N} real ${rr.toFixed(0)}/s; complex ${rc.toFixed(0)}/s → low-rank (wasm) ×${(rl / rr).toFixed(1)} of the ${4 * N}×${4 * N} real form, ×${(rl / rc).toFixed(1)} of complex (target ≥ 1e4/s: ${(rl / 1e4).toFixed(3)} of it)`);
  const flat = new Float64Array(3 * N * confs.length);
  confs.forEach((c, k) => flat.set(c, 3 * N * k));
  let c0 = process.cpuUsage();
  t = performance.now();
  await parallelConfigurationEnergies(cluster, flat, { threads: 2 });
  const rp = confs.length / ((performance.now() - t) / 1000);
  out.push(`random configurations on 2 worker threads (incl. start-up and posting the per-pole matrices): ${rp.toFixed(0)}/s → ×${(rp / rl).toFixed(2)} of one thread (${cpu(c0).toFixed(2)} s CPU of the process)`);
  const g = new Float64Array(3 * N);
  const gc = rate(4, (k) => complex.all(confs[k]!, g));
  const gr = rate(40, (k) => real.all(confs[k]!, g));
  const gl = rate(200, (k) => low.tangential(confs[k]!, g));
  out.push(`energy + gradient: low-rank tangential ${gl.toFixed(0)}/s, ${4 * N}×${4 * N} real (full) ${gr.toFixed(0)}/s, complex ${gc.toFixed(0)}/s → low-rank ×${(gl / gc).toFixed(1)} of complex (the former minimizer objective)`);
  const sc = sequenceRate(cluster, (s) => new ClusterReplica(cluster, s), 20);
  const sr = sequenceRate(cluster, (s) => clusterReplica(cluster, s), 1000);
  out.push(`single-spin-change sequences (propose + Woodbury update each): real ${sr.toFixed(0)}/s vs complex ${sc.toFixed(0)}/s → ×${(sr / sc).toFixed(1)}`);
  c0 = process.cpuUsage();
  t = performance.now();
  const gs = clusterGroundState(cluster, { starts: 1, seed: 1 });
  const minimize = (performance.now() - t) / 1000, minimizeCpu = cpu(c0);
  c0 = process.cpuUsage();
  t = performance.now();
  const gsc = groundStateOf((S, G) => complex.all(S, G), N, { starts: 1, seed: 1 });
  const minimizeComplex = (performance.now() - t) / 1000, minimizeComplexCpu = cpu(c0);
  out.push(`one exact minimization (1 random start): low-rank ${gs.iterations} L-BFGS iterations ${minimize.toFixed(2)} s (${minimizeCpu.toFixed(2)} s CPU) vs complex ${gsc.iterations} iterations ${minimizeComplex.toFixed(2)} s (${minimizeComplexCpu.toFixed(2)} s CPU) → ×${(minimizeComplex / minimize).toFixed(1)}; ΔF ${gs.deltaF.toFixed(12)} vs ${gsc.deltaF.toFixed(12)}`);
  c0 = process.cpuUsage();
  t = performance.now();
  const full = await compareGroundStatesParallel(cluster, { starts: 8, seed: 1, threads: 2 });
  out.push(`full --minimize (pairwise model and its ground state, then it + 8 random starts on 2 worker threads): ${((performance.now() - t) / 1000).toFixed(2)} s (${cpu(c0).toFixed(2)} s CPU of the process; target < 10 s); ΔF ${full.exact.deltaF.toFixed(12)}, minima ${full.exact.minima.map((m) => m.toFixed(9)).join(' ')}`);
  const options = { temperatures: [0.002], sweeps: 200, thermalization: 50 };
  const exact = clusterMonteCarlo(cluster, options);
  const model2 = clusterPairwiseModel(cluster);
  const pair = spinMonteCarlo(N, (s) => new PairwiseReplica(model2, s), { ...options, sweeps: 4000 });
  out.push(`MC moves/s: exact ${exact.movesPerSecond.toFixed(0)} (real Woodbury, acceptance ${exact.points[0]!.acceptance.toFixed(2)}), pairwise ${pair.movesPerSecond.toFixed(0)} → pairwise/exact ${(pair.movesPerSecond / exact.movesPerSecond).toFixed(0)}×`);
  return out;
}
