/**
 * The filter's likelihood for fixed parameters and initial states, against the innovations
 * recursion written out independently (Hyndman et al. 2008, eq. 2.8 / table 2.2 error-correction
 * form, which our filter does not use: it works in R's etscalc form l = q + α(p − q)).
 * The concentrated Gaussian likelihood: −2 log L = n log(2π σ̂²) + n with σ̂² = SSE/n, and R's
 * criterion drops the constants, leaving n log SSE. Tolerance 1e-9 relative: the two recursions
 * differ only in rounding order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterFromInit } from '../../src/forecasting/ets/estimate.ts';
import type { Structure } from '../../src/forecasting/ets/model-code.ts';

const y = Float64Array.from([12.1, 13.4, 12.9, 14.2, 15.0, 14.4, 15.9, 16.3, NaN, 17.0, 16.2, 17.8, 18.4, 18.1, 19.5]);

function close(a: number, b: number, rel = 1e-9) {
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
}

function gaussianMinus2LogLik(errors: number[]): number {
  const n = errors.length;
  const s2 = errors.reduce((s, e) => s + e * e, 0) / n;
  let ll = 0;
  for (const e of errors) ll += -0.5 * Math.log(2 * Math.PI * s2) - (e * e) / (2 * s2);
  return -2 * ll;
}

test('ETS(A,N,N): filter likelihood equals the direct innovations likelihood', () => {
  const alpha = 0.37;
  const l0 = 11.8;
  const errors: number[] = [];
  let l = l0;
  for (const v of y) {
    if (Number.isNaN(v)) continue; // missing: the level carries on unchanged, nothing enters the likelihood
    const e = v - l;
    errors.push(e);
    l = l + alpha * e;
  }
  const s: Structure = { error: 'A', trend: 'N', season: 'N', damped: false, m: 1 };
  const run = filterFromInit(y, s, { alpha, beta: 0, gamma: 0, phi: 1 }, { level: l0, slope: 0, seas: [] }, null);
  const n = errors.length;
  const sse = errors.reduce((a, e) => a + e * e, 0);
  assert.equal(run.sums.nObs, 14);
  close(run.lik, n * Math.log(sse));
  // Same optimum as the full Gaussian likelihood: they differ by the constant n(log 2π + 1 − log n).
  close(run.lik + n * (Math.log(2 * Math.PI) + 1 - Math.log(n)), gaussianMinus2LogLik(errors));
  close(run.last.level, l);
});

test('ETS(A,A,N) and ETS(A,Ad,N): filter likelihood equals the direct innovations likelihood', () => {
  for (const phi of [1, 0.9]) {
    const alpha = 0.52;
    const beta = 0.11;
    let l = 11.5;
    let b = 0.6;
    const errors: number[] = [];
    for (const v of y) {
      const yhat = l + phi * b;
      if (Number.isNaN(v)) {
        l = yhat;
        b = phi * b;
        continue;
      }
      const e = v - yhat;
      errors.push(e);
      l = l + phi * b + alpha * e;
      b = phi * b + beta * e;
    }
    const s: Structure = { error: 'A', trend: 'A', season: 'N', damped: phi !== 1, m: 1 };
    const run = filterFromInit(y, s, { alpha, beta, gamma: 0, phi }, { level: 11.5, slope: 0.6, seas: [] }, null);
    const sse = errors.reduce((a, e) => a + e * e, 0);
    close(run.lik, errors.length * Math.log(sse));
    close(run.last.level, l);
    close(run.last.slope, b);
  }
});

test('ETS(M,N,N): relative errors and the 2Σlog|ŷ| term', () => {
  const alpha = 0.3;
  let l = 12;
  let sse = 0;
  let logs = 0;
  let n = 0;
  for (const v of y) {
    if (Number.isNaN(v)) continue;
    const e = (v - l) / l;
    sse += e * e;
    logs += Math.log(Math.abs(l));
    n++;
    l = l * (1 + alpha * e);
  }
  const s: Structure = { error: 'M', trend: 'N', season: 'N', damped: false, m: 1 };
  const run = filterFromInit(y, s, { alpha, beta: 0, gamma: 0, phi: 1 }, { level: 12, slope: 0, seas: [] }, null);
  close(run.lik, n * Math.log(sse) + 2 * logs);
});
