import assert from 'node:assert/strict';
import { parseModel } from '../../src/model/model.js';
import { separationSweep, type Axis } from '../../src/rkky/problem.js';
import { denseConfigurationEnergies } from '../../src/rkky/denseEngine.js';
import { exactConfigurationEnergies, type ExactOptions } from '../../src/rkky/exactEngine.js';
import { extractCouplings } from '../../src/rkky/couplings.js';

/**
 * Compare the exact engine with dense diagonalization on all 36 configurations
 * of every separation: F0 to 1e-9 relative, ΔF to 1e-9 of its spread over the
 * configurations (+1e-13), η and μ to 1e-8 of max|η|.
 */
export async function compareEngines(
  input: object,
  separations: number[],
  direction: Axis = 'x',
  poles?: ExactOptions['poles'],
  label = '',
  /** Relative F0 tolerance: looser at T = 0 on hosts with exact zero modes, each of which may err by ≈ 0.04·ZERO_MODE_RESOLUTION·X0. */
  f0Tolerance = 1e-9,
  /** Absolute floor for ΔF, η and μ: the dense reference's own rounding, ≈ 1e-16·‖H‖·dim, matters for strong exchange. */
  etaFloor = 0,
): Promise<void> {
  const model = parseModel(input);
  const problem = separationSweep(model, separations, direction);
  const [dense, exact] = await Promise.all([
    denseConfigurationEnergies(problem, { threads: 1 }),
    exactConfigurationEnergies(problem, { threads: 1, poles }),
  ]);
  for (let s = 0; s < separations.length; s++) {
    const at = `${label} δ=${separations[s]}`;
    const d = dense[s]!, e = exact[s]!;
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    const [md, me] = [mean(d), mean(e)];
    assert.ok(Math.abs(md - me) <= f0Tolerance * Math.abs(md), `${at} F0: exact ${me} vs dense ${md}`);
    const spread = Math.max(...d.map((x) => Math.abs(x - md)));
    for (let k = 0; k < 36; k++)
      assert.ok(Math.abs(e[k]! - me - (d[k]! - md)) <= 1e-9 * spread + Math.max(1e-13, etaFloor), `${at} ΔF[${k}]: exact ${e[k]! - me} vs dense ${d[k]! - md}`);
    const [cd, ce] = [extractCouplings(d), extractCouplings(e)];
    const scale = Math.max(...cd.eta.flat().map(Math.abs)) + etaFloor / 1e-8;
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) assert.ok(Math.abs(cd.eta[a]![b]! - ce.eta[a]![b]!) <= 1e-8 * scale, `${at} eta[${a}][${b}]: exact ${ce.eta[a]![b]} vs dense ${cd.eta[a]![b]}`);
      assert.ok(Math.abs(cd.mu[a]! - ce.mu[a]!) <= 1e-8 * scale, `${at} mu[${a}]: exact ${ce.mu[a]} vs dense ${cd.mu[a]}`);
      assert.ok(Math.abs(cd.mu1[a]! - ce.mu1[a]!) <= 1e-8 * scale, `${at} mu1[${a}]: exact ${ce.mu1[a]} vs dense ${cd.mu1[a]}`);
    }
  }
}
