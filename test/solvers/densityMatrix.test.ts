import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockSparse } from '../../src/hamiltonian/blockSparse.js';
import { parseModel } from '../../src/model/model.js';
import { buildHost } from '../../src/model/host.js';
import { spectralBound } from '../../src/hamiltonian/bdg.js';
import { eigh } from '../../src/math/eigh.js';
import { poleExpansion } from '../../src/solvers/poles.js';
import { nodeObservables, thermalDensityMatrix } from '../../src/solvers/densityMatrix.js';
import { prng } from '../rng.js';
import { denseMatrix } from './denseMatrix.js';

/** Σ_n V_an conj(V_bn) g(E_n) from dense eigenvectors. */
function spectralSum(h: BlockSparse, g: (e: number) => number): (a: number, b: number) => [number, number] {
  const n = h.b * h.nSites;
  const { values, vectors } = eigh(denseMatrix(h), n, { vectors: true });
  const w = values.map(g);
  return (a, b) => {
    let re = 0, im = 0;
    for (let k = 0; k < n; k++) {
      const [ar, ai] = [vectors![2 * (a * n + k)]!, vectors![2 * (a * n + k) + 1]!];
      const [br, bi] = [vectors![2 * (b * n + k)]!, -vectors![2 * (b * n + k) + 1]!];
      re += w[k]! * (ar * br - ai * bi);
      im += w[k]! * (ar * bi + ai * br);
    }
    return [re, im];
  };
}

const u = prng(2718);
const r = () => (u() + 1) / 2;
const c = (s: number) => [s * u(), s * u()];

for (const lattice of [{ preset: 'square', shape: [5, 4], periodic: [false, true] }, { preset: 'honeycomb', shape: [3, 3], periodic: [false, false] }])
  test(`f(Ĥ) from poles and selected inversion = dense eigenvector sum (${lattice.preset})`, () => {
    const T = 0.03 + 0.05 * r();
    const model = parseModel({
      lattice,
      hopping: 0.7 + r(),
      chemicalPotential: u(),
      zeeman: [0.2 * u(), 0.2 * u(), 0.3 * u()],
      rashba: 0.3 * r(),
      pairing: { s: c(0.4), p: c(0.2), dVector: 'e_z * p_x' },
      temperature: T,
      impurities: [{ site: [1, 1], spin: [0.2, 0.5, 0.8], coupling: 1.5 }],
    });
    const host = buildHost(model, model.impurities);
    const h = host.matrix;
    const poles = poleExpansion({ temperature: T, bound: spectralBound(h), tolerance: 1e-12 });
    const rho = thermalDensityMatrix(host, poles);
    const fermi = spectralSum(h, (e) => 1 / (Math.exp(e / T) + 1));
    const hole = spectralSum(h, (e) => 1 - 1 / (Math.exp(e / T) + 1));
    const tol = 1e-10;
    for (let i = 0; i < h.nSites; i++) {
      for (let k = h.rowPtr[i]!; k < h.rowPtr[i + 1]!; k++) {
        const j = h.colIdx[k]!;
        for (let x = 0; x < 4; x++)
          for (let y = 0; y < 4; y++) {
            const [re, im] = fermi(4 * i + x, 4 * j + y);
            const o = 2 * (16 * k + 4 * x + y);
            assert.ok(Math.abs(rho.blocks[o]! - re) < tol && Math.abs(rho.blocks[o + 1]! - im) < tol, `ρ(${i},${j})[${x},${y}]`);
          }
      }
      // Observables from their definitions: ⟨c†_σ c_τ⟩ = ρ_τσ, ⟨c↓c↑⟩ = ⟨ψ_1 ψ_2†⟩ = [1 − f]_12.
      const obs = nodeObservables(rho.diagonal, i);
      const nUp = fermi(4 * i, 4 * i)[0], nDn = fermi(4 * i + 1, 4 * i + 1)[0];
      assert.ok(Math.abs(obs.density - nUp - nDn) < tol);
      assert.ok(Math.abs(obs.magnetization[2] - (nUp - nDn)) < tol);
      const updn = fermi(4 * i + 1, 4 * i); // ⟨c†↑ c↓⟩
      assert.ok(Math.abs(obs.magnetization[0] - 2 * updn[0]) < tol && Math.abs(obs.magnetization[1] - 2 * updn[1]) < tol);
      const [pr, pi] = hole(4 * i + 1, 4 * i + 2);
      assert.ok(Math.abs(obs.pairing[0] - pr) < tol && Math.abs(obs.pairing[1] - pi) < tol, `pairing ${obs.pairing} vs ${[pr, pi]}`);
    }
  });
