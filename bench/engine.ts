/** Exact-engine benchmarks of issue 3: the paper's workloads, each in its own process (wall time and peak memory). */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../src/cli/nodeFlags.js';

const workload = fileURLToPath(new URL('./workload.js', import.meta.url));
function run(name: string): { seconds: number; peakMB: number; secondsPerConfiguration?: number } {
  return JSON.parse(execFileSync(process.execPath, [...NODE_FLAGS, workload, name], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!);
}

export async function bench(): Promise<string[]> {
  const out: string[] = [];
  const exact21 = run('sip21-exact');
  const dense = run('sip21-dense-sample');
  const denseTotal = dense.secondsPerConfiguration! * 36 * 8 / 2;
  out.push(
    `(a) 21×21 s+ip_x, δ = 1..8, 288 configurations: exact ${exact21.seconds.toFixed(2)} s; dense ≈ ${denseTotal.toFixed(0)} s on 2 cores ` +
      `(${dense.secondsPerConfiguration!.toFixed(2)} s per diagonalization, measured on ${3} configurations) → dense/exact ≈ ${(denseTotal / exact21.seconds).toFixed(0)}×`,
  );
  const paper = run('paper');
  out.push(`(b) paper Fig. 1(c): 101×101 open, δ = 1..20, 36 configurations, T = 0.001: ${paper.seconds.toFixed(1)} s wall, peak ${paper.peakMB.toFixed(0)} MB (limits: 60 s, 2048 MB; ratio to limit ${(paper.seconds / 60).toFixed(2)})`);
  const honeycomb = run('honeycomb60');
  out.push(`(d) honeycomb flake 60×60 cells (7,200 sites), s-wave, 10 targets, 36 configurations, T = 0.001: ${honeycomb.seconds.toFixed(1)} s wall, peak ${honeycomb.peakMB.toFixed(0)} MB (limit 10 s; ratio ${(honeycomb.seconds / 10).toFixed(2)})`);
  const si = run('silicon444');
  out.push(`(e) silicon Wannier model, open 4×4×4 supercell (512 nodes = 2,048 BdG rows), n-type, 10 targets, 36 configurations, T = 0.01 eV: ${si.seconds.toFixed(1)} s wall, peak ${si.peakMB.toFixed(0)} MB (limit 60 s; ratio ${(si.seconds / 60).toFixed(2)})`);
  const siBands = run('silicon-bands');
  out.push(`(f) silicon bands along the .win kpoint_path (files read, 100 k points): ${siBands.seconds.toFixed(2)} s (limit 1 s; ratio ${siBands.seconds.toFixed(2)})`);
  const big = run('paper201');
  out.push(`(c) the same on 201×201: ${big.seconds.toFixed(1)} s wall, peak ${big.peakMB.toFixed(0)} MB; 201/101 time ratio ${(big.seconds / paper.seconds).toFixed(2)}`);
  return out;
}
