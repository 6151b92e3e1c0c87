/**
 * Binned accumulation of Monte Carlo measurements and jackknife error bars: the time series is
 * cut into B consecutive bins (each much longer than the autocorrelation time, one hopes), and a
 * derived quantity f(⟨a⟩, ⟨b⟩, …) gets the error √((B−1)/B Σ_b (f_b − f̄)²) from the B
 * leave-one-bin-out estimates f_b (Efron 1982; Young, "Everything you wanted to know about
 * data analysis and fitting", arXiv:1210.3781).
 */
export class BinnedSeries {
  /** sums[b·k + q]: sum of quantity q in bin b. */
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;

  constructor(
    readonly quantities: number,
    readonly bins: number,
  ) {
    this.sums = new Float64Array(quantities * bins);
    this.counts = new Float64Array(bins);
  }

  /** Add one measurement (values[q] for each quantity) to bin b. */
  add(b: number, values: ArrayLike<number>): void {
    const o = b * this.quantities;
    for (let q = 0; q < this.quantities; q++) this.sums[o + q] += values[q];
    this.counts[b]++;
  }

  /** Mean of every quantity over all bins. */
  mean(): Float64Array {
    return this.meanExcluding(-1);
  }

  /** Mean of every quantity over all bins but `skip`. */
  meanExcluding(skip: number): Float64Array {
    const out = new Float64Array(this.quantities);
    let n = 0;
    for (let b = 0; b < this.bins; b++) {
      if (b === skip) continue;
      n += this.counts[b];
      for (let q = 0; q < this.quantities; q++) out[q] += this.sums[b * this.quantities + q];
    }
    for (let q = 0; q < this.quantities; q++) out[q] /= n;
    return out;
  }

  /** f(means) and its jackknife error. Bins without measurements are ignored. */
  jackknife(f: (means: Float64Array) => number): { value: number; error: number } {
    const value = f(this.mean());
    const used = [...this.counts.keys()].filter((b) => this.counts[b] > 0);
    const B = used.length;
    if (B < 2) return { value, error: NaN };
    const est = used.map((b) => f(this.meanExcluding(b)));
    const avg = est.reduce((s, x) => s + x, 0) / B;
    const varSum = est.reduce((s, x) => s + (x - avg) * (x - avg), 0);
    return { value, error: Math.sqrt(((B - 1) / B) * varSum) };
  }
}
