/**
 * Regression tests of issue 10 items 5–8, 10, 11 at the CLI: bounds and finite results,
 * resource estimates, signals in every phase, output paths, worker-thread user errors,
 * validation gaps. Every run spawns the built CLI as a user would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cliPath, modelFile, oneLineError, rkky, tempPath, whenBusy } from './run.js';
import { repoRoot } from '../refs.js';
import { findDuplicateKey } from '../../src/model/jsonText.js';
import { checkFinite, firstNonFinite } from '../../src/cli/finite.js';

const good = {
  lattice: { shape: [6, 5] },
  chemicalPotential: -1.3,
  pairing: { s: 0.2 },
  temperature: 0.01,
  impurities: [{ site: [2, 2], spin: [0, 0, 1], coupling: 1 }],
};

const usage = (args: string[], field: string) => oneLineError(rkky(args), 2, field);
const energyOf = (model: unknown) => {
  const r = rkky(['energy', modelFile(model), '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).F as number;
};

// ---- item 5: bounds up front, never a non-finite number with exit 0 ----

test('overflowing inputs are usage errors naming the field', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ hopping: 1e308 }, 'hopping'],
    [{ chemicalPotential: -1e7 }, 'chemicalPotential'],
    [{ zeeman: [0, 1e308, 0] }, 'zeeman[1]'],
    [{ rashba: 1e300 }, 'rashba'],
    [{ temperature: 1e308 }, 'temperature'],
    [{ pairing: { s: [0, 1e308] } }, 'pairing.s'],
    [{ pairing: { p: 0.1, dVector: [[1e308, 0, 0], [0, 0, 0], [0, 0, 0]] } }, 'pairing.dVector'],
    [{ pairing: { winding: 1e300 } }, 'pairing.winding'],
    [{ impurities: [{ site: [2, 2], spin: [0, 0, 1], coupling: 1e308 }] }, 'impurities[0].coupling'],
    [{ impurities: [{ site: [2, 2], spin: [1e308, 0, 1], coupling: 1 }] }, 'impurities[0].spin[0]'],
    [{ custom: [{ sites: [[0, 0], [0, 0]], H: [[1e308, 0], [0, 0]] }] }, 'custom[0].H'],
  ];
  for (const [patch, field] of cases) usage(['energy', modelFile({ ...good, ...patch })], field);
  // 1e400 is Infinity after JSON.parse.
  usage(['energy', modelFile(JSON.stringify(good).replace('"chemicalPotential":-1.3', '"chemicalPotential":1e400'))], 'chemicalPotential');
  // At the bound itself the run works and prints finite numbers.
  const r = rkky(['energy', modelFile({ ...good, chemicalPotential: -1e6 }), '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Number.isFinite(JSON.parse(r.stdout).F));
});

test('a non-finite result is exit 1 naming the field, never printed', () => {
  // k_F = 1e300 overflows the 3D real-space susceptibility.
  for (const fmt of [[], ['--json'], ['--csv']]) {
    const r = rkky(['continuum', 'range', '--dim', '3', '--kf', '1e300', '--r', '1:2:1', ...fmt]);
    oneLineError(r, 1, 'rows[0].chi is NaN');
  }
  assert.equal(firstNonFinite({ a: [1, { b: new Float64Array([0, NaN]) }] })?.path, 'a[1].b[1]');
  assert.equal(firstNonFinite({ a: [1, null, 'x'], b: -0 }), null);
  assert.throws(() => checkFinite({ rows: [{ J: [0, -Infinity] }] }, 'couplings'), /couplings: rows\[0\]\.J\[1\] is -Infinity/);
});

// ---- item 6: resources estimated before anything is allocated ----

test('runs that do not fit in memory are refused up front with the estimate in GB', () => {
  const dense = rkky(['energy', modelFile({ lattice: { shape: [101, 101] } }), '--engine', 'dense']);
  oneLineError(dense, 2, 'lattice.shape');
  assert.match(dense.stderr, /26\.\d GB each/);
  assert.match(dense.stderr, /per diagonalization/);
  for (const shape of [[200, 200, 200], [5000, 5000]]) {
    const r = rkky(['couplings', modelFile({ ...good, lattice: { shape }, impurities: [{ site: shape.map(() => 1), spin: [0, 0, 1], coupling: 1 }] }), '--separations', '1:2']);
    oneLineError(r, 2, 'lattice.shape');
    assert.match(r.stderr, /needs about [\d.]+ GB/);
  }
  const capped = rkky(['energy', modelFile({ ...good, lattice: { shape: [40, 40] } }), '--max-memory', '0.01']);
  oneLineError(capped, 2, '--max-memory 0.01');
  usage(['energy', modelFile(good), '--max-memory', '-1'], '--max-memory');
  assert.equal(rkky(['energy', modelFile(good), '--max-memory', '4']).code, 0);
});

test('model files: directories, devices, FIFOs and huge files are clean errors; a BOM is accepted', () => {
  usage(['energy', '/dev/zero'], 'expected a regular file, got a device');
  usage(['energy', dirname(modelFile(good))], 'got a directory');
  const fifo = tempPath('model.fifo');
  if (spawnSync('mkfifo', [fifo]).status === 0) usage(['energy', fifo], 'got a FIFO');
  const huge = tempPath('huge.json');
  writeFileSync(huge, `{"description": "${'x'.repeat(17 * 2 ** 20)}", "lattice": {"shape": [4]}}`);
  usage(['energy', huge], 'at most 16 MB');
  const plain = energyOf(good);
  const bom = rkky(['energy', modelFile(`\uFEFF${JSON.stringify(good)}`), '--json']);
  assert.equal(bom.code, 0, bom.stderr);
  assert.equal(JSON.parse(bom.stdout).F, plain);
});

// ---- item 7: Ctrl-C and SIGTERM in every phase ----

/** Run the CLI, send `signal` after `delay` ms; resolve with the exit code or signal. */
function interrupted(args: string[], signal: NodeJS.Signals, delay: number) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill(signal), delay);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig, stderr });
    });
  });
}

