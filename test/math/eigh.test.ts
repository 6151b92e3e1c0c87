import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eigh, eigvalsh } from '../../src/math/eigh.js';
import { InputError } from '../../src/errors.js';
import { prng } from '../rng.js';


/** Random Hermitian n×n (both triangles filled), entries uniform in [−1, 1) (imaginary 0 if real). */
function randomHermitian(n: number, seed: number, real = false): Float64Array {
  const rnd = prng(seed);
  const a = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const re = rnd(), im = real ? 0 : rnd();
      set(a, n, i, j, re, im);
      set(a, n, j, i, re, -im);
    }
    set(a, n, i, i, rnd(), 0);
  }
  return a;
}

function set(a: Float64Array, n: number, i: number, j: number, re: number, im: number): void {
  a[2 * (i * n + j)] = re;
  a[2 * (i * n + j) + 1] = im;
}

/** Hermitian matrix from its lower triangle given as entry(i, j) → [re, im] (j ≤ i). */
function fromLower(n: number, entry: (i: number, j: number) => [number, number]): Float64Array {
  const a = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const [re, im] = entry(i, j);
      set(a, n, i, j, re, i === j ? 0 : im);
      set(a, n, j, i, re, i === j ? 0 : -im);
    }
  }
  return a;
}

function frobenius2(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x * x;
  return s;
}

/**
 * The properties every decomposition must have: ascending values, trace = Σλ,
 * ‖A‖_F² = Σλ², residuals ‖Av − λv‖ ≤ tol·‖A‖ and VᴴV = I, with tol = 1e-14·n
 * (the brief's bound is 1e-12·n; measured residuals are ≈ 1e-15).
 */
function checkDecomposition(input: Float64Array, n: number): Float64Array {
  const { values, vectors } = eigh(input, n, { vectors: true });
  assert.ok(vectors, 'vectors requested');
  assert.equal(values.length, n);
  for (let k = 1; k < n; k++) assert.ok(values[k - 1] <= values[k], 'ascending');
  // Check in units of the largest entry so that huge and tiny matrices neither overflow nor
  // underflow in the check itself.
  let amax = 0;
  for (const x of input) amax = Math.max(amax, Math.abs(x));
  if (amax === 0) amax = 1;
  const a = input.map((x) => x / amax);
  const lambda = values.map((x) => x / amax);
  const norm = Math.sqrt(frobenius2(a));
  const tol = 1e-14 * Math.max(n, 4);

  let trace = 0, sum = 0, sum2 = 0;
  for (let i = 0; i < n; i++) trace += a[2 * (i * n + i)];
  for (const v of lambda) {
    sum += v;
    sum2 += v * v;
  }
  assert.ok(Math.abs(trace - sum) <= tol * norm, `trace ${trace} vs Σλ ${sum}`);
  assert.ok(Math.abs(sum2 - norm * norm) <= tol * norm * norm, `Σλ² ${sum2} vs ‖A‖_F² ${norm * norm}`);

  let worstResidual = 0, worstOrthogonality = 0;
  for (let k = 0; k < n; k++) {
    let r2 = 0;
    for (let i = 0; i < n; i++) {
      let re = -lambda[k] * vectors[2 * (i * n + k)], im = -lambda[k] * vectors[2 * (i * n + k) + 1];
      for (let j = 0; j < n; j++) {
        const aRe = a[2 * (i * n + j)], aIm = a[2 * (i * n + j) + 1];
        const vRe = vectors[2 * (j * n + k)], vIm = vectors[2 * (j * n + k) + 1];
        re += aRe * vRe - aIm * vIm;
        im += aRe * vIm + aIm * vRe;
      }
      r2 += re * re + im * im;
    }
    worstResidual = Math.max(worstResidual, Math.sqrt(r2));
    for (let l = 0; l <= k; l++) {
      let re = 0, im = 0;
      for (let i = 0; i < n; i++) {
        const xRe = vectors[2 * (i * n + l)], xIm = vectors[2 * (i * n + l) + 1];
        const yRe = vectors[2 * (i * n + k)], yIm = vectors[2 * (i * n + k) + 1];
        re += xRe * yRe + xIm * yIm;
        im += xRe * yIm - xIm * yRe;
      }
      worstOrthogonality = Math.max(worstOrthogonality, Math.hypot(re - (l === k ? 1 : 0), im));
    }
  }
  assert.ok(worstResidual <= tol * norm, `residual ${worstResidual / norm}·‖A‖`);
  assert.ok(worstOrthogonality <= tol, `orthonormality error ${worstOrthogonality}`);

  const valuesOnly = eigvalsh(input, n);
  assert.deepEqual(valuesOnly, values, 'eigvalsh agrees with eigh');
  return values;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let k = 0; k < expected.length; k++) {
    assert.ok(Math.abs(actual[k] - expected[k]) <= tol, `${what}[${k}]: ${actual[k]} vs ${expected[k]}`);
  }
}

