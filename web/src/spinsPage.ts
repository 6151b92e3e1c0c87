/**
 * Spin-chain viewer: the classical ground state of a few impurity spins whose
 * pair couplings η(Δ) come from a couplings table (the lattice page's latest
 * sweep, a `rkky couplings --json` file, or the bundled demo table), found by
 * the library's multi-start minimizer (src/spins) in the worker and drawn as
 * arrows (in-plane part as the arrow, out-of-plane part as its colour).
 */
import demoTable from '../../examples/couplings-sip-demo.json';
import { InputError } from '../../src/errors.js';
import { parseCouplingsTable, spinConfigurationSvg, type CouplingsTable } from '../../src/spins/index.js';
import type { ComputeWorker, Running, TaskError } from './compute.js';
import type { GroundStateResult } from './protocol.js';
import { writeRoute } from './url.js';
import { Field, fileButton, h, sci, selectField, textField } from './ui.js';
import { parseNumber } from './validate.js';

type Vec3 = [number, number, number];

interface Source {
  label: string;
  table: CouplingsTable;
}

/** "x,y; x,y; …" → positions padded to three coordinates. */
export function parsePositions(text: string): Vec3[] {
  const parts = text.split(';').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new InputError('positions', `expected coordinates 'x,y; x,y; …', got '${text}'`);
  return parts.map((p) => {
    const c = p.split(',').map((s) => Number(s.trim()));
    if (c.length > 3 || c.some((x) => !Number.isFinite(x))) throw new InputError('positions', `expected 1 to 3 numbers per spin, got '${p}'`);
    return [c[0] ?? 0, c[1] ?? 0, c[2] ?? 0];
  });
}

export class SpinsPage {
  readonly root: HTMLElement;
  private readonly sources: Source[] = [];
  private readonly sourceSelect = h('select', { name: 'source', 'aria-label': 'couplings table' });
  private readonly sourceInfo = h('p', { class: 'hint', 'data-info': 'source' });
  private readonly positions: Field;
  private readonly chainN: Field;
  private readonly spacing: Field;
  private readonly cutoff: Field;
  private readonly starts: Field;
  private readonly plane: Field<HTMLSelectElement>;
  private readonly view = h('div', { class: 'spin-view', 'data-plot': 'spins' });
  private readonly summary = h('div', { class: 'summary' });
  private readonly status = h('span', { class: 'status' });
  private readonly sourceError = h('div', { class: 'error general', role: 'alert', 'data-field': 'couplings' });
  private readonly runButton = h('button', { type: 'button', class: 'run', 'data-run': 'groundState' }, 'Find ground state');
  private running: Running<GroundStateResult> | null = null;
  private last: GroundStateResult | null = null;

  constructor(private readonly worker: ComputeWorker, params: URLSearchParams) {
    this.positions = textField('positions', 'positions', params.get('pos') ?? '0,0; 1,0; 2,0; 3,0', "lattice coordinates 'x,y; x,y; …'");
    this.chainN = textField('chain', 'chain: spins', params.get('n') ?? '4');
    this.spacing = textField('spacing', 'spacing', params.get('a') ?? '1');
    this.cutoff = textField('cutoff', 'cutoff', params.get('cutoff') ?? '', 'drop pairs farther apart (empty: all)');
    this.starts = textField('starts', 'random starts', params.get('starts') ?? '20');
    this.plane = selectField('plane', 'drawn plane', [['xy', 'xy'], ['xz', 'xz'], ['yz', 'yz']], params.get('plane') ?? 'xy');
    this.plane.input.addEventListener('change', () => this.last && this.draw(this.last));
    this.addSource({ label: 'demo: examples/couplings-sip-demo.json (21×21 s+ip_x, bodge tables)', table: parseCouplingsTable(demoTable) });
    this.sourceSelect.addEventListener('change', () => this.describeSource());
    this.runButton.addEventListener('click', () => this.run());
    const makeChain = h('button', { type: 'button', class: 'small', 'data-action': 'make-chain' }, 'Make chain');
    makeChain.addEventListener('click', () => this.makeChain());
    this.root = h(
      'section',
      { class: 'page', id: 'page-spins' },
      h('h2', {}, 'Spin-chain viewer'),
      h(
        'p',
        { class: 'lead' },
        'Classical ground state of a few impurity spins with E = Σ b·S_i + Σ_{i<j} S_iᵀ η(r_j − r_i) S_j, η from a couplings table (translation invariance assumed; three-spin terms neglected).',
      ),
      h(
        'div',
        { class: 'columns' },
        h(
          'div',
          { class: 'controls' },
          h(
            'fieldset',
            {},
            h('legend', {}, 'Couplings'),
            this.sourceSelect,
            fileButton('Load couplings JSON…', '.json,application/json', 'couplings', (text, name) => this.loadTable(text, name)),
            this.sourceInfo,
            this.sourceError,
          ),
          h(
            'fieldset',
            {},
            h('legend', {}, 'Spins'),
            this.positions.root,
            h('div', { class: 'row' }, this.chainN.root, this.spacing.root, makeChain),
            this.cutoff.root,
            this.starts.root,
            this.plane.root,
          ),
          h('div', { class: 'task', 'data-task': 'groundState' }, this.runButton, this.status),
        ),
        h('div', { class: 'results' }, this.view, this.summary),
      ),
    );
    this.describeSource();
  }