/** An interrupted run: exit 130/143 with one line, or killed by the signal itself (what the shell reports as 130/143). */
function assertInterrupted(r: { code: number | null; signal: NodeJS.Signals | null; stderr: string }, signal: NodeJS.Signals) {
  const expected = signal === 'SIGINT' ? 130 : 143;
  if (r.code !== null) {
    assert.equal(r.code, expected, r.stderr);
    assert.equal(r.stderr.trim(), 'rkky: cancelled');
  } else assert.equal(r.signal, signal);
}

const leftovers = (dir: string, stem: string) => readdirSync(dir).filter((f) => f.includes(stem));

test('SIGINT/SIGTERM at any moment: either a complete run or no output and no temp files', async () => {
  const model = modelFile(good);
  let interruptedRuns = 0;
  for (const [k, delay] of [0, 300, 700, 1200, 2000].entries()) {
    const signal: NodeJS.Signals = k % 2 ? 'SIGTERM' : 'SIGINT';
    const dir = tempPath(`sig-${k}`);
    mkdirSync(dir);
    const out = join(dir, 'out.json'), plot = join(dir, 'plot.svg');
    const r = await interrupted(['couplings', model, '--separations', '1:3', '--engine', 'exact', '--threads', '1', '--json', '-o', out, '--plot', plot], signal, delay);
    if (r.code === 0) {
      assert.deepEqual(readdirSync(dir).sort(), ['out.json', 'plot.svg']);
      assert.equal(JSON.parse(readFileSync(out, 'utf8')).rows.length, 3);
    } else {
      interruptedRuns++;
      assertInterrupted(r, signal);
      assert.deepEqual(readdirSync(dir), [], `delay ${delay}: nothing written`);
    }
  }
  assert.ok(interruptedRuns > 0, 'at least the early signals interrupt the run');
});

test('a synchronous main-thread phase (dense diagonalization) still stops at once on SIGTERM', async () => {
  const child = spawn(process.execPath, [cliPath, 'energy', modelFile({ lattice: { shape: [24, 24] }, chemicalPotential: -1 }), '--engine', 'dense'], { cwd: repoRoot });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  // Signal inside the diagonalization (2 s of CPU: start-up takes well under one), whatever the machine's load.
  await whenBusy(child.pid!, 2);
  const start = Date.now();
  child.kill('SIGTERM');
  const r = await exited;
  assertInterrupted({ ...r, stderr }, 'SIGTERM');
  assert.ok(Date.now() - start < 5000, 'stopped at once, not after the diagonalization');
});

test('couplings --self-consistent stops at once on SIGTERM inside its region solves, leaving no -o file', async () => {
  const model = modelFile({ lattice: { shape: [11, 11] }, chemicalPotential: -1, pairing: { attraction: 2.5, s: 0.3 }, temperature: 0.05, impurities: [{ site: [5, 5], spin: [0, 0, 1], coupling: 1 }] });
  const dir = tempPath('sig-sc');
  mkdirSync(dir);
  const child = spawn(process.execPath, [cliPath, 'couplings', model, '--self-consistent', '--region', '3', '--separations', '1', '--threads', '1', '-o', join(dir, 'out.csv')], { cwd: repoRoot });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  // The clean 11×11 host converges in about a second of CPU; the 36 region solves take minutes.
  await whenBusy(child.pid!, 6);
  const start = Date.now();
  child.kill('SIGTERM');
  const r = await exited;
  assertInterrupted({ ...r, stderr }, 'SIGTERM');
  assert.ok(Date.now() - start < 5000, `stopped within a region iteration (${Date.now() - start} ms)`);
  assert.deepEqual(readdirSync(dir), []);
});

