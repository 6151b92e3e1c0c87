/**
 * Strict JSON text: JSON.parse accepts duplicate keys and silently keeps the
 * last one, which would let a model file drop a term without notice. This
 * module parses with JSON.parse and then scans the (already valid) text once
 * for a key repeated inside one object, reporting its key path.
 */
import { InputError } from '../errors.js';

/** A byte-order mark at the start of a file (editors on Windows write one); JSON.parse rejects it. */
const BOM = '\uFEFF';

/** Parse JSON text (a leading BOM is ignored); invalid JSON or a duplicate key is an InputError naming `what` or the key path. */
export function parseJsonStrict(text: string, what: string): unknown {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new InputError(what, `not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const duplicate = findDuplicateKey(body);
  if (duplicate) throw new InputError(duplicate.path || what, `duplicate key '${duplicate.key}'`);
  return value;
}

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  /** Path of this container, e.g. `impurities[0]`. */
  path: string;
  /** Current key (objects) or element index (arrays). */
  key: string;
  index: number;
}

const childPath = (f: Frame) => (f.kind === 'array' ? `${f.path}[${f.index}]` : f.path ? `${f.path}.${f.key}` : f.key);

/**
 * The first key that occurs twice in one object of valid JSON `text`, with the
 * path of that object's key (`lattice.shape`), or null. Iterative, so deep
 * nesting cannot overflow the stack.
 */
export function findDuplicateKey(text: string): { key: string; path: string } | null {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { key, path: top.path ? `${top.path}.${key}` : key };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      const path = parent ? childPath(parent) : '';
      stack.push({ kind: c === '{' ? 'object' : 'array', keys: new Set(), path, key: '', index: 0 });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1]!;
      if (top.kind === 'array') top.index++;
      else expectKey = true;
    }
  }
  return null;
}
