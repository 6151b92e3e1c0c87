/** The heatmap renderer, the paper-style charts, and the reproduction's model against examples/paper.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { parseModel } from '../../src/model/model.js';
import { heatmapSpec, heatmapSvg, svgToPng } from '../../src/plot/index.js';
import { paperChartSvg } from '../../src/reproduce/plots.js';
import { centre, FULL_SETUP, grid, paperModel, QUICK_SETUP } from '../../src/reproduce/setup.js';
import { repoRoot } from '../refs.js';

const map = {
  title: 'Map',
  xLabel: 'Δ_s/t',
  yLabel: 'Δ_p/t',
  valueLabel: 'D_z/t',
  x: [0, 0.1, 0.2],
  y: [0, 0.1],
  values: [
    [0, 0, 0],
    [0, 0.008, -0.016],
  ],
};

test('heatmapSvg: headless SVG with labels, a diverging scale centred on zero, PNG-able', async () => {
  const svg = await heatmapSvg(map);
  assert.match(svg, /^<svg/);
  for (const text of ['Map', 'Δ_s/t', 'Δ_p/t', 'D_z/t']) assert.ok(svg.includes(text), text);
  assert.ok(svg.split('<path').length > 6, 'one rect per cell');
  const png = svgToPng(svg);
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const spec = heatmapSpec(map) as unknown as { encoding: { color: { scale: { domain: number[]; domainMid: number } } }; data: { values: { x0: number; x1: number }[] } };
  assert.deepEqual(spec.encoding.color.scale.domain, [-0.016, 0.016]);
  assert.equal(spec.encoding.color.scale.domainMid, 0);
  assert.deepEqual([spec.data.values[0]!.x0, spec.data.values[0]!.x1], [-0.05, 0.05]);
});

test('heatmapSvg rejects a value grid that does not match the axes, or unsorted centres', async () => {
  await assert.rejects(heatmapSvg({ ...map, values: [[0, 0, 0]] }), InputError);
  await assert.rejects(heatmapSvg({ ...map, x: [0, 0.2, 0.1] }), InputError);
});

test('paperChartSvg: integer ticks and a log axis without Vega-Lite warnings', async () => {
  const warn = console.warn;
  const warnings: unknown[] = [];
  console.warn = (...a: unknown[]) => void warnings.push(a);
  try {
    const svg = await paperChartSvg({ xLabel: 'δ/a', yLabel: '|J|', series: [{ name: 'J', x: [1, 2, 3], y: [1e-2, 1e-3, 1e-4] }], logY: true }, { integerX: true });
    assert.match(svg, /^<svg/);
    assert.ok(!svg.includes('>1.5<'), 'no half-integer ticks');
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, []);
});

test("paperModel at the paper's size is examples/paper.json", () => {
  const file = parseModel(JSON.parse(readFileSync(join(repoRoot, 'examples/paper.json'), 'utf8')));
  const ours = parseModel(paperModel({ size: FULL_SETUP.size, temperature: FULL_SETUP.temperature }));
  const strip = (m: ReturnType<typeof parseModel>) => ({ ...m, description: undefined, source: undefined, lattice: [m.lattice.shape, m.lattice.periodic] });
  assert.deepEqual(strip(ours), strip(file));
  assert.equal(centre(101), 50);
  assert.throws(() => centre(100), InputError);
});

test('setups: the paper sizes, grids symmetric about zero, spin 2 inside the lattice', () => {
  for (const s of [FULL_SETUP, QUICK_SETUP]) {
    // Spin 2 stays at least 4 sites off the open edge (a spin on the boundary row has a different environment).
    assert.ok(s.size - 1 - (centre(s.size) + Math.max(...s.separations, ...s.windingSeparations)) >= 4, s.name);
    assert.ok(centre(s.muSize) + Math.max(...s.muSeparations) < s.muSize);
    const mus = s.chemicalPotentials;
    assert.ok(mus.every((m) => mus.some((n) => Math.abs(m + n) < 1e-12)), 'every μ has its −μ');
  }
  assert.deepEqual([FULL_SETUP.size, FULL_SETUP.muSize, FULL_SETUP.temperature], [101, 51, 0.001]);
  assert.deepEqual(grid(-0.2, 0.2, 0.1), [-0.2, -0.1, 0, 0.1, 0.2]);
});
