/**
 * A seeded generator of hostile CLI runs: malformed or extreme model files
 * (wrong types, huge and tiny numbers, −0, unicode, Object.prototype names as
 * keys and values, deep nesting, sites outside the lattice, duplicate keys in
 * raw JSON text, empty files, BOMs) and argument lists (wrong commands, flags
 * and values). Every case is tiny (lattices of at most 16 sites), so that the
 * whole set runs in seconds of CPU per hundred cases.
 */
import { prng } from '../rng.js';

export interface FuzzCase {
  /** Stable id: category and index (the generator is seeded). */
  id: string;
  /** The model file's raw text, written to a temporary file whose path replaces `MODEL` in `args`. */
  file?: string | Buffer;
  args: string[];
}

export const MODEL = '<model>';

const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString'];

/** Values of the wrong type or at the edge of the doubles (as JSON text: 1e400 is written out, it parses as Infinity). */
const WILD_VALUES: string[] = [
  'null', 'true', 'false', '""', '"1"', '"μ"', '"😀"', '"\\u0000"', '[]', '{}', '[[]]', '[null]', '{"a":1}',
  '0', '-0', '1', '-1', '0.5', '1e308', '-1e308', '1.7976931348623157e308', '1e400', '-1e400', '1e-308', '5e-324', '-5e-324',
  '1e-320', '1e20', '-1e20', '9007199254740993', '2.5', '1e-16', '3', '100', '-100', '1000000',
  ...PROTO_NAMES.map((n) => JSON.stringify(n)),
  '[1e308, 1e308, 1e308]', '[0, 0, 0]', '[-0, -0, -0]', '[1, 2]', '[1, 2, 3, 4]', '["x", 0, 0]', '[1e-320, 0, 1]',
  '[[1, 0], [0, 1]]', '[1e308, 1e308]', '[0, 1e308]',
];

/** A valid tiny model: 3×3 or 4 sites, T > 0, one or two impurities. */
function baseModel(r: () => number): Record<string, unknown> {
  const oneD = r() < 0;
  return {
    lattice: oneD ? { shape: [4] } : { shape: [3, 3], periodic: [r() < 0, false] },
    hopping: 1,
    chemicalPotential: -0.5,
    temperature: 0.1,
    impurities: oneD
      ? [{ site: [0], spin: [0, 0, 1], coupling: 1 }]
      : [
          { site: [0, 1], spin: [0, 0, 1], coupling: 1 },
          { site: [1, 1], spin: [1, 0, 0], coupling: 0.5 },
        ],
  };
}

/** Paths (in a base model) whose value a case replaces. */
const FIELDS = [
  'lattice', 'lattice.shape', 'lattice.shape.0', 'lattice.periodic', 'lattice.periodic.0', 'hopping', 'chemicalPotential', 'zeeman', 'zeeman.2',
  'rashba', 'temperature', 'pairing', 'pairing.s', 'pairing.p', 'pairing.d', 'pairing.dVector', 'pairing.winding', 'impurities', 'impurities.0',
  'impurities.0.site', 'impurities.0.site.0', 'impurities.0.spin', 'impurities.0.spin.1', 'impurities.0.coupling', 'custom', 'description',
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(((r() + 1) / 2) * xs.length) % xs.length]!;
const int = (r: () => number, n: number) => Math.floor(((r() + 1) / 2) * n) % n;

