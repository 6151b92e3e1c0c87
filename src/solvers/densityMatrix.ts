/**
 * Thermal one-body density matrix of a BdG host on its stored-block pattern,
 * ρ = f(Ĥ) with f(x) = 1/(e^{x/T} + 1), so that ⟨ψ_b† ψ_a⟩ = ρ_ab and
 * ⟨ψ_a ψ_b†⟩ = [1 − f(Ĥ)]_ab in the BdG basis (DESIGN.md §1,
 * "Self-consistency"), from the engine's pole expansion and selected inversion.
 *
 * Derivation: the expansion T ln cosh(x/2T) ≈ c x² + Σ_p W_p ln(1 + x²/w_p²)
 * differentiated gives ½ tanh(x/2T) ≈ 2c x + Σ_p 2W_p x/(x² + w_p²), and
 * f = ½ − ½ tanh(x/2T). With G(z) = (z − Ĥ)⁻¹ and Ĥ Hermitian,
 * G(iw) + G(iw)† = −2Ĥ/(Ĥ² + w²), hence
 *   f(Ĥ) ≈ ½·1 − 2c Ĥ + Σ_p W_p [G(i w_p) + G(i w_p)†],
 * with the error of the expansion's derivative (poles.ts derivativeError).
 * Only the fields nodes, weights and quadratic of the expansion are used.
 */

import type { BlockSparse } from '../hamiltonian/blockSparse.js';
import type { HostData } from '../host/host.js';
import type { PoleExpansion } from './poles.js';
import { planSchur, type SchurPlan } from './sparse/schur.js';
import { selectedInverse } from './sparse/selectedInverse.js';

export interface DensityMatrixBlocks {
  /** ρ on H's pattern: b×b complex blocks at 2·b²·k (k = stored block index); empty for a diagonal-only DensitySum. */
  readonly blocks: Float64Array;
  /** Diagonal block of node i at 2·b²·i. */
  readonly diagonal: Float64Array;
  /**
   * F = −½ Tr φ_T(Ĥ) (DESIGN.md §1) from the same factorizations:
   * Tr φ_T(Ĥ) ≈ d T ln 2 + c Tr Ĥ² + Σ_p W_p [2 ln|det(i w_p − Ĥ)| − 2d ln w_p], d = b·nodes;
   * T is the expansion's effective temperature.
   */
  readonly freeEnergy: number;
}

/** Index of the stored block (c, r) for every stored block (r, c); −1 if absent. */
export function transposeIndex(h: BlockSparse): Int32Array {
  const out = new Int32Array(h.colIdx.length).fill(-1);
  for (let r = 0; r < h.nSites; r++)
    for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++) {
      const c = h.colIdx[k]!;
      for (let t = h.rowPtr[c]!; t < h.rowPtr[c + 1]!; t++) if (h.colIdx[t] === r) out[k] = t;
    }
  return out;
}

/**
 * f(Ĥ) on the pattern and the diagonal of the host's matrix. `plan` (built
 * with no kept sites) may be passed to reuse the ordering across calls with
 * the same pattern (self-consistency iterations).
 */
export function thermalDensityMatrix(host: HostData, poles: PoleExpansion, plan?: SchurPlan): DensityMatrixBlocks {
  const h = host.matrix;
  const p = plan ?? planSchur(h, host.geometry, []);
  const sum = new DensitySum(h, poles, true);
  for (let q = 0; q < poles.nodes.length; q++) sum.add(q, selectedInverse(p, h, { re: 0, im: poles.nodes[q]! }));
  return sum.finish();
}

/**
 * f(Ĥ) assembled pole by pole from the selected inverses G(i w_p) (in any
 * order, e.g. as worker threads return them); `withBlocks` false keeps only
 * the diagonal blocks (all that the gap equation needs).
 */
export class DensitySum {
  private readonly blocks: Float64Array;
  private readonly diagonal: Float64Array;
  private readonly transpose: Int32Array | null;
  private tracePhi: number;
  private readonly d: number;
  constructor(private readonly h: BlockSparse, private readonly poles: PoleExpansion, private readonly withBlocks: boolean) {
    const b2 = 2 * h.b * h.b;
    this.blocks = new Float64Array(withBlocks ? h.colIdx.length * b2 : 0);
    this.diagonal = new Float64Array(h.nSites * b2);
    this.transpose = withBlocks ? transposeIndex(h) : null;
    this.d = h.b * h.nSites;
    let traceH2 = 0;
    for (let i = 0; i < h.values.length; i++) traceH2 += h.values[i]! * h.values[i]!;
    this.tracePhi = this.d * poles.effectiveTemperature * Math.LN2 + poles.quadratic * traceH2;
  }

