/**
 * Continuum explorer: J(R) = −2 J_sd² χ_σ(R) and the Lindhard χ0(q) of a
 * free-electron host in d = 1, 2, 3 (m = ħ = k_B = 1, src/continuum), with
 * sliders for k_F, T, the mean free path ℓ and the dispersion power z.
 * Every change sends one task to a dedicated worker (a newer one cancels the
 * older), so the page never blocks; the time from input to redrawn plot is
 * kept on the page as `data-latency-ms`.
 */
import { InputError } from '../../src/errors.js';
import { drawChart } from './chart.js';
import type { ComputeWorker, Running } from './compute.js';
import type { ContinuumResult, ContinuumTask } from './protocol.js';
import { writeRoute } from './url.js';
import { Field, h, selectField, textField } from './ui.js';
import { parseDim, parseDispersionPower, parseDistances, parseMeanFreePath, parseNonNegative, parseNumber, parsePositive } from './validate.js';

/** A slider bound to a text field: either edits the other. */
interface Slider {
  field: Field;
  range: HTMLInputElement;
}

const Q_POINTS = 240;
const MAX_R_POINTS = 2000;

/** ℓ slider: log scale 1…1000, the top notch is the clean host (ℓ = ∞). */
const ELL_TOP = 100;
const ellFromSlider = (s: number) => (s >= ELL_TOP ? 'inf' : String(Number((10 ** ((3 * s) / ELL_TOP)).toPrecision(3))));
const sliderFromEll = (text: string) => {
  const x = Number(text);
  return Number.isFinite(x) && x > 0 ? Math.min(ELL_TOP - 1, Math.max(0, (ELL_TOP * Math.log10(x)) / 3)) : ELL_TOP;
};

export class ContinuumPage {
  readonly root: HTMLElement;
  private readonly dim: Field<HTMLSelectElement>;
  private readonly kF: Slider;
  private readonly T: Slider;
  private readonly ell: Slider;
  private readonly z: Slider;
  private readonly coupling: Field;
  private readonly R: Field;
  private readonly scale: Field<HTMLSelectElement>;
  private readonly jChart = h('div', { class: 'plot', 'data-plot': 'J(R)' });
  private readonly chiChart = h('div', { class: 'plot', 'data-plot': 'chi0(q)' });
  private readonly status = h('p', { class: 'status', 'data-status': 'continuum' });
  private running: Running<ContinuumResult> | null = null;
  private inputAt = 0;

  constructor(private readonly worker: ComputeWorker, params: URLSearchParams) {
    const p = (k: string, d: string) => params.get(k) ?? d;
    this.dim = selectField('--dim', 'dimension d', [['1', '1D'], ['2', '2D'], ['3', '3D']], p('dim', '3'), 'free electrons, m = ħ = 1');
    this.kF = this.slider('--kf', 'Fermi wavevector k_F', p('kf', '1'), 0.2, 3, 0.01, 'ε_F = k_F²/2, v_F = k_F');
    this.T = this.slider('--temperature', 'temperature k_B T', p('T', '0'), 0, 0.3, 0.005, 'exact (Maldague); x/sinh x first');
    this.ell = this.slider('--mean-free-path', 'mean free path ℓ', p('ell', 'inf'), 0, ELL_TOP, 1, 'factor e^{−R/ℓ}; inf = clean', ellFromSlider, sliderFromEll);
    this.z = this.slider('--dispersion-power', 'dispersion power z', p('z', '2'), 1, 3, 0.05, 'ε ∝ k^z (z ≠ 2 is slower)');
    this.coupling = textField('--coupling', 'contact coupling J_sd', p('J', '1'), "H' = J_sd S·σ");
    this.R = textField('--r', 'distances R (A:B:STEP)', p('R', '0.5:20:0.05'), 'R > 0');
    this.scale = selectField('scale', 'plot', [['J', 'J(R), clipped at R < λ_F'], ['scaled', 'R^d·J(R)']], p('plot', 'J'));
    this.dim.input.addEventListener('change', () => this.update());
    this.scale.input.addEventListener('change', () => this.update());
    for (const f of [this.coupling, this.R]) f.input.addEventListener('input', () => this.update());
    this.root = h(
      'section',
      { class: 'page', id: 'page-continuum' },
      h('h2', {}, 'Continuum RKKY'),
      h(
        'p',
        { class: 'lead' },
        'J(R) = −2 J_sd² χ_σ(R) of a free-electron host and its static Lindhard function χ0(q). J < 0 is ferromagnetic. Computed in your browser by the rkky library (src/continuum).',
      ),
      h(
        'div',
        { class: 'columns' },
        h('form', { class: 'controls', onsubmit: (e: Event) => e.preventDefault() }, this.dim.root, ...[this.kF, this.T, this.ell, this.z].map((s) => s.field.root), this.coupling.root, this.R.root, this.scale.root, this.status),
        h('div', { class: 'plots' }, this.jChart, this.chiChart),
      ),
    );
  }

  private slider(
    name: string,
    label: string,
    value: string,
    min: number,
    max: number,
    step: number,
    hint: string,
    fromSlider: (s: number) => string = String,
    toSlider: (t: string) => number = Number,
  ): Slider {
    const field = textField(name, label, value, hint);
    const range = h('input', { type: 'range', min, max, step, value: toSlider(value), 'data-slider': name });
    field.root.insertBefore(range, field.error);
    range.addEventListener('input', () => {
      field.value = fromSlider(Number(range.value));
      this.update();
    });
    field.input.addEventListener('input', () => {
      const s = toSlider(field.value);
      if (Number.isFinite(s)) range.value = String(s);
      this.update();
    });
    return { field, range };
  }

