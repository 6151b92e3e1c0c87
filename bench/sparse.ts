/**
 * Benchmark of the nested-dissection Schur engine (src/solvers/sparse): one
 * complex energy z = i·0.00314 on the paper's BdG model (s + ip_x, d = e_z p_x,
 * μ = −3, t = 1, Δ_s = 0.1, Δ_p = 0.1i; DESIGN.md §1) on L×L open lattices,
 * kept sites = the 21 sites (L/2 + δ, L/2), δ = 0..20. Without spin–orbit
 * coupling the BdG matrix splits into two 2-orbital sectors; a Rashba variant
 * (λ = 0.2) measures the fully coupled b = 4 case.
 *
 * Baselines measured in the same run: the WebAssembly SIMD complex GEMM
 * against the JavaScript one on n×n×n products (n = 256, 512: frontal sizes,
 * operand copies into the module memory included), the dense kernel rate
 * (GFlop/s of the complex GEMM on a 396×396×64 update) giving the achieved
 * fraction of the kernel's peak, the time of one partial LU of a dense front
 * as large as the largest front (a third of it eliminated), and the time per
 * z with the JavaScript kernels forced. Times are the shortest of a few
 * repetitions (the machine may be shared).
 */

import type { BlockSparse } from '../src/hamiltonian/blockSparse.js';
import { planMemoryBytes, planSchur, schurGreens } from '../src/solvers/sparse/schur.js';
import { partialLU } from '../src/solvers/sparse/partialLU.js';
import { partialLUReal } from '../src/solvers/sparse/partialLUReal.js';
import { gemmSub, gemmSubJs } from '../src/solvers/sparse/gemm.js';
import { activeKernels, setKernels } from '../src/solvers/sparse/wasm/kernels.js';

interface Model {
  mu: number;
  t: number;
  deltaS: number;
  deltaP: { re: number; im: number };
  rashba: number;
}

/** BdG matrix of the paper's model on an open L×L lattice (site y + L·x), b = 4. */
export function paperModel(L: number, model: Model): BlockSparse {
  const n = L * L;
  const b = 4;
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const block = (): Float64Array => new Float64Array(2 * b * b);
  const set = (blk: Float64Array, a: number, c: number, re: number, im: number): void => {
    blk[2 * (a * b + c)] += re;
    blk[2 * (a * b + c) + 1] += im;
  };
  // 2×2 spin matrices as [re00, im00, re01, im01, re10, im10, re11, im11].
  type M2 = number[];
  const hopping = (dx: number, dy: number): M2 => {
    // −t σ0 + iλ(δx σ2 − δy σ1)
    const l = model.rashba;
    // iλδx σ2 = λδx [[0, 1], [−1, 0]];  −iλδy σ1 = [[0, −iλδy], [−iλδy, 0]]
    return [-model.t, 0, l * dx, -l * dy, -l * dx, -l * dy, -model.t, 0];
  };
  const pairing = (dx: number, onsite: boolean): M2 => {
    // s: −Δs iσ2 = −Δs [[0, 1], [−1, 0]];  p (d = e_z p_x): −Δp (δx/2) [[0, 1], [1, 0]]
    if (onsite) return [0, 0, -model.deltaS, 0, model.deltaS, 0, 0, 0];
    const pr = (-model.deltaP.re * dx) / 2;
    const pi = (-model.deltaP.im * dx) / 2;
    return [0, 0, pr, pi, pr, pi, 0, 0];
  };
  const fill = (blk: Float64Array, h: M2, d: M2, dT: M2): void => {
    for (let a = 0; a < 2; a++)
      for (let c = 0; c < 2; c++) {
        const k = 2 * (2 * a + c);
        set(blk, a, c, h[k], h[k + 1]); // H
        set(blk, a + 2, c + 2, -h[k], h[k + 1]); // −H*
        set(blk, a, c + 2, d[k], d[k + 1]); // Δ_ij
        const kt = 2 * (2 * c + a);
        set(blk, a + 2, c, dT[kt], -dT[kt + 1]); // (Δ_ji)†
      }
  };
  for (let x = 0; x < L; x++)
    for (let y = 0; y < L; y++) {
      const i = y + L * x;
      const nb: [number, number, number][] = [];
      if (x > 0) nb.push([i - L, -1, 0]);
      if (y > 0) nb.push([i - 1, 0, -1]);
      nb.push([i, 0, 0]);
      if (y < L - 1) nb.push([i + 1, 0, 1]);
      if (x < L - 1) nb.push([i + L, 1, 0]);
      for (const [j, dx, dy] of nb) {
        const blk = block();
        if (j === i) {
          const d = pairing(0, true);
          fill(blk, [-model.mu, 0, 0, 0, 0, 0, -model.mu, 0], d, d);
        } else {
          fill(blk, hopping(dx, dy), pairing(dx, false), pairing(-dx, false));
        }
        cols.push(j);
        for (const v of blk) vals.push(v);
      }
      rowPtr[i + 1] = cols.length;
    }
  return { nSites: n, b, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
}

const PAPER: Model = { mu: -3, t: 1, deltaS: 0.1, deltaP: { re: 0, im: 0.1 }, rashba: 0 };

/** GEMM rate (GFlop/s, 8 real flops per complex multiply-add) on a 396×396×64 update. */
function gemmRate(): number {
  const m = 396, k = 64;
  const a = new Float64Array(2 * m * k).map(() => Math.random());
  const c = new Float64Array(2 * m * m);
  gemmSub(m, m, k, a, 0, k, a, 0, m, c, 0, m);
  const best = minTime(5, () => {
    for (let r = 0; r < 5; r++) gemmSub(m, m, k, a, 0, k, a, 0, m, c, 0, m);
  });
  return (8 * m * m * k * 5) / best / 1e9;
}

/**
 * GFlop/s of C −= A·B on n×n×n complex products by each kernel, timed in
 * alternation (best of 7 rounds each) so that a shared machine's load falls
 * on both alike.
 */
function squareRates(n: number, kernels: (typeof gemmSub)[]): number[] {
  const a = new Float64Array(2 * n * n).map(() => Math.random() - 0.5);
  const c = new Float64Array(2 * n * n);
  const reps = Math.max(1, Math.round(1e8 / (8 * n ** 3)));
  const best = kernels.map((kernel) => {
    kernel(n, n, n, a, 0, n, a, 0, n, c, 0, n);
    return Infinity;
  });
  for (let round = 0; round < 7; round++)
    kernels.forEach((kernel, i) => {
      best[i] = Math.min(best[i]!, minTime(1, () => {
        for (let r = 0; r < reps; r++) kernel(n, n, n, a, 0, n, a, 0, n, c, 0, n);
      }));
    });
  return best.map((t) => (8 * n ** 3 * reps) / t / 1e9);
}

/** Shortest wall time (s) of `reps` runs: the machine may be shared. */
function minTime(reps: number, run: () => void): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, (performance.now() - t0) / 1e3);
  }
  return best;
}

