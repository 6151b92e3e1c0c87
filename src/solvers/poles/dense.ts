/**
 * Small dense real linear algebra for the pole construction: column-scaled
 * Householder least squares. Matrices
 * are row-major Float64Array. Sizes here are at most a few hundred rows by a
 * few dozen columns, so clarity wins over blocking.
 */

/**
 * Least-squares solution of min ‖A x − b‖₂ for A (rows × cols, rows ≥ cols),
 * by Householder QR after scaling every column to unit norm (the Cauchy-like
 * bases here have columns of wildly different size). No rank truncation:
 * the caller's residual is what matters, and QR keeps it backward stable.
 * A and b are overwritten. Returns null when a column is exactly zero.
 */
export function leastSquares(a: Float64Array, b: Float64Array, rows: number, cols: number): Float64Array | null {
  const scale = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += a[i * cols + j] * a[i * cols + j];
    s = Math.sqrt(s);
    if (!(s > 0) || !Number.isFinite(s)) return null;
    scale[j] = s;
    for (let i = 0; i < rows; i++) a[i * cols + j] /= s;
  }
  const diag = new Float64Array(cols);
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += a[i * cols + k] * a[i * cols + k];
    norm = Math.sqrt(norm);
    if (norm === 0) return null;
    const alpha = a[k * cols + k] > 0 ? -norm : norm;
    // Householder vector v = x − αe₁ stored in place of column k.
    a[k * cols + k] -= alpha;
    let vnorm2 = 0;
    for (let i = k; i < rows; i++) vnorm2 += a[i * cols + k] * a[i * cols + k];
    diag[k] = alpha;
    if (vnorm2 === 0) continue;
    for (let j = k + 1; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += a[i * cols + k] * a[i * cols + j];
      const f = (2 * dot) / vnorm2;
      for (let i = k; i < rows; i++) a[i * cols + j] -= f * a[i * cols + k];
    }
    let dot = 0;
    for (let i = k; i < rows; i++) dot += a[i * cols + k] * b[i];
    const f = (2 * dot) / vnorm2;
    for (let i = k; i < rows; i++) b[i] -= f * a[i * cols + k];
  }
  const x = new Float64Array(cols);
  for (let k = cols - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < cols; j++) s -= a[k * cols + j] * x[j];
    x[k] = s / diag[k];
  }
  for (let j = 0; j < cols; j++) x[j] /= scale[j];
  for (let j = 0; j < cols; j++) if (!Number.isFinite(x[j])) return null;
  return x;
}
