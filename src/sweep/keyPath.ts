/**
 * Key paths into a model file: `chemicalPotential`, `pairing.s`,
 * `impurities.0.coupling`, `zeeman.2`, `pairing.p.1` (the imaginary part of
 * Δ_p written as [re, im]). A sweep axis sets the value at its path in a copy
 * of the base model; the model schema then rejects unknown keys, so a typo
 * fails by name instead of silently sweeping nothing.
 */
import { InputError } from '../errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The segments of a key path ("impurities.0.coupling" → ["impurities", "0", "coupling"]). */
export function pathSegments(path: string, field: string): string[] {
  const parts = path.split('.');
  if (path.trim() === '' || parts.some((p) => p === '')) throw new InputError(field, `expected a key path such as 'pairing.s' or 'impurities.0.coupling', got '${path}'`);
  return parts;
}

const isIndex = (s: string) => /^(0|[1-9]\d*)$/.test(s);

/**
 * `model` with the value at `path` replaced by `value` (a deep copy; the base
 * is untouched). Missing objects on the way are created (`pairing.s` on a model
 * without pairing); arrays are indexed by number and never grown.
 */
export function setAtPath(model: Json, path: string, value: Json, field: string): Json {
  const parts = pathSegments(path, field);
  const root = structuredClone(model);
  let node: Json = root;
  for (let k = 0; k < parts.length; k++) {
    const key = parts[k]!;
    const last = k === parts.length - 1;
    const here = parts.slice(0, k).join('.') || 'the model';
    if (Array.isArray(node)) {
      if (!isIndex(key) || Number(key) >= node.length)
        throw new InputError(field, `'${key}' is not an index of ${here} (an array of ${node.length})`);
      if (last) node[Number(key)] = value;
      else node = node[Number(key)]!;
    } else if (node !== null && typeof node === 'object') {
      if (last) node[key] = value;
      else {
        if (node[key] === undefined) node[key] = {};
        node = node[key]!;
      }
    } else throw new InputError(field, `cannot address '${key}' inside ${here}, which is ${JSON.stringify(node)} (not an object or array)`);
  }
  return root;
}
