/**
 * Largest eigenpair of a real symmetric operator given by its action y = A x (dimension m):
 * Lanczos with full reorthogonalization (Golub & Van Loan §10.1), Ritz values from the
 * tridiagonal matrix through the dense eigensolver of src/math. Exact (to round-off) once the
 * Krylov space spans the invariant subspace of the start vector; the start vector mixes all
 * components so that no symmetry sector is missed.
 */
import { ConvergenceError } from '../errors.js';
import { eigh } from '../math/eigh.js';

export interface TopEigenpair {
  value: number;
  vector: Float64Array;
}

export function largestEigenpair(
  apply: (x: Float64Array, y: Float64Array) => void,
  m: number,
  options: { maxIterations?: number; tolerance?: number; start?: Float64Array } = {},
): TopEigenpair {
  const maxIter = Math.min(m, options.maxIterations ?? 300);
  const tol = options.tolerance ?? 1e-12;
  const Q: Float64Array[] = [];
  const alpha: number[] = [], beta: number[] = [];
  let q = new Float64Array(m);
  if (options.start) q.set(options.start);
  else for (let k = 0; k < m; k++) q[k] = 1 + 0.37 * Math.sin(1.3 * k + 0.7) + 0.21 * Math.cos(0.11 * k * k);
  scale(q, 1 / norm(q));
  const w = new Float64Array(m);
  let normA = 0;
  for (let k = 0; k < maxIter; k++) {
    Q.push(q);
    apply(q, w);
    const a = dot(q, w);
    alpha.push(a);
    // Full reorthogonalization, twice ("twice is enough").
    for (let pass = 0; pass < 2; pass++)
      for (const v of Q) {
        const c = dot(v, w);
        for (let i = 0; i < m; i++) w[i] -= c * v[i];
      }
    const b = norm(w);
    normA = Math.max(normA, Math.abs(a) + b + (beta.length ? beta[beta.length - 1] : 0));
    const invariant = b <= 1e-14 * Math.max(normA, 1e-300);
    const last = k + 1 === maxIter;
    if (invariant || last || (k + 1) % 10 === 0) {
      const { value, y } = topRitz(alpha, beta);
      // Residual of the Ritz pair: |b · y_last|.
      const residual = Math.abs(b * y[y.length - 1]);
      const converged = invariant || residual <= tol * Math.max(normA, 1e-300);
      if (converged || (last && residual <= 1e-8 * Math.max(normA, 1e-300))) {
        const vector = new Float64Array(m);
        for (let j = 0; j < Q.length; j++) for (let i = 0; i < m; i++) vector[i] += y[j] * Q[j][i];
        scale(vector, 1 / norm(vector));
        return { value, vector };
      }
      if (last) throw new ConvergenceError(`Lanczos did not converge in ${maxIter} iterations (largest Ritz value ${value}, residual ${residual})`);
    }
    beta.push(b);
    q = new Float64Array(m);
    for (let i = 0; i < m; i++) q[i] = w[i] / b;
  }
  throw new ConvergenceError('Lanczos: empty operator');
}

/** Largest eigenvalue of the k×k tridiagonal (alpha, beta) and its eigenvector. */
function topRitz(alpha: number[], beta: number[]): { value: number; y: Float64Array } {
  const k = alpha.length;
  const a = new Float64Array(2 * k * k);
  for (let i = 0; i < k; i++) {
    a[2 * (i * k + i)] = alpha[i];
    if (i > 0) {
      a[2 * (i * k + i - 1)] = beta[i - 1];
      a[2 * ((i - 1) * k + i)] = beta[i - 1];
    }
  }
  const { values, vectors } = eigh(a, k, { vectors: true, overwrite: true });
  const y = new Float64Array(k);
  // Column k−1 (largest); the tridiagonal is real, so the eigenvector is real up to a phase.
  let pr = 0, pi = 0;
  for (let i = 0; i < k; i++) {
    const re = vectors![2 * (i * k + k - 1)], im = vectors![2 * (i * k + k - 1) + 1];
    if (re * re + im * im > pr * pr + pi * pi) {
      pr = re;
      pi = im;
    }
  }
  const pn = Math.hypot(pr, pi);
  for (let i = 0; i < k; i++) {
    const re = vectors![2 * (i * k + k - 1)], im = vectors![2 * (i * k + k - 1) + 1];
    y[i] = (re * pr + im * pi) / pn;
  }
  return { value: values[k - 1], y };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function scale(a: Float64Array, c: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= c;
}
