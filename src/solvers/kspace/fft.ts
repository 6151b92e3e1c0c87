/**
 * Forward discrete Fourier transforms of any length on interleaved complex
 * Float64Array lines, and the d-dimensional transform of a k-mesh built from
 * them: X_k = Σ_j x_j e^{−2πi jk/n} (unnormalized, the sign of fft.js's
 * `transform`).
 *
 * fft.js only does powers of two (≥ 2). Other lengths:
 * - n ≤ DFT_MAX_LENGTH: a plain DFT from a precomputed twiddle table (n² complex
 *   multiply-adds per line; for short lines that beats the three padded
 *   transforms of Bluestein's method, and it is exact to rounding);
 * - larger n: Bluestein's chirp-z identity jk = (j² + k² − (k − j)²)/2, which
 *   turns the DFT into a circular convolution of length P ≥ 2n − 1 (a power of
 *   two) done with fft.js; the chirp e^{−iπ j²/n} is evaluated from j² mod 2n
 *   so that its phase stays exact for large j.
 */

import FFT from 'fft.js';

/** Lines up to this length use the direct DFT; longer non-powers of two use Bluestein. */
export const DFT_MAX_LENGTH = 48;

/** A forward DFT of one fixed length n on interleaved complex buffers of 2n numbers. */
export interface LineTransform {
  readonly n: number;
  /** Rough cost of one line, in units of n complex multiply-adds (one directly summed output). */
  readonly cost: number;
  /** output_k = Σ_j input_j e^{−2πi jk/n}; `input` and `output` must be different buffers (input is not modified). */
  forward(input: Float64Array, output: Float64Array): void;
}

class IdentityTransform implements LineTransform {
  readonly n = 1;
  readonly cost = 1;
  forward(input: Float64Array, output: Float64Array): void {
    output[0] = input[0]!;
    output[1] = input[1]!;
  }
}

class Radix2Transform implements LineTransform {
  private readonly fft: FFT;
  readonly cost: number;
  constructor(readonly n: number) {
    this.fft = new FFT(n);
    this.cost = 0.5 * Math.log2(n);
  }
  forward(input: Float64Array, output: Float64Array): void {
    this.fft.transform(output, input);
  }
}

class DirectTransform implements LineTransform {
  /** e^{−2πi m/n}, m = 0..n−1. */
  private readonly twiddle: Float64Array;
  readonly cost: number;
  constructor(readonly n: number) {
    this.cost = n;
    this.twiddle = new Float64Array(2 * n);
    for (let m = 0; m < n; m++) {
      const angle = (-2 * Math.PI * m) / n;
      this.twiddle[2 * m] = Math.cos(angle);
      this.twiddle[2 * m + 1] = Math.sin(angle);
    }
  }
  forward(input: Float64Array, output: Float64Array): void {
    const { n, twiddle } = this;
    for (let k = 0; k < n; k++) {
      let re = 0, im = 0, m = 0;
      for (let j = 0; j < n; j++) {
        const xr = input[2 * j]!, xi = input[2 * j + 1]!;
        const wr = twiddle[2 * m]!, wi = twiddle[2 * m + 1]!;
        re += xr * wr - xi * wi;
        im += xr * wi + xi * wr;
        m += k;
        if (m >= n) m -= n;
      }
      output[2 * k] = re;
      output[2 * k + 1] = im;
    }
  }
}

class BluesteinTransform implements LineTransform {
  private readonly fft: FFT;
  /** w_j = e^{−iπ j²/n}, j = 0..n−1. */
  private readonly chirp: Float64Array;
  /** FFT of the padded conjugate chirp b_m = conj(w_|m|), m = −(n−1)..n−1 (wrapped). */
  private readonly kernel: Float64Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  readonly cost: number;

  constructor(readonly n: number) {
    let p = 2;
    while (p < 2 * n - 1) p *= 2;
    this.cost = (1.5 * p * Math.log2(p)) / n;
    this.fft = new FFT(p);
    this.chirp = new Float64Array(2 * n);
    for (let j = 0; j < n; j++) {
      const angle = (-Math.PI * ((j * j) % (2 * n))) / n;
      this.chirp[2 * j] = Math.cos(angle);
      this.chirp[2 * j + 1] = Math.sin(angle);
    }
    const padded = new Float64Array(2 * p);
    for (let j = 0; j < n; j++) {
      const re = this.chirp[2 * j]!, im = -this.chirp[2 * j + 1]!;
      padded[2 * j] = re;
      padded[2 * j + 1] = im;
      if (j > 0) {
        padded[2 * (p - j)] = re;
        padded[2 * (p - j) + 1] = im;
      }
    }
    this.kernel = new Float64Array(2 * p);
    this.fft.transform(this.kernel, padded);
    this.a = new Float64Array(2 * p);
    this.b = new Float64Array(2 * p);
  }

