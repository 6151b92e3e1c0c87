/**
 * The library's entry points reject wrong arguments with one InputError line
 * naming the argument, instead of TypeErrors, NaN, process crashes or hangs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  angleScan, computeCouplings, CubicLattice, denseConfigurationEnergies, denseFreeEnergy, exactConfigurationEnergies, exactFreeEnergy,
  HamiltonianBuilder, InputError, type ModelInput, localDensityOfStates, mat2, modelHamiltonian, parseModel, separationSweep, serialGreens, sigma0,
} from '../../src/index.js';

const json: ModelInput = {
  lattice: { shape: [4, 4] },
  chemicalPotential: -1,
  temperature: 0.1,
  impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 1 }],
};
const model = parseModel(json);

/** `fn` throws (or rejects with) an InputError on `field`, one line. */
async function rejectsOn(field: string, fn: () => unknown, what = field): Promise<void> {
  await assert.rejects(
    async () => fn(),
    (err: unknown) => {
      assert.ok(err instanceof InputError, `${what}: ${String(err)}`);
      assert.equal(err.field, field, `${what}: ${err.message}`);
      assert.ok(!err.message.includes('\n'), err.message);
      return true;
    },
  );
}

test('parseModel: null, strings, numbers and arrays name the model; a parsed model is returned as is', async () => {
  for (const bad of [null, undefined, 'text', 42, [json]]) await rejectsOn('model', () => parseModel(bad), String(bad));
  await assert.rejects(async () => parseModel(JSON.stringify(json)), /JSON\.parse/);
});

test('computeCouplings: raw JSON is accepted and equals the parsed model', async () => {
  const a = await computeCouplings(model, { separations: [1], engine: 'dense', threads: 1 });
  const b = await computeCouplings(json, { separations: [1], engine: 'dense', threads: 1 });
  assert.deepEqual(a, b);
});

test('computeCouplings: bad models, missing options, separations, engines, directions, thread counts', async () => {
  const sep = { separations: [1] };
  await rejectsOn('model', () => computeCouplings(null as never, sep));
  await rejectsOn('model', () => computeCouplings('{}' as never, sep));
  await rejectsOn('lattice', () => computeCouplings({} as never, sep));
  await rejectsOn('options', () => computeCouplings(model, undefined as never));
  await rejectsOn('options', () => computeCouplings(model, null as never));
  await rejectsOn('options.separations', () => computeCouplings(model, {} as never));
  await rejectsOn('options.separations', () => computeCouplings(model, { separations: [] }));
  for (const s of [0, 1.5, NaN, '1', null]) await rejectsOn('options.separations[0]', () => computeCouplings(model, { separations: [s as number] }), String(s));
  for (const engine of ['Exact', 'DENSE', '', 'fast', 1]) await rejectsOn('options.engine', () => computeCouplings(model, { ...sep, engine: engine as never }), String(engine));
  await rejectsOn('options.direction', () => computeCouplings(model, { ...sep, direction: 'X' as never }));
  for (const threads of [0, -1, 1.5, NaN, Infinity, '2'])
    for (const engine of ['dense', 'exact'] as const)
      await rejectsOn('options.threads', () => computeCouplings(model, { ...sep, engine, threads: threads as number }), `${engine} threads ${String(threads)}`);
  for (const tolerance of [0, -1, NaN, 2, '1e-8']) await rejectsOn('options.tolerance', () => computeCouplings(model, { ...sep, tolerance: tolerance as number }), String(tolerance));
  await rejectsOn('options.poles', () => computeCouplings(model, { ...sep, poles: 'Rational' as never }));
  await rejectsOn('options.onProgress', () => computeCouplings(model, { ...sep, onProgress: 'yes' as never }));
  await rejectsOn('options.raw', () => computeCouplings(model, { ...sep, raw: 'yes' as never }));
});

test('a throwing onProgress rejects the promise (worker pool and serial paths); the process lives on', async () => {
  const boom = () => {
    throw new Error('progress callback failed');
  };
  for (const options of [
    { engine: 'dense' as const, threads: 2 },
    { engine: 'exact' as const, threads: 2 },
    { engine: 'exact' as const, greens: serialGreens },
  ])
    await assert.rejects(computeCouplings(model, { separations: [1, 2], ...options, onProgress: boom }), /progress callback failed/, JSON.stringify(options));
  await assert.rejects(localDensityOfStates(model, { site: 0, energies: [0, 0.5], broadening: 0.1, threads: 1, onProgress: boom }), /progress callback failed/);
  // Still alive, and the pool still works.
  const r = await computeCouplings(model, { separations: [1], engine: 'dense', threads: 2 });
  assert.ok(Number.isFinite(r.rows[0]!.J[0]));
});

