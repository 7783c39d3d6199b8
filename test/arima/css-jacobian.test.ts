import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cssResiduals, prepare } from '../../src/forecasting/arima/problem.ts';
import type { Structure } from '../../src/forecasting/arima/structure.ts';
import { levenbergMarquardt } from '../../src/forecasting/arima/least-squares.ts';
import { normals } from '../support/random.ts';

// The computed CSS Jacobian (css-jacobian.ts) against central differences of the residuals themselves,
// which are exact for the AR and regression columns up to rounding (the residuals are linear in them
// given theta) and accurate to O(h^2) for the MA ones.
const rnd = normals(11);
const n = 400;
const y = new Float64Array(n);
for (let t = 0; t < n; t++) y[t] = 5 + (t > 0 ? 0.5 * (y[t - 1]! - 5) : 0) + rnd();

const cases: [string, Structure, number[]][] = [
  ['ARMA(2,2) with mean', { p: 2, d: 0, q: 2, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' }, [0.4, -0.2, 0.3, 0.1, 5.5]],
  ['ARIMA(1,1,3) with drift', { p: 1, d: 1, q: 3, P: 0, D: 0, Q: 0, m: 1, reg: 'drift' }, [-0.3, 0.2, -0.1, 0.05, 0.02]],
  ['MA(1), no mean', { p: 0, d: 0, q: 1, P: 0, D: 0, Q: 0, m: 1, reg: 'none' }, [0.6]],
  ['AR(3), no mean', { p: 3, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1, reg: 'none' }, [0.3, 0.1, -0.2]],
  // Every AR column after the first is the one before shifted plus a multiple of the impulse response,
  // every MA column after the first the one before shifted: orders up to 5 on both sides.
  ['ARMA(4,2) with mean', { p: 4, d: 0, q: 2, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' }, [0.3, 0.1, -0.1, 0.05, 0.4, -0.2, 5.2]],
  ['ARMA(5,5), no mean', { p: 5, d: 0, q: 5, P: 0, D: 0, Q: 0, m: 1, reg: 'none' }, [0.2, 0.1, 0.05, -0.05, 0.02, 0.3, 0.1, -0.1, 0.05, 0.02]],
  ['ARMA(2,0) with mean', { p: 2, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' }, [0.5, -0.3, 5]],
  // Past five MA lags the recursion takes its plain loop.
  ['ARMA(1,6) with mean', { p: 1, d: 0, q: 6, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' }, [0.2, 0.3, -0.2, 0.1, 0.1, -0.1, 0.05, 5]],
];

for (const [name, s, coef] of cases) {
  test(`CSS Jacobian equals central differences of the residuals: ${name}`, () => {
    const prob = prepare(s, y);
    const lsq = cssResiduals(prob);
    assert.ok(lsq.jacobian, 'a non-seasonal model without gaps has the computed Jacobian');
    const k = coef.length;
    const par = Float64Array.from(coef);
    const r = new Float64Array(lsq.nres);
    assert.ok(lsq.fn(par, r));
    const J = new Float64Array(lsq.nres * k);
    assert.ok(lsq.jacobian(par, r, J));
    const up = new Float64Array(lsq.nres);
    const down = new Float64Array(lsq.nres);
    let worst = 0;
    for (let c = 0; c < k; c++) {
      const h = 1e-5 * Math.max(1, Math.abs(coef[c]!));
      const at = Float64Array.from(par);
      at[c] = par[c]! + h;
      lsq.fn(at, up);
      at[c] = par[c]! - h;
      lsq.fn(at, down);
      for (let o = 0; o < lsq.nres; o++) {
        const fd = (up[o]! - down[o]!) / (2 * h);
        worst = Math.max(worst, Math.abs(J[c * lsq.nres + o]! - fd) / (1 + Math.abs(fd)));
      }
    }
    assert.ok(worst < 1e-6, `largest relative difference ${worst}`);
  });
}

test('a seasonal model or a series with gaps keeps forward differences', () => {
  const seasonal = prepare({ p: 1, d: 0, q: 0, P: 1, D: 0, Q: 0, m: 4, reg: 'none' }, y);
  assert.equal(cssResiduals(seasonal).jacobian, undefined);
  const gappy = Float64Array.from(y);
  gappy[100] = NaN;
  assert.equal(cssResiduals(prepare({ p: 1, d: 0, q: 1, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' }, gappy)).jacobian, undefined);
});

test('least squares reaches the same CSS optimum with the computed Jacobian as with differences', () => {
  // The objective decides the optimum; the Jacobian only the path. Both from the same start.
  const prob = prepare({ p: 2, d: 0, q: 2, P: 0, D: 0, Q: 0, m: 1, reg: 'intercept' }, y);
  const lsq = cssResiduals(prob);
  const start = [0, 0, 0, 0, 5];
  const computed = levenbergMarquardt(lsq.fn, start, lsq.nres, { jacobian: lsq.jacobian });
  const differenced = levenbergMarquardt(lsq.fn, start, lsq.nres);
  assert.ok(computed.converged && differenced.converged);
  assert.ok(Math.abs(computed.ssq - differenced.ssq) < 1e-8 * differenced.ssq, `ssq ${computed.ssq} vs ${differenced.ssq}`);
  for (let i = 0; i < 5; i++) {
    assert.ok(Math.abs(computed.par[i]! - differenced.par[i]!) < 1e-4, `coef ${i}: ${computed.par[i]} vs ${differenced.par[i]}`);
  }
});
