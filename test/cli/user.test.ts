/**
 * The command line as a new user meets it: built-in example names, the
 * papercuts of the first contact (single separations, named options, output
 * keys, metadata in tables and CSV, one number format per column), LDOS
 * spin columns and maps, and the plot options.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatRows } from '../../src/cli/output.js';
import { lineChartSpec } from '../../src/plot/index.js';
import { modelFile, rkky, tempPath } from './run.js';

const tiny = { lattice: { shape: [7, 5] }, chemicalPotential: -1, pairing: { s: 0.2 }, temperature: 0.01, impurities: [{ site: [1, 2], spin: [0, 0, 1], coupling: 2 }] };

test('built-in example names work as model arguments; unknown names list the built-in ones', () => {
  const r = rkky(['energy', 'normal-chain', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.matrixSize, 240, '4N for the 60-site chain');
  assert.ok(!('dimension' in out));
  const bad = rkky(['couplings', 'papr', '--separations', '1']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^rkky: papr: no such file and no built-in example of that name \(built-in: couplings-sip-demo, graphene, normal-chain, paper, silicon, small-sip; see rkky examples\)\n$/);
  const list = rkky(['examples']);
  assert.match(list.stdout, /^small-sip +A small version/m);
  assert.equal(rkky(['examples', 'nope']).code, 2);
});

test('--separations 5 is one separation; scan --separation 0 names --separation', () => {
  const r = rkky(['couplings', modelFile(tiny), '--separations', '3', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).rows.map((row: { separation: number }) => row.separation), [3]);
  const scan = rkky(['scan', modelFile(tiny), '--separation', '0']);
  assert.equal(scan.code, 2);
  assert.match(scan.stderr, /^rkky: --separation: expected a positive integer, got '0'/);
});

test('couplings: --second-order in the table and CSV, --raw noted outside JSON; --plot --scale log / --envelope', () => {
  const model = modelFile(tiny);
  const table = rkky(['couplings', model, '--separations', '1:2', '--second-order', '--engine', 'exact']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /# second order \(J², LKAG-type\):/);
  const csv = rkky(['couplings', model, '--separations', '1:2', '--second-order', '--engine', 'exact', '--csv']);
  const [head, first] = csv.stdout.trim().split('\n');
  assert.ok(head!.endsWith(',J2_x,J2_y,J2_z,D2_x,D2_y,D2_z'));
  assert.equal(first!.split(',').length, head!.split(',').length);
  const raw = rkky(['couplings', model, '--separations', '1', '--raw', '--csv']);
  assert.match(raw.stderr, /--raw: the 36 free energies .* --json only/);
  const log = tempPath('log.svg'), env = tempPath('env.svg');
  assert.equal(rkky(['couplings', model, '--separations', '1:3', '--plot', log, '--scale', 'log']).code, 0);
  assert.match(readFileSync(log, 'utf8'), /\|J_x\|/);
  assert.equal(rkky(['couplings', model, '--separations', '1:3', '--plot', env, '--envelope']).code, 0);
  assert.match(readFileSync(env, 'utf8'), /\|J_x\|·δ²/);
  assert.match(rkky(['couplings', model, '--separations', '1', '--scale', 'cubic']).stderr, /^rkky: --scale: expected linear or log/);
});

test('ldos: spin-resolved column, normalization stated, a map over a region with a heatmap, one-line errors', () => {
  const model = modelFile({ ...tiny, impurities: [{ site: [3, 2], spin: [0, 0, 1], coupling: 2 }] });
  const r = rkky(['ldos', model, '--energies', '-0.1:0.1:0.1', '--spin', 'z', '--csv']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'omega,electron,hole,spin_z');
  const json = JSON.parse(rkky(['ldos', model, '--energies', '0.1', '--json']).stdout);
  const p = json.rows[0];
  assert.ok(Math.abs(p.up + p.down - p.electron) < 1e-12 && Math.abs(p.spin[2] - (p.up - p.down)) < 1e-12);
  assert.equal(Number(lines[3]!.split(',')[3]), JSON.parse(rkky(['ldos', model, '--energies', '0.1', '--json']).stdout).rows[0].spin[2]);
  const svg = tempPath('map.svg');
  const map = rkky(['ldos', model, '--region', '2:4,1:3', '--energy', '0.1', '--json', '--plot', svg]);
  assert.equal(map.code, 0, map.stderr);
  const rows = JSON.parse(map.stdout).rows;
  assert.equal(rows.length, 9);
  const centre = rows.find((row: { site: number[] }) => row.site[0] === 3 && row.site[1] === 2);
  assert.ok(Math.abs(centre.electron - p.electron) < 1e-10, 'the map at the impurity equals its LDOS');
  assert.ok(existsSync(svg) && readFileSync(svg, 'utf8').includes('ρ_e'));
  assert.match(rkky(['ldos', model, '--region', '0:3,0:3']).stderr, /^rkky: --energy: a map needs both --region and --energy\n$/);
  assert.match(rkky(['ldos', model, '--spin', 'w']).stderr, /^rkky: --spin: expected up, down, x, y or z, got 'w'\n$/);
  assert.match(rkky(['ldos', model, '--region', '0:9,0:3', '--energy', '0']).stderr, /^rkky: --region/);
});

test('spins minimize prints no azimuth for a spin along ±z', () => {
  const file = tempPath('one-spin.json');
  writeFileSync(file, JSON.stringify({ spins: [{ position: [0, 0, 0] }], pairs: [], field: [0, 0, 0.5] }));
  const r = rkky(['spins', 'minimize', file, '--starts', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1\.000000 +0\.0 +—\n/);
});

test('tables and CSV carry the metadata lines; one number format per table column; no trailing empty CSV field', () => {
  const rows = [
    { R: 1, J: 0.5, chi: 1e-7, name: 'a' },
    { R: 2, J: 0.25, chi: 3e-5, name: 'b' },
  ];
  const meta = { crossoverDistance: 2.08, units: { R: 'Å', J: 'eV' } };
  const csv = formatRows(rows, 'csv', meta).split('\n');
  assert.deepEqual(csv.slice(0, 3), ['# crossoverDistance: 2.08', '# units: R = Å, J = eV', 'R,J,chi,name']);
  assert.ok(csv.every((l) => !l.endsWith(',')));
  const table = formatRows(rows, 'table', meta).trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/));
  assert.deepEqual(table.map((c) => c[0]), ['R', '1', '2']);
  assert.deepEqual(table.map((c) => c[2]), ['chi', '1.00000e-7', '3.00000e-5'], 'the whole column in exponential notation');
  assert.deepEqual(table.map((c) => c[1]), ['J', '0.500000', '0.250000'], 'the whole column in fixed notation');
  const doniach = rkky(['continuum', 'doniach', '--dim', '3', '--kf', '1', '--coupling', '2', '--r', '1:2', '--csv']);
  assert.match(doniach.stdout, /^# kondoTemperature: [\d.e-]+\n# crossoverDistance: [\d.]+\nR,J,absJ,TK,winner\n/);
});

test('line charts: dashed series, markers-only series, error bars, round-off drawn as zero', () => {
  const spec = lineChartSpec({
    xLabel: 'x', yLabel: 'y', roundOff: 1e-13,
    series: [
      { name: 'J_x', x: [1, 2], y: [1, 2e-17] },
      { name: 'J_y', x: [1, 2], y: [1, 2], dash: true },
      { name: 'left out', x: [3], y: [4], lines: false },
      { name: 'MC', x: [1, 2], y: [1, 2], errors: [0.1, 0] },
    ],
  }) as unknown as { data: { values: { series: string; y: number; dash: string; lines: boolean; lo?: number; hi?: number }[] }; layer: { mark: { type: string } }[] };
  const values = spec.data.values;
  assert.equal(values.find((v) => v.series === 'J_x' && v.y !== 1)!.y, 0, 'round-off shows as zero');
  assert.ok(values.filter((v) => v.series === 'J_y').every((v) => v.dash === 'dashed'));
  assert.equal(values.find((v) => v.series === 'left out')!.lines, false);
  const mc = values.filter((v) => v.series === 'MC');
  assert.deepEqual([mc[0]!.lo, mc[0]!.hi, mc[1]!.lo], [0.9, 1.1, undefined]);
  assert.deepEqual(spec.layer.map((l) => l.mark.type), ['line', 'point', 'rule']);
});
