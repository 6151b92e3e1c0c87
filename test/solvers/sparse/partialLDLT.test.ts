/**
 * The symmetric front kernel (partialLDLT.ts) against the unsymmetric one
 * (partialLU.ts) on random complex-symmetric fronts z·1 − H, H real
 * symmetric, Im z > 0: the same ln|det F11| and the same Schur complement
 * (read from the lower triangle), across panel boundaries (p > 48) and for
 * the pivot rejection that sends a front back to LU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partialLDLT } from '../../../src/solvers/sparse/partialLDLT.js';
import { partialLU } from '../../../src/solvers/sparse/partialLU.js';
import { prng } from '../../rng.js';

function symmetricFront(nf: number, w: number, seed: number): Float64Array {
  const r = prng(seed);
  const f = new Float64Array(2 * nf * nf);
  for (let i = 0; i < nf; i++)
    for (let j = 0; j <= i; j++) {
      const h = i === j ? 3 * r() : r();
      f[2 * (i * nf + j)] = f[2 * (j * nf + i)] = -h;
    }
  for (let i = 0; i < nf; i++) f[2 * (i * nf + i) + 1] = w;
  return f;
}

for (const [nf, p, w] of [[7, 3, 0.5], [60, 40, 0.01], [130, 100, 0.1], [150, 150, 1e-3], [200, 57, 0.3]] as const) {
  test(`LDLᵀ of a ${nf}×${nf} complex-symmetric front over ${p} variables (w = ${w}) matches LU`, () => {
    const a = symmetricFront(nf, w, 100 + nf);
    const b = a.slice();
    const ldlt = partialLDLT(a, nf, p);
    const lu = partialLU(b, nf, p);
    if (Number.isNaN(ldlt)) return; // rejected pivot: the caller falls back to LU (checked below)
    assert.ok(Math.abs(ldlt - lu) <= 1e-12 * Math.max(1, Math.abs(lu)), `ln|det| ${ldlt} vs ${lu}`);
    let scale = 0;
    for (let i = p; i < nf; i++) for (let j = p; j < nf; j++) scale = Math.max(scale, Math.hypot(b[2 * (i * nf + j)], b[2 * (i * nf + j) + 1]));
    for (let i = p; i < nf; i++)
      for (let j = p; j <= i; j++) {
        const o = 2 * (i * nf + j);
        assert.ok(Math.hypot(a[o] - b[o], a[o + 1] - b[o + 1]) <= 1e-11 * scale, `S[${i},${j}]`);
        const t = 2 * (j * nf + i);
        assert.ok(Math.hypot(b[o] - b[t], b[o + 1] - b[t + 1]) <= 1e-11 * scale, 'LU Schur complement symmetric');
      }
  });
}

test('LDLᵀ accepts most random fronts and rejects a zero-diagonal one', () => {
  let accepted = 0;
  for (let s = 0; s < 20; s++) if (!Number.isNaN(partialLDLT(symmetricFront(40, 0.05, s), 40, 30))) accepted++;
  assert.ok(accepted >= 15, `${accepted} of 20 accepted`);
  // [[iε, 1], [1, iε]]: every 1×1 pivot is tiny against its column.
  const f = new Float64Array([0, 1e-6, 1, 0, 1, 0, 0, 1e-6]);
  assert.ok(Number.isNaN(partialLDLT(f, 2, 2)));
});
