/**
 * Sparse-solver cost per geometry (issue 16, item 3): the paper's workload
 * (101×101 open, s + ip_x, δ = 1..20, 36 configurations, T = 0.001), the same
 * on 201×201, and an open 24³ cube (μ = −2, Δ_s = 0.1, δ = 1..5 along x).
 * Each workload runs in a process of its own (wall time, peak resident
 * memory VmHWM); one pole node (z = i·0.01) is timed apart, in its own process
 * too, with the plan's flop count and memory.
 *
 * Baselines measured in the same run: every node and every workload also
 * with the mirror reduction switched off (RKKY_SYMMETRY=off, mirrors.ts), the
 * complex GEMM kernel rate (the node's time over flops/rate is the overhead
 * factor of everything that is not the kernel's peak), and, for
 * complex-symmetric sectors (the s-wave cube, unreduced), the same node
 * eliminated by LDLᵀ (eliminate's 'always' mode; the default with the
 * WebAssembly kernels is LU, which is faster there).
 *
 * Script use: node dist/bench/geometry.js node|full paper101|paper201|cube24
 * (prints one JSON line; RKKY_SYMMETRY=off for the baseline), or
 * node dist/bench/geometry.js bench [names…] (the table for those geometries).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseModel } from '../src/model/model.js';
import { separationSweep } from '../src/rkky/problem.js';
import { exactConfigurationEnergies } from '../src/rkky/exactEngine.js';
import { planMemoryBytes, planSchur, planSymbolic, schurGreens } from '../src/solvers/sparse/schur.js';
import { FrontWorkspace, eliminate, isComplexSymmetric } from '../src/solvers/sparse/multifrontal.js';
import { orbitalSectors, sectorMatrix } from '../src/solvers/sparse/sectors.js';
import { gemmSub } from '../src/solvers/sparse/gemm.js';
import { activeKernels, wasmKernels } from '../src/solvers/sparse/wasm/kernels.js';
import { prestartGreensWorkers } from '../src/solvers/greensPool.js';
import { NODE_FLAGS } from '../src/cli/nodeFlags.js';
import { ISSUE_SUPERLU_SECONDS, superluNodeSeconds } from './superlu.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

/** The pair problem of a named geometry: paper<L> (the paper's s + ip_x model on L×L) or cube<L> (s-wave, open L³). */
export function geometryProblem(name: string) {
  const m = /^(paper|cube)(\d+)$/.exec(name);
  if (!m) throw new Error(`unknown geometry '${name}'`);
  const L = Number(m[2]);
  const c = Math.floor(L / 2);
  if (m[1] === 'paper') {
    const model = parseModel({
      lattice: { shape: [L, L] },
      chemicalPotential: -3,
      pairing: { s: 0.1, p: [0, 0.1], dVector: 'e_z * p_x' },
      temperature: 0.001,
      impurities: [{ site: [c, c], spin: [0, 0, 1], coupling: 3 }],
    });
    return separationSweep(model, range(1, Math.min(20, L - c - 1)), 'x');
  }
  const model = parseModel({
    lattice: { shape: [L, L, L] },
    chemicalPotential: -2,
    pairing: { s: 0.1 },
    temperature: 0.001,
    impurities: [{ site: [c, c, c], spin: [0, 0, 1], coupling: 3 }],
  });
  return separationSweep(model, range(1, Math.min(5, L - c - 1)), 'x');
}

function keptOf(problem: { nodes1: number[]; nodes2: number[][] }): number[] {
  const kept = [...problem.nodes1];
  for (const n of problem.nodes2) for (const k of n) if (!kept.includes(k)) kept.push(k);
  return kept;
}

