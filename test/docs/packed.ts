/**
 * The package as a user installs it: `npm pack` of the built project (dist/src,
 * examples, docs and the built explorer web/dist; the explorer is built first
 * when missing), unpacked into node_modules/rkky of an empty temporary project.
 * The runtime dependencies are linked from the project's own node_modules
 * instead of fetched, so the test needs no network and takes seconds; dev
 * dependencies (TypeScript, Vite) are absent there, as for a user.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../refs.js';

export interface Installed {
  /** The empty project the tarball was installed into. */
  dir: string;
  /** node_modules/rkky inside it. */
  pkg: string;
  /** The tarball's file list (paths inside the package). */
  files: string[];
  /** PATH with the project's node_modules/.bin first (so `npx rkky` and `rkky` resolve there). */
  env: NodeJS.ProcessEnv;
  /** Remove the tarball and the project (kept when RKKY_KEEP_PACKED is set, e.g. to copy figures out). */
  cleanup(): void;
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/**
 * Build the explorer once when web/dist is missing. Two test files pack at
 * once (npm test runs files concurrently): the first takes a lock directory,
 * the other waits for it, so two Vite builds never empty one web/dist.
 */
function ensureExplorerBuilt(): void {
  const index = join(repoRoot, 'web/dist/index.html');
  const lock = join(repoRoot, 'web/.dist-build-lock');
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(index)) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 10 min for ${lock} (remove it if no build is running)`);
      spawnSync('sleep', ['0.2']);
      continue;
    }
    try {
      if (!existsSync(index)) run(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], repoRoot);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Pack the project and install the tarball into a fresh temporary project. */
export function installPacked(): Installed {
  ensureExplorerBuilt();
  const work = mkdtempSync(join(tmpdir(), 'rkky-packed-'));
  // --ignore-scripts: dist/ is already built by `npm test`'s tsc; prepack's Vite build ran above if needed.
  const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = join(work, packed[0]!.filename);
  const dir = join(work, 'project');
  const pkg = join(dir, 'node_modules', 'rkky');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "rkky-user", "private": true, "type": "module" }\n');
  run('tar', ['xzf', tarball, '-C', pkg, '--strip-components=1'], dir);
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
  for (const dep of Object.keys(manifest.dependencies)) {
    const link = join(dir, 'node_modules', dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(repoRoot, 'node_modules', dep)), link);
  }
  const bin = join(dir, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, target] of Object.entries(manifest.bin)) {
    chmodSync(join(pkg, target), 0o755);
    symlinkSync(join('..', 'rkky', target), join(bin, name));
  }
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, npm_config_update_notifier: 'false' };
  const cleanup = () => {
    if (!process.env.RKKY_KEEP_PACKED) rmSync(work, { recursive: true, force: true });
  };
  return { dir, pkg, files: packed[0]!.files.map((f) => f.path), env, cleanup };
}
