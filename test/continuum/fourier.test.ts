import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lindhardZeroT, radialFourierTransform, susceptibilityEnvelope, susceptibilityZeroT } from '../../src/continuum/index.js';

// The closed forms of χ_σ(R) are the Fourier transforms of the Lindhard function.
for (const dim of [1, 2, 3] as const) {
  test(`${dim}D closed form equals the numerical Fourier transform of χ0(q) to 1e-8`, () => {
    for (const kF of [1, 0.7]) {
      for (const R of [0.5, 1.3, 7.7, 31.4]) {
        const ft = radialFourierTransform(dim, (q) => lindhardZeroT(dim, kF, q), R, { breakpoints: [2 * kF] });
        const exact = susceptibilityZeroT(dim, kF, R);
        const tol = 1e-8 * Math.max(Math.abs(exact), susceptibilityEnvelope(dim, kF, R));
        assert.ok(Math.abs(ft.value - exact) < tol, `kF = ${kF}, R = ${R}: ${ft.value} vs ${exact}`);
      }
    }
  });
}