  forward(input: Float64Array, output: Float64Array): void {
    const { n, chirp, kernel, a, b } = this;
    a.fill(0);
    for (let j = 0; j < n; j++) {
      const xr = input[2 * j]!, xi = input[2 * j + 1]!;
      const wr = chirp[2 * j]!, wi = chirp[2 * j + 1]!;
      a[2 * j] = xr * wr - xi * wi;
      a[2 * j + 1] = xr * wi + xi * wr;
    }
    this.fft.transform(b, a);
    for (let m = 0; m < b.length; m += 2) {
      const br = b[m]!, bi = b[m + 1]!;
      const kr = kernel[m]!, ki = kernel[m + 1]!;
      b[m] = br * kr - bi * ki;
      b[m + 1] = br * ki + bi * kr;
    }
    this.fft.inverseTransform(a, b);
    for (let k = 0; k < n; k++) {
      const cr = a[2 * k]!, ci = a[2 * k + 1]!;
      const wr = chirp[2 * k]!, wi = chirp[2 * k + 1]!;
      output[2 * k] = cr * wr - ci * wi;
      output[2 * k + 1] = cr * wi + ci * wr;
    }
  }
}

const isPowerOfTwo = (n: number): boolean => n >= 2 && (n & (n - 1)) === 0;

/** The fastest available forward DFT of length n (any positive integer). */
export function lineTransform(n: number): LineTransform {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`DFT length must be a positive integer, got ${n}`);
  if (n === 1) return new IdentityTransform();
  if (isPowerOfTwo(n)) return new Radix2Transform(n);
  if (n <= DFT_MAX_LENGTH) return new DirectTransform(n);
  return new BluesteinTransform(n);
}

/**
 * The d-dimensional forward DFT on a mesh of shape [M0, M1, M2] stored like
 * the lattice's sites (index n = n2 + M2·(n1 + M1·n0)), one axis at a time
 * through line buffers. In place; allocates nothing per call.
 */
export class MeshTransform {
  readonly size: number;
  private readonly lines: LineTransform[];
  private readonly lineIn: Float64Array;
  private readonly lineOut: Float64Array;

  constructor(readonly shape: readonly [number, number, number]) {
    this.size = shape[0] * shape[1] * shape[2];
    this.lines = shape.map((n) => lineTransform(n));
    const longest = Math.max(...shape);
    this.lineIn = new Float64Array(2 * longest);
    this.lineOut = new Float64Array(2 * longest);
  }

  /** data ← DFT(data) over every axis of length > 1 (interleaved complex, 2·size numbers). */
  forward(data: Float64Array): void {
    const { shape, lines, lineIn, lineOut } = this;
    for (let axis = 0; axis < 3; axis++) {
      const n = shape[axis]!;
      if (n === 1) continue;
      const line = lines[axis]!;
      const stride = axis === 2 ? 1 : axis === 1 ? shape[2] : shape[1] * shape[2];
      const blocks = this.size / (n * stride);
      for (let outer = 0; outer < blocks; outer++)
        for (let inner = 0; inner < stride; inner++) {
          const base = outer * n * stride + inner;
          for (let j = 0, p = 2 * base; j < n; j++, p += 2 * stride) {
            lineIn[2 * j] = data[p]!;
            lineIn[2 * j + 1] = data[p + 1]!;
          }
          line.forward(lineIn, lineOut);
          for (let j = 0, p = 2 * base; j < n; j++, p += 2 * stride) {
            data[p] = lineOut[2 * j]!;
            data[p + 1] = lineOut[2 * j + 1]!;
          }
        }
    }
  }
}

/**
 * The forward mesh DFT evaluated only at chosen output coordinates per axis
 * (a pruned transform): when the wanted displacements R = r_j − r_i of a few
 * kept sites span few values on an axis (all kept sites on one lattice row:
 * a single R_y), that axis is summed directly, X_s = Σ_n x_n e^{−2πi n s/M}
 * for the wanted s only, instead of a full line transform, and the data
 * shrinks before the next axis. Axes are done in order of decreasing
 * shrinkage; per axis the cheaper of the direct sum and the full line
 * transform (followed by picking the wanted outputs) is used.
 *
 * The result is compact, row-major over the wanted coordinates:
 * entry (j0, j1, j2) ↔ (outputs[0][j0], outputs[1][j1], outputs[2][j2]).
 */
export class PartialMeshTransform {
  readonly size: number;
  readonly outputShape: [number, number, number];
  private readonly order: number[];
  private readonly lines: (LineTransform | null)[];
  /** Per axis: e^{−2πi n s_j/M} (row j = wanted output, column n) when summed directly, else null. */
  private readonly direct: (Float64Array | null)[];
  private readonly scratch: [Float64Array, Float64Array];
  private readonly lineIn: Float64Array;
  private readonly lineOut: Float64Array;

