/**
 * The explorer's whole UI layer: element builders and a labelled form field
 * with an error slot. Plain DOM keeps the bundle small and every redraw
 * synchronous (the continuum page redraws on each slider step).
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

function applyAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function appendChildren(el: Element, children: Child[]): void {
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
}

/** An HTML element: `h('button', { class: 'run', onclick: go }, 'Run')`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  appendChildren(el, children);
  return el;
}

/** An SVG element. */
export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  applyAttrs(el, attrs);
  appendChildren(el, children);
  return el;
}

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A labelled control with a hint and an error line beneath it (`data-field` names it for tests). */
export class Field<C extends Control = HTMLInputElement> {
  readonly root: HTMLElement;
  readonly error: HTMLElement;

  constructor(readonly name: string, label: string, readonly input: C, hint?: string) {
    this.error = h('span', { class: 'error', role: 'alert' });
    input.setAttribute('name', name);
    input.setAttribute('aria-label', label);
    this.root = h('label', { class: 'field', 'data-field': name }, h('span', { class: 'label' }, label), input, hint ? h('span', { class: 'hint' }, hint) : null, this.error);
  }

  get value(): string {
    return this.input.value;
  }

  set value(v: string) {
    this.input.value = v;
  }

  setError(message: string | null): void {
    this.error.textContent = message ?? '';
    this.root.classList.toggle('invalid', Boolean(message));
  }
}

/** A text field (type=text so that the raw text, even when invalid, reaches the validator). */
export function textField(name: string, label: string, value: string, hint?: string, placeholder?: string): Field<HTMLInputElement> {
  return new Field(name, label, h('input', { type: 'text', value, placeholder, spellcheck: 'false', autocomplete: 'off' }), hint);
}

/** A select field. */
export function selectField(name: string, label: string, options: [string, string][], value: string, hint?: string): Field<HTMLSelectElement> {
  const select = h('select', {}, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return new Field(name, label, select, hint);
}

/** Save text as a download. */
export function download(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A "Load…" button (a label around a hidden file input, so tests can set its files directly). */
export function fileButton(label: string, accept: string, name: string, onText: (text: string, filename: string) => void): HTMLElement {
  const input = h('input', { type: 'file', accept, class: 'hidden-file' });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (file) onText(await file.text(), file.name);
    input.value = '';
  });
  return h('label', { class: 'button', 'data-load': name }, label, input);
}

/** A number in a compact scientific form for tables. */
export const sci = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(6) : x.toExponential(5));