test('reproduce --out: an interrupted run leaves neither the directory nor a temporary one', async () => {
  for (const [signal, delay] of [['SIGTERM', 2500]] as const) {
    const parent = tempPath(`repro-${signal}`);
    mkdirSync(parent);
    const r = await interrupted(['reproduce', 'fig1b', '--quick', '--no-png', '--threads', '1', '--out', join(parent, 'figs')], signal, delay);
    assertInterrupted(r, signal);
    assert.deepEqual(readdirSync(parent), []);
  }
});

// ---- item 8: output paths ----

test('-o to /dev/null and /dev/stdout writes directly and leaves the devices alone', () => {
  const m = modelFile(good);
  const nul = rkky(['couplings', m, '--separations', '1:1', '--csv', '-o', '/dev/null']);
  assert.equal(nul.code, 0, nul.stderr);
  assert.ok(statSync('/dev/null').isCharacterDevice());
  const out = rkky(['couplings', m, '--separations', '1:1', '--csv', '-o', '/dev/stdout']);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^separation,site1_x/);
  const full = rkky(['couplings', m, '--separations', '1:1', '--csv', '-o', '/dev/full']);
  if (existsSync('/dev/full')) {
    oneLineError(full, 1, 'no space left on device');
    assert.ok(statSync('/dev/full').isCharacterDevice(), '/dev/full is still a device');
  }
});

