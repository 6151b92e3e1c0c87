/**
 * Issue 10 item 4: the infinite host at T = 0.002 (normal square lattice,
 * μ = −1, J = 1, δ = 1, 5, 10, 20, 40), adaptive Brillouin-zone quadrature to
 * 1e-6 in η, against the old k-mesh path at M = 1024 (δ = 1, 5 only; which
 * was 3.6 % off at δ = 40) measured in the same run: wall time and peak memory.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../src/cli/nodeFlags.js';

const workload = fileURLToPath(new URL('./workload.js', import.meta.url));
function run(name: string): { seconds: number; peakMB: number; estimatedRelativeError: number } {
  return JSON.parse(execFileSync(process.execPath, [...NODE_FLAGS, workload, name], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!);
}

export async function bench(): Promise<string[]> {
  const adaptive = run('infinite-T0.002');
  const mesh = run('infinite-mesh1024');
  return [
    `adaptive, 5 separations to 1e-6: ${adaptive.seconds.toFixed(1)} s wall, peak ${adaptive.peakMB.toFixed(0)} MB, estimated error ${adaptive.estimatedRelativeError.toExponential(1)}`,
    `1024² mesh (+ 512² for its error estimate), 2 separations: ${mesh.seconds.toFixed(1)} s wall, peak ${mesh.peakMB.toFixed(0)} MB, estimated error ${mesh.estimatedRelativeError.toExponential(1)}`,
    `time ratio adaptive/mesh ${(adaptive.seconds / mesh.seconds).toFixed(2)}, memory ratio ${(adaptive.peakMB / mesh.peakMB).toFixed(2)}`,
  ];
}
