/**
 * Dense Hermitian eigenvalues (the reference path's cost driver): eigvalsh of random complex
 * Hermitian matrices, against the time of one dense complex matrix–matrix product of the same
 * size measured in the same run (a machine-speed yardstick: both cost O(n³), the reduction
 * 16n³/3 real flops, the product 8n³). CPU time is reported next to wall time because the
 * machine may be shared.
 */
import { eigvalsh } from '../src/math/eigh.js';

const SIZES = [500, 1000, 1764, 2000];
/** Largest size whose matrix product is timed directly; larger ones are extrapolated as n³. */
const MAX_PRODUCT_SIZE = 1000;
const REQUIREMENT_SECONDS = 20;

export async function bench(): Promise<string[]> {
  const lines: string[] = [];
  let productSeconds = 0, productSize = 0;
  for (const n of SIZES) {
    if (n <= MAX_PRODUCT_SIZE) {
      const a = randomHermitian(n, 1), b = randomHermitian(n, 2);
      productSeconds = timed(() => complexProduct(a, b, n)).cpu;
      productSize = n;
    }
    const baseline = productSeconds * (n / productSize) ** 3;
    const a = randomHermitian(n, 3 + n);
    const t = timed(() => eigvalsh(a, n, { overwrite: true }));
    const extrapolated = n > productSize ? `, extrapolated from n = ${productSize}` : '';
    lines.push(
      `eigvalsh n=${n}: ${t.wall.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s cpu; ` +
        `${(t.cpu / baseline).toFixed(2)}× one complex matmul (${baseline.toFixed(2)} s cpu${extrapolated})`,
    );
    if (n === 2000) {
      const verdict = t.cpu < REQUIREMENT_SECONDS ? 'meets' : 'MISSES';
      lines.push(`eigvalsh n=2000 ${verdict} the < ${REQUIREMENT_SECONDS} s requirement (${t.cpu.toFixed(2)} s cpu on one core)`);
    }
  }
  return lines;
}

function timed(run: () => void): { wall: number; cpu: number } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  run();
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** C = A·B for n×n interleaved complex row-major matrices, i-k-j order (contiguous inner loop). */
function complexProduct(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    const ci = 2 * i * n;
    for (let k = 0; k < n; k++) {
      const aRe = a[2 * (i * n + k)], aIm = a[2 * (i * n + k) + 1];
      const bk = 2 * k * n;
      for (let j = 0; j < 2 * n; j += 2) {
        const bRe = b[bk + j], bIm = b[bk + j + 1];
        c[ci + j] += aRe * bRe - aIm * bIm;
        c[ci + j + 1] += aRe * bIm + aIm * bRe;
      }
    }
  }
  return c;
}

/** Random Hermitian matrix with entries uniform in [−1, 1), from a seeded xorshift generator. */
function randomHermitian(n: number, seed: number): Float64Array {
  let s = (seed * 2654435761) >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s / 4294967296) * 2 - 1;
  };
  const a = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const re = next(), im = next();
      a[2 * (i * n + j)] = re;
      a[2 * (i * n + j) + 1] = im;
      a[2 * (j * n + i)] = re;
      a[2 * (j * n + i) + 1] = -im;
    }
    a[2 * (i * n + i)] = next();
  }
  return a;
}