/** Replace the value at a dotted path of a JSON text's object by raw JSON text (so that 1e400, -0 and prototype keys survive as written). */
function withRaw(model: Record<string, unknown>, path: string, raw: string): string {
  const marker = '"@@RAW@@"';
  const clone = JSON.parse(JSON.stringify(model)) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = clone;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = /^\d+$/.test(keys[keys.indexOf(k) + 1] ?? '') ? [] : {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = '@@RAW@@';
  return JSON.stringify(clone).replace(marker, raw);
}

/** The commands a model file is run through: all tiny and fast. */
function modelCommand(r: () => number): string[] {
  switch (int(r, 5)) {
    case 0:
      return ['energy', MODEL, '--engine', 'dense'];
    case 1:
      return ['energy', MODEL, '--json', '--threads', '1'];
    case 2:
      return ['couplings', MODEL, '--separations', '1:1', '--engine', 'dense', '--threads', '1', '--json'];
    case 3:
      return ['couplings', MODEL, '--separations', '1:1', '--engine', 'exact', '--threads', '1'];
    default:
      return ['ldos', MODEL, '--site', '0', '--energies', '-1:1:1', '--broadening', '0.1', '--threads', '1'];
  }
}

function fieldCases(r: () => number, n: number): FuzzCase[] {
  return Array.from({ length: n }, (_, k) => ({
    id: `field-${k}`,
    file: withRaw(baseModel(r), pick(r, FIELDS), pick(r, WILD_VALUES)),
    args: modelCommand(r),
  }));
}

/** Every numeric field at the edges of the doubles (overflow, underflow, −0), through the dense and the exact engine. */
function extremeCases(): FuzzCase[] {
  const fields = ['hopping', 'chemicalPotential', 'rashba', 'temperature', 'impurities.0.coupling', 'zeeman.0', 'pairing.s'];
  const values = ['1e308', '-1e308', '5e-324', '-0', '1e-154'];
  const base = { lattice: { shape: [3, 3] }, chemicalPotential: -0.5, temperature: 0.1, impurities: [{ site: [0, 1], spin: [0, 0, 1], coupling: 1 }] };
  return fields.flatMap((f, i) =>
    values.map((v, k) => ({
      id: `extreme-${i}-${k}`,
      file: withRaw(base, f, v),
      args: (i + k) % 2 ? ['energy', MODEL, '--engine', 'dense'] : ['couplings', MODEL, '--separations', '1:1', '--engine', 'exact', '--threads', '1', '--json'],
    })),
  );
}

/** Object.prototype names as keys, at the top and nested; and as string values. */
function protoCases(r: () => number): FuzzCase[] {
  const out: FuzzCase[] = [];
  PROTO_NAMES.forEach((name, k) => {
    const base = JSON.stringify(baseModel(r));
    out.push({ id: `proto-top-${k}`, file: base.replace(/^\{/, `{${JSON.stringify(name)}: {"lattice": {"shape": [2]}},`), args: modelCommand(r) });
    out.push({ id: `proto-nested-${k}`, file: base.replace('"lattice":{', `"lattice":{${JSON.stringify(name)}: 1,`), args: modelCommand(r) });
    out.push({ id: `proto-pairing-${k}`, file: withRaw(baseModel(r), `pairing.${name}`, '1'), args: modelCommand(r) });
    out.push({ id: `proto-dvector-${k}`, file: withRaw({ ...baseModel(r), pairing: { p: 0.3 } }, 'pairing.dVector', JSON.stringify(`e_z * p_x * ${name}`)), args: modelCommand(r) });
    out.push({ id: `proto-only-${k}`, file: `{${JSON.stringify(name)}: null}`, args: modelCommand(r) });
  });
  return out;
}

/** Deep nesting of JSON and of d-vector expressions. */
function nestingCases(r: () => number): FuzzCase[] {
  const out: FuzzCase[] = [];
  for (const [k, depth] of [10, 1000, 20000, 100000].entries()) {
    out.push({ id: `nest-array-${k}`, file: '['.repeat(depth) + ']'.repeat(depth), args: modelCommand(r) });
    out.push({ id: `nest-object-${k}`, file: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), args: modelCommand(r) });
    out.push({ id: `nest-open-${k}`, file: '['.repeat(depth), args: modelCommand(r) });
    out.push({ id: `nest-shape-${k}`, file: withRaw(baseModel(r), 'lattice.shape', '['.repeat(depth) + '3' + ']'.repeat(depth)), args: modelCommand(r) });
    const dv = '('.repeat(depth) + 'e_z * p_x' + ')'.repeat(depth);
    out.push({ id: `nest-dvector-${k}`, file: JSON.stringify({ ...baseModel(r), pairing: { p: 0.3, dVector: dv } }), args: modelCommand(r) });
    out.push({ id: `nest-minus-${k}`, file: JSON.stringify({ ...baseModel(r), pairing: { p: 0.3, dVector: '-'.repeat(depth) + 'e_z * p_x' } }), args: modelCommand(r) });
  }
  return out;
}

/** Sites outside the lattice, wrong dimensions, custom blocks off the lattice. */
function siteCases(r: () => number): FuzzCase[] {
  const sites = ['[3, 0]', '[0, 3]', '[-1, 0]', '[0, -0]', '[1e308, 0]', '[0.5, 0]', '[0]', '[0, 0, 0]', '[0, 0, 0, 0]', '[]', '["0", 0]', '[9007199254740993, 0]'];
  const out: FuzzCase[] = [];
  sites.forEach((s, k) => {
    const m = { ...baseModel(r), lattice: { shape: [3, 3] } };
    out.push({ id: `site-impurity-${k}`, file: withRaw(m, 'impurities.0.site', s), args: modelCommand(r) });
    out.push({ id: `site-custom-${k}`, file: withRaw(m, 'custom', `[{"sites": [${s}, [0, 0]], "H": [[1, 0], [0, 1]]}]`), args: modelCommand(r) });
  });
  for (let k = 0; k < 6; k++)
    out.push({ id: `site-separation-${k}`, file: JSON.stringify({ ...baseModel(r), lattice: { shape: [3, 3] } }), args: ['couplings', MODEL, '--separations', pick(r, ['1:5', '3:3', '-5:-1', '0:0', '-2:-1', '1:2']), '--engine', 'dense', '--threads', '1'] });
  return out;
}

/** Duplicate keys written as raw JSON text. */
function duplicateCases(r: () => number): FuzzCase[] {
  const base = JSON.stringify(baseModel(r)).slice(1, -1);
  const dups = [
    '"temperature": 0.1, "temperature": 0.2',
    '"hopping": 1, "hopping": "x"',
    '"lattice": {"shape": [3, 3]}, "lattice": {"shape": [4]}',
    '"chemicalPotential": 0, "chemicalPotential": 1e400',
    '"impurities": [], "impurities": []',
    '"rashba": 0.1, "rashba": 0.1',
  ];
  return dups.map((d, k) => ({ id: `duplicate-${k}`, file: `{${d}, ${base.replace(/"(temperature|hopping|lattice|chemicalPotential|impurities|rashba)":/g, '"x_$1":')}}`.replace(/"x_(impurities)":/, '"impurities":'), args: modelCommand(r) }));
}

/** Files that are not model JSON at all. */
function fileCases(r: () => number): FuzzCase[] {
  const valid = JSON.stringify(baseModel(r));
  const files: (string | Buffer)[] = [
    '', ' ', '\n', '\uFEFF', '\uFEFF' + valid, valid + '\uFEFF', 'null', '[]', '42', '"model"', 'true', '{', '}', '{"lattice"', valid.slice(0, -1),
    valid + ',', valid + valid, '\u0000', Buffer.from([0xff, 0xfe, 0x00, 0x7b]), Buffer.from([0xc3, 0x28, 0x7b, 0x7d]), '{"lattice": {"shape": [3, 3]}}\u0000',
    "{'lattice': {'shape': [3]}}", '{lattice: {shape: [3]}}', '/* comment */' + valid, 'NaN', 'Infinity', '{"lattice": {"shape": [NaN]}}', '{"lattice": {"shape": [3, 3]}, "temperature": Infinity}',
    '{"lattice":{"shape":[3]},"description":"' + 'é😀'.repeat(2000) + '"}',
  ];
  return files.map((file, k) => ({ id: `file-${k}`, file, args: modelCommand(r) }));
}

/** Wrong commands, flags and flag values on a valid tiny model. */
function argumentCases(r: () => number): FuzzCase[] {
  const lists: string[][] = [
    [], ['nope'], ['Energy', MODEL], ['energy'], ['energy', MODEL, MODEL], ['energy', '/nonexistent/model.json'], ['energy', '/'], ['energy', '/dev/null'], ['energy', ''],
    ['energy', MODEL, '--engine', 'Exact'], ['energy', MODEL, '--engine', ''], ['energy', MODEL, '--engine'], ['energy', MODEL, '--bogus'], ['energy', MODEL, '--jsn'],
    ['energy', MODEL, '--tolerance', '0'], ['energy', MODEL, '--tolerance', 'NaN'], ['energy', MODEL, '--tolerance', '-1e-8'], ['energy', MODEL, '--tolerance', '1e308'], ['energy', MODEL, '--tolerance', '5e-324'],
    ['energy', MODEL, '--poles', 'Rational'], ['energy', MODEL, '--poles', '__proto__'], ['energy', MODEL, '--engine', 'constructor'], ['energy', MODEL, '--engine', 'toString'],
    ['couplings', MODEL], ['couplings', MODEL, '--separations', ''], ['couplings', MODEL, '--separations', '1'], ['couplings', MODEL, '--separations', '1:1e308'],
    ['couplings', MODEL, '--separations', 'NaN:2'], ['couplings', MODEL, '--separations', '-0:1'], ['couplings', MODEL, '--separations', '1:2:0'], ['couplings', MODEL, '--separations', '1:2:-1'],
    ['couplings', MODEL, '--separations', '1.5:2'], ['couplings', MODEL, '--separations', '2:1'], ['couplings', MODEL, '--separations', '1:1', '--direction', 'w'],
    ['couplings', MODEL, '--separations', '1:1', '--direction', 'z'], ['couplings', MODEL, '--separations', '1:1', '--json', '--csv'], ['couplings', MODEL, '--separations', '1:1', '--infinite', 'x'],
    ['couplings', MODEL, '--separations', '1:1', '--engine', 'dense', '--infinite', '8'], ['couplings', MODEL, '--separations', '1:1', '--plot', ''],
    ...['0', '-1', '1.5', 'NaN', 'Infinity', '1e308', '', 'two', '2abc', '0x2', ' 2'].map((t) => ['energy', MODEL, '--threads', t]),
    ['scan', MODEL, '--separation', '1', '--angles', '7'], ['scan', MODEL, '--separation', '1', '--angles', '1e308'], ['scan', MODEL, '--separation', '0'], ['scan', MODEL, '--separation', '1', '--plane', 'xx'],
    ['scan', MODEL, '--separation', '1', '--plane', '__proto__'], ['ldos', MODEL, '--site', '99', '--energies', '0:1:0.5', '--broadening', '0.1'], ['ldos', MODEL, '--site', '0', '--energies', '0:1:0.5', '--broadening', '0'],
    ['ldos', MODEL, '--site', '0', '--energies', '0:1e308:1', '--broadening', '0.1'], ['ldos', MODEL, '--site', '-0', '--energies', '0:1:0.5', '--broadening', '1e-320'],
    ['explore', '--port', '-1'], ['explore', '--port', '70000'], ['explore', '--port', 'http'], ['explore', '--port', '1.5'],
    ['continuum', 'nope'], ['spins', 'nope'], ['moments', 'nope'], ['reproduce', 'nope'], ['--nope'], ['-x'], ['energy', '--', MODEL], ['energy', MODEL, '--', '--json'],
    ['couplings', MODEL, '--separations', '1:1', '--engine', 'dense', '--threads', '1', '--raw', '--json'],
  ];
  return lists.map((args, k) => ({ id: `args-${k}`, file: JSON.stringify(baseModel(r)), args }));
}

/** The whole set (seeded: the same cases every run). */
export function fuzzCases(seed = 14): FuzzCase[] {
  const r = prng(seed);
  return [...fieldCases(r, 70), ...extremeCases(), ...protoCases(r), ...nestingCases(r), ...siteCases(r), ...duplicateCases(r), ...fileCases(r), ...argumentCases(r)];
}