function peakMB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** CPU seconds of this process (less sensitive than wall time to other work on a shared machine). */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * One pole node: plan (the mirror sectors' dissections included), then
 * schurGreens; without the mirror reduction and for a complex-symmetric
 * sector also the LU baseline of that sector.
 */
async function nodeRun(name: string) {
  const problem = geometryProblem(name);
  const h = problem.host.matrix;
  let t0 = performance.now();
  const plan = planSchur(h, problem.host.geometry, keptOf(problem));
  const stats = plan.stats;
  const planSeconds = seconds(t0);
  const z = { re: 0, im: 0.01 };
  const reduced = /^mirrors/.test(stats.top);
  if (reduced) {
    // The LU baseline needs the whole matrix's dissection: only in the unreduced run.
    const reps = name.startsWith('cube') ? 2 : 3;
    let nodeSeconds = Infinity, nodeCpu = Infinity;
    for (let r = 0; r < reps; r++) {
      t0 = performance.now();
      const c0 = cpuSeconds();
      schurGreens(plan, h, z);
      nodeSeconds = Math.min(nodeSeconds, seconds(t0));
      nodeCpu = Math.min(nodeCpu, cpuSeconds() - c0);
    }
    const sector = sectorMatrix(h, orbitalSectors(h)[0]!, z);
    const real = sector.values.every((x, i) => i % 2 === 0 || x === 0);
    return { name, planSeconds, nodeSeconds, nodeCpu, symmetric: real, ldlt: real && activeKernels() === 'js', stats, planMB: planMemoryBytes(plan) / 2 ** 20, peakMB: peakMB() };
  }
  const sym = planSymbolic(plan);
  const sector = sectorMatrix(h, orbitalSectors(h)[0]!, z);
  const symmetric = isComplexSymmetric(sym, sector);
  const m = plan.keptSites.length * sector.bs;
  const ldlt = () => eliminate(sym, sector, true, new FrontWorkspace(), new Float64Array(2 * m * m), 'always');
  // Shortest of `reps` (the first one also warms the JIT up), LDLᵀ baseline interleaved.
  const reps = name.startsWith('cube') && Number(name.slice(4)) > 20 ? 1 : 3;
  let nodeSeconds = Infinity;
  let nodeCpu = Infinity;
  let ldltSeconds = symmetric ? Infinity : undefined;
  let ldltCpu = symmetric ? Infinity : undefined;
  for (let r = 0; r < reps; r++) {
    t0 = performance.now();
    let c0 = cpuSeconds();
    schurGreens(plan, h, z);
    nodeSeconds = Math.min(nodeSeconds, seconds(t0));
    nodeCpu = Math.min(nodeCpu, cpuSeconds() - c0);
    if (symmetric) {
      t0 = performance.now();
      c0 = cpuSeconds();
      ldlt();
      ldltSeconds = Math.min(ldltSeconds!, seconds(t0));
      ldltCpu = Math.min(ldltCpu!, cpuSeconds() - c0);
    }
  }
  return { name, planSeconds, nodeSeconds, nodeCpu, ldltSeconds, ldltCpu, symmetric, ldlt: symmetric && activeKernels() === 'js', stats, planMB: planMemoryBytes(plan) / 2 ** 20, peakMB: peakMB() };
}

/** The whole workload: 36 configurations per separation by the exact engine (worker threads), the workers started before the host is built as `rkky couplings` does. */
async function fullRun(name: string) {
  const t0 = performance.now();
  prestartGreensWorkers();
  const problem = geometryProblem(name);
  const F = await exactConfigurationEnergies(problem);
  return { name, seconds: seconds(t0), separations: F.length, peakMB: peakMB() };
}

/**
 * GEMM rates (GFlop/s, 8 real flops per complex multiply-add) on a 384×384×64 update, timed in
 * alternation: the complex kernel (gemmSub) and, with the WebAssembly kernels, the 3M kernel that
 * takes the front loop's trailing updates (assembly/zgemm3m.ts, three real products: the same
 * complex-equivalent count, so its rate is comparable).
 */
export function gemmRates(): { rate: number; rate3m: number | undefined } {
  const m = 384, k = 64;
  const a = new Float64Array(2 * m * k).map((_, i) => Math.sin(i));
  const c = new Float64Array(2 * m * m);
  const w = wasmKernels();
  const run3m = () => {
    const s = w!.scratch(2 * (2 * m * k + m * m))!;
    const aAt = s.base, cAt = aAt + a.length;
    s.heap.set(a, aAt);
    s.heap.set(c, cAt);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) w!.zgemm3mPackedSub(m, m, k, 8 * aAt, k, 8 * aAt, m, 8 * cAt, m);
    return seconds(t0) / 5;
  };
  gemmSub(m, m, k, a, 0, k, a, 0, m, c, 0, m);
  if (w) run3m();
  let best = Infinity, best3m = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) gemmSub(m, m, k, a, 0, k, a, 0, m, c, 0, m);
    best = Math.min(best, seconds(t0) / 5);
    if (w) best3m = Math.min(best3m, run3m());
  }
  const flops = 8 * m * m * k;
  return { rate: flops / best / 1e9, rate3m: w ? flops / best3m / 1e9 : undefined };
}

