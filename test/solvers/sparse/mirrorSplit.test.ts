/**
 * splitMirror (mirrors.ts) against a straightforward construction written
 * here from the definitions: per sector node the representative's orbit,
 * its row as the sorted union of the orbit's rows mapped to
 * representatives, each block's four parent terms found by search and its
 * coefficients from which ends are fixed nodes; the kept nodes' slots and
 * coefficients. Random mirror-symmetric patterns on random boxes (1–3 axes,
 * odd and even lengths, several nodes per cell), random kept sets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockSparse } from '../../../src/hamiltonian/blockSparse.js';
import { findBlock } from '../../../src/hamiltonian/blockSparse.js';
import { blockImage, hasMirrorValues, hasReducedMirrorValues, maxAbs, mirrorImage, reduceValues, sectorNodeIndex, splitMirror, type CellBox } from '../../../src/solvers/sparse/mirrors.js';
import { prng } from '../../rng.js';

/** Coordinates (cell axes, node within the cell) of node k. */
function coords(box: CellBox, k: number): [number, number, number, number] {
  const m = box.nodesPerCell;
  const [, l2, l3] = box.shape;
  const cell = Math.floor(k / m);
  return [Math.floor(cell / (l2 * l3)), Math.floor(cell / l3) % l2, cell % l3, k % m];
}

