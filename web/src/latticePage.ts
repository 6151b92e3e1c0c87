/**
 * Lattice explorer: a model file as a form, a separation sweep → μ, J, D
 * (the 36-configuration couplings of `rkky couplings`, exact engine), and the
 * LDOS at a site (`rkky ldos`). Everything is computed by the library in the
 * worker with the serial Green's provider; inputs are validated on the page
 * with the CLI's messages before anything is sent.
 */
import { InputError } from '../../src/errors.js';
import type { Model } from '../../src/model/model.js';
import { separationSweep, targetSweep } from '../../src/rkky/problem.js';
import { shellTargets, type CouplingsResult } from '../../src/rkky/sweep.js';
import { drawChart } from './chart.js';
import type { ComputeWorker, Running, TaskError } from './compute.js';
import { EXAMPLES } from './examples.js';
import { ModelForm } from './modelForm.js';
import type { LdosResult } from './protocol.js';
import { copyLink, writeRoute } from './url.js';
import { download, Field, fileButton, h, sci, selectField, textField } from './ui.js';
import { parseDirection, parseNumber, parseRange, parseSite } from './validate.js';
import { drawSample, sampleData } from './sampleDrawing.js';
import { wannierButton, wannierModel } from './wannierFiles.js';

const AXES = ['x', 'y', 'z'] as const;

/** A progress bar + status line + cancel button for one kind of task. */
class TaskPanel {
  readonly bar = h('progress', { max: 1, value: 0 });
  readonly status = h('span', { class: 'status' });
  readonly cancelButton = h('button', { type: 'button', class: 'cancel', disabled: true }, 'Cancel');
  readonly root: HTMLElement;
  running: Running<unknown> | null = null;

  constructor(name: string, readonly runButton: HTMLButtonElement) {
    this.root = h('div', { class: 'task', 'data-task': name }, runButton, this.cancelButton, this.bar, this.status);
    this.cancelButton.addEventListener('click', () => this.running?.cancel());
  }

  start(run: Running<unknown>): void {
    this.running = run;
    this.bar.value = 0;
    this.status.textContent = 'starting…';
    this.root.dataset.state = 'running';
    this.cancelButton.disabled = false;
    this.runButton.disabled = true;
  }

  progress(done: number, total: number): void {
    this.bar.value = total ? done / total : 0;
    this.status.textContent = `${done}/${total}`;
  }

  finish(state: 'done' | 'error' | 'cancelled', text: string): void {
    this.running = null;
    this.root.dataset.state = state;
    this.status.textContent = text;
    this.cancelButton.disabled = true;
    this.runButton.disabled = false;
    if (state === 'done') this.bar.value = 1;
  }
}

export class LatticePage {
  readonly root: HTMLElement;
  readonly form: ModelForm;
  private readonly separations: Field;
  private readonly shells: Field;
  private readonly direction: Field<HTMLSelectElement>;
  private readonly site: Field;
  private readonly energies: Field;
  private readonly broadening: Field;
  private readonly hostOnly = h('input', { type: 'checkbox', name: '--host' });
  private readonly json = h('textarea', { class: 'json', rows: 16, spellcheck: 'false', name: 'model-json' });
  private readonly sweepPanel: TaskPanel;
  private readonly ldosPanel: TaskPanel;
  private readonly charts = { J: h('div', { class: 'plot', 'data-plot': 'J' }), D: h('div', { class: 'plot', 'data-plot': 'D' }), mu: h('div', { class: 'plot', 'data-plot': 'mu' }) };
  private readonly ldosChart = h('div', { class: 'plot', 'data-plot': 'ldos' });
  private readonly sample = h('div', { class: 'plot sample-view', 'data-plot': 'sample' });
  private sampleKey = '';
  private readonly table = h('div', { class: 'table-wrap' });
  private readonly shareNote = h('span', { class: 'hint' });
  private result: CouplingsResult | null = null;
  private readonly linkError = h('p', { class: 'error link-error', role: 'alert', hidden: true });
  private validateTimer = 0;

