/**
 * Doc-tests: every ```ts / ```js block of README.md and docs/*.md, and every
 * ```sh block whose info string says `runnable`, runs against the packed and
 * installed package (packed.ts), as a reader would run it. The blocks of one
 * page run in page order in one scratch folder, so a page may create a file
 * in a shell block and read it in a later code block. TypeScript blocks are
 * type-checked against the package's published .d.ts with the project's
 * TypeScript (one tsc run for all of them) and run with node.
 */
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { repoRoot } from '../refs.js';
import { installPacked } from './packed.js';

interface Block {
  page: string;
  line: number;
  lang: 'ts' | 'js' | 'sh';
  code: string;
  /** File stem inside the scratch project. */
  id: string;
}

/** The runnable fenced blocks of a markdown page. */
export function extractBlocks(page: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    const info = open[1]!.toLowerCase();
    const lang = info === 'typescript' ? 'ts' : info === 'javascript' ? 'js' : info;
    const runnable = lang === 'ts' || lang === 'js' || (lang === 'sh' && /\brunnable\b/.test(open[2]!));
    if (runnable) blocks.push({ page, line: start + 1, lang: lang as Block['lang'], code: body.join('\n'), id: `${basename(page, '.md')}-${start + 1}` });
  }
  return blocks;
}

const pages = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const blocks = pages.flatMap((p) => extractBlocks(p, readFileSync(join(repoRoot, p), 'utf8')));

test('the doc extractor finds code blocks and runnable shell blocks only', () => {
  const md = '```ts\nconst a = 1;\n```\n```sh\nnpm test\n```\n```sh runnable\nrkky examples\n```\n```\nplain\n```\n';
  const found = extractBlocks('x.md', md);
  assert.deepEqual(found.map((b) => [b.lang, b.line, b.code]), [['ts', 1, 'const a = 1;'], ['sh', 7, 'rkky examples']]);
  assert.ok(blocks.length > 5, 'README and docs hold code blocks');
});

describe('documentation examples run against the installed package', () => {
  const installed = installPacked();
  after(() => installed.cleanup());
  const src = join(installed.dir, 'doc-blocks');
  mkdirSync(src, { recursive: true });
  for (const b of blocks) if (b.lang !== 'sh') writeFileSync(join(src, `${b.id}.${b.lang}`), `${b.code}\n`);
  writeFileSync(
    join(installed.dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true,
        types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')], allowJs: true,
        rootDir: 'doc-blocks', outDir: 'doc-out', noEmitOnError: false,
      },
      include: ['doc-blocks'],
    }),
  );
  const tsc = spawnSync(join(repoRoot, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: installed.dir, encoding: 'utf8' });
  const typeErrors = new Map<string, string[]>();
  for (const line of tsc.stdout.split('\n')) {
    const m = /^doc-blocks\/([^.]+)\.\w+\((\d+),\d+\): (error .*)$/.exec(line);
    if (m) typeErrors.set(m[1]!, [...(typeErrors.get(m[1]!) ?? []), `line ${m[2]}: ${m[3]}`]);
  }

  for (const page of pages) {
    const own = blocks.filter((b) => b.page === page);
    if (own.length === 0) continue;
    const cwd = join(installed.dir, 'work', basename(page, '.md'));
    mkdirSync(cwd, { recursive: true });
    describe(page, () => {
      for (const b of own)
        test(`${page}:${b.line} (${b.lang})`, () => {
          const errors = typeErrors.get(b.id);
          assert.equal(errors, undefined, `type errors in the block at ${page}:${b.line}:\n${errors?.join('\n')}`);
          const r =
            b.lang === 'sh'
              ? spawnSync('bash', ['-euo', 'pipefail', '-c', b.code], { cwd, env: installed.env, encoding: 'utf8', timeout: 300_000 })
              : spawnSync(process.execPath, [join(installed.dir, 'doc-out', `${b.id}.js`)], { cwd, env: installed.env, encoding: 'utf8', timeout: 300_000 });
          assert.equal(r.status, 0, `the block at ${page}:${b.line} failed:\n${r.stderr || r.stdout}`);
        });
    });
  }
});
