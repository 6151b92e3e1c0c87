import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { parseModel } from '../../src/model/model.js';
import { gridSize, parseRangeText, pointAt } from '../../src/sweep/axes.js';
import { definitionHash, parseSweep, pointModel, sweepFileOf, sweepPoints } from '../../src/sweep/definition.js';
import { setAtPath } from '../../src/sweep/keyPath.js';
import { baseModel, sweepFile } from './fixture.js';

test('key paths set object fields, array elements and create missing objects, on a copy', () => {
  const base = { a: { b: [1, 2, [3, 4]] }, c: 1 };
  assert.deepEqual(setAtPath(base, 'a.b.1', 9, 'f'), { a: { b: [1, 9, [3, 4]] }, c: 1 });
  assert.deepEqual(setAtPath(base, 'a.b.2.0', 7, 'f'), { a: { b: [1, 2, [7, 4]] }, c: 1 });
  assert.deepEqual(setAtPath(base, 'x.y', 5, 'f'), { a: { b: [1, 2, [3, 4]] }, c: 1, x: { y: 5 } });
  assert.deepEqual(base, { a: { b: [1, 2, [3, 4]] }, c: 1 });
  assert.throws(() => setAtPath(base, 'a.b.3', 0, 'axes["a.b.3"]'), /axes\["a\.b\.3"\]: '3' is not an index of a\.b/);
  assert.throws(() => setAtPath(base, 'c.d', 0, 'f'), /cannot address 'd' inside c/);
  assert.throws(() => setAtPath(base, 'a..b', 0, 'f'), /expected a key path/);
});

test('ranges A:B:STEP match the CLI grids (12 digits) and lists stay as given', () => {
  assert.deepEqual(parseRangeText('0:0.2:0.05', 'f'), [0, 0.05, 0.1, 0.15, 0.2]);
  assert.deepEqual(parseRangeText('1:4', 'f'), [1, 2, 3, 4]);
  assert.throws(() => parseRangeText('1:x', 'axes["mu"]'), /axes\["mu"\]: expected a list of values or a range/);
  assert.throws(() => parseSweep(sweepFile(1, 'exact', { temperature: [0.1, 0.1] })), /expected distinct values/);
});

test('the grid is the product of the axes, last axis fastest, and each point is the base model with its values set', () => {
  const def = parseSweep(sweepFile(3, 'exact', { chemicalPotential: '-1:0:0.5', 'pairing.p.1': [0.05, 0.1], 'impurities.1.coupling': [1, 2] }));
  assert.equal(gridSize(def.axes), 12);
  assert.deepEqual(pointAt(def.axes, 0), { chemicalPotential: -1, 'pairing.p.1': 0.05, 'impurities.1.coupling': 1 });
  assert.deepEqual(pointAt(def.axes, 1), { chemicalPotential: -1, 'pairing.p.1': 0.05, 'impurities.1.coupling': 2 });
  assert.deepEqual(pointAt(def.axes, 11), { chemicalPotential: 0, 'pairing.p.1': 0.1, 'impurities.1.coupling': 2 });
  const points = sweepPoints(def);
  assert.equal(points.length, 12);
  for (const p of points) {
    const m = parseModel(pointModel(def, p.values));
    assert.equal(m.chemicalPotential, p.values.chemicalPotential);
    assert.equal(m.pairing.p.im, p.values['pairing.p.1']);
    assert.equal(m.impurities[1]!.coupling, p.values['impurities.1.coupling']);
    const base = parseModel(baseModel(3));
    assert.equal(m.rashba, base.rashba);
    assert.deepEqual(m.impurities[2], base.impurities[2]);
  }
  assert.equal(new Set(points.map((p) => p.hash)).size, 12);
});

test('invalid points are reported by name before anything runs', () => {
  const def = parseSweep(sweepFile(1, 'exact', { temperature: [0.01, -1, -2] }));
  assert.throws(() => sweepPoints(def), (e: unknown) => e instanceof InputError && /^point 1 \(temperature=-1\): temperature: expected a non-negative/.test(e.message) && /2 of 3 points are invalid/.test(e.message));
  const typo = parseSweep(sweepFile(1, 'exact', { chemicalPotental: [0, 1] }));
  assert.throws(() => sweepPoints(typo), /point 0 \(chemicalPotental=0\): .*unknown key 'chemicalPotental'/);
  const outside = parseSweep(sweepFile(1, 'exact', { 'impurities.0.site.0': [1, 4] }));
  assert.throws(() => sweepPoints(outside), /point 1 \(impurities\.0\.site\.0=4\): --separations: spin 2 at separation 1/);
  const missing = parseSweep(sweepFile(1, 'exact', { 'impurities.5.coupling': [1] }));
  assert.throws(() => sweepPoints(missing), /'5' is not an index of impurities/);
  assert.throws(() => parseSweep({ ...sweepFile(1, 'exact', {}) }), /axes: expected at least one axis/);
  assert.throws(() => parseSweep({ ...sweepFile(1, 'exact', { temperature: [1] }), engine: 'fast' }), /engine: expected auto, dense or exact/);
});

test('the definition hash ignores key order and formatting, and the self-contained sweep file keeps it', () => {
  const a = parseSweep(sweepFile(2, 'exact', { temperature: '0.01:0.03:0.01', chemicalPotential: [-1, 0] }));
  const reordered = JSON.parse(JSON.stringify(sweepFile(2, 'exact', { temperature: [0.01, 0.02, 0.03], chemicalPotential: [-1, 0] }), (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
  ));
  reordered.axes = { temperature: [0.01, 0.02, 0.03], chemicalPotential: [-1, 0] };
  assert.equal(definitionHash(parseSweep(reordered)), definitionHash(a));
  assert.equal(definitionHash(parseSweep(sweepFileOf(a))), definitionHash(a));
  const b = parseSweep(sweepFile(2, 'exact', { temperature: '0.01:0.03:0.01', chemicalPotential: [-1, 0.5] }));
  assert.notEqual(definitionHash(b), definitionHash(a));
  const axesSwapped = parseSweep(sweepFile(2, 'exact', { chemicalPotential: [-1, 0], temperature: '0.01:0.03:0.01' }));
  assert.notEqual(definitionHash(axesSwapped), definitionHash(a), 'axis order defines the point order');
});