  constructor(
    private readonly worker: ComputeWorker,
    params: URLSearchParams,
    /** Called with each finished sweep (the spin viewer uses the latest). */
    private readonly onCouplings: (result: CouplingsResult, label: string) => void,
  ) {
    this.form = new ModelForm(() => this.changed());
    this.separations = textField('--separations', 'separations δ (A:B)', params.get('sep') ?? '1:8', 'spin 2 at site1 + δ·direction');
    this.shells = textField('--shells', 'or shells R', params.get('shells') ?? '', 'every site within distance R of spin 1 (instead of δ)');
    this.direction = selectField('--direction', 'direction', AXES.map((a) => [a, a]), params.get('dir') ?? 'x');
    this.site = textField('--site', 'LDOS site', params.get('site') ?? '', 'x, y (default: the first impurity)');
    this.energies = textField('--energies', 'energies ω (A:B:STEP)', params.get('energies') ?? '-0.3:0.3:0.005');
    this.broadening = textField('--broadening', 'broadening η', params.get('eta') ?? '0.005');
    for (const f of [this.separations, this.shells, this.direction, this.site, this.energies, this.broadening]) f.input.addEventListener('input', () => this.changed());

    const runSweep = h('button', { type: 'button', class: 'run', 'data-run': 'couplings' }, 'Compute couplings');
    runSweep.addEventListener('click', () => this.runSweep());
    this.sweepPanel = new TaskPanel('couplings', runSweep);
    const runLdos = h('button', { type: 'button', class: 'run', 'data-run': 'ldos' }, 'Compute LDOS');
    runLdos.addEventListener('click', () => this.runLdos());
    this.ldosPanel = new TaskPanel('ldos', runLdos);

    const example = h(
      'select',
      { name: 'example', 'aria-label': 'example model' },
      h('option', { value: '' }, 'Example…'),
      ...EXAMPLES.map((e, k) => h('option', { value: String(k) }, e.label)),
    );
    example.addEventListener('change', () => {
      const e = EXAMPLES[Number(example.value)];
      if (e) this.setModel(structuredClone(e.model) as Record<string, unknown>), this.changed();
      example.value = '';
    });
    const applyJson = h('button', { type: 'button', class: 'small', 'data-action': 'apply-json' }, 'Apply JSON');
    applyJson.addEventListener('click', () => this.loadText(this.json.value, 'model'));

    this.root = h(
      'section',
      { class: 'page', id: 'page-lattice' },
      h('h2', {}, 'Lattice explorer'),
      this.linkError,
      h(
        'p',
        { class: 'lead' },
        'A BdG host on any lattice as a model file; spin 1 at the first impurity, spin 2 at site1 + δ·a_direction or at every site within a distance R. μ, J and D are exact projections of 36 free energies (exact engine, computed here in a Web Worker).',
      ),
      h(
        'div',
        { class: 'columns' },
        h(
          'div',
          { class: 'controls' },
          h(
            'div',
            { class: 'toolbar' },
            example,
            fileButton('Load model…', '.json,application/json', 'model', (text, name) => this.loadText(text, name)),
            wannierButton((files, names, ignored) => {
              this.form.files = files;
              this.setModel(wannierModel(this.form.toJson(), names));
              this.changed();
              if (ignored.length) this.shareNote.textContent = `ignored: ${ignored.join(', ')}`;
            }),
            h('button', { type: 'button', class: 'small', onclick: () => download('model.json', JSON.stringify(this.form.toJson(), null, 2) + '\n') }, 'Save model'),
            h('button', { type: 'button', class: 'small', onclick: async () => (this.shareNote.textContent = (await copyLink()) ? 'link copied' : 'copy the address bar') }, 'Share link'),
            this.shareNote,
          ),
          this.form.root,
          h('details', { class: 'json-view' }, h('summary', {}, 'Model file (JSON)'), this.json, applyJson),
        ),
        h(
          'div',
          { class: 'results' },
          this.sample,
          h('fieldset', {}, h('legend', {}, 'Separation sweep'), h('div', { class: 'row' }, this.separations.root, this.direction.root, this.shells.root), this.sweepPanel.root),
          h('div', { class: 'plots' }, this.charts.J, this.charts.D, this.charts.mu),
          this.table,
          h(
            'fieldset',
            {},
            h('legend', {}, 'Local density of states'),
            h('div', { class: 'row' }, this.site.root, this.energies.root, this.broadening.root, h('label', { class: 'check' }, this.hostOnly, 'clean host')),
            this.ldosPanel.root,
          ),
          this.ldosChart,
        ),
      ),
    );
    const fromUrl = params.get('model');
    let initial: unknown = EXAMPLES[0]!.model;
    let linkError = '';
    if (fromUrl !== null) {
      try {
        initial = JSON.parse(fromUrl);
        if (!initial || typeof initial !== 'object' || Array.isArray(initial)) throw new Error('not an object');
      } catch (err) {
        linkError = `This link's model is not a valid model file (${(err as Error).message}); the form shows it as far as it could be read. Fix it below or choose an example.`;
        initial = {};
      }
    }
    this.setModel(structuredClone(initial) as Record<string, unknown>);
    this.linkError.textContent = linkError;
    this.linkError.hidden = !linkError;
    this.validateAll();
  }

