/** 4×4 complex block kernels: ln|det(1 − x)| keeps relative accuracy for tiny x; invert4 keeps its input. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invert4, logAbsDetOneMinus4, mul4 } from '../../src/math/block4.js';
import { prng } from '../rng.js';

/** −Re Σ_k Tr(x^k)/k summed until the terms vanish: an independent reference for ‖x‖ < 1. */
function seriesReference(x: Float64Array): number {
  let power = x.slice();
  const next = new Float64Array(32);
  let sum = 0;
  for (let k = 1; k <= 400; k++) {
    let tr = 0;
    for (let d = 0; d < 4; d++) tr += power[2 * (4 * d + d)]!;
    sum -= tr / k;
    mul4(power, x, next);
    power = next.slice();
    if (power.every((v) => Math.abs(v) <= 1e-20 * Math.abs(sum))) break;
  }
  return sum;
}

test('logAbsDetOneMinus4 equals the power series to 1e-13 relative on random blocks from ‖x‖ = 1e-14 to 0.25, and pivoted elimination above', () => {
  const u = prng(7);
  for (let trial = 0; trial < 400; trial++) {
    const x = new Float64Array(32).map(() => u());
    // Random scale, and sometimes a nearly traceless block (cancellation in Tr x).
    if (trial % 3 === 0) for (let d = 0; d < 4; d++) x[2 * (4 * d + d)] = 0;
    let norm = 0;
    for (const v of x) norm += v * v;
    const target = trial < 300 ? 10 ** (-14 + (13.4 * trial) / 300) : 0.25 + 0.6 * ((trial - 300) / 100);
    const scale = target / Math.sqrt(norm);
    for (let k = 0; k < 32; k++) x[k]! *= scale;
    const got = logAbsDetOneMinus4(x);
    const ref = seriesReference(x);
    assert.ok(Math.abs(got - ref) <= 1e-13 * Math.abs(ref) + 1e-300, `‖x‖ = ${target.toExponential(2)}: ${got} vs ${ref}`);
  }
});

test('invert4 returns ln|det| and the inverse, leaving its argument unchanged', () => {
  const u = prng(8);
  const a = new Float64Array(32).map(() => u());
  const copy = a.slice();
  const inv = new Float64Array(32);
  const logDet = invert4(a, inv);
  assert.deepEqual(a, copy);
  const prod = mul4(a, inv, new Float64Array(32));
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.ok(Math.abs(prod[2 * (4 * i + j)]! - (i === j ? 1 : 0)) < 1e-12 && Math.abs(prod[2 * (4 * i + j) + 1]!) < 1e-12);
  assert.ok(Number.isFinite(logDet));
});
