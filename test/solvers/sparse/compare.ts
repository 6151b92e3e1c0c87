/** Comparison helper shared by the kernel tests. */

/** max |x − y| / max |y| over all entries. */
export function relDiff(x: Float64Array, y: Float64Array): number {
  let d = 0, s = 0;
  for (let i = 0; i < y.length; i++) {
    d = Math.max(d, Math.abs(x[i]! - y[i]!));
    s = Math.max(s, Math.abs(y[i]!));
  }
  return d / s;
}
