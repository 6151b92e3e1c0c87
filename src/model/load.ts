import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { parseModel, type Model } from './model.js';

/** Read and validate a model file; every problem is one InputError naming the field. */
export function loadModel(path: string): Model {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(path, `cannot read the model file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(path, `not valid JSON: ${(err as Error).message}`);
  }
  return parseModel(json);
}