const sortedAscending = (xs: number[]): number[] => xs.slice().sort((p, q) => p - q);

test('random complex Hermitian matrices of several sizes', () => {
  for (const [n, seed] of [[3, 1], [5, 2], [8, 3], [17, 4], [33, 5], [64, 6], [150, 7], [300, 8]]) {
    checkDecomposition(randomHermitian(n, seed), n);
  }
});

test('real symmetric input', () => {
  for (const [n, seed] of [[6, 11], [40, 12], [101, 13]]) checkDecomposition(randomHermitian(n, seed, true), n);
});

test('1×1 and 2×2', () => {
  const one = new Float64Array([3.5, 0.7]); // the imaginary part of a diagonal entry is ignored
  const r1 = eigh(one, 1, { vectors: true });
  assert.deepEqual(Array.from(r1.values), [3.5]);
  assert.equal(Math.hypot(r1.vectors![0], r1.vectors![1]), 1);

  // [[a, conj(b)], [b, c]] has eigenvalues (a + c)/2 ∓ √(((a − c)/2)² + |b|²).
  const a = 1.25, c = -0.5, bRe = 0.3, bIm = -0.8;
  const two = new Float64Array([a, 0, bRe, -bIm, bRe, bIm, c, 0]);
  const root = Math.sqrt(((a - c) / 2) ** 2 + bRe ** 2 + bIm ** 2);
  assertClose(checkDecomposition(two, 2), [(a + c) / 2 - root, (a + c) / 2 + root], 2e-15, '2×2');
});

test('empty matrix', () => {
  assert.equal(eigvalsh(new Float64Array(0), 0).length, 0);
  assert.equal(eigh(new Float64Array(0), 0, { vectors: true }).vectors!.length, 0);
});

test('only the lower triangle is read; copy unless overwrite', () => {
  const n = 20;
  const a = randomHermitian(n, 21);
  const expected = eigvalsh(a, n);
  const garbage = a.slice();
  const rnd = prng(22);
  for (let i = 0; i < n; i++) {
    garbage[2 * (i * n + i) + 1] = rnd();
    for (let j = i + 1; j < n; j++) set(garbage, n, i, j, 99 * rnd(), 99 * rnd());
  }
  const before = garbage.slice();
  assert.deepEqual(eigvalsh(garbage, n), expected);
  assert.deepEqual(garbage, before, 'input untouched without overwrite');
  assert.deepEqual(eigvalsh(garbage, n, { overwrite: true }), expected);
  assert.deepEqual(eigh(a.slice(), n, { overwrite: true, vectors: true }).values, expected);
});

test('diagonal input: sorted diagonal and unit vectors', () => {
  const diag = [3, -1, 0.5, 7, -1, 2e-3, 0];
  const n = diag.length;
  const a = fromLower(n, (i, j) => [i === j ? diag[i] : 0, 0]);
  const { values, vectors } = eigh(a, n, { vectors: true });
  assert.deepEqual(Array.from(values), sortedAscending(diag));
  for (let k = 0; k < n; k++) {
    let nonzero = 0;
    for (let i = 0; i < n; i++) if (Math.hypot(vectors![2 * (i * n + k)], vectors![2 * (i * n + k) + 1]) > 1e-15) nonzero++;
    assert.equal(nonzero, 1, `eigenvector ${k} is a unit vector`);
  }
  checkDecomposition(a, n);
});

test('already tridiagonal input, real and with complex couplings', () => {
  const n = 30;
  const rnd = prng(31);
  const real = fromLower(n, (i, j) => (i === j ? [rnd(), 0] : i === j + 1 ? [rnd(), 0] : [0, 0]));
  checkDecomposition(real, n);
  const complexCouplings = fromLower(n, (i, j) => (i === j ? [rnd(), 0] : i === j + 1 ? [rnd(), rnd()] : [0, 0]));
  checkDecomposition(complexCouplings, n);
});

test('open chain: −2t cos(kπ/(L+1))', () => {
  const L = 60, t = 1.3;
  const a = fromLower(L, (i, j) => (i === j + 1 ? [-t, 0] : [0, 0]));
  const exact = sortedAscending(Array.from({ length: L }, (_, k) => -2 * t * Math.cos(((k + 1) * Math.PI) / (L + 1))));
  assertClose(checkDecomposition(a, L), exact, 8 * 2 ** -52 * 2 * t, 'open chain');
});

