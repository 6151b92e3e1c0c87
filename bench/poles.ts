/**
 * Pole expansions of φ_T (src/solvers/poles.ts): node counts and construction
 * times per kind at X = 12, tol 1e-10, T = 1e-1 … 1e-4. The node count is the
 * engine's cost driver (one sparse factorisation per node), so the headline is
 * the rational count relative to Ozaki's continued fraction and to the plain
 * Matsubara sum, measured in the same run. Ozaki is capped at 2048 poles and
 * Matsubara at 2^20 terms (the count it would need is then extrapolated from
 * its algebraic error law, error ∝ N^{-3}).
 */
import { poleExpansion, type PoleKind } from '../src/solvers/poles.js';
import { ConvergenceError } from '../src/errors.js';

const TEMPERATURES = [1e-1, 1e-2, 1e-3, 1e-4];
const BOUND = 12;
const TOLERANCE = 1e-10;
const CAPS: Record<PoleKind, number> = { rational: 64, ozaki: 2048, matsubara: 1 << 20 };

interface Row {
  nodes: number;
  /** Nodes needed (extrapolated when capped). */
  needed: number;
  note: string;
  ms: number;
}

function measure(kind: PoleKind, temperature: number): Row {
  const t0 = performance.now();
  try {
    const p = poleExpansion({ temperature, bound: BOUND, tolerance: TOLERANCE, kind, maxNodes: CAPS[kind] });
    const ms = performance.now() - t0;
    const n = p.nodes.length;
    if (p.derivativeError <= TOLERANCE) return { nodes: n, needed: n, note: `err ${p.derivativeError.toExponential(1)}`, ms };
    const needed = Math.ceil(n * Math.cbrt(p.derivativeError / TOLERANCE));
    return { nodes: n, needed, note: `capped, err ${p.derivativeError.toExponential(1)}, needs ≈${needed}`, ms };
  } catch (e) {
    if (!(e instanceof ConvergenceError)) throw e;
    return { nodes: CAPS[kind], needed: Infinity, note: 'not converged', ms: performance.now() - t0 };
  }
}

export async function bench(): Promise<string[]> {
  // JIT warm-up on keys the table does not use (results are cached per key).
  for (const kind of ['rational', 'ozaki'] as const) poleExpansion({ temperature: 0.05, bound: BOUND, tolerance: 1e-9, kind });
  const lines = [`X = ${BOUND}, tol = ${TOLERANCE} (derivative sup-norm); nodes / construction time`];
  lines.push('T       | rational          | ozaki                         | matsubara');
  const ratios: string[] = [];
  for (const T of TEMPERATURES) {
    const r = measure('rational', T);
    const o = measure('ozaki', T);
    const m = measure('matsubara', T);
    const cell = (x: Row, width: number) =>
      (Number.isFinite(x.needed) ? `${x.nodes} (${x.ms.toFixed(0)} ms${x.note.startsWith('err') ? '' : '; ' + x.note})` : `> ${x.nodes} (${x.ms.toFixed(0)} ms)`).padEnd(width);
    lines.push(`${T.toExponential(0).padEnd(7)} | ${cell(r, 17)} | ${cell(o, 29)} | ${cell(m, 0)}`);
    const ozakiRatio = Number.isFinite(o.needed) ? `${(o.needed / r.nodes).toFixed(1)}×` : `> ${(o.nodes / r.nodes).toFixed(0)}×`;
    ratios.push(`T=${T.toExponential(0)}: Ozaki/rational ${ozakiRatio}, Matsubara/rational ${(m.needed / r.nodes).toExponential(1)}×`);
  }
  lines.push(...ratios);
  return lines;
}
