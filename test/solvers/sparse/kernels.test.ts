import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gemmSub, gemmSubJs } from '../../../src/solvers/sparse/gemm.js';
import { gemmSubReal, gemmSubRealJs } from '../../../src/solvers/sparse/gemmReal.js';
import { invertBordered, invertBorderedJs, partialLU, partialLURect, partialLURectJs } from '../../../src/solvers/sparse/partialLU.js';
import { invertBorderedReal, invertBorderedRealJs, partialLUReal, partialLURealRect, partialLURealRectJs } from '../../../src/solvers/sparse/partialLUReal.js';
import { activeKernels, frontArray, setKernels, wasmKernels, type KernelChoice } from '../../../src/solvers/sparse/wasm/kernels.js';
import { planSchur, schurGreens } from '../../../src/solvers/sparse/schur.js';
import { parseModel } from '../../../src/model/model.js';
import { buildHost } from '../../../src/model/host.js';
import { InputError } from '../../../src/errors.js';
import { prng } from '../../rng.js';
import { withKernels } from './withKernels.js';
import { relDiff } from './compare.js';


const u = prng(2026);
const random = (n: number) => Float64Array.from({ length: n }, () => u());


test('Node 20 has WebAssembly SIMD128: the default kernels are WebAssembly', () => {
  withKernels('auto', () => assert.equal(activeKernels(), 'wasm'));
});

// Sizes around the SIMD width (2 doubles), the micro-tiles (2×2 complex, 4×4 real) and the blocks (KC, MC, NC).
const shapes: [number, number, number][] = [[1, 1, 1], [3, 2, 1], [5, 7, 3], [17, 16, 31], [64, 65, 63], [97, 33, 130], [200, 9, 71], [13, 211, 129], [193, 97, 65], [4, 1601, 9]];

