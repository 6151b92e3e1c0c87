/**
 * An independent infinite-lattice calculation for the tests (no mesh, no
 * solver code): the normal square lattice ε(k) = −μ − 2t(cos k_x + cos k_y).
 *
 * Chain Green's function by residues: for z' off the real axis,
 *   G_chain(y, z') = ∫ dk/2π e^{iky} / (z' + 2t cos k) = ζ^{|y|} / (t(ζ − 1/ζ)),
 * ζ the root of t ζ² + z' ζ + t = 0 with |ζ| < 1. Then
 *   G(x, y; z) = (1/π) ∫_0^π dk_x cos(k_x x) G_chain(y, z + μ + 2t cos k_x),
 * integrated by adaptive Gauss–Kronrod with the chain band edges
 * (Re z' = ±2t) and geometric breakpoints around them.
 */
import { integrateVector } from '../src/math/quadrature.js';

/** ζ and 1/(t(ζ − 1/ζ)) for z' = (zr, zi). */
function chainRoot(zr: number, zi: number, t: number): { zeta: [number, number]; g0: [number, number] } {
  // ζ = (−z' ± √(z'² − 4t²)) / 2t
  const ar = zr * zr - zi * zi - 4 * t * t, ai = 2 * zr * zi;
  const mod = Math.hypot(ar, ai);
  let sr = Math.sqrt(Math.max(0, (mod + ar) / 2)), si = Math.sqrt(Math.max(0, (mod - ar) / 2));
  if (ai < 0) si = -si;
  let zeta: [number, number] = [(-zr + sr) / (2 * t), (-zi + si) / (2 * t)];
  if (Math.hypot(...zeta) > 1) zeta = [(-zr - sr) / (2 * t), (-zi - si) / (2 * t)];
  const m2 = zeta[0] * zeta[0] + zeta[1] * zeta[1];
  // ζ − 1/ζ
  const dr = zeta[0] - zeta[0] / m2, di = zeta[1] + zeta[1] / m2;
  const dm = t * (dr * dr + di * di);
  return { zeta, g0: [dr / dm, -di / dm] };
}

/** G(R_i, i w) for the displacements [x, y] (interleaved re, im per displacement). */
export function squareLatticeGreens(displacements: readonly (readonly [number, number])[], w: number, mu: number, t = 1): Float64Array {
  const n = displacements.length;
  const breaks: number[] = [];
  for (const edge of [2 * t, -2 * t]) {
    const c = (edge - mu) / (2 * t);
    if (c > -1 && c < 1) {
      // The chain's square-root band edge, smoothed on the scale w: geometric breakpoints around it.
      const k0 = Math.acos(c);
      breaks.push(k0);
      for (let e = 1; e <= 15; e++) for (const k of [k0 - 10 ** -e, k0 + 10 ** -e]) if (k > 0 && k < Math.PI) breaks.push(k);
    }
  }
  breaks.sort((a, b) => a - b);
  const r = integrateVector(
    (kx, out) => {
      const { zeta, g0 } = chainRoot(mu + 2 * t * Math.cos(kx), w, t);
      for (let i = 0; i < n; i++) {
        const [x, y] = displacements[i]!;
        let vr = g0[0], vi = g0[1];
        for (let s = 0; s < Math.abs(y); s++) [vr, vi] = [vr * zeta[0] - vi * zeta[1], vr * zeta[1] + vi * zeta[0]];
        const c = Math.cos(kx * x) / Math.PI;
        out[2 * i] = c * vr;
        out[2 * i + 1] = c * vi;
      }
    },
    2 * n,
    0,
    Math.PI,
    { breakpoints: breaks, relTol: 1e-10, absTol: 1e-14, maxEvaluations: 2e6 },
  );
  return r.value;
}

/** ln|det| of a small complex matrix (interleaved, row-major) by Gaussian elimination with partial pivoting. */
export function logAbsDet(n: number, a: Float64Array): number {
  const m = a.slice();
  let s = 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.hypot(m[2 * (r * n + c)]!, m[2 * (r * n + c) + 1]!) > Math.hypot(m[2 * (p * n + c)]!, m[2 * (p * n + c) + 1]!)) p = r;
    for (let k = 0; k < 2 * n; k++) [m[2 * c * n + k], m[2 * p * n + k]] = [m[2 * p * n + k]!, m[2 * c * n + k]!];
    const dr = m[2 * (c * n + c)]!, di = m[2 * (c * n + c) + 1]!;
    s += Math.log(Math.hypot(dr, di));
    const dm = dr * dr + di * di;
    for (let r = c + 1; r < n; r++) {
      const xr = m[2 * (r * n + c)]!, xi = m[2 * (r * n + c) + 1]!;
      const fr = (xr * dr + xi * di) / dm, fi = (xi * dr - xr * di) / dm;
      for (let k = c; k < n; k++) {
        const ur = m[2 * (c * n + k)]!, ui = m[2 * (c * n + k) + 1]!;
        m[2 * (r * n + k)] -= fr * ur - fi * ui;
        m[2 * (r * n + k) + 1] -= fr * ui + fi * ur;
      }
    }
  }
  return s;
}

const DIRS = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, 0, 0], [0, -1, 0], [0, 0, -1]];

/**
 * η_ab of two spins (coupling J, H' = −(J/2) S·σ on each site) at separation
 * [x, y] of the normal square lattice, from the 36 configurations with the
 * pole expansion {w_p, W_p}: ΔF = const − Σ_p W_p · 2 ln|det(1 − g(i w_p) V)|
 * (electrons only, 2 sites × 2 spins; the hole half of the BdG determinant is its
 * complex conjugate, hence the factor 2).
 */
export function squareLatticeEta(sep: readonly [number, number], J: number, mu: number, nodes: Float64Array, weights: Float64Array): number[][] {
  const F = new Float64Array(36);
  for (let p = 0; p < nodes.length; p++) {
    const g = squareLatticeGreens([[0, 0], sep], nodes[p]!, mu);
    const g0: [number, number] = [g[0]!, g[1]!], g1: [number, number] = [g[2]!, g[3]!]; // G(R) = G(−R) here
    for (let s1 = 0; s1 < 6; s1++)
      for (let s2 = 0; s2 < 6; s2++) {
        // V_i = −(J/2) S_i·σ (2×2 complex)
        const v = [DIRS[s1]!, DIRS[s2]!].map(([sx, sy, sz]) => [[-J / 2 * sz!, 0, -J / 2 * sx!, J / 2 * sy!], [-J / 2 * sx!, -J / 2 * sy!, J / 2 * sz!, 0]]);
        // M = 1 − G V, 4×4 over (site, spin): block (i, j) = δ_ij − g(r_j − r_i) V_j
        const M = new Float64Array(32);
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 2; j++) {
            const gg = i === j ? g0 : g1;
            for (let a = 0; a < 2; a++)
              for (let c = 0; c < 2; c++) {
                const vr = v[j]![a]![2 * c]!, vi = v[j]![a]![2 * c + 1]!;
                const idx = 2 * ((2 * i + a) * 4 + 2 * j + c);
                M[idx] = (i === j && a === c ? 1 : 0) - (gg[0] * vr - gg[1] * vi);
                M[idx + 1] = -(gg[0] * vi + gg[1] * vr);
              }
          }
        F[6 * s1 + s2] -= weights[p]! * 2 * logAbsDet(4, M);
      }
  }
  const f = (s1: number, s2: number) => F[6 * s1 + s2]!;
  return [0, 1, 2].map((a) => [0, 1, 2].map((b) => (f(a, b) - f(a, b + 3) - f(a + 3, b) + f(a + 3, b + 3)) / 4));
}
