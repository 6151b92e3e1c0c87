/**
 * The model form: one field per model-file key (README "Model files"), so the
 * form IS a model file. Each field's text becomes the JSON value the file
 * would hold (a number, an array, a string), and validation is the library's
 * `parseModel`: an error lands next to the field its path names, with the
 * message the CLI prints after `rkky: `.
 */
import { InputError } from '../../src/errors.js';
import { PRESET_NAMES, presetDimension, type PresetName } from '../../src/lattice/presets.js';
import { parseModel, type Model } from '../../src/model/model.js';
import { type Control, Field, h, selectField, textField } from './ui.js';

type Kind = 'number' | 'array' | 'amplitude' | 'dvector' | 'string' | 'json' | 'select';

interface Spec {
  path: string;
  label: string;
  kind: Kind;
  hint: string;
  placeholder?: string;
  /** kind 'select': [value, text] pairs ('' = key absent). */
  options?: [string, string][];
}

const PRESET_OPTIONS: [string, string][] = [['', '— (cubic by shape, or vectors + basis)'], ...PRESET_NAMES.map((p): [string, string] => [p, p])];

const HOST_FIELDS: Spec[] = [
  { path: 'lattice.preset', label: 'lattice.preset', kind: 'select', hint: 'the Bravais lattice with its basis (docs/lattices.md)', options: PRESET_OPTIONS },
  { path: 'lattice.shape', label: 'lattice.shape', kind: 'array', hint: 'cells along each vector, e.g. 31, 31', placeholder: '31, 31' },
  { path: 'lattice.periodic', label: 'lattice.periodic', kind: 'array', hint: 'true/false per axis (default open)', placeholder: 'false, false' },
  { path: 'lattice.vectors', label: 'lattice.vectors', kind: 'json', hint: 'general lattice: [[x, y], [x, y]] (no preset)', placeholder: '[[1, 0], [0.5, 0.866]]' },
  { path: 'lattice.basis', label: 'lattice.basis', kind: 'json', hint: '[{"name": "A", "position": [0, 0]}, …]', placeholder: '[{"name": "A", "position": [0, 0]}]' },
  { path: 'hopping', label: 'hopping t', kind: 'number', hint: 'default 1', placeholder: '1' },
  { path: 'chemicalPotential', label: 'chemicalPotential μ', kind: 'number', hint: 'H_ii = −μ σ0', placeholder: '0' },
  { path: 'temperature', label: 'temperature T', kind: 'number', hint: 'k_B = 1, ≥ 0', placeholder: '0' },
  { path: 'zeeman', label: 'zeeman h', kind: 'array', hint: 'h_x, h_y, h_z', placeholder: '0, 0, 0' },
  { path: 'rashba', label: 'rashba λ', kind: 'number', hint: 'spin–orbit coupling', placeholder: '0' },
];

const PAIRING_FIELDS: Spec[] = [
  { path: 'pairing.s', label: 'pairing.s Δ_s', kind: 'amplitude', hint: 'number or re, im', placeholder: '0' },
  { path: 'pairing.p', label: 'pairing.p Δ_p', kind: 'amplitude', hint: 's+ip_x: 0, 0.1', placeholder: '0' },
  { path: 'pairing.dVector', label: 'pairing.dVector', kind: 'dvector', hint: "e.g. e_z * p_x", placeholder: 'e_z * p_x' },
  { path: 'pairing.d', label: 'pairing.d Δ_d', kind: 'amplitude', hint: 'd_{x²−y²}', placeholder: '0' },
  { path: 'pairing.winding', label: 'pairing.winding ν', kind: 'number', hint: 'phase winding', placeholder: '0' },
];

const IMPURITY_FIELDS: Spec[] = [
  { path: 'site', label: 'site', kind: 'array', hint: 'cell n1, n2', placeholder: '15, 15' },
  { path: 'sublattice', label: 'sublattice', kind: 'string', hint: 'basis site (default: the first)', placeholder: 'A' },
  { path: 'spin', label: 'spin S', kind: 'array', hint: 'S_x, S_y, S_z', placeholder: '0, 0, 1' },
  { path: 'coupling', label: 'coupling J', kind: 'number', hint: 'H_ii += −(J/2) S·σ', placeholder: '3' },
];

/** The JSON value a field's text stands for; text that is no valid value stays a string, so the schema names the problem. */
export function fieldValue(text: string, kind: Kind): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (kind === 'string' || kind === 'select') return t;
  if (kind === 'json') {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  const json = (s: string): unknown => {
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  };
  if (kind === 'dvector') return t.startsWith('[') ? (json(t) ?? t) : t;
  if (kind === 'array' || (kind === 'amplitude' && (t.includes(',') || t.startsWith('[')))) return json(t.startsWith('[') ? t : `[${t}]`) ?? t;
  const x = Number(t);
  if (Number.isFinite(x)) return x;
  return json(t) ?? t;
}