  show(): void {
    this.writeUrl();
  }

  private writeUrl(): void {
    writeRoute('spins', { pos: this.positions.value, n: this.chainN.value, a: this.spacing.value, cutoff: this.cutoff.value, starts: this.starts.value, plane: this.plane.value });
  }

  private addSource(source: Source): void {
    this.sources.push(source);
    this.sourceSelect.append(h('option', { value: String(this.sources.length - 1) }, source.label));
    this.sourceSelect.value = String(this.sources.length - 1);
    this.describeSource();
  }

  /** A new table from the lattice page: offered and selected. */
  addCouplings(table: CouplingsTable, label: string): void {
    this.addSource({ label: `latest sweep: ${label}`, table });
  }

  private loadTable(text: string, name: string): void {
    this.sourceError.textContent = '';
    try {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new InputError(name, `not valid JSON: ${(err as Error).message}`);
      }
      this.addSource({ label: `file: ${name}`, table: parseCouplingsTable(json) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.sourceError.textContent = err.message;
    }
  }

  private source(): Source {
    return this.sources[Number(this.sourceSelect.value)] ?? this.sources[0]!;
  }

  private describeSource(): void {
    const t = this.source().table;
    const disp = t.rows.map((r) => `(${r.site2.map((c, i) => c - (r.site1[i] ?? 0)).join(',')})`);
    this.sourceInfo.textContent = `${t.rows.length} displacements: ${disp.join(' ')}`;
  }

  private makeChain(): void {
    for (const f of [this.chainN, this.spacing]) f.setError(null);
    try {
      const n = parseNumber('chain', this.chainN.value);
      if (!Number.isInteger(n) || n < 1 || n > 50) throw new InputError('chain', `expected 1 to 50 spins, got '${this.chainN.value}'`);
      const a = parseNumber('spacing', this.spacing.value);
      if (!Number.isInteger(a) || a < 1) throw new InputError('spacing', `expected a positive integer (lattice constants), got '${this.spacing.value}'`);
      const dim = this.source().table.rows[0]!.site1.length;
      this.positions.value = Array.from({ length: n }, (_, k) => [k * a, ...Array(Math.max(0, dim - 1)).fill(0)].join(',')).join('; ');
      this.writeUrl();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      (err.field === 'chain' ? this.chainN : this.spacing).setError(err.message);
    }
  }

  private run(): void {
    const fields = [this.positions, this.cutoff, this.starts];
    for (const f of fields) f.setError(null);
    const byName = new Map(fields.map((f) => [f.name, f]));
    let task;
    try {
      const positions = parsePositions(this.positions.value);
      const cutoff = this.cutoff.value.trim() ? parseNumber('cutoff', this.cutoff.value) : undefined;
      const starts = parseNumber('starts', this.starts.value);
      task = { kind: 'groundState' as const, table: this.source().table, positions, cutoff, starts, seed: 1 };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      (byName.get(err.field) ?? this.positions).setError(err.message);
      return;
    }
    this.writeUrl();
    this.running?.cancel();
    const run = this.worker.run(task);
    this.running = run;
    this.status.textContent = 'minimizing…';
    this.root.dataset.state = 'running';
    run.result.then(
      ({ result, seconds }) => {
        if (this.running !== run) return;
        this.last = result;
        this.draw(result);
        this.status.textContent = `${result.spins.length / 3} spins, ${result.pairs} pairs, ${task.starts} starts in ${(seconds * 1000).toFixed(0)} ms`;
        this.root.dataset.state = 'done';
      },
      (err: TaskError) => {
        if (this.running !== run || err.cancelled) return;
        this.root.dataset.state = 'error';
        this.status.textContent = '';
        (byName.get(err.field ?? '') ?? this.positions).setError(err.message);
      },
    );
  }

  private draw(res: GroundStateResult): void {
    const plane = this.plane.value as 'xy' | 'xz' | 'yz';
    const svgText = spinConfigurationSvg(Float64Array.from(res.positions.flat()), Float64Array.from(res.spins), { plane, title: `Ground state, E = ${sci(res.energy)}` });
    this.view.innerHTML = svgText;
    this.view.dataset.spins = JSON.stringify(res.spins);
    this.view.dataset.energy = String(res.energy);
    const n = res.spins.length / 3;
    this.summary.replaceChildren(
      h('p', {}, `E = ${sci(res.energy)} (relative to uncoupled spins); largest torque ${sci(res.torque)}; distinct minima: ${res.minima.map((m) => `${sci(m.energy)} ×${m.count}`).join(', ')}`),
      h(
        'table',
        { class: 'numbers', 'data-table': 'spins' },
        h('thead', {}, h('tr', {}, ...['i', 'position', 'S_x', 'S_y', 'S_z'].map((c) => h('th', {}, c)))),
        h(
          'tbody',
          {},
          ...Array.from({ length: n }, (_, i) =>
            h('tr', {}, h('td', {}, i), h('td', {}, res.positions[i]!.join(', ')), ...[0, 1, 2].map((a) => h('td', {}, res.spins[3 * i + a]!.toFixed(4)))),
          ),
        ),
      ),
    );
  }
}