  /** Shown (or re-shown): compute for the current inputs. */
  show(): void {
    this.update();
  }

  /** Validate every field (CLI messages next to the field) and return the task, or null. */
  private task(): ContinuumTask | null {
    const fields = [this.dim, this.kF.field, this.T.field, this.ell.field, this.z.field, this.coupling, this.R];
    for (const f of fields) f.setError(null);
    const errors: InputError[] = [];
    const check = <T>(f: Field<HTMLInputElement | HTMLSelectElement>, parse: (v: string) => T): T | undefined => {
      try {
        return parse(f.value);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        f.setError(err.message);
        errors.push(err);
        return undefined;
      }
    };
    const dim = check(this.dim, parseDim);
    const kF = check(this.kF.field, (v) => parsePositive('--kf', v));
    const temperature = check(this.T.field, (v) => parseNonNegative('--temperature', v));
    const meanFreePath = check(this.ell.field, parseMeanFreePath);
    const dispersionPower = check(this.z.field, parseDispersionPower);
    const coupling = check(this.coupling, (v) => parseNumber('--coupling', v));
    const R = check(this.R, (v) => {
      const r = parseDistances('--r', v);
      if (r.length > MAX_R_POINTS) throw new InputError('--r', `too many points for the explorer (${r.length}), expected at most ${MAX_R_POINTS}`);
      return r;
    });
    if (errors.length) return null;
    const qMax = 4 * kF!;
    const q = Array.from({ length: Q_POINTS + 1 }, (_, i) => (i * qMax) / Q_POINTS);
    return { kind: 'continuum', dim: dim!, kF: kF!, temperature: temperature!, meanFreePath: meanFreePath!, dispersionPower: dispersionPower!, coupling: coupling!, R: R!, q };
  }

  private update(): void {
    this.inputAt = performance.now();
    writeRoute('continuum', {
      dim: this.dim.value,
      kf: this.kF.field.value,
      T: this.T.field.value,
      ell: this.ell.field.value,
      z: this.z.field.value,
      J: this.coupling.value,
      R: this.R.value,
      plot: this.scale.value,
    });
    const task = this.task();
    this.running?.cancel();
    this.running = null;
    if (!task) {
      this.status.textContent = 'Fix the highlighted field.';
      return;
    }
    const started = this.inputAt;
    const run = this.worker.run(task, (_done, _total, partial) => {
      if (this.running === run && partial) this.draw(task, partial as ContinuumResult, started, false);
    });
    this.running = run;
    run.result.then(
      ({ result }) => {
        if (this.running === run) this.draw(task, result, started, true);
      },
      (err: Error & { cancelled?: boolean; field?: string }) => {
        if (this.running !== run || err.cancelled) return;
        this.status.textContent = err.message;
      },
    );
  }

  private draw(task: ContinuumTask, res: ContinuumResult, started: number, final: boolean): void {
    const { dim, kF } = task;
    const extras = [
      task.temperature ? `T = ${task.temperature}` : '',
      task.meanFreePath !== Infinity ? `ℓ = ${task.meanFreePath}` : '',
      task.dispersionPower !== 2 ? `z = ${task.dispersionPower}` : '',
    ].filter(Boolean);
    const caption = `d = ${dim}, k_F = ${kF}${extras.length ? ', ' + extras.join(', ') : ''}`;
    const scaled = this.scale.value === 'scaled';
    const y = scaled ? res.J.map((J, i) => J * task.R[i]! ** dim) : res.J;
    // Fit the y-range to R ≥ λ_F = 2π/k_F so the R^{-d} rise at short distance does not flatten the oscillation.
    const far = y.filter((_, i) => task.R[i]! >= (2 * Math.PI) / kF);
    drawChart(this.jChart, [{ name: scaled ? 'R^d J(R)' : 'J(R)', x: task.R, y }], {
      title: `${scaled ? `R^${dim}·J(R)` : 'RKKY coupling J(R)'}, ${caption}`,
      xLabel: 'R (length; k_F in inverse length)',
      yLabel: scaled ? `R^${dim}·J(R) (units of J_sd², m = ħ = 1)` : 'J(R) (units of J_sd², m = ħ = 1)',
      yRange: scaled ? undefined : fittedRange(far.length >= 10 ? far : y),
    });
    drawChart(this.chiChart, [{ name: 'χ0(q)', x: task.q, y: res.chi }], {
      title: `Lindhard χ0(q) per spin, d = ${dim}, k_F = ${kF}${task.temperature ? `, T = ${task.temperature}` : ''}`,
      xLabel: 'q (inverse length)',
      yLabel: 'χ0(q) (states per energy·volume, per spin)',
      yRange: task.dim === 1 ? fittedRange(res.chi.filter((v, i) => Math.abs(task.q[i]! - 2 * kF) > 0.05 * kF)) : undefined,
    });
    const ms = performance.now() - started;
    this.root.dataset.latencyMs = ms.toFixed(1);
    this.root.dataset.state = final ? 'done' : 'refining';
    this.status.textContent = final
      ? `${task.R.length} distances in ${ms.toFixed(0)} ms${res.failed ? `; at ${res.failed} the exact integral did not converge (${task.temperature > 0 && task.dispersionPower === 2 ? 'x/sinh x form shown' : 'gaps'})` : ''}.`
      : `refining exact values… ${Math.round((100 * res.done) / task.R.length)}%`;
  }
}

/** The finite range of `values`, padded by 8% (the chart clips anything outside it). */
function fittedRange(values: number[]): [number, number] | undefined {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (!(hi > lo)) return undefined;
  const pad = 0.08 * (hi - lo);
  return [lo - pad, hi + pad];
}