/** Time of one partial LU of a random dense front with nf variables, p eliminated. */
function frontTime(nf: number, p: number, real: boolean): number {
  const ew = real ? 1 : 2;
  const f = new Float64Array(ew * nf * nf);
  return minTime(3, () => {
    for (let i = 0; i < f.length; i++) f[i] = Math.random() - 0.5;
    for (let i = 0; i < nf; i++) f[ew * (i * nf + i)] += nf;
    if (real) partialLUReal(f, nf, p);
    else partialLU(f, nf, p);
  });
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

export async function bench(): Promise<string[]> {
  const lines: string[] = [];
  const kernels = activeKernels();
  for (const n of [256, 512]) {
    const [js, wasm] = squareRates(n, kernels === 'wasm' ? [gemmSubJs, gemmSub] : [gemmSubJs]);
    lines.push(
      `sparse: complex GEMM ${n}×${n}×${n}: WebAssembly SIMD ${(wasm ?? NaN).toFixed(2)} GFlop/s, JavaScript ${js!.toFixed(2)} GFlop/s ` +
        `(baseline, same run): ${((wasm ?? NaN) / js!).toFixed(2)}× (target ≥ 2.5×)`,
    );
  }
  const peak = gemmRate();
  lines.push(`sparse: complex GEMM kernel (${kernels}) ${peak.toFixed(2)} GFlop/s on 396×396×64 (baseline, same run)`);
  const cases: [number, Model, string][] = [
    [51, PAPER, 's+ip_x'],
    [101, PAPER, 's+ip_x'],
    [101, { ...PAPER, rashba: 0.2 }, 's+ip_x + Rashba 0.2 (no sectors: real Majorana route)'],
    [201, PAPER, 's+ip_x'],
  ];
  for (const [L, model, label] of cases) {
    const h = paperModel(L, model);
    const c = Math.floor(L / 2);
    const kept = Array.from({ length: 21 }, (_, d) => c + L * (c + d));
    const t0 = performance.now();
    const plan = planSchur(h, { shape: [L, L], periodic: [false, false] }, kept);
    const tPlan = (performance.now() - t0) / 1e3;
    const z = { re: 0, im: 0.00314 };
    schurGreens(plan, h, z); // warm-up: JIT and workspace
    let perZ = minTime(L <= 101 ? 3 : 2, () => schurGreens(plan, h, z));
    let jsNote = '';
    if (L === 101 && kernels === 'wasm') {
      // Alternating rounds, as for the GEMM rates.
      let perZJs = Infinity;
      for (let round = 0; round < 3; round++) {
        setKernels('js');
        perZJs = Math.min(perZJs, minTime(1, () => schurGreens(plan, h, z)));
        setKernels('auto');
        perZ = Math.min(perZ, minTime(1, () => schurGreens(plan, h, z)));
      }
      jsNote = `; JavaScript kernels forced: ${perZJs.toFixed(3)} s per z (baseline, same run), WebAssembly ${(perZJs / perZ).toFixed(2)}× faster`;
    }
    // The s+ip_x model splits into two 2-orbital sectors that are particle–hole
    // images: one complex elimination with bs = 2 (8 real flops per multiply-add).
    // With Rashba: one real (Majorana) elimination with b = 4 (2 flops each).
    const bs = model.rashba === 0 ? 2 : 4;
    const gflop = ((model.rashba === 0 ? 8 : 2) * plan.stats.flopsPerOrbital3 * bs ** 3) / 1e9;
    const nfMax = bs * plan.stats.maxFrontSites;
    const front = frontTime(nfMax, Math.round(nfMax / 3), model.rashba !== 0);
    lines.push(
      `sparse: ${L}×${L} ${label}: ${perZ.toFixed(3)} s per z ` +
        `(= ${(perZ / front).toFixed(0)}× one ${nfMax}-variable front; ${gflop.toFixed(2)} GFlop at ` +
        `${(gflop / perZ).toFixed(2)} GFlop/s = ${((gflop / perZ / peak) * 100).toFixed(0)}% of the complex kernel; ` +
        `plan ${tPlan.toFixed(2)} s, ${plan.stats.fronts} fronts, top: ${plan.stats.top}); ` +
        `plan memory ${mb(planMemoryBytes(plan))}, process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}${jsNote}`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await bench()) console.log(line);
}