/** A random pattern on `box` invariant under the reflection of `axis` (each stored pair's image stored too). */
function randomPattern(box: CellBox, axis: number, seed: number): BlockSparse {
  const r = prng(seed);
  const n = box.shape[0] * box.shape[1] * box.shape[2] * box.nodesPerCell;
  const image = mirrorImage(box, axis);
  const pairs = new Set<number>();
  for (let i = 0; i < n; i++) {
    pairs.add(i * n + i);
    const extra = Math.floor((r() + 1) * 3);
    for (let e = 0; e < extra; e++) {
      const j = Math.min(n - 1, Math.floor(((r() + 1) / 2) * n));
      for (const [a, b] of [[i, j], [image[i]!, image[j]!]]) pairs.add(a! * n + b!);
    }
  }
  const keys = [...pairs].sort((x, y) => x - y);
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(keys.length);
  keys.forEach((key, t) => {
    rowPtr[Math.floor(key / n) + 1]!++;
    colIdx[t] = key % n;
  });
  for (let i = 0; i < n; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return { nSites: n, b: 1, rowPtr, colIdx, values: new Float64Array(0) };
}

/** The sector of the straightforward construction: index of representative node k in the sector of `len` cells. */
function straightforwardSector(h: BlockSparse, box: CellBox, axis: number, kept: number[], odd: boolean) {
  const L = box.shape[axis]!;
  const len = odd ? Math.floor(L / 2) : Math.ceil(L / 2);
  const shape = [...box.shape];
  shape[axis] = len;
  const image = mirrorImage(box, axis);
  const isRep = (k: number) => coords(box, k)[axis]! <= L - 1 - coords(box, k)[axis]!;
  const repOf = (k: number) => (isRep(k) ? k : image[k]!);
  const indexOf = (k: number) => {
    const c = coords(box, k);
    return ((c[0] * shape[1]! + c[1]) * shape[2]! + c[2]) * box.nodesPerCell + c[3];
  };
  const inSector = (k: number) => !(odd && image[repOf(k)] === repOf(k));
  const reps = Array.from({ length: h.nSites }, (_, k) => k).filter((k) => isRep(k) && inSector(k));
  reps.sort((a, b) => indexOf(a) - indexOf(b));
  const rowPtr = [0];
  const colIdx: number[] = [];
  const terms: number[] = [];
  const coefs: number[] = [];
  for (const i of reps) {
    const mi = image[i]!;
    const cols = new Set<number>();
    for (const u of new Set([i, mi])) for (let k = h.rowPtr[u]!; k < h.rowPtr[u + 1]!; k++) if (inSector(h.colIdx[k]!)) cols.add(indexOf(repOf(h.colIdx[k]!)));
    for (const q of [...cols].sort((a, b) => a - b)) {
      const j = reps.find((x) => indexOf(x) === q)!;
      const mj = image[j]!;
      const fi = mi === i, fj = mj === j;
      colIdx.push(q);
      terms.push(findBlock(h, i, j), fi || fj ? -1 : findBlock(h, mi, mj), fj ? -1 : findBlock(h, i, mj), fi ? -1 : findBlock(h, mi, j));
      coefs.push(fi && fj ? 1 : fi || fj ? Math.SQRT1_2 : 0.5, fi && fj ? 0 : fi || fj ? Math.SQRT1_2 : odd ? -0.5 : 0.5);
    }
    rowPtr.push(colIdx.length);
  }
  const sectorKept: number[] = [];
  for (const k of kept) if (inSector(k) && !sectorKept.includes(indexOf(repOf(k)))) sectorKept.push(indexOf(repOf(k)));
  return { shape, rowPtr, colIdx, terms, coefs, kept: sectorKept, indexOf, inSector, repOf };
}

test('splitMirror equals a straightforward construction on random mirror-symmetric patterns, boxes and kept sets', () => {
  const r = prng(20261202);
  for (let trial = 0; trial < 40; trial++) {
    const dims = 1 + (trial % 3);
    const shape: [number, number, number] = [1, 1, 1];
    for (let a = 3 - dims; a < 3; a++) shape[a] = 2 + Math.floor((r() + 1) * 2.5);
    const box: CellBox = { shape, periodic: [false, false, false], nodesPerCell: 1 + Math.floor((r() + 1) * 1.5) };
    const axes = [0, 1, 2].filter((a) => shape[a]! >= 2);
    const axis = axes[Math.floor(((r() + 1) / 2) * axes.length)]!;
    const h = randomPattern(box, axis, 1000 + trial);
    const kept = Array.from({ length: 1 + Math.floor((r() + 1) * 3) }, () => Math.floor(((r() + 1) / 2) * (h.nSites - 1)));
    const split = splitMirror(h, box, axis, kept);
    const label = `trial ${trial}: shape ${shape.join('×')}, ${box.nodesPerCell} nodes per cell, axis ${'xyz'[axis]}`;
    const sides = [false, true].map((odd) => straightforwardSector(h, box, axis, kept, odd));
    for (const [s, sec] of [split.even, split.odd].entries()) {
      const ref = sides[s]!;
      assert.deepEqual([...sec.box.shape], ref.shape, label);
      assert.deepEqual([...sec.pattern.rowPtr], ref.rowPtr, label);
      assert.deepEqual([...sec.pattern.colIdx], ref.colIdx, label);
      assert.deepEqual([...sec.terms], ref.terms, label);
      assert.deepEqual([...sec.coefs], ref.coefs, label);
      assert.deepEqual(sec.kept, ref.kept, label);
    }
    const [even, odd] = sides;
    const index = sectorNodeIndex(box, axis, split.image);
    kept.forEach((k, x) => {
      const fixed = split.image[k] === k;
      const rep = even!.repOf(k) === k;
      assert.equal(split.kept.evenSlot[x], even!.kept.indexOf(even!.indexOf(even!.repOf(k))), label);
      assert.equal(split.kept.evenCoef[x], fixed ? 1 : Math.SQRT1_2, label);
      assert.equal(split.kept.oddSlot[x], fixed ? -1 : odd!.kept.indexOf(odd!.indexOf(odd!.repOf(k))), label);
      if (!fixed) assert.equal(split.kept.oddCoef[x], rep ? Math.SQRT1_2 : -Math.SQRT1_2, label);
    });
    for (let k = 0; k < h.nSites; k++) {
      assert.equal(index.even[k], even!.indexOf(even!.repOf(k)), label);
      assert.equal(index.odd[k], odd!.inSector(k) ? odd!.indexOf(odd!.repOf(k)) : -1, label);
    }
  }
});

test('hasReducedMirrorValues decides as hasMirrorValues on the built sector values: exact copies, perturbations below and above the tolerance, random values', () => {
  const r = prng(7);
  const outcomes = [0, 0];
  for (let trial = 0; trial < 30; trial++) {
    // A box symmetric under x and y; the sectors of the y split are tested for x.
    const shape: [number, number, number] = [1, 2 + (trial % 4), 3 + (trial % 3)];
    const box: CellBox = { shape, periodic: [false, false, false], nodesPerCell: 1 };
    const h0 = randomPattern(box, 2, 300 + trial);
    // Symmetrize the pattern under axis 1 too, then give values invariant under both reflections.
    const img1 = mirrorImage(box, 1), img2 = mirrorImage(box, 2);
    const n = h0.nSites;
    const pairs = new Set<number>();
    for (let i = 0; i < n; i++)
      for (let k = h0.rowPtr[i]!; k < h0.rowPtr[i + 1]!; k++) {
        const j = h0.colIdx[k]!;
        for (const [a, b] of [[i, j], [img1[i]!, img1[j]!], [img2[i]!, img2[j]!], [img1[img2[i]!]!, img1[img2[j]!]!]]) pairs.add(a! * n + b!);
      }
    const keys = [...pairs].sort((x, y) => x - y);
    const rowPtr = new Int32Array(n + 1), colIdx = new Int32Array(keys.length);
    keys.forEach((key, t) => {
      rowPtr[Math.floor(key / n) + 1]!++;
      colIdx[t] = key % n;
    });
    for (let i = 0; i < n; i++) rowPtr[i + 1]! += rowPtr[i]!;
    const blockLen = 2;
    const values = new Float64Array(keys.length * blockLen);
    const orbit = (i: number, j: number) => Math.min(...[[i, j], [img1[i]!, img1[j]!], [img2[i]!, img2[j]!], [img1[img2[i]!]!, img1[img2[j]!]!]].map(([a, b]) => a! * n + b!));
    const valueOf = new Map<number, number[]>();
    keys.forEach((key, t) => {
      const o = orbit(Math.floor(key / n), key % n);
      if (!valueOf.has(o)) valueOf.set(o, [r(), r()]);
      values.set(valueOf.get(o)!, t * blockLen);
    });
    const kind = trial % 3;
    if (kind > 0) values[Math.floor(((r() + 1) / 2) * values.length)]! += kind === 1 ? 1e-16 : 1e-6;
    if (trial % 5 === 4) for (let e = 0; e < values.length; e++) values[e] = r();
    const h: BlockSparse = { nSites: n, b: 1, rowPtr, colIdx, values };
    const split = splitMirror(h, box, 2, [0]);
    for (const sec of [split.even, split.odd]) {
      if (sec.box.shape[1]! < 2) continue;
      const blocks = blockImage(sec.pattern, mirrorImage(sec.box, 1));
      assert.ok(blocks, `trial ${trial}: the sector pattern is x-symmetric`);
      const built = reduceValues(sec, values, blockLen);
      const expected = hasMirrorValues(built, blockLen, blocks);
      assert.equal(hasReducedMirrorValues(sec, values, blockLen, blocks, maxAbs(values)), expected, `trial ${trial} (${['exact', 'below tolerance', 'above tolerance'][kind]}${trial % 5 === 4 ? ', random values' : ''})`);
      if (kind === 0 && trial % 5 !== 4) assert.equal(expected, true, `trial ${trial}: an exactly symmetric host's sectors are symmetric`);
      // A perturbation on a block its reflection maps to itself breaks nothing: only count the outcomes.
      outcomes[expected ? 1 : 0]++;
    }
  }
  assert.ok(outcomes[0]! > 5 && outcomes[1]! > 5, `both outcomes occur (asymmetric ${outcomes[0]}, symmetric ${outcomes[1]})`);
});