  show(): void {
    this.writeUrl();
  }

  private setModel(json: Record<string, unknown>): void {
    if (this.root) this.linkError.hidden = true;
    this.form.setJson(json);
    this.json.value = JSON.stringify(json, null, 2);
  }

  /** A model file's text (loaded or pasted): invalid JSON is reported like `rkky` does for a file. */
  private loadText(text: string, name: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      this.form.showError({ message: new InputError(name, `not valid JSON: ${(err as Error).message}`).message, field: name });
      return;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      this.form.showError({ message: new InputError('model', 'expected an object').message, field: 'model' });
      return;
    }
    this.setModel(json as Record<string, unknown>);
    this.changed();
  }

  private changed(): void {
    clearTimeout(this.validateTimer);
    this.validateTimer = window.setTimeout(() => {
      this.json.value = JSON.stringify(this.form.toJson(), null, 2);
      this.validateAll();
      this.writeUrl();
    }, 120);
  }

  private writeUrl(): void {
    const params: Record<string, string> = { model: JSON.stringify(this.form.toJson()), sep: this.separations.value, dir: this.direction.value };
    if (this.shells.value.trim()) params.shells = this.shells.value.trim();
    if (this.site.value) params.site = this.site.value;
    if (this.energies.value !== '-0.3:0.3:0.005') params.energies = this.energies.value;
    if (this.broadening.value !== '0.005') params.eta = this.broadening.value;
    writeRoute('lattice', params);
  }

  /**
   * Validate the model, the sweep and the LDOS inputs now, showing every error
   * at once and clearing the ones that were fixed; results stay hidden while
   * anything is invalid. Returns what a sweep needs, or null.
   */
  private validateAll(): { model: Model; separations: number[]; direction: 'x' | 'y' | 'z'; shells?: number; distances: number[] } | null {
    for (const f of [this.separations, this.direction, this.shells, this.site, this.energies, this.broadening]) f.setError(null);
    const model = this.form.validate();
    const valid = !(model instanceof InputError);
    let ok: { model: Model; separations: number[]; direction: 'x' | 'y' | 'z'; shells?: number; distances: number[] } | null = null;
    const attempt = (check: () => void) => {
      try {
        check();
        return true;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        this.showError(err);
        return false;
      }
    };
    let separations: number[] = [];
    let direction: 'x' | 'y' | 'z' = 'x';
    let shells: number | undefined;
    const useShells = this.shells.value.trim() !== '';
    const sweepInputs = useShells
      ? attempt(() => {
          shells = parseNumber('--shells', this.shells.value.trim());
          if (!(shells > 0)) throw new InputError('--shells', `expected a positive distance, got '${this.shells.value.trim()}'`);
        })
      : attempt(() => (separations = parseRange('--separations', this.separations.value, true))) && attempt(() => (direction = parseDirection(this.direction.value)));
    // Sites inside the lattice and an impurity present: needs a valid model.
    if (valid) {
      let drawn = false;
      if (sweepInputs)
        attempt(() => {
          const sweep = useShells ? targetSweep(model, shellTargets(model, shells!), '--shells') : separationSweep(model, separations, direction);
          this.drawSample(model, sweep.sites2);
          drawn = true;
          const distances = sweep.sites2.map((s) => model.lattice.distance(sweep.site1, s));
          ok = { model, separations, direction, shells, distances };
        });
      if (!drawn) this.drawSample(model, []);
    }
    attempt(() => parseRange('--energies', this.energies.value));
    attempt(() => {
      const eta = parseNumber('--broadening', this.broadening.value);
      if (!(eta > 0)) throw new InputError('--broadening', `expected a positive number, got ${eta}`);
    });
    if (valid && this.site.value.trim()) attempt(() => model.lattice.index(parseSite(this.site.value, model.lattice.dim), '--site'));
    const allValid = valid && ok !== null && !this.root?.querySelector('.field.invalid');
    if (this.root) this.root.dataset.invalid = String(!allValid);
    return ok;
  }

  /** The sample drawing: sites by sublattice, bonds, impurities, spin 2's sites in the sweep (redrawn only when they change). */
  private drawSample(model: Model, targets: number[]): void {
    const json = this.form.toJson();
    const key = JSON.stringify([json.lattice, json.impurities, targets]);
    if (key === this.sampleKey) return;
    this.sampleKey = key;
    const lat = model.lattice;
    const name = lat.preset ?? `general (${lat.nBasis}-site basis)`;
    this.sample.replaceChildren(
      h('div', { class: 'chart-title sample-title' }, `Sample: ${name}, ${lat.shape.join('×')} cells, ${lat.nSites} sites (spin 1 = #1, dashed: spin 2 in the sweep)`),
      drawSample(sampleData(model, targets)),
    );
  }

  /** An error from the page or the worker, next to the field it names. */
  private showError(err: { message: string; field?: string }): void {
    const own: Record<string, Field<HTMLInputElement | HTMLSelectElement>> = {
      '--separations': this.separations,
      '--direction': this.direction,
      '--shells': this.shells,
      '--site': this.site,
      '--energies': this.energies,
      '--broadening': this.broadening,
    };
    const f = err.field ? own[err.field] : undefined;
    if (f) f.setError(err.message);
    else this.form.showError(err);
  }

  private runSweep(): void {
    clearTimeout(this.validateTimer);
    const ok = this.validateAll();
    if (!ok) {
      this.sweepPanel.finish('error', 'Fix the highlighted field.');
      return;
    }
    const model = this.form.toJson();
    const run = this.worker.run({ kind: 'couplings', model, files: this.form.files, separations: ok.separations, direction: ok.direction, shells: ok.shells }, (d, t) => this.sweepPanel.progress(d, t));
    this.sweepPanel.start(run);
    run.result.then(
      ({ result, seconds, kernels }) => {
        this.result = result;
        this.drawCouplings(result, ok.distances, ok.shells !== undefined);
        const kernelName = kernels === 'wasm' ? 'WebAssembly SIMD' : 'JavaScript';
        this.sweepPanel.finish('done', `${result.rows.length} ${ok.shells !== undefined ? 'sites' : 'separations'} in ${seconds.toFixed(2)} s (engine: ${result.engine}, ${kernelName} kernels)`);
        this.root.dataset.sweepSeconds = seconds.toFixed(3);
        this.root.dataset.kernels = kernels;
        const shape = (model.lattice as { shape: number[] }).shape.join('×');
        this.onCouplings(result, `lattice sweep on ${shape}, ${ok.shells !== undefined ? `shells R ≤ ${ok.shells}` : `direction ${ok.direction}`}`);
      },
      (err: TaskError) => this.failed(this.sweepPanel, err),
    );
  }

  private failed(panel: TaskPanel, err: TaskError): void {
    if (err.cancelled) return panel.finish('cancelled', 'cancelled');
    if (err.field !== undefined) this.showError(err);
    panel.finish('error', err.message);
  }

  /** μ, J, D against the distance |r2 − r1| (nearest-neighbour units; = δ on cubic lattices), as a table too. */
  private drawCouplings(result: CouplingsResult, distances: number[], scatter: boolean): void {
    const x = result.rows.map((r, k) => (r as { distance?: number }).distance ?? distances[k]!);
    // Values below 1e-13 t are round-off of components that vanish by symmetry: shown as 0.
    const clean = (v: number) => (Math.abs(v) < 1e-13 ? 0 : v);
    // Shells: several sites (sublattices, directions) share a distance, so points, not lines.
    const comps = (key: 'J' | 'D' | 'mu', sym: string) =>
      AXES.map((a, i) => ({ name: `${sym}_${a}`, x, y: result.rows.map((r) => clean(r[key][i]!)), dash: a === 'y', ...(scatter ? { line: false } : {}) }));
    const size = { width: 400, height: 260, xLabel: 'distance |R| (nearest-neighbour units)' };
    drawChart(this.charts.J, comps('J', 'J'), { ...size, title: 'Exchange J(R) (J > 0: antiparallel)', yLabel: 'J (units of t)' });
    drawChart(this.charts.D, comps('D', 'D'), { ...size, title: 'Dzyaloshinskii–Moriya vector D(R)', yLabel: 'D (units of t)' });
    drawChart(this.charts.mu, comps('mu', 'μ'), { ...size, title: 'Single-spin term μ(R)', yLabel: 'μ (units of t)' });
    const head = ['δ', 'site 2', '|R|', 'J_x', 'J_y', 'J_z', 'D_x', 'D_y', 'D_z', '|μ|'];
    this.table.replaceChildren(
      h(
        'table',
        { class: 'numbers', 'data-table': 'couplings' },
        h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
        h('tbody', {}, ...result.rows.map((r, k) => h('tr', {}, h('td', {}, r.separation), h('td', {}, [...r.site2, (r as { sublattice2?: string }).sublattice2 ?? ''].filter((v) => v !== '').join(',')), h('td', {}, Number(x[k]!.toFixed(6))), ...[...r.J, ...r.D, Math.hypot(...r.mu)].map((v) => h('td', {}, sci(clean(v))))))),
      ),
      h('div', { class: 'table-actions' }, h('button', { type: 'button', class: 'small', 'data-action': 'save-couplings', onclick: () => this.result && download('couplings.json', JSON.stringify(this.result) + '\n') }, 'Save couplings JSON')),
    );
  }

  private runLdos(): void {
    clearTimeout(this.validateTimer);
    for (const f of [this.site, this.energies, this.broadening]) f.setError(null);
    const model = this.form.validate();
    if (model instanceof InputError) return this.ldosPanel.finish('error', 'Fix the highlighted field.');
    let task;
    try {
      const energies = parseRange('--energies', this.energies.value);
      const broadening = parseNumber('--broadening', this.broadening.value);
      if (!(broadening > 0)) throw new InputError('--broadening', `expected a positive number, got ${broadening}`);
      const site = this.site.value.trim() ? parseSite(this.site.value, model.lattice.dim) : null;
      if (site) model.lattice.index(site, '--site');
      else if (model.impurities.length === 0) throw new InputError('--site', 'required when the model has no impurity');
      task = { kind: 'ldos' as const, model: this.form.toJson(), files: this.form.files, site, energies, broadening, impurities: !this.hostOnly.checked };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.showError(err);
      return this.ldosPanel.finish('error', 'Fix the highlighted field.');
    }
    const run = this.worker.run(task, (d, t) => this.ldosPanel.progress(d, t));
    this.ldosPanel.start(run);
    run.result.then(
      ({ result, seconds }) => {
        this.drawLdos(result);
        this.ldosPanel.finish('done', `${result.rows.length} energies in ${seconds.toFixed(2)} s`);
      },
      (err: TaskError) => this.failed(this.ldosPanel, err),
    );
  }

  private drawLdos(res: LdosResult): void {
    const x = res.rows.map((r) => r.omega);
    drawChart(
      this.ldosChart,
      [
        { name: 'electron', x, y: res.rows.map((r) => r.electron) },
        { name: 'hole', x, y: res.rows.map((r) => r.hole), dash: true },
      ],
      { title: `LDOS at site (${res.site.join(', ')})${this.hostOnly.checked ? ', clean host' : ''}`, xLabel: 'ω (units of t)', yLabel: 'ρ(ω) (states per t, both spins)', width: 400, height: 260 },
    );
  }
}