test('periodic ring, also threaded by a flux: −2t cos((2πk + φ)/L)', () => {
  const L = 40, t = 0.7;
  for (const phi of [0, 0.9]) {
    // Hopping −t e^{iφ/L} from site j to j+1 (H_{j+1,j}), closing the ring; its Bloch
    // energies are −2t cos((2πk + φ)/L).
    const hop: [number, number] = [-t * Math.cos(phi / L), -t * Math.sin(phi / L)];
    const a = fromLower(L, (i, j) => {
      if (i === j + 1) return hop;
      if (i === L - 1 && j === 0) return [hop[0], -hop[1]]; // H_{L−1,0} = conj(H_{0,L−1})
      return [0, 0];
    });
    const exact = sortedAscending(Array.from({ length: L }, (_, k) => -2 * t * Math.cos((2 * Math.PI * k + phi) / L)));
    assertClose(checkDecomposition(a, L), exact, 8 * 2 ** -52 * 2 * t, `ring φ = ${phi}`);
  }
});

test('degenerate spectra: identity, repeated eigenvalues, Pauli blocks', () => {
  const n = 25;
  const identity = fromLower(n, (i, j) => [i === j ? 1 : 0, 0]);
  assertClose(checkDecomposition(identity, n), new Array(n).fill(1), 0, 'identity');

  // U diag(μ) Uᴴ with U unitary (the eigenvectors of a random matrix) and heavily repeated μ.
  const u = eigh(randomHermitian(n, 41), n, { vectors: true }).vectors!;
  const mu = Array.from({ length: n }, (_, k) => [-2, 0.5, 0.5 + 1e-9, 3][k % 4]);
  const a = fromLower(n, (i, j) => {
    let re = 0, im = 0;
    for (let k = 0; k < n; k++) {
      const xRe = u[2 * (i * n + k)], xIm = u[2 * (i * n + k) + 1];
      const yRe = u[2 * (j * n + k)], yIm = -u[2 * (j * n + k) + 1];
      re += mu[k] * (xRe * yRe - xIm * yIm);
      im += mu[k] * (xRe * yIm + xIm * yRe);
    }
    return [re, im];
  });
  assertClose(checkDecomposition(a, n), sortedAscending(mu), 1e-14 * n * 3, 'repeated');

  // h ⊗ σ0 + b ⊗ σ_z with b a multiple of h: every level comes in spin pairs (h_k(1 ± β)).
  const m = 12, beta = 0.25;
  const h = randomHermitian(m, 42);
  const hValues = eigvalsh(h, m);
  const kron = fromLower(2 * m, (i, j) => {
    const si = i % 2, sj = j % 2;
    if (si !== sj) return [0, 0];
    const f = 1 + (si === 0 ? beta : -beta);
    const p = 2 * ((i >> 1) * m + (j >> 1));
    return [f * h[p], f * h[p + 1]];
  });
  const expected = sortedAscending(Array.from(hValues).flatMap((x) => [x * (1 + beta), x * (1 - beta)]));
  assertClose(checkDecomposition(kron, 2 * m), expected, 1e-14 * 4 * m, 'h ⊗ (σ0 + β σz)');

  // 4×4 BdG block of an s-wave superconductor, ξ τ_z σ0 − Δ τ_x (iσ2)-type: ±√(ξ² + Δ²), each twice.
  const xi = 0.3, delta = 0.4;
  const bdg = new Float64Array(32);
  const put = (i: number, j: number, re: number, im: number): void => {
    set(bdg, 4, i, j, re, im);
    set(bdg, 4, j, i, re, -im);
  };
  put(0, 0, xi, 0); put(1, 1, xi, 0); put(2, 2, -xi, 0); put(3, 3, -xi, 0);
  put(3, 0, -delta, 0); put(2, 1, delta, 0);
  const e = Math.hypot(xi, delta);
  assertClose(checkDecomposition(bdg, 4), [-e, -e, e, e], 1e-15, '4×4 BdG');
});

