import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineChartSvg, writeFigure, writeFileAtomic } from '../../src/plot/index.js';
import { InputError } from '../../src/errors.js';

const chart = {
  title: 'Test chart',
  xLabel: 'R',
  yLabel: 'J(R)',
  series: [
    { name: 'a', x: [1, 2, 3], y: [1, -0.5, 0.25] },
    { name: 'b', x: Float64Array.of(1, 2, 3), y: Float64Array.of(0.1, NaN, 0.3) },
  ],
};

test('lineChartSvg renders headless SVG with title, axis labels and legend', async () => {
  const svg = await lineChartSvg(chart);
  assert.match(svg, /^<svg/);
  for (const text of ['Test chart', 'J(R)', '>R<', '>a<', '>b<']) assert.ok(svg.includes(text), text);
  const log = await lineChartSvg({ ...chart, logX: true, logY: true, points: true, width: 200, height: 100 });
  assert.match(log, /^<svg/);
});

test('lineChartSvg rejects mismatched series', async () => {
  await assert.rejects(lineChartSvg({ xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: [1, 2], y: [1] }] }), InputError);
  await assert.rejects(lineChartSvg({ xLabel: 'x', yLabel: 'y', series: [] }), InputError);
});

test('writeFigure writes .svg and .png atomically and rejects other extensions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rkky-plot-'));
  try {
    const svg = await lineChartSvg(chart);
    await writeFigure(join(dir, 'f.svg'), svg);
    assert.equal(readFileSync(join(dir, 'f.svg'), 'utf8'), svg);
    await writeFigure(join(dir, 'f.PNG'), svg);
    const png = readFileSync(join(dir, 'f.PNG'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await assert.rejects(writeFigure(join(dir, 'f.pdf'), svg), (e: unknown) => e instanceof InputError && e.message.includes('f.pdf'));
    await writeFileAtomic(join(dir, 'f.svg'), 'replaced');
    assert.equal(readFileSync(join(dir, 'f.svg'), 'utf8'), 'replaced');
    assert.deepEqual(readdirSync(dir).sort(), ['f.PNG', 'f.svg'], 'no temporary files left behind');
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'x.svg'), 'x'));
    assert.deepEqual(readdirSync(dir).sort(), ['f.PNG', 'f.svg']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
