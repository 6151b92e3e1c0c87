/**
 * Built-in example models: the JSON files under the package's examples/
 * folder, usable by name wherever a command takes a model file
 * (`rkky couplings paper …`), listed and copied by `rkky examples`. The folder
 * ships in the npm package, so the names work from an installed copy as well
 * as from a clone.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { action } from './action.js';

/** The examples/ folder, from this file's place in src/cli or dist/src/cli. */
export function examplesDir(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let k = 0; k < 5; k++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'examples'))) return join(dir, 'examples');
    dir = join(dir, '..');
  }
  return fileURLToPath(new URL('../../../examples', import.meta.url));
}

export interface BuiltinExample {
  /** The name to pass instead of a path, e.g. `paper`. */
  name: string;
  path: string;
  /** The file's `description`. */
  description: string;
  /** `model` (a BdG model file) or `couplings` (a couplings table for `rkky spins`). */
  kind: 'model' | 'couplings';
}

/** Every built-in example, sorted by name. */
export function builtinExamples(): BuiltinExample[] {
  const dir = examplesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const json = JSON.parse(readFileSync(path, 'utf8')) as { description?: string; rows?: unknown };
      return { name: basename(f, '.json'), path, description: json.description ?? '', kind: json.rows ? 'couplings' : 'model' };
    });
}

/**
 * The file a model argument names: an existing path as is, else a built-in
 * example's name (`paper`, `small-sip`, …). Anything else is left to the
 * loader, whose "cannot read" error names the argument — unless it looks like
 * a bare name, which gets the list of names instead.
 */
export function resolveModelArgument(arg: string): string {
  if (existsSync(arg)) return arg;
  const found = builtinExamples().find((e) => e.name === arg || `${e.name}.json` === arg);
  if (found) return found.path;
  if (!/[/\\]/.test(arg) && !arg.endsWith('.json'))
    throw new InputError(arg, `no such file and no built-in example of that name (built-in: ${builtinExamples().map((e) => e.name).join(', ')}; see rkky examples)`);
  return arg;
}

/** `rkky examples [name] [--copy DIR]`: list the built-in examples, print one, or copy them. */
export function registerExamples(program: Command): void {
  program
    .command('examples')
    .description('list the built-in example files (usable by name, e.g. `rkky couplings paper --separations 1:20`), print one, or copy them')
    .argument('[name]', 'print this example (e.g. paper)')
    .option('--copy <dir>', 'copy the example (or all of them) into DIR')
    .action(
      action((name: string | undefined, opts: { copy?: string }) => {
        const all = builtinExamples();
        const chosen = name === undefined ? all : all.filter((e) => e.name === name || `${e.name}.json` === name);
        if (chosen.length === 0) throw new InputError(name ?? 'examples', `no built-in example of that name (built-in: ${all.map((e) => e.name).join(', ')})`);
        if (opts.copy) {
          try {
            mkdirSync(opts.copy, { recursive: true });
            for (const e of chosen) copyFileSync(e.path, join(opts.copy, `${e.name}.json`));
          } catch (err) {
            throw new InputError('--copy', `cannot copy into '${opts.copy}' (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
          }
          process.stdout.write(chosen.map((e) => `${join(opts.copy!, `${e.name}.json`)}\n`).join(''));
          return;
        }
        if (name !== undefined) {
          process.stdout.write(readFileSync(chosen[0]!.path, 'utf8'));
          return;
        }
        const width = Math.max(...all.map((e) => e.name.length));
        process.stdout.write(
          all.map((e) => `${e.name.padEnd(width)}  ${e.kind === 'couplings' ? '(couplings table) ' : ''}${e.description}\n`).join(''),
        );
      }),
    );
}
