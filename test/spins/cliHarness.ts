/**
 * Running a command file's register function as the CLI would, before it is wired into
 * src/cli/main.ts: in process (stdout captured) for successful runs, and in a child process for
 * error paths (the CLI exits there).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { repoRoot } from '../refs.js';

/** Run `args` through a fresh program with `register` added; returns what went to stdout. */
export async function runInProcess(register: (p: Command) => void, args: string[]): Promise<string> {
  const program = new Command('rkky').exitOverride();
  register(program);
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  // The CLI writes strings; the test runner's own reports (binary, from a child process) pass through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return write(chunk, ...rest);
    chunks.push(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

/** Run in a child process: `module` (path under dist/, e.g. 'src/cli/spins.js') exporting `name`. */
export function runInChild(module: string, name: string, args: string[]) {
  const script = [
    "import { Command } from 'commander';",
    'const [mod, name, ...args] = process.argv.slice(1);',
    'const m = await import(mod);',
    "const p = new Command('rkky').exitOverride();",
    'p.configureOutput({ outputError: (s, w) => w(`rkky: ${s.replace(/^error: /, "").trim()}\\n`) });',
    'm[name](p);',
    "try { await p.parseAsync(args, { from: 'user' }); } catch (e) { process.exit(e.exitCode === 0 ? 0 : 2); }",
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, resolve(repoRoot, 'dist', module), name, ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
