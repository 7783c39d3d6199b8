import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mlHessian } from '../../src/forecasting/arima/regression-hessian.ts';
import { numericHessian } from '../../src/forecasting/arima/optim.ts';
import { mlObjective, prepare } from '../../src/forecasting/arima/problem.ts';
import { fourierColumns, fourierTerms } from '../../src/forecasting/harmonic/fourier.ts';
import type { Structure } from '../../src/forecasting/arima/structure.ts';

// ARMA(1,1) errors around an intercept and four Fourier columns, at a point away from the optimum
// (so the gradient terms of the exact regression block matter too).
const n = 2000;
let seed = 7;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
const cols = fourierColumns(fourierTerms([24], [2]), 0, n);
const y = new Float64Array(n);
let prev = 0;
for (let t = 0; t < n; t++) {
  prev = 0.6 * prev + rnd();
  y[t] = 5 + 2 * cols[0]![t]! - cols[1]![t]! + prev;
}
const s: Structure = { p: 1, d: 0, q: 1, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept', xreg: ['S1', 'C1', 'S2', 'C2'] };
const par = Float64Array.from([0.5, 0.1, 5, 2, -1, 0.01, 0.02]);
const parscale = [1, 1, 0.1, 0.1, 0.1, 0.1, 0.1];

test('the Hessian with the regression block computed equals second differences of the likelihood', () => {
  const prob = prepare(s, y, cols);
  const fn = mlObjective(prob, true);
  const ours = mlHessian(prob, fn, par, parscale);
  const brute = numericHessian(fn, par, parscale);
  for (let i = 0; i < brute.length; i++) {
    const rel = Math.abs(ours[i]! - brute[i]!) / Math.max(1e-6, Math.abs(brute[i]!));
    assert.ok(rel < 2e-3, `entry ${i}: ${ours[i]} vs ${brute[i]}`);
  }
});

test('with missing values the Hessian is the plain numeric one', () => {
  const gappy = Float64Array.from(y);
  gappy[100] = NaN;
  const prob = prepare(s, gappy, cols);
  const fn = mlObjective(prob, true);
  assert.deepEqual(mlHessian(prob, fn, par, parscale), numericHessian(fn, par, parscale));
});