const self = fileURLToPath(import.meta.url);
function child(mode: string, name: string, symmetry: 'auto' | 'off'): any {
  const env = { ...process.env, RKKY_SYMMETRY: symmetry };
  const out = execFileSync(process.execPath, [...NODE_FLAGS, self, mode, name], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Targets of issue 16 (2 idle cores); the paper workload's is SciPy SuperLU's time for one node, measured in the run where SciPy is installed. */
const TARGETS: Record<string, number> = { paper101: ISSUE_SUPERLU_SECONDS, paper201: 8, cube24: 40 };

/** The paper target from SciPy in this run (superlu.ts), or the issue's figure, with a line saying which. */
function paperTarget(): { seconds: number; line: string } {
  const problem = geometryProblem('paper101');
  const scipy = superluNodeSeconds(problem.host.matrix, keptOf(problem));
  if ('missing' in scipy) return { seconds: ISSUE_SUPERLU_SECONDS, line: `  SciPy SuperLU baseline not measured (${scipy.missing}): the issue's ${ISSUE_SUPERLU_SECONDS} s for this machine stands in` };
  return {
    seconds: scipy.seconds,
    line: `  SciPy ${scipy.scipy} SuperLU, one pole node of this lattice (factorization of z − H0 and the impurity columns; baseline, same run): ${scipy.seconds.toFixed(2)} s (runs ${scipy.all.map((t) => t.toFixed(2)).join(', ')})`,
  };
}

/** The run of median wall time (the upper middle one of an even count). */
function medianRun<T extends { seconds: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** GFlop of one node (8 real flops per complex multiply-add, bs = 2 sectors; LDLᵀ half). */
const nodeGflop = (node: any) => (8 * node.stats.flopsPerOrbital3 * 2 ** 3) / 1e9 / (node.ldlt ? 2 : 1);

export async function bench(names = ['paper101', 'paper201', 'cube24']): Promise<string[]> {
  const { rate, rate3m } = gemmRates();
  const with3m = rate3m === undefined ? '' : `, its 3M form (the front loop's trailing updates) ${rate3m.toFixed(2)} GFlop/s complex-equivalent: ×${(rate3m / rate).toFixed(2)}`;
  const lines = [`complex GEMM kernel ${rate.toFixed(2)} GFlop/s${with3m} (baseline, same run); times on a possibly shared machine (load average ${loadAverage()})`];
  for (const name of names) {
    const base = child('node', name, 'off');
    const node = child('node', name, 'auto');
    const baseFull = child('full', name, 'off');
    // The paper figure is compared with SciPy's median of three runs: measured the same way (three processes, median).
    const fulls = Array.from({ length: name === 'paper101' ? 3 : 1 }, () => child('full', name, 'auto'));
    const full = medianRun(fulls);
    const runs = fulls.length > 1 ? ` (median of ${fulls.length} runs: ${fulls.map((f) => f.seconds.toFixed(2)).join(', ')})` : '';
    const gflop = nodeGflop(node), baseGflop = nodeGflop(base);
    const scipy = name === 'paper101' ? paperTarget() : undefined;
    const target = scipy?.seconds ?? TARGETS[name]!;
    const digits = name === 'paper101' ? 2 : 1;
    lines.push(
      `${name}: ${full.separations} separations × 36 configurations ${full.seconds.toFixed(digits)} s wall with mirrors${runs}, ${baseFull.seconds.toFixed(1)} s without (×${(full.seconds / baseFull.seconds).toFixed(2)}); ` +
        `peak ${full.peakMB.toFixed(0)} MB vs ${baseFull.peakMB.toFixed(0)} MB; target ${target.toFixed(digits)} s${scipy ? ' (SciPy, one node)' : ''}: ratio ${(full.seconds / target).toFixed(2)} (load average ${loadAverage()})`,
      ...(scipy ? [scipy.line] : []),
      `  one pole node with mirrors ${node.nodeSeconds.toFixed(3)} s wall, ${node.nodeCpu.toFixed(3)} s CPU; without ${base.nodeSeconds.toFixed(3)} s wall, ${base.nodeCpu.toFixed(3)} s CPU ` +
        `(×${(node.nodeSeconds / base.nodeSeconds).toFixed(2)} wall, ×${(node.nodeCpu / base.nodeCpu).toFixed(2)} CPU; flops ×${(gflop / baseGflop).toFixed(2)}: ${node.stats.top})`,
      `  with mirrors: plan ${node.planSeconds.toFixed(2)} s, ${node.planMB.toFixed(0)} MB; ${node.stats.fronts} fronts, largest ${node.stats.maxFrontSites} sites; ${gflop.toFixed(2)} GFlop${node.ldlt ? ' by LDLᵀ' : ''} = ${(gflop / rate).toFixed(3)} s at the kernel rate: overhead ×${(node.nodeSeconds / (gflop / rate)).toFixed(2)}; peak ${node.peakMB.toFixed(0)} MB`,
      `  without: plan ${base.planSeconds.toFixed(2)} s, ${base.planMB.toFixed(0)} MB; ${base.stats.fronts} fronts, largest ${base.stats.maxFrontSites} sites; ${baseGflop.toFixed(2)} GFlop${base.ldlt ? ' by LDLᵀ' : ''} = ${(baseGflop / rate).toFixed(3)} s at the kernel rate: overhead ×${(base.nodeSeconds / (baseGflop / rate)).toFixed(2)}; peak ${base.peakMB.toFixed(0)} MB` +
        (base.ldltSeconds !== undefined
          ? `; LDLᵀ baseline ${base.ldltSeconds.toFixed(3)} s wall, ${base.ldltCpu.toFixed(3)} s CPU → the default's speed-up ×${(base.ldltSeconds / base.nodeSeconds).toFixed(2)} wall, ×${(base.ldltCpu / base.nodeCpu).toFixed(2)} CPU`
          : ''),
    );
  }
  return lines;
}

if (process.argv[1] === self) {
  const [mode, ...names] = process.argv.slice(2);
  if (mode === 'bench') for (const line of await bench(names.length > 0 ? names : undefined)) console.log(line);
  else console.log(JSON.stringify(mode === 'full' ? await fullRun(names[0]!) : await nodeRun(names[0]!)));
}
