/** The builder's block table against a Map on random keys (collisions, growth, repeated blocks). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlockTable } from '../../src/hamiltonian/blockTable.js';
import { prng } from '../rng.js';

test('BlockTable: the slot of every (i, j) as a Map numbers them, across growth; absent blocks −1', () => {
  for (const [seed, n, count] of [[1, 10, 500], [2, 100000, 20000], [3, 2 ** 30, 5000]] as const) {
    const r = prng(seed);
    const table = new BlockTable();
    const map = new Map<string, number>();
    const keys: [number, number][] = [];
    for (let k = 0; k < count; k++) {
      const i = Math.floor(((r() + 1) / 2) * n), j = Math.floor(((r() + 1) / 2) * n);
      keys.push([i, j]);
      const key = `${i},${j}`;
      if (!map.has(key)) map.set(key, map.size);
      assert.equal(table.slot(i, j), map.get(key));
    }
    assert.equal(table.size, map.size);
    for (const [i, j] of keys) assert.equal(table.get(i, j), map.get(`${i},${j}`));
    for (let k = 0; k < 200; k++) {
      const i = n + k, j = k;
      assert.equal(table.get(i, j), -1);
    }
  }
});