test('BdG-like matrix: spectrum symmetric under ε → −ε', () => {
  // [[h, Δ], [Δᴴ, −h*]] with Δᵀ = −Δ is particle-hole symmetric: τ_x H* τ_x = −H.
  const m = 40, n = 2 * m;
  const h = randomHermitian(m, 51);
  const rnd = prng(52);
  const delta = new Float64Array(2 * m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const re = 0.3 * rnd(), im = 0.3 * rnd();
      set(delta, m, i, j, re, im);
      set(delta, m, j, i, -re, -im);
    }
  }
  const a = fromLower(n, (i, j) => {
    if (i < m) return [h[2 * (i * m + j)], h[2 * (i * m + j) + 1]];
    if (j >= m) return [-h[2 * ((i - m) * m + j - m)], h[2 * ((i - m) * m + j - m) + 1]];
    // lower-left block Δᴴ: (Δᴴ)_{i−m, j} = conj(Δ_{j, i−m})
    return [delta[2 * (j * m + i - m)], -delta[2 * (j * m + i - m) + 1]];
  });
  const values = checkDecomposition(a, n);
  const norm = Math.sqrt(frobenius2(a));
  for (let k = 0; k < m; k++) {
    assert.ok(Math.abs(values[k] + values[n - 1 - k]) <= 1e-14 * n * norm, `±pair ${k}`);
  }
});

test('sums of many eigenvalues: T = 0 free energy of a long chain', () => {
  // F = −½ Σ_{ε>0} ε for the open chain, against the closed form of its levels.
  const L = 400, t = 1;
  const a = fromLower(L, (i, j) => (i === j + 1 ? [-t, 0] : [0, 0]));
  let fExact = 0;
  for (let k = 1; k <= L; k++) {
    const eps = -2 * t * Math.cos((k * Math.PI) / (L + 1));
    if (eps > 0) fExact -= 0.5 * eps;
  }
  let f = 0;
  for (const eps of eigvalsh(a, L)) if (eps > 0) f -= 0.5 * eps;
  assert.ok(Math.abs(f - fExact) <= 1e-13 * Math.abs(fExact), `F ${f} vs ${fExact}`);
});

test('huge and tiny norms scale exactly', () => {
  const n = 24;
  const a = randomHermitian(n, 61);
  const reference = eigvalsh(a, n);
  for (const factor of [1e300, 1e-300, 2 ** 700, 2 ** -700, 1e-310 /* subnormal entries */]) {
    const scaled = a.map((x) => x * factor);
    const values = checkDecomposition(scaled, n);
    const norm = Math.max(...reference.map(Math.abs));
    // Subnormal entries keep only a few digits, so the last factor is checked loosely.
    const tol = factor < 1e-307 ? 1e-10 : 1e-14 * n;
    assertClose(values.map((v) => v / factor), reference, tol * norm, `×${factor}`);
  }
  assert.deepEqual(Array.from(eigvalsh(new Float64Array(2 * 9), 3)), [0, 0, 0], 'zero matrix');
});

test('bad input is an InputError', () => {
  assert.throws(() => eigvalsh(new Float64Array(8), 3), InputError);
  assert.throws(() => eigvalsh(new Float64Array(8), -2), InputError);
  assert.throws(() => eigvalsh(new Float64Array(8), 1.5), InputError);
  const nan = randomHermitian(3, 71);
  nan[2 * (2 * 3 + 1)] = Number.NaN;
  assert.throws(() => eigvalsh(nan, 3), InputError);
  const inf = randomHermitian(3, 72);
  inf[0] = Infinity;
  assert.throws(() => eigh(inf, 3, { vectors: true }), InputError);
});

test('tiny complex entries (1e-154 … 1e-310) neither break the reduction nor move the eigenvalues', () => {
  // Two random Hermitian blocks coupled by tiny complex entries: the eigenvalues are those of
  // the decoupled matrix to O(ε); squares of the couplings underflow, so an unscaled
  // Householder norm would give τ = 0/0 (the bug of `rashba: 1e-154`).
  const n = 12;
  for (const [k, tiny] of [1e-154, 1e-200, 1e-300, 1e-310].entries()) {
    const full = randomHermitian(n, 40 + k);
    const decoupled = full.slice();
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (i < n / 2 !== j < n / 2) {
          const p = 2 * (i * n + j);
          full[p]! *= tiny;
          full[p + 1]! *= tiny;
          decoupled[p] = 0;
          decoupled[p + 1] = 0;
        }
    const a = eigvalsh(full, n), b = eigvalsh(decoupled, n);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-13, `tiny = ${tiny}: λ${i} ${a[i]} vs ${b[i]}`);
    // The whole matrix tiny: eigenvalues scale exactly (power-of-two rescaling first).
    const scaled = eigvalsh(full.map((x) => x * 1e-154), n);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(scaled[i]! / 1e-154 - a[i]!) < 1e-13, `scaled λ${i}`);
  }
});
