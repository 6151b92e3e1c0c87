/** Access to the shared bodge reference files (../shared/refs beside the repository). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const refsDir = process.env.RKKY_REFS ?? resolve(repo, '../shared/refs');
export const repoRoot = repo;

export function loadRef<T = any>(name: string): T {
  return JSON.parse(readFileSync(resolve(refsDir, name), 'utf8')) as T;
}