test('-o through a symlink updates its target and keeps the link; -o equal to the input is refused', () => {
  const m = modelFile(good);
  const target = tempPath('link-target.csv'), link = tempPath('link.csv');
  writeFileSync(target, 'old\n');
  symlinkSync(target, link);
  const r = rkky(['couplings', m, '--separations', '1:1', '--csv', '-o', link]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(lstatSync(link).isSymbolicLink(), 'still a symlink');
  assert.match(readFileSync(target, 'utf8'), /^separation,/);
  const dangling = tempPath('dangling.csv'), created = tempPath('created-through-link.csv');
  symlinkSync(created, dangling);
  assert.equal(rkky(['couplings', m, '--separations', '1:1', '--csv', '-o', dangling]).code, 0);
  assert.ok(lstatSync(dangling).isSymbolicLink());
  assert.match(readFileSync(created, 'utf8'), /^separation,/);
  const before = readFileSync(m, 'utf8');
  usage(['couplings', m, '--separations', '1:1', '-o', m], 'is the input file');
  const alias = tempPath('model-alias.json');
  symlinkSync(m, alias);
  usage(['couplings', m, '--separations', '1:1', '-o', alias], 'is the input file');
  assert.equal(readFileSync(m, 'utf8'), before, 'the input is untouched');
  assert.deepEqual(leftovers(dirname(m), '.tmp'), []);
});

test('bad output paths are usage errors before the computation; write failures exit 1', () => {
  const m = modelFile(good);
  usage(['couplings', m, '--separations', '1:1', '-o', ''], '-o');
  usage(['couplings', m, '--separations', '1:1', '--plot', '/nonexistent/dir/plot.svg'], '--plot');
  usage(['couplings', m, '--separations', '1:1', '-o', dirname(m)], 'EISDIR');
  usage(['continuum', 'lindhard', '--dim', '2', '--kf', '1', '--q', '0.5:1:0.5', '-o', '/nonexistent/x.csv'], '-o');
  usage(['reproduce', 'fig1b', '--quick', '--out', m], '--out');
  // The check comes first: a model too big to run still reports the unwritable path.
  usage(['couplings', modelFile({ ...good, lattice: { shape: [5000, 5000] } }), '--separations', '1:1', '-o', '/nonexistent/x.json'], '/nonexistent/x.json');
});

// ---- item 10: user errors from worker threads ----

test('a non-Hermitian custom block is a usage error naming it, with every engine', () => {
  const model = modelFile({ ...good, custom: [{ sites: [[0, 0], [1, 0]], H: [[0.5, 0], [0, 0.5]] }] });
  for (const engine of ['exact', 'dense']) usage(['couplings', model, '--separations', '1:2', '--engine', engine], 'custom[0].H');
  usage(['energy', model, '--engine', 'exact'], 'custom[0].H');
  usage(['ldos', model, '--energies', '0:0.1:0.1'], 'custom[0].H');
});

// ---- item 11: validation gaps ----

test('duplicate JSON keys are errors naming the key path', () => {
  usage(['energy', modelFile('{"lattice": {"shape": [4], "shape": [5]}}')], 'lattice.shape');
  usage(['energy', modelFile('{"lattice": {"shape": [4]}, "impurities": [{"site": [1], "spin": [0,0,1], "coupling": 1, "coupling": 2}]}')], 'impurities[0].coupling');
  usage(['energy', modelFile('{"lattice": {"shape": [4]}, "temperature": 0.1, "temperature": 0.2}')], "duplicate key 'temperature'");
  assert.deepEqual(findDuplicateKey('{"a": [{"b": 1}, {"b": 2, "c": {"\\"d": 1, "\\"d": 2}}]}'), { key: '"d', path: 'a[1].c."d' });
  assert.equal(findDuplicateKey('{"a": {"x": 1}, "b": {"x": 1}, "s": "{\\"a\\": 1, \\"a\\": 2}"}'), null);
  assert.equal(findDuplicateKey(`${'['.repeat(100000)}${']'.repeat(100000)}`), null);
});

test('custom Δ blocks must be fermion-antisymmetric; the partner block makes them valid', () => {
  const triplet = [[0.1, 0], [0, 0.1]];
  const minusT = [[-0.1, 0], [0, -0.1]];
  usage(['energy', modelFile({ ...good, custom: [{ sites: [[0, 0], [1, 0]], Delta: triplet }] })], 'custom[0].Delta');
  usage(['energy', modelFile({ ...good, custom: [{ sites: [[0, 0], [0, 0]], Delta: triplet }] })], 'custom[0].Delta');
  const ok = rkky(['energy', modelFile({ ...good, custom: [{ sites: [[0, 0], [1, 0]], Delta: triplet }, { sites: [[1, 0], [0, 0]], Delta: minusT }] }), '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  // On-site singlet Δ_ii ∝ iσ2 is antisymmetric by itself.
  assert.equal(rkky(['energy', modelFile({ ...good, custom: [{ sites: [[0, 0], [0, 0]], Delta: [[0, 0.1], [-0.1, 0]] }] })]).code, 0);
});

test('spins are directions: zero is an error, the length does not matter in any command', () => {
  usage(['energy', modelFile({ ...good, impurities: [{ site: [2, 2], spin: [0, 0, 0], coupling: 1 }] })], 'impurities[0].spin');
  const unit = { ...good, impurities: [{ site: [2, 2], spin: [0.6, 0, 0.8], coupling: 1 }] };
  const long = { ...good, impurities: [{ site: [2, 2], spin: [3, 0, 4], coupling: 1 }] };
  assert.equal(energyOf(long), energyOf(unit));
  const third = (s: number[]) => ({ ...good, impurities: [...good.impurities, { site: [4, 2], spin: [0, 0, 1], coupling: 1 }, { site: [2, 4], spin: s, coupling: 2 }] });
  const a = rkky(['couplings', modelFile(third([1, 0, 0])), '--separations', '2:2', '--engine', 'dense', '--json']);
  const b = rkky(['couplings', modelFile(third([5, 0, 0])), '--separations', '2:2', '--engine', 'dense', '--json']);
  assert.equal(a.code, 0, a.stderr);
  assert.deepEqual(JSON.parse(b.stdout).rows, JSON.parse(a.stdout).rows);
  const la = rkky(['ldos', modelFile(unit), '--energies', '-0.2:0.2:0.2', '--json']);
  const lb = rkky(['ldos', modelFile(long), '--energies', '-0.2:0.2:0.2', '--json']);
  assert.equal(la.code, 0, la.stderr);
  assert.deepEqual(JSON.parse(lb.stdout), JSON.parse(la.stdout));
});

test('tiny Rashba coupling (1e-154, 1e-300) gives the λ = 0 free energy on the dense path', () => {
  const base = { ...good, lattice: { shape: [4, 4] } };
  const F0 = energyOf(base);
  for (const rashba of [1e-154, 1e-300]) {
    const F = energyOf({ ...base, rashba });
    assert.ok(Math.abs(F - F0) < 1e-12 * Math.abs(F0), `rashba ${rashba}: ${F} vs ${F0}`);
  }
});

test("commander's errors stay on one line (with the suggestion)", () => {
  const r = rkky(['energ']);
  oneLineError(r, 2, 'Did you mean energy?');
  oneLineError(rkky(['couplings', modelFile(good), '--separation', '1:2']), 2, '--separation');
});
