/**
 * Seeded pseudo-random numbers for reproducible spin simulations: xoshiro128** (Blackman &
 * Vigna 2018, period 2¹²⁸ − 1, 32-bit output) seeded through splitmix32, so that any integer
 * seed gives a well-mixed state. The same seed reproduces a run bit for bit on every platform
 * (only 32-bit integer arithmetic and exactly rounded double operations are involved).
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 2⁻³² resolution (enough for Metropolis tests and trial moves). */
  next(): number {
    return this.nextUint32() * 2.3283064365386963e-10;
  }

  /** Uniform integer in 0..n−1. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A uniformly distributed unit vector, written to out[offset..offset+2] (Marsaglia 1972). */
  unitVector(out: Float64Array, offset = 0): void {
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = 2 * Math.sqrt(1 - s);
    out[offset] = u * f;
    out[offset + 1] = v * f;
    out[offset + 2] = 1 - 2 * s;
  }

  /** An independent generator seeded from this one (for replicas and parallel chains). */
  split(): Rng {
    return new Rng(this.nextUint32() * 4294967296 + this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Random unit vectors for n spins (3n entries). */
export function randomSpins(n: number, rng: Rng): Float64Array {
  const s = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) rng.unitVector(s, 3 * i);
  return s;
}