test('WebAssembly GEMM = JavaScript GEMM (complex and real), odd sizes and strided operands', () => {
  withKernels('wasm', () => {
    for (const [m, n, k] of shapes)
      for (const pad of [0, 3]) {
        // A, B, C inside larger arrays with leading dimensions > their widths and non-zero offsets.
        const lda = k + pad, ldb = n + pad, ldc = n + 2 * pad;
        const aOff = pad, bOff = 2 * pad, cOff = pad;
        const a = random(2 * (aOff + m * lda)), b = random(2 * (bOff + k * ldb)), c = random(2 * (cOff + m * ldc));
        const want = c.slice();
        gemmSub(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        gemmSubJs(m, n, k, a, aOff, lda, b, bOff, ldb, want, cOff, ldc);
        assert.ok(relDiff(c, want) <= 1e-13, `complex ${m}×${n}×${k} pad ${pad}: ${relDiff(c, want)}`);
        const ar = random(aOff + m * lda), br = random(bOff + k * ldb), cr = random(cOff + m * ldc);
        const wantR = cr.slice();
        gemmSubReal(m, n, k, ar, aOff, lda, br, bOff, ldb, cr, cOff, ldc);
        gemmSubRealJs(m, n, k, ar, aOff, lda, br, bOff, ldb, wantR, cOff, ldc);
        assert.ok(relDiff(cr, wantR) <= 1e-13, `real ${m}×${n}×${k} pad ${pad}: ${relDiff(cr, wantR)}`);
      }
  });
});

/** A random front whose leading p×p block is well conditioned but needs pivoting (small diagonal). */
function front(nRows: number, ld: number, p: number, ew: 1 | 2): Float64Array {
  const f = random(ew * nRows * ld);
  for (let i = 0; i < p; i++) f[ew * (i * ld + ((i + 1) % p))] += 4;
  return f;
}

test('WebAssembly partial LU = JavaScript partial LU: Schur complement and ln|det| (complex and real)', () => {
  withKernels('wasm', () => {
    for (const [nf, p] of [[1, 1], [2, 1], [9, 9], [11, 4], [50, 49], [63, 17], [97, 60], [130, 130], [151, 101]]) {
      const f = front(nf, nf, p, 2), want = f.slice();
      const d = partialLU(f, nf, p), dWant = partialLURectJs(want, nf, nf, nf, p);
      assert.ok(Math.abs(d - dWant) <= 1e-13 * Math.max(1, Math.abs(dWant)), `complex ln|det| ${nf}/${p}: ${d} vs ${dWant}`);
      const q = nf - p;
      if (q > 0) assert.ok(relDiff(f.subarray(2 * p * nf), want.subarray(2 * p * nf)) <= 1e-13, `complex Schur complement ${nf}/${p}`);
      const fr = front(nf, nf, p, 1), wantR = fr.slice();
      const dr = partialLUReal(fr, nf, p), drWant = partialLURealRectJs(wantR, nf, nf, nf, p);
      assert.ok(Math.abs(dr - drWant) <= 1e-13 * Math.max(1, Math.abs(drWant)), `real ln|det| ${nf}/${p}`);
      if (q > 0) assert.ok(relDiff(fr.subarray(p * nf), wantR.subarray(p * nf)) <= 1e-13, `real Schur complement ${nf}/${p}`);
    }
    // Rectangular fronts with a row stride wider than the columns: every entry (U12 included) agrees.
    for (const [nRows, nCols, ld, p] of [[40, 70, 75, 33], [99, 51, 51, 50], [7, 12, 13, 5]]) {
      const f = front(nRows, ld, p, 2), want = f.slice();
      const d = partialLURect(f, ld, nRows, nCols, p), dWant = partialLURectJs(want, ld, nRows, nCols, p);
      assert.ok(Math.abs(d - dWant) <= 1e-13 * Math.max(1, Math.abs(dWant)));
      assert.ok(relDiff(f, want) <= 1e-13, `complex rect ${nRows}×${nCols}/${p}: ${relDiff(f, want)}`);
      const fr = front(nRows, ld, p, 1), wantR = fr.slice();
      partialLURealRect(fr, ld, nRows, nCols, p);
      partialLURealRectJs(wantR, ld, nRows, nCols, p);
      assert.ok(relDiff(fr, wantR) <= 1e-13, `real rect ${nRows}×${nCols}/${p}`);
    }
  });
});

test('fronts allocated in the module memory are factored in place, and stay correct when the memory grows', () => {
  withKernels('wasm', () => {
    for (const [nf, p] of [[64, 21], [151, 101]]) {
      const src = front(nf, nf, p, 2);
      const f = frontArray(2 * nf * nf);
      f.set(src);
      const want = src.slice();
      const d = partialLU(f, nf, p), dWant = partialLURectJs(want, nf, nf, nf, p);
      assert.ok(Math.abs(d - dWant) <= 1e-13 * Math.abs(dWant));
      assert.ok(relDiff(f.subarray(2 * p * nf), want.subarray(2 * p * nf)) <= 1e-13, `in place ${nf}/${p}`);
    }
    // A copied product larger than anything so far grows the memory: earlier front views detach (read as empty).
    const view = frontArray(16);
    const n = 300;
    const a = random(2 * n * n), c = new Float64Array(2 * n * n);
    gemmSub(n, n, n, a, 0, n, a, 0, n, c, 0, n);
    assert.equal(view.length, 0, 'a view from before the growth is detached');
    assert.equal(frontArray(16).length, 16);
  });
});

test('WebAssembly bordered inverse = JavaScript bordered inverse, and S·S⁻¹ = 1', () => {
  withKernels('wasm', () => {
    for (const n of [1, 2, 3, 47, 48, 49, 101]) {
      const f = new Float64Array(4 * n * n), fr = new Float64Array(2 * n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          f[2 * (2 * n * i + j)] = u() + (i === j ? 3 : 0);
          f[2 * (2 * n * i + j) + 1] = u();
          fr[2 * n * i + j] = u() + (i === j ? 3 : 0);
        }
        f[2 * (2 * n * i + n + i)] = 1;
        fr[2 * n * i + n + i] = 1;
      }
      const s = f.slice(), want = f.slice(), wantR = fr.slice();
      const d = invertBordered(f, n), dWant = invertBorderedJs(want, n);
      assert.ok(Math.abs(d - dWant) <= 1e-13 * Math.max(1, Math.abs(dWant)));
      assert.ok(relDiff(f, want) <= 1e-13, `complex inverse n = ${n}: ${relDiff(f, want)}`);
      invertBorderedReal(fr, n);
      invertBorderedRealJs(wantR, n);
      assert.ok(relDiff(fr, wantR) <= 1e-13, `real inverse n = ${n}`);
      // Independent check: S (left half of the input) times the right half of the output.
      let worst = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let re = 0, im = 0;
          for (let l = 0; l < n; l++) {
            const ar = s[2 * (2 * n * i + l)]!, ai = s[2 * (2 * n * i + l) + 1]!;
            const br = f[2 * (2 * n * l + n + j)]!, bi = f[2 * (2 * n * l + n + j) + 1]!;
            re += ar * br - ai * bi;
            im += ar * bi + ai * br;
          }
          worst = Math.max(worst, Math.abs(re - (i === j ? 1 : 0)), Math.abs(im));
        }
      assert.ok(worst <= 1e-12, `S·S⁻¹ = 1 at n = ${n}: ${worst}`);
    }
  });
});

test('a singular front is the same one-line InputError with either kernels', () => {
  for (const choice of ['wasm', 'js'] as const)
    withKernels(choice, () => {
      const f = new Float64Array(2 * 30 * 30);
      assert.throws(() => partialLU(f, 30, 10), (e: unknown) => e instanceof InputError && e.field === 'z');
      assert.throws(() => partialLUReal(new Float64Array(900), 30, 10), (e: unknown) => e instanceof InputError && e.field === 'z');
    });
});