test('angleScan, localDensityOfStates: options name themselves', async () => {
  await rejectsOn('options', () => angleScan(model, undefined as never));
  await rejectsOn('options.separation', () => angleScan(model, {} as never));
  await rejectsOn('options.engine', () => angleScan(model, { separation: 1, engine: 'Exact' as never }));
  await rejectsOn('model', () => angleScan(null as never, { separation: 1 }));
  await rejectsOn('options', () => localDensityOfStates(model, undefined as never));
  await rejectsOn('options.site', () => localDensityOfStates(model, { site: 16, energies: [0], broadening: 0.1 }));
  await rejectsOn('options.site', () => localDensityOfStates(model, { site: NaN, energies: [0], broadening: 0.1 }));
  await rejectsOn('options.energies[1]', () => localDensityOfStates(model, { site: 0, energies: [0, NaN], broadening: 0.1 }));
  await rejectsOn('options.broadening', () => localDensityOfStates(model, { site: 0, energies: [0], broadening: Infinity }));
  await rejectsOn('options.threads', () => localDensityOfStates(model, { site: 0, energies: [0], broadening: 0.1, threads: NaN }));
});

test('exact and dense engines: problems, temperatures and models', async () => {
  const problem = separationSweep(model, [1]);
  await rejectsOn('problem', () => exactConfigurationEnergies(null as never));
  await rejectsOn('problem.sites2', () => exactConfigurationEnergies({ ...problem, sites2: 'x' } as never));
  await rejectsOn('problem.temperature', () => denseConfigurationEnergies({ ...problem, temperature: NaN }));
  await rejectsOn('configurations[0][1][1]', () => denseConfigurationEnergies(problem, {}, [[[0, 0, 1], [0, NaN, 1]]]));
  await rejectsOn('options.threads', () => exactConfigurationEnergies(problem, { threads: NaN }));
  for (const T of [Infinity, -1, NaN, '0.1']) await rejectsOn('temperature', () => exactFreeEnergy(json, T as number), String(T));
  await rejectsOn('model', () => exactFreeEnergy(null as never, 0.1));
  // Both model forms give the same F.
  const [a, b] = [await exactFreeEnergy(json, 0.1, { threads: 1 }), await exactFreeEnergy(model as never, 0.1, { threads: 1 })];
  assert.equal(a, b);
  const h = modelHamiltonian(model);
  for (const T of [Infinity, -Infinity, NaN, -0.5]) await rejectsOn('temperature', () => denseFreeEnergy(h, T), String(T));
  await rejectsOn('h', () => denseFreeEnergy(null as never, 0.1));
  await rejectsOn('h', () => denseFreeEnergy(json as never, 0.1));
  // Valid arguments still compute: dense and exact F agree (μ = −0.7: no zero mode on 4×4, see issue 10 item 2).
  const gapped: ModelInput = { ...json, chemicalPotential: -0.7 };
  const F = await exactFreeEnergy(gapped, 0.1, { threads: 1 });
  assert.ok(Math.abs(denseFreeEnergy(modelHamiltonian(parseModel(gapped)), 0.1) - F) < 1e-8 * Math.abs(F));
});

test('CubicLattice: periodic flags must be booleans, shape an array', async () => {
  await rejectsOn('lattice.periodic[0]', () => new CubicLattice([3], ['yes' as never]));
  await rejectsOn('lattice.periodic[1]', () => new CubicLattice([3, 3], [true, 1 as never]));
  await rejectsOn('lattice.periodic', () => new CubicLattice([3], 'true' as never));
  await rejectsOn('lattice.shape', () => new CubicLattice(null as never));
  await rejectsOn('lattice.shape[0]', () => new CubicLattice([NaN]));
  await rejectsOn('lattice.shape[0]', () => new CubicLattice([Infinity]));
});

test('HamiltonianBuilder: NaN/Infinity blocks, overflowing sums and NaN partners are InputErrors, not silently Hermitian', async () => {
  const lat = new CubicLattice([2]);
  await rejectsOn('lattice', () => new HamiltonianBuilder(null as never));
  await rejectsOn('H(0, 1)', () => new HamiltonianBuilder(lat).setH(0, 1, mat2(NaN, 0, 0, 0)));
  await rejectsOn('H(0, 0)', () => new HamiltonianBuilder(lat).addH(0, 0, mat2(Infinity, 0, 0, 1)));
  await rejectsOn('Delta(0, 1)', () => new HamiltonianBuilder(lat).setDelta(0, 1, mat2({ re: 0, im: NaN }, 0, 0, 0)));
  await rejectsOn('H(0, 1)', () => new HamiltonianBuilder(lat).setH(0, 1, [1, 0, 0, 0, 0, 0, 1, 0] as never));
  await rejectsOn('H.i', () => new HamiltonianBuilder(lat).setH(2, 0, sigma0));
  const big = mat2(1e308, 0, 0, 1e308);
  await rejectsOn('hamiltonian', () => new HamiltonianBuilder(lat).addH(0, 0, big).addH(0, 0, big).build());
  await rejectsOn('tol', () => new HamiltonianBuilder(lat).build(NaN));
  // A missing partner is still named, and a correct pair builds.
  await rejectsOn('hamiltonian', () => new HamiltonianBuilder(lat).setH(0, 1, sigma0).build());
  const h = new HamiltonianBuilder(lat).setH(0, 1, sigma0).setH(1, 0, sigma0).build();
  assert.equal(h.dim, 8);
});

test('threads: NaN never hangs (it is refused before any worker starts)', async () => {
  const started = Date.now();
  await rejectsOn('options.threads', () => computeCouplings(model, { separations: [1], engine: 'exact', threads: NaN }));
  assert.ok(Date.now() - started < 30000);
});