  /** Add pole q's term W_q [G + G†] (and its ln|det| to F); `g.blocks` may be omitted without blocks. */
  add(q: number, g: { diagonal: Float64Array; blocks?: Float64Array; logAbsDet: number }): void {
    const w = this.poles.weights[q]!;
    this.tracePhi += w * (2 * g.logAbsDet - 2 * this.d * Math.log(this.poles.nodes[q]!));
    if (this.withBlocks) addHermitian(g.blocks!, this.transpose, this.h.b, w, this.blocks);
    addHermitian(g.diagonal, null, this.h.b, w, this.diagonal);
  }

  finish(): DensityMatrixBlocks {
    const { h, blocks, diagonal } = this;
    const b = h.b;
    const b2 = 2 * b * b;
    // −2c Ĥ on the pattern; ½ on the diagonal (and the diagonal's −2c Ĥ_ii).
    const c2 = 2 * this.poles.quadratic;
    for (let i = 0; i < blocks.length; i++) blocks[i] -= c2 * h.values[i]!;
    for (let r = 0; r < h.nSites; r++)
      for (let k = h.rowPtr[r]!; k < h.rowPtr[r + 1]!; k++) {
        if (h.colIdx[k] !== r) continue;
        for (let i = 0; i < b2; i++) diagonal[r * b2 + i] -= c2 * h.values[k * b2 + i]!;
        if (this.withBlocks) for (let a = 0; a < b; a++) blocks[k * b2 + 2 * (a * b + a)] += 0.5;
      }
    for (let r = 0; r < h.nSites; r++) for (let a = 0; a < b; a++) diagonal[r * b2 + 2 * (a * b + a)] += 0.5;
    return { blocks, diagonal, freeEnergy: -0.5 * this.tracePhi };
  }
}

/**
 * out_k += w·(G_k + (G_{kᵀ})†) block by block; `transpose` null means every
 * block is its own partner (the diagonal blocks).
 */
function addHermitian(g: Float64Array, transpose: Int32Array | null, b: number, w: number, out: Float64Array): void {
  const b2 = 2 * b * b;
  const n = g.length / b2;
  for (let k = 0; k < n; k++) {
    const t = transpose ? transpose[k]! : k;
    for (let x = 0; x < b; x++)
      for (let y = 0; y < b; y++) {
        const o = k * b2 + 2 * (x * b + y);
        out[o] += w * g[o]!;
        out[o + 1] += w * g[o + 1]!;
        if (t < 0) continue;
        const s = t * b2 + 2 * (y * b + x);
        out[o] += w * g[s]!;
        out[o + 1] -= w * g[s + 1]!;
      }
  }
}

/** Spin-resolved local observables of one node from its diagonal block ρ_ii (b = 4, BdG basis c↑, c↓, c†↑, c†↓). */
export interface NodeObservables {
  /** n = Σ_σ ⟨c†_σ c_σ⟩. */
  density: number;
  /** Spin density s = ⟨c† σ c⟩ (Pauli matrices, no factor ½). */
  magnetization: [number, number, number];
  /** Pairing amplitude ⟨c_↓ c_↑⟩ as [re, im]; Δ_s = U·(this) (DESIGN.md §1). */
  pairing: [number, number];
}

/** The observables of node i from the diagonal blocks of ρ = f(Ĥ). */
export function nodeObservables(diagonal: Float64Array, i: number): NodeObservables {
  const o = 32 * i;
  const re = (a: number, c: number) => diagonal[o + 2 * (4 * a + c)]!;
  const im = (a: number, c: number) => diagonal[o + 2 * (4 * a + c) + 1]!;
  // ⟨c†_σ c_τ⟩ = ρ_{τσ}; s_k = Σ σ^k_{στ} ρ_{τσ} = Tr(σ^k ρ_ee).
  const sx = re(1, 0) + re(0, 1);
  const sy = im(1, 0) - im(0, 1);
  const sz = re(0, 0) - re(1, 1);
  // ⟨c↓ c↑⟩ = ⟨ψ_3† ψ_0⟩ = ρ_{03}.
  return { density: re(0, 0) + re(1, 1), magnetization: [sx, sy, sz], pairing: [re(0, 3), im(0, 3)] };
}
