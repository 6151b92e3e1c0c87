import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { buildHost } from '../../src/model/host.js';
import { eigh } from '../../src/math/eigh.js';
import { freeEnergyFromEigenvalues } from '../../src/solvers/freeEnergy.js';
import { solveGap, withOnsiteGap } from '../../src/solvers/selfConsistent.js';
import { denseMatrix } from './denseMatrix.js';

/**
 * Independent dense solution: Δ_i ← U ⟨ψ_{i,1} ψ_{i,2}†⟩ = U Σ_n V_{1n} conj(V_{2n}) (1 − f(E_n))
 * (⟨c↓c↑⟩ with c↑ = ψ_2†), plain iteration with the gap written into the dense matrix.
 */
function denseGap(base: Float64Array, nodes: number, U: number, T: number, guess: number[]) {
  const n = 4 * nodes;
  let gap = guess.slice();
  for (let it = 0; it < 5000; it++) {
    const a = base.slice();
    const put = (r: number, c: number, re: number, im: number) => {
      a[2 * (r * n + c)] += re;
      a[2 * (r * n + c) + 1] += im;
    };
    for (let i = 0; i < nodes; i++) {
      const [dr, di] = [gap[2 * i]!, gap[2 * i + 1]!];
      put(4 * i, 4 * i + 3, -dr, -di);
      put(4 * i + 1, 4 * i + 2, dr, di);
      put(4 * i + 3, 4 * i, -dr, di);
      put(4 * i + 2, 4 * i + 1, dr, -di);
    }
    const { values, vectors } = eigh(a, n, { vectors: true });
    const next = new Array<number>(2 * nodes).fill(0);
    for (let i = 0; i < nodes; i++)
      for (let k = 0; k < n; k++) {
        const w = U * (1 - 1 / (Math.exp(values[k]! / T) + 1));
        const [ar, ai] = [vectors![2 * ((4 * i + 1) * n + k)]!, vectors![2 * ((4 * i + 1) * n + k) + 1]!];
        const [br, bi] = [vectors![2 * ((4 * i + 2) * n + k)]!, -vectors![2 * ((4 * i + 2) * n + k) + 1]!];
        next[2 * i] += w * (ar * br - ai * bi);
        next[2 * i + 1] += w * (ar * bi + ai * br);
      }
    const change = Math.max(...next.map((x, j) => Math.abs(x - gap[j]!)));
    gap = next;
    if (change < 1e-13) {
      let cond = 0;
      for (let i = 0; i < nodes; i++) cond += (gap[2 * i]! ** 2 + gap[2 * i + 1]! ** 2) / U;
      // F_sc at the converged gap, from a fresh diagonalization.
      return { gap, F: freeEnergyWithGap(base, nodes, gap, T) + cond };
    }
  }
  throw new Error('dense reference did not converge');
}

function freeEnergyWithGap(base: Float64Array, nodes: number, gap: number[], T: number): number {
  const n = 4 * nodes;
  const a = base.slice();
  for (let i = 0; i < nodes; i++) {
    const [dr, di] = [gap[2 * i]!, gap[2 * i + 1]!];
    a[2 * ((4 * i) * n + 4 * i + 3)] -= dr; a[2 * ((4 * i) * n + 4 * i + 3) + 1] -= di;
    a[2 * ((4 * i + 1) * n + 4 * i + 2)] += dr; a[2 * ((4 * i + 1) * n + 4 * i + 2) + 1] += di;
    a[2 * ((4 * i + 3) * n + 4 * i)] -= dr; a[2 * ((4 * i + 3) * n + 4 * i) + 1] += di;
    a[2 * ((4 * i + 2) * n + 4 * i + 1)] += dr; a[2 * ((4 * i + 2) * n + 4 * i + 1) + 1] -= di;
  }
  return freeEnergyFromEigenvalues(eigh(a, n).values, T);
}

test('the on-site gap Δ_ii = −Δ iσ2 is the model builder\'s s-wave term', () => {
  const lattice = { preset: 'square', shape: [3, 3], periodic: [false, false] };
  const withS = buildHost(parseModel({ lattice, chemicalPotential: 0.3, pairing: { s: [0.4, -0.2] } })).matrix;
  const without = buildHost(parseModel({ lattice, chemicalPotential: 0.3 })).matrix;
  const added = withOnsiteGap(without, new Float64Array(18).map((_, k) => (k % 2 === 0 ? 0.4 : -0.2)));
  assert.deepEqual(Array.from(added.values), Array.from(withS.values));
});

const T = 0.05, U = 2.2;
const cases: [string, object][] = [
  ['clean', {}],
  ['one impurity', { impurities: [{ site: [1, 2], spin: [0, 0, 1], coupling: 1.3 }] }],
  ['two impurities with a Zeeman field', { zeeman: [0.05, 0, 0.1], impurities: [{ site: [1, 1], spin: [0, 0, 1], coupling: 1.1 }, { site: [3, 2], spin: [1, 0, 0], coupling: 0.9 }] }],
];
for (const [name, extra] of cases)
  test(`self-consistent gap = dense self-consistent solution (${name})`, () => {
    const model = parseModel({ lattice: { preset: 'square', shape: [5, 4], periodic: [false, false] }, chemicalPotential: -0.4, temperature: T, ...extra });
    const host = buildHost(model, model.impurities);
    const nodes = host.matrix.nSites;
    const guess = Array.from({ length: 2 * nodes }, (_, k) => (k % 2 === 0 ? 0.5 : 0.1));
    const ref = denseGap(denseMatrix(host.matrix), nodes, U, T, guess);
    const sc = solveGap(host, { attraction: U, temperature: T, guess: Float64Array.from(guess), tolerance: 1e-11 });
    assert.ok(sc.converged, `converged (residual ${sc.residual} after ${sc.iterations})`);
    // The phase is free in the clean case only up to the guess; compare gauge-fixed by node 0.
    const phase = (g: ArrayLike<number>) => Math.atan2(g[1]!, g[0]!);
    const rot = phase(ref.gap) - phase(sc.gap);
    for (let i = 0; i < nodes; i++) {
      const re = sc.gap[2 * i]! * Math.cos(rot) - sc.gap[2 * i + 1]! * Math.sin(rot);
      const im = sc.gap[2 * i]! * Math.sin(rot) + sc.gap[2 * i + 1]! * Math.cos(rot);
      assert.ok(Math.hypot(re - ref.gap[2 * i]!, im - ref.gap[2 * i + 1]!) < 1e-8, `${name} Δ(${i}) ${re},${im} vs ${ref.gap[2 * i]},${ref.gap[2 * i + 1]}`);
    }
    assert.ok(Math.abs(sc.freeEnergy - ref.F) < 1e-8 * Math.abs(ref.F), `F_sc ${sc.freeEnergy} vs ${ref.F}`);
    assert.ok(Math.hypot(ref.gap[0]!, ref.gap[1]!) > 0.05, 'a non-trivial gap');
  });
