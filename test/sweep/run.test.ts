/**
 * Sharded and unsharded runs against one `rkky couplings` per point, bit for
 * bit; resuming after a torn line; refusing a directory of another definition;
 * merge's missing / duplicate / conflicting points.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridSize } from '../../src/sweep/axes.js';
import { definitionHash, type SweepDefinition } from '../../src/sweep/definition.js';
import { readJournal, shardFile } from '../../src/sweep/journal.js';
import { mergeDirectory, mergedCsv, type Merged } from '../../src/sweep/merge.js';
import { sweepPlotSvg } from '../../src/sweep/plot.js';
import { computeSweep, runSweep } from '../../src/sweep/run.js';
import { baseModel, couplingPart, couplingsCli, definition, rkky, scratch, sweepFile, writeJson } from './fixture.js';
import { pointAt } from '../../src/sweep/axes.js';
import { pointModel, sweepPoints } from '../../src/sweep/definition.js';
import { parseModel } from '../../src/model/model.js';
import { computeCouplings, parseTargets } from '../../src/rkky/sweep.js';
import { serialGreens } from '../../src/solvers/greens.js';

const { dir, cleanup } = scratch('run');
after(cleanup);

/** 8 points, exact engine: μ × Δ_s × spin 2's coupling (an element of the impurity array). */
const exactDef = definition(sweepFile(5, 'exact', { chemicalPotential: [-1.2, -0.4], 'pairing.s': [0, 0.15], 'impurities.1.coupling': [1, 2.5] }));
let serial: Merged;

before(async () => {
  await runSweep(exactDef, { dir: join(dir, 'serial'), threads: 2 });
  serial = mergeDirectory(join(dir, 'serial')).merged;
});

test('shards merged = one unsharded run = one `rkky couplings` per point, bit for bit (exact engine)', async () => {
  const n = 3;
  for (let i = n - 1; i >= 0; i--) {
    const s = await runSweep(exactDef, { dir: join(dir, 'sharded'), shard: { index: i, count: n }, resume: i !== n - 1, threads: 1 });
    assert.equal(s.computed, s.shardTotal);
  }
  const report = mergeDirectory(join(dir, 'sharded'));
  assert.deepEqual(report.missing, []);
  assert.deepEqual(report.duplicates, []);
  assert.deepEqual(report.merged, serial);
  assert.equal(serial.rows.length, gridSize(exactDef.axes) * exactDef.separations.length);
  for (let index = 0; index < gridSize(exactDef.axes); index++) {
    const cli = await couplingsCli(exactDef, index, dir);
    assert.deepEqual(serial.rows.slice(2 * index, 2 * index + 2).map(couplingPart), cli, `point ${index}`);
  }
  const inMemory = await computeSweep(exactDef, { threads: 2 });
  assert.deepEqual(inMemory.flatMap((l) => l.rows), serial.rows.map(couplingPart));
});

test('the dense engine (auto on 5×5) through the sweep equals `rkky couplings`, bit for bit', async () => {
  const def = definition(sweepFile(9, 'auto', { temperature: [0.01, 0.1] }));
  await runSweep(def, { dir: join(dir, 'dense') });
  const merged = mergeDirectory(join(dir, 'dense')).merged;
  assert.ok(merged.rows.every((r) => r.engine === 'dense'));
  for (let index = 0; index < 2; index++)
    assert.deepEqual(merged.rows.slice(2 * index, 2 * index + 2).map(couplingPart), await couplingsCli(def, index, dir));
});

