import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmul, cdiv, complex } from '../../src/math/complex.js';

test('complex multiply and divide are inverse', () => {
  const a = complex(1.5, -2), b = complex(0.3, 0.7);
  const q = cdiv(cmul(a, b), b);
  assert.ok(Math.abs(q.re - a.re) < 1e-15 && Math.abs(q.im - a.im) < 1e-15);
});
