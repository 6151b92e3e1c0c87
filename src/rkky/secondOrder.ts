import { extractBlock4, mul4, traceProduct4 } from '../math/block4.js';
import { extractNodes, matmul, timesBlockDiagonal, traceProduct } from '../math/denseComplex.js';
import type { PoleExpansion } from '../solvers/poles.js';
import type { GreensAtEnergy } from '../solvers/greens.js';
import type { Mat3 } from './couplings.js';
import { impurityBlock } from './impurity.js';
import type { KeptLayout } from './impurityDeterminants.js';

/**
 * The second-order (J², Liechtenstein–Katsnelson–Antropov–Gubanov-type)
 * exchange tensor from the same host Green's functions as the exact engine:
 * expanding ln det(1 − G0V) to second order, the only term bilinear in S1 and
 * S2 is −Tr(G12 V2 G21 V1), so
 *   η⁽²⁾_ab = Σ_p W_p Re Tr[G12(i w_p) V2(e_b) G21(i w_p) V1(e_a)],
 * with V(e) the impurity block of a unit spin along e (on every node of the
 * impurity). It is exact to O(J²) and cheap, but misses the strong-coupling
 * (Yu–Shiba–Rusinov) physics that the exact η contains at J = 3t.
 */
export function secondOrderTensor(poles: PoleExpansion, nodes: readonly GreensAtEnergy[], m: number, sep: number, coupling1: number, coupling2: number, layout?: KeptLayout): Mat3 {
  const axes = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const v1 = axes.map((e) => impurityBlock(coupling1, e));
  const v2 = axes.map((e) => impurityBlock(coupling2, e));
  const eta: Mat3 = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const first = layout?.first ?? [0];
  const second = layout?.second[sep] ?? [sep + 1];
  if (first.length === 1 && second.length === 1) {
    const g12 = new Float64Array(32), g21 = new Float64Array(32);
    const t1 = new Float64Array(32), t2 = new Float64Array(32);
    nodes.forEach(({ greens }, p) => {
      extractBlock4(greens, m, first[0]!, second[0]!, g12);
      extractBlock4(greens, m, second[0]!, first[0]!, g21);
      for (let b = 0; b < 3; b++) {
        mul4(g12, v2[b]!, t1);
        mul4(t1, g21, t2);
        for (let a = 0; a < 3; a++) eta[a]![b]! += poles.weights[p]! * traceProduct4(t2, v1[a]!);
      }
    });
    return eta;
  }
  const [n1, n2] = [first.length, second.length];
  const [N1, N2] = [4 * n1, 4 * n2];
  nodes.forEach(({ greens }, p) => {
    const g12 = extractNodes(greens, m, first, second);
    const g21 = extractNodes(greens, m, second, first);
    for (let b = 0; b < 3; b++) {
      // t = G12 V2 G21 (N1×N1); Tr(t V1) with V1 block-diagonal.
      const t = matmul(timesBlockDiagonal(g12, N1, n2, v2[b]!), g21, N1, N2, N1);
      for (let a = 0; a < 3; a++) eta[a]![b]! += poles.weights[p]! * traceProduct(timesBlockDiagonal(t, N1, n1, v1[a]!), identity(N1), N1);
    }
  });
  return eta;
}

const identities = new Map<number, Float64Array>();
function identity(n: number): Float64Array {
  let id = identities.get(n);
  if (!id) {
    id = new Float64Array(2 * n * n);
    for (let d = 0; d < n; d++) id[2 * (n * d + d)] = 1;
    identities.set(n, id);
  }
  return id;
}
