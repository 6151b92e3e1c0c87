import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paddedGap } from '../../src/solvers/maps.js';
import type { HostData } from '../../src/host/host.js';

test('paddedGap: edges and corners copied from the small solution, its central cell repeated in between; identity at equal size', () => {
  const small = [5, 4, 1] as const;
  const m = 2;
  const gap = Float64Array.from({ length: 2 * 5 * 4 * m }, (_, k) => k);
  const geometry = { shape: [9, 4, 1], nodesPerCell: m } as unknown as HostData['geometry'];
  const out = paddedGap(gap, small, geometry);
  const at = (g: Float64Array, L2: number, a: number, b: number, o: number) => g[2 * ((a * L2 + b) * m + o)];
  // x′ = x for x < 2, the centre 2 for 2 ≤ x < 6, x − 4 for x ≥ 6.
  const expect = [0, 1, 2, 2, 2, 2, 2, 3, 4];
  for (let a = 0; a < 9; a++) for (let b = 0; b < 4; b++) for (let o = 0; o < m; o++) assert.equal(at(out, 4, a, b, o), at(gap, 4, expect[a]!, b, o));
  assert.deepEqual(paddedGap(gap, small, { shape: [5, 4, 1], nodesPerCell: m } as unknown as HostData['geometry']), gap);
});
