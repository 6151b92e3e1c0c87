/** Run the built CLI (dist/src/cli/main.js) as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../refs.js';

export const cliPath = resolve(repoRoot, 'dist/src/cli/main.js');

export function rkky(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', input, cwd: repoRoot });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'rkky-test-'));
let counter = 0;
/** Write a model (object or raw text) to a temporary file and return its path. */
export function modelFile(model: unknown): string {
  const path = join(dir, `model-${counter++}.json`);
  writeFileSync(path, typeof model === 'string' ? model : JSON.stringify(model));
  return path;
}
export const tempPath = (name: string) => join(dir, name);