test('a torn last line is detected by merge and recomputed by --resume', async () => {
  const d = join(dir, 'torn');
  await runSweep(exactDef, { dir: d, shard: { index: 0, count: 2 } });
  await runSweep(exactDef, { dir: d, shard: { index: 1, count: 2 }, resume: true });
  const file = shardFile(d, { index: 1, count: 2 });
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const last = lines.at(-1)!;
  writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n${last.slice(0, last.length >> 1)}`);
  const torn = mergeDirectory(d);
  assert.deepEqual(torn.torn, [file]);
  assert.equal(torn.missing.length, 1);
  const r = rkky(['sweep', 'merge', d, '-o', join(d, 'm.json')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /torn last line/);
  assert.match(r.stderr, /1 of 8 points missing: point \d+ \(chemicalPotential=/);
  const s = await runSweep(exactDef, { dir: d, shard: { index: 1, count: 2 }, resume: true });
  assert.equal(s.tornRemoved, true);
  assert.equal(s.computed, 1);
  const withoutTimes = (t: string) => t.split('\n').filter(Boolean).map((l) => ({ ...JSON.parse(l), seconds: 0 }));
  assert.deepEqual(withoutTimes(readFileSync(file, 'utf8')), withoutTimes(text));
  assert.deepEqual(mergeDirectory(d).merged, serial);
  assert.throws(() => readJournal(writeJson(join(d, 'results-5-of-9.jsonl'), 'x') && (appendFileSync(join(d, 'results-5-of-9.jsonl'), '{}\n'), join(d, 'results-5-of-9.jsonl'))), /damaged result line in the middle/);
});

test('a directory of another sweep definition is refused; existing results need --resume', async () => {
  const other: SweepDefinition = { ...exactDef, axes: [{ path: 'chemicalPotential', values: [-1.2, -0.3] }, ...exactDef.axes.slice(1)] };
  assert.notEqual(definitionHash(other), definitionHash(exactDef));
  await assert.rejects(runSweep(other, { dir: join(dir, 'serial'), resume: true }), /--resume: .* holds results of a different sweep definition/);
  await assert.rejects(runSweep(exactDef, { dir: join(dir, 'serial') }), /--out: .* already holds sweep results; pass --resume/);
  // A foreign line inside an otherwise matching directory is caught too.
  const d = join(dir, 'foreign');
  await runSweep(exactDef, { dir: d, shard: { index: 0, count: 4 } });
  const f = shardFile(d, { index: 0, count: 4 });
  const line = JSON.parse(readFileSync(f, 'utf8').split('\n')[0]!);
  appendFileSync(f, `${JSON.stringify({ ...line, sweep: definitionHash(other) })}\n`);
  await assert.rejects(runSweep(exactDef, { dir: d, resume: true }), /holds results of a different sweep definition/);
  assert.throws(() => mergeDirectory(d), /different sweep definition/);
  // The CLI: a one-line error, exit code 2, and the results untouched.
  const sweepPath = writeJson(join(dir, 'other.json'), sweepFile(5, 'exact', { chemicalPotential: [-1.2, -0.3], 'pairing.s': [0, 0.15], 'impurities.1.coupling': [1, 2.5] }));
  const r = rkky(['sweep', 'run', sweepPath, '--out', join(dir, 'serial'), '--resume']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^rkky: --resume: .* different sweep definition .*\n$/);
  assert.deepEqual(mergeDirectory(join(dir, 'serial')).merged, serial);
});

test('merge lists missing points (exit 1 unless --partial), duplicates and conflicts; CSV has one line per row', async () => {
  const d = join(dir, 'partial');
  await runSweep(exactDef, { dir: d, shard: { index: 0, count: 2 } });
  const partial = mergeDirectory(d);
  assert.equal(partial.missing.length, 4);
  const r = rkky(['sweep', 'merge', d, '--partial', '-o', join(d, 'p.json')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /4 of 8 points missing \(--partial\)/);
  assert.deepEqual(JSON.parse(readFileSync(join(d, 'p.json'), 'utf8')).missing, partial.missing);
  await runSweep(exactDef, { dir: d, shard: { index: 1, count: 2 }, resume: true });
  // The same point again in another file: a duplicate; with a changed number: a conflict.
  copyFileSync(shardFile(d, { index: 0, count: 2 }), shardFile(d, { index: 0, count: 3 }));
  const dup = mergeDirectory(d);
  assert.equal(dup.duplicates.length, 4);
  assert.deepEqual(dup.merged, serial);
  const f = shardFile(d, { index: 0, count: 3 });
  const [first, ...rest] = readFileSync(f, 'utf8').split('\n');
  const line = JSON.parse(first!);
  line.rows[0].J[0] += 1e-12;
  writeFileSync(f, [JSON.stringify(line), ...rest].join('\n'));
  assert.deepEqual(mergeDirectory(d).conflicts, [line.index]);
  const c = rkky(['sweep', 'merge', d, '-o', join(d, 'c.json')]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /1 conflicting points .*: point \d+/);
  const csv = mergedCsv(serial).trim().split('\n');
  assert.equal(csv.length, 1 + serial.rows.length);
  assert.match(csv[0]!, /^chemicalPotential,pairing\.s,impurities\.1\.coupling,separation,site1_x,/);
  assert.equal(Number(csv[1]!.split(',')[csv[0]!.split(',').indexOf('D_z')]), serial.rows[0]!.D[2]);
});

test('sweep plot: a heatmap for two axes, lines for one (one line per value of another axis)', async () => {
  const heat = await sweepPlotSvg({ ...serial, rows: serial.rows.filter((r) => r.point['impurities.1.coupling'] === 1) , axes: { ...serial.axes, 'impurities.1.coupling': [1] } }, { x: 'chemicalPotential', y: 'pairing.s', quantity: 'D_z', separation: 1 });
  assert.match(heat, /^<svg/);
  const lines = await sweepPlotSvg({ ...serial, rows: serial.rows.filter((r) => r.point['pairing.s'] === 0), axes: { ...serial.axes, 'pairing.s': [0] } }, { x: 'chemicalPotential', quantity: 'J_x', separation: 2 });
  assert.match(lines, /impurities\.1\.coupling = 2\.5/);
  await assert.rejects(sweepPlotSvg(serial, { x: 'chemicalPotential', quantity: 'Q' }), /--quantity: expected F0/);
  await assert.rejects(sweepPlotSvg(serial, { x: 'chemicalPotential', quantity: 'D_z', separation: 1 }), /axis '.*' also varies/);
  await assert.rejects(sweepPlotSvg(serial, { x: 'mu', quantity: 'D_z', separation: 1 }), /--x: 'mu' is not an axis/);
});

test('"couplings": {"to": …} sweeps explicit target sites, equal to computeCouplings with the same targets per point', async () => {
  const file = { model: baseModel(4), axes: { chemicalPotential: [-1, -0.5] }, couplings: { to: '3,2; 2,4' }, engine: 'exact' };
  const def = definition(file);
  assert.deepEqual(def.separations, [1, 2]);
  assert.notEqual(definitionHash(def), definitionHash(definition(sweepFile(4, 'exact', { chemicalPotential: [-1, -0.5] }))));
  const lines = await computeSweep(def, { threads: 1 });
  for (let index = 0; index < 2; index++) {
    const model = parseModel(pointModel(def, pointAt(def.axes, index)));
    const ref = await computeCouplings(model, { targets: parseTargets(model.lattice, '3,2; 2,4'), engine: 'exact', greens: serialGreens, threads: 1 });
    assert.deepEqual(lines[index]!.rows, ref.rows, `point ${index}`);
  }
  const outside = definition({ ...file, couplings: { to: '9,9' } });
  assert.throws(() => sweepPoints(outside, definitionHash(outside)), /couplings\.to/);
});