  constructor(
    readonly shape: readonly [number, number, number],
    readonly outputs: readonly (readonly number[])[],
  ) {
    this.size = shape[0] * shape[1] * shape[2];
    this.outputShape = [outputs[0]!.length, outputs[1]!.length, outputs[2]!.length];
    this.order = [0, 1, 2].sort((a, b) => this.outputShape[a]! / shape[a]! - this.outputShape[b]! / shape[b]!);
    this.lines = [];
    this.direct = [];
    for (let a = 0; a < 3; a++) {
      const n = shape[a]!, wanted = outputs[a]!;
      const line = lineTransform(n);
      if (wanted.length <= line.cost) {
        const w = new Float64Array(2 * wanted.length * n);
        wanted.forEach((s, j) => {
          for (let m = 0; m < n; m++) {
            const angle = (-2 * Math.PI * ((m * s) % n)) / n;
            w[2 * (j * n + m)] = Math.cos(angle);
            w[2 * (j * n + m) + 1] = Math.sin(angle);
          }
        });
        this.direct.push(w);
        this.lines.push(null);
      } else {
        this.direct.push(null);
        this.lines.push(line);
      }
    }
    this.scratch = [new Float64Array(2 * this.size), new Float64Array(2 * this.size)];
    const longest = Math.max(...shape);
    this.lineIn = new Float64Array(2 * longest);
    this.lineOut = new Float64Array(2 * longest);
  }

  /** data[0 .. 2·Π outputShape) ← the wanted DFT outputs (compact, row-major); the rest of data is clobbered. */
  forward(data: Float64Array): void {
    const current: [number, number, number] = [this.shape[0], this.shape[1], this.shape[2]];
    let src = data;
    let which = 0;
    for (const axis of this.order) {
      const dst = this.scratch[which]!;
      this.axis(axis, current, src, dst);
      current[axis] = this.outputShape[axis]!;
      src = dst;
      which = 1 - which;
    }
    const total = 2 * current[0] * current[1] * current[2];
    for (let k = 0; k < total; k++) data[k] = src[k]!;
  }

  private axis(axis: number, current: readonly number[], src: Float64Array, dst: Float64Array): void {
    const n = current[axis]!;
    const wanted = this.outputs[axis]!;
    const s = wanted.length;
    let stride = 1;
    for (let b = axis + 1; b < 3; b++) stride *= current[b]!;
    let blocks = 1;
    for (let b = 0; b < axis; b++) blocks *= current[b]!;
    const w = this.direct[axis];
    if (w && stride === 1) {
      for (let outer = 0; outer < blocks; outer++)
        for (let j = 0; j < s; j++) {
          let re = 0, im = 0;
          for (let m = 0, i = 2 * outer * n, q = 2 * j * n; m < n; m++, i += 2, q += 2) {
            const xr = src[i]!, xi = src[i + 1]!, wr = w[q]!, wi = w[q + 1]!;
            re += xr * wr - xi * wi;
            im += xr * wi + xi * wr;
          }
          dst[2 * (outer * s + j)] = re;
          dst[2 * (outer * s + j) + 1] = im;
        }
      return;
    }
    if (w) {
      for (let outer = 0; outer < blocks; outer++)
        for (let j = 0; j < s; j++) {
          const o = 2 * (outer * s + j) * stride;
          for (let inner = 0; inner < 2 * stride; inner++) dst[o + inner] = 0;
          for (let m = 0; m < n; m++) {
            const wr = w[2 * (j * n + m)]!, wi = w[2 * (j * n + m) + 1]!;
            const i = 2 * (outer * n + m) * stride;
            for (let inner = 0; inner < 2 * stride; inner += 2) {
              const xr = src[i + inner]!, xi = src[i + inner + 1]!;
              dst[o + inner] += xr * wr - xi * wi;
              dst[o + inner + 1] += xr * wi + xi * wr;
            }
          }
        }
      return;
    }
    const line = this.lines[axis]!;
    const { lineIn, lineOut } = this;
    for (let outer = 0; outer < blocks; outer++)
      for (let inner = 0; inner < stride; inner++) {
        for (let m = 0, p = 2 * (outer * n * stride + inner); m < n; m++, p += 2 * stride) {
          lineIn[2 * m] = src[p]!;
          lineIn[2 * m + 1] = src[p + 1]!;
        }
        line.forward(lineIn, lineOut);
        for (let j = 0, p = 2 * (outer * s * stride + inner); j < s; j++, p += 2 * stride) {
          dst[p] = lineOut[2 * wanted[j]!]!;
          dst[p + 1] = lineOut[2 * wanted[j]! + 1]!;
        }
      }
  }
}