test('the sparse engine gives the same G_KK and ln|det| with the WebAssembly kernels and with the JavaScript fallback forced', () => {
  const base = {
    lattice: { preset: 'square', shape: [22, 21], periodic: [false, true] },
    hopping: 1,
    chemicalPotential: -1.3,
    zeeman: [0.1, 0, 0.05],
    pairing: { s: [0.2, 0], p: [0, 0.1], dVector: 'e_z * p_x' },
    temperature: 0.05,
    impurities: [{ site: [10, 10], spin: [0.3, -0.5, 0.8], coupling: 1.2 }],
  };
  const plans: [ReturnType<typeof planSchur>, ReturnType<typeof buildHost>][] = [];
  // Rashba: one real Majorana elimination on the imaginary axis, complex b = 4 off it; without: orbital sectors.
  for (const rashba of [0.25, 0]) {
    const model = parseModel({ ...base, rashba, ...(rashba === 0 ? { zeeman: [0, 0, 0.1] } : {}) });
    const host = buildHost(model, model.impurities);
    const kept = [10 * 21 + 10, 10 * 21 + 11, 13 * 21 + 10];
    const plan = planSchur(host.matrix, host.geometry, kept);
    plans.push([plan, host]);
    assert.ok(plan.stats.maxFrontSites >= 20, 'fronts large enough for the WebAssembly path');
    for (const z of [{ re: 0, im: 0.02 }, { re: 0.4, im: 0.05 }]) {
      const wasm = withKernels('wasm', () => schurGreens(plan, host.matrix, z));
      const js = withKernels('js', () => schurGreens(plan, host.matrix, z));
      assert.ok(relDiff(wasm.greens, js.greens) <= 1e-13, `rashba ${rashba}, z = ${z.re}+${z.im}i: G_KK ${relDiff(wasm.greens, js.greens)}`);
      assert.ok(Math.abs(wasm.logAbsDet - js.logAbsDet) <= 1e-13 * Math.abs(js.logAbsDet), `ln|det| ${wasm.logAbsDet} vs ${js.logAbsDet}`);
    }
  }
  // Plans of different front sizes share the thread's front area in turn (a larger one may grow the memory).
  const [small, smallHost] = (() => {
    const model = parseModel({ ...base, lattice: { preset: 'square', shape: [9, 8], periodic: [false, false] }, impurities: [{ site: [4, 4], spin: [0, 0, 1], coupling: 1 }], rashba: 0.25 });
    const host = buildHost(model, model.impurities);
    return [planSchur(host.matrix, host.geometry, [4 * 8 + 4]), host] as const;
  })();
  const z = { re: 0, im: 0.03 };
  const want = withKernels('js', () => schurGreens(small, smallHost.matrix, z));
  for (const [plan, host] of [[small, smallHost], ...plans, [small, smallHost]] as const) {
    const got = withKernels('wasm', () => schurGreens(plan, host.matrix, z));
    if (plan === small) assert.ok(relDiff(got.greens, want.greens) <= 1e-13, 'small plan after a larger one');
  }
});

test('RKKY_KERNELS: a bad value is a one-line InputError naming the variable', () => {
  const kernels = fileURLToPath(new URL('../../../src/solvers/sparse/wasm/kernels.js', import.meta.url));
  const script = `import(${JSON.stringify(kernels)}).then((k) => { try { k.activeKernels(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } })`;
  const r = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, RKKY_KERNELS: 'fast' }, encoding: 'utf8' });
  assert.match(r.stdout.trim(), /^InputError: RKKY_KERNELS: .*auto, wasm, js.*'fast'/);
  assert.throws(() => setKernels('fast' as KernelChoice), (e: unknown) => e instanceof InputError);
});

test('WebAssembly triangular GEMM: every entry on and below the diagonal is exactly the full dgemmSub one', () => {
  withKernels('wasm', () => {
    const w = wasmKernels()!;
    // Sizes around the micro-tile (4), the row block (MC = 96) and the column block (NC = 1536).
    for (const [n, k] of [[1, 1], [5, 3], [97, 130], [130, 64], [1601, 9]] as [number, number][]) {
      const ld = n + 3;
      const s = w.scratch(n * k + k * ld + 2 * n * ld + 8)!;
      const at = 8 * (Math.ceil(s.base / 8) * 8); // s.base in doubles, 64-byte aligned bytes here
      const a = at, b = a + 8 * n * k, c = b + 8 * k * ld, full = c + 8 * n * ld;
      const heap = new Float64Array(w.memory.buffer);
      for (let i = a / 8; i < full / 8 + n * ld; i++) heap[i] = u();
      heap.copyWithin(full / 8, c / 8, c / 8 + n * ld);
      w.dgemmSubLower(n, k, a, k, b, ld, c, ld);
      w.dgemmSub(n, n, k, a, k, b, ld, full, ld);
      const h = new Float64Array(w.memory.buffer);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) assert.equal(h[c / 8 + i * ld + j], h[full / 8 + i * ld + j], `${n}×${k} (${i}, ${j})`);
    }
  });
});
