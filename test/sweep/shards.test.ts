import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PointInfo } from '../../src/sweep/definition.js';
import { assignShards, parseShard, pointCost, shardPoints } from '../../src/sweep/shards.js';
import { prng } from '../rng.js';

const point = (index: number, nSites: number, temperature = 0.01): PointInfo => ({
  index, values: {}, hash: String(index), model: null, nSites, engine: nSites <= 64 ? 'dense' : 'exact', temperature,
});

test('shards partition the grid: every point in exactly one shard, the same on every call', () => {
  const r = prng(7);
  const points = Array.from({ length: 97 }, (_, k) => point(k, 81 + Math.floor(40 * (r() + 1)) ** 2, 0.001 + 0.01 * (r() + 1)));
  for (const n of [1, 2, 3, 8, 97, 120]) {
    const all = Array.from({ length: n }, (_, i) => shardPoints(points, { index: i, count: n }, 1).map((p) => p.index));
    const flat = all.flat().sort((a, b) => a - b);
    assert.deepEqual(flat, points.map((p) => p.index));
    assert.deepEqual(assignShards(points, n, 1), assignShards([...points], n, 1));
  }
});

test('shards balance the estimated cost within the largest single point (LPT bound)', () => {
  const r = prng(11);
  const points = Array.from({ length: 60 }, (_, k) => point(k, (11 + 2 * Math.floor(20 * (r() + 1))) ** 2));
  const n = 4;
  const owner = assignShards(points, n, 1);
  const load = new Array(n).fill(0);
  points.forEach((p, k) => (load[owner[k]!] += pointCost(p, 1)));
  const biggest = Math.max(...points.map((p) => pointCost(p, 1)));
  assert.ok(Math.max(...load) - Math.min(...load) <= biggest, `loads ${load.join(', ')}`);
  // Equal costs: round-robin in grid order.
  const equal = Array.from({ length: 10 }, (_, k) => point(k, 121));
  assert.deepEqual(assignShards(equal, 3, 1), [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
});

test('--shard I/N is validated', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  for (const bad of ['4/4', '1', '-1/3', 'a/b', '0/0']) assert.throws(() => parseShard(bad), /--shard: expected I\/N with 0 <= I < N/);
});