/** The text a field shows for a JSON value. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || typeof v === 'boolean')) return value.join(', ');
  return JSON.stringify(value);
}

type Json = Record<string, unknown>;

function getPath(obj: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), obj);
}

function setPath(obj: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object' || Array.isArray(o[k])) o[k] = {};
    o = o[k] as Json;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

interface ImpurityRow {
  root: HTMLElement;
  fields: Field[];
  base: Json;
}

export class ModelForm {
  readonly root: HTMLElement;
  /** The general error line (unknown keys, invalid JSON, errors with no field). */
  readonly generalError: HTMLElement;
  private readonly fields = new Map<string, Field<Control>>();
  private readonly impurityList: HTMLElement;
  private impurities: ImpurityRow[] = [];
  /** Text of the Wannier90 files the model names (lattice.wannier90), keyed by file name. */
  files: Record<string, string> = {};
  /** The last loaded file: keys the form has no field for (custom blocks, unknown keys) are kept from it. */
  private base: Json = {};
  /** The last model file that validated: where other errors are looked for after one is found. */
  private lastValid: Json | null = null;
  private readonly customNote: HTMLElement;

  constructor(private readonly onChange: () => void) {
    this.generalError = h('div', { class: 'error general', role: 'alert', 'data-field': 'model' });
    this.impurityList = h('div', { class: 'impurities', 'data-field': 'impurities' });
    this.customNote = h('p', { class: 'hint' });
    const section = (title: string, specs: Spec[]) =>
      h('fieldset', {}, h('legend', {}, title), ...specs.map((s) => this.addField(s.path, s).root));
    this.root = h(
      'div',
      { class: 'model-form' },
      section('Host', HOST_FIELDS),
      section('Pairing', PAIRING_FIELDS),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Impurities (spin 1 = the first)'),
        this.impurityList,
        h('button', { type: 'button', class: 'small', onclick: () => (this.addImpurity({}), this.onChange()) }, '+ impurity'),
      ),
      this.customNote,
      this.generalError,
    );
    this.fields.get('lattice.preset')!.input.addEventListener('change', () => this.presetChanged());
  }

  /**
   * A preset chosen from the selector replaces general vectors and basis; when
   * its dimension differs from the shape's, the shape and the impurity cells are
   * adapted (same size on every axis, impurities at the centre cell), so the
   * selector always yields a valid sample.
   */
  private presetChanged(): void {
    const preset = this.fields.get('lattice.preset')!.value as PresetName | '';
    if (!preset) return;
    const json = this.toJson();
    const lattice = (json.lattice ?? {}) as Json;
    delete lattice.vectors;
    delete lattice.basis;
    const d = presetDimension(preset);
    const shape = Array.isArray(lattice.shape) ? (lattice.shape as unknown[]) : [];
    if (shape.length !== d) {
      const L = typeof shape[0] === 'number' && shape[0] > 0 ? Math.min(shape[0], d === 3 ? 8 : shape[0]) : 8;
      lattice.shape = new Array(d).fill(L);
      delete lattice.periodic;
      for (const imp of (Array.isArray(json.impurities) ? json.impurities : []) as Json[]) imp.site = new Array(d).fill(Math.floor(L / 2));
    }
    for (const imp of (Array.isArray(json.impurities) ? json.impurities : []) as Json[]) delete imp.sublattice;
    json.lattice = lattice;
    this.setJson(json);
    this.onChange();
  }

  private addField(path: string, spec: Spec): Field<Control> {
    const f: Field<Control> = spec.kind === 'select' ? selectField(path, spec.label, spec.options ?? [], '', spec.hint) : textField(path, spec.label, '', spec.hint, spec.placeholder);
    f.input.dataset.kind = spec.kind;
    f.input.addEventListener('input', () => this.onChange());
    this.fields.set(path, f);
    return f;
  }

  private addImpurity(imp: Json): void {
    const k = this.impurities.length;
    const fields = IMPURITY_FIELDS.map((s) => {
      const f = textField(`impurities[${k}].${s.path}`, s.label, fieldText(imp[s.path]), s.hint, s.placeholder);
      f.input.dataset.kind = s.kind;
      f.input.addEventListener('input', () => this.onChange());
      return f;
    });
    const row: ImpurityRow = { root: h('div', { class: 'impurity', 'data-field': `impurities[${k}]` }), fields, base: imp };
    row.root.append(
      h('span', { class: 'index' }, `#${k + 1}`),
      ...fields.map((f) => f.root),
      h('button', { type: 'button', class: 'small remove', title: 'remove', onclick: () => this.removeImpurity(row) }, '×'),
    );
    this.impurities.push(row);
    this.impurityList.append(row.root);
  }

  private removeImpurity(row: ImpurityRow): void {
    const json = this.toJson();
    const k = this.impurities.indexOf(row);
    (json.impurities as unknown[]).splice(k, 1);
    this.setJson(json);
    this.onChange();
  }

  /** Fill the form from a model file object (kept as it is: validation happens in `validate`). */
  setJson(json: Json): void {
    this.base = structuredClone(json);
    for (const [path, f] of this.fields) {
      const text = fieldText(getPath(json, path));
      // A value the select does not offer (a typo in a file) stays visible, so validation can name it.
      if (f.input instanceof HTMLSelectElement && text && ![...f.input.options].some((o) => o.value === text)) f.input.append(h('option', { value: text }, text));
      f.value = text;
    }
    this.impurities = [];
    this.impurityList.replaceChildren();
    const imps = Array.isArray(json.impurities) ? (json.impurities as Json[]) : [];
    for (const imp of imps) this.addImpurity(imp && typeof imp === 'object' ? imp : {});
    const custom = Array.isArray(json.custom) ? json.custom.length : 0;
    this.customNote.textContent = custom ? `${custom} custom block(s) from the file are kept (edit them in the JSON view).` : '';
  }

  /** The model file the form describes. */
  toJson(): Json {
    const json = structuredClone(this.base);
    for (const [path, f] of this.fields) setPath(json, path, fieldValue(f.value, f.input.dataset.kind as Kind));
    for (const key of ['lattice', 'pairing']) if (json[key] && typeof json[key] === 'object' && Object.keys(json[key] as Json).length === 0) delete json[key];
    const imps = this.impurities.map((row) => {
      const imp = structuredClone(row.base);
      row.fields.forEach((f, i) => setPath(imp, IMPURITY_FIELDS[i]!.path, fieldValue(f.value, f.input.dataset.kind as Kind)));
      return imp;
    });
    if (imps.length || json.impurities !== undefined) json.impurities = imps;
    return json;
  }

  /** Clear every error, then show `err` next to the field with the longest matching path. */
  showError(err: { message: string; field?: string } | null): void {
    for (const f of this.allFields()) f.setError(null);
    this.generalError.textContent = '';
    if (!err) return;
    const target = err.field === undefined ? undefined : this.fieldFor(err.field);
    if (target) target.setError(err.message);
    else this.generalError.textContent = err.message;
  }

  private allFields(): Field<Control>[] {
    return [...this.fields.values(), ...this.impurities.flatMap((r) => r.fields)];
  }

  /** The form field an error path belongs to: `lattice.shape[1]` → lattice.shape, `impurities[0]` → its site field. */
  fieldFor(path: string): Field<Control> | undefined {
    let best: Field<Control> | undefined, bestLen = -1;
    for (const f of this.allFields()) {
      const p = f.name;
      const matches = path === p || path.startsWith(`${p}[`) || path.startsWith(`${p}.`) || p.startsWith(`${path}.`);
      const len = path.startsWith(p) ? p.length : path.length;
      if (matches && len > bestLen) (best = f), (bestLen = len);
    }
    return best;
  }

  /**
   * Validate with the library: the Model, or the first InputError. Every field
   * error is shown at once: after an error, the offending field is put back to
   * its value in the last model that was valid (or left out) and the rest
   * validated again, until the model parses or no new field is found.
   */
  validate(): Model | InputError {
    const errors: InputError[] = [];
    const seen = new Set<Field<Control>>();
    let json = this.toJson();
    for (let k = 0; k < 12; k++) {
      try {
        const model = parseModel(json, { files: this.files });
        if (errors.length === 0) {
          this.lastValid = structuredClone(this.toJson());
          this.showErrors([]);
          return model;
        }
        break;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        errors.push(err);
        const f = this.fieldFor(err.field);
        if (!f || seen.has(f)) break;
        seen.add(f);
        json = withField(json, f.name, this.lastValid);
      }
    }
    this.showErrors(errors);
    return errors[0]!;
  }

  /** Clear every error, then show each one next to its field (errors without a field above the form). */
  showErrors(errors: readonly { message: string; field?: string }[]): void {
    for (const f of this.allFields()) f.setError(null);
    const general: string[] = [];
    for (const err of errors) {
      const target = err.field === undefined ? undefined : this.fieldFor(err.field);
      if (target && !target.root.classList.contains('invalid')) target.setError(err.message);
      else if (!target) general.push(err.message);
    }
    this.generalError.textContent = general.join('\n');
  }
}

/** `json` with the field `name` (`chemicalPotential`, `lattice.shape`, `impurities[0].site`) taken from `from`, or removed. */
function withField(json: Json, name: string, from: Json | null): Json {
  const copy = structuredClone(json);
  const m = /^impurities\[(\d+)\]\.(.+)$/.exec(name);
  if (m) {
    const imps = copy.impurities as Json[] | undefined;
    const imp = imps?.[Number(m[1])];
    const good = (from?.impurities as Json[] | undefined)?.[Number(m[1])];
    if (imp) setPath(imp, m[2]!, good ? structuredClone(getPath(good, m[2]!)) : undefined);
    return copy;
  }
  setPath(copy, name, from ? structuredClone(getPath(from, name)) : undefined);
  return copy;
}
