import { test } from 'node:test';
import assert from 'node:assert/strict';
import { driftKind, meanKind, naiveKind, snaiveKind } from '../../src/forecasting/baseline/index.ts';

// The textbook formulas written out by hand on small series, with quantiles typed in from R
// (qnorm(0.9), qnorm(0.975), qt(0.9, 6), qt(0.975, 6)), so nothing here calls the code under test twice.
const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;
const T6_80 = 1.4397557472651485;
const T6_95 = 2.4469118511449692;

const y = [3, 5, 4, 8, 9, 12, 11];
const n = y.length;

function near(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: got ${a}, expected ${b}`);
}

test('mean: sample mean, sample sd, t with n−1 df and √(1+1/n)', () => {
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(y.reduce((s, v) => s + (v - ybar) ** 2, 0) / (n - 1));
  const model = meanKind.fit(Float64Array.from(y), meanKind.parseSpec({}), {});
  const fc = meanKind.forecast(model, 4, [80, 95]);
  for (let i = 0; i < 4; i++) {
    near(fc.mean[i]!, ybar, 'mean');
    near(fc.intervals[0]!.lower[i]!, ybar - T6_80 * sd * Math.sqrt(1 + 1 / n), 'lo80');
    near(fc.intervals[1]!.upper[i]!, ybar + T6_95 * sd * Math.sqrt(1 + 1 / n), 'hi95');
  }
  near(model.metrics.sigma2 as number, sd * sd, 'sigma2');
  assert.equal(model.metrics.method, 'Mean');
});

test('drift: slope through the end points, residual sd on n−2 df, se of the slope in the intervals', () => {
  const slope = (y[n - 1]! - y[0]!) / (n - 1);
  let ss = 0;
  for (let t = 1; t < n; t++) ss += (y[t]! - y[t - 1]! - slope) ** 2;
  const s2 = ss / (n - 2);
  const seSlope = Math.sqrt(s2 / (n - 1));
  const model = driftKind.fit(Float64Array.from(y), driftKind.parseSpec({}), {});
  const fc = driftKind.forecast(model, 5, [80, 95]);
  for (let h = 1; h <= 5; h++) {
    const point = y[n - 1]! + h * slope;
    const se = Math.sqrt(s2 * h + h * h * seSlope * seSlope);
    near(fc.mean[h - 1]!, point, `mean h=${h}`);
    near(fc.intervals[0]!.lower[h - 1]!, point - Z80 * se, `lo80 h=${h}`);
    near(fc.intervals[1]!.upper[h - 1]!, point + Z95 * se, `hi95 h=${h}`);
  }
  near(model.metrics.sigma2 as number, s2, 'sigma2');
  assert.equal(model.metrics.method, 'Random walk with drift');
});

test('naive: last value, sigma² = mean squared one-step change, se grows as √h', () => {
  let ss = 0;
  for (let t = 1; t < n; t++) ss += (y[t]! - y[t - 1]!) ** 2;
  const s2 = ss / (n - 1);
  const model = naiveKind.fit(Float64Array.from(y), naiveKind.parseSpec({ period: 4 }), {});
  const fc = naiveKind.forecast(model, 3, [95]);
  for (let h = 1; h <= 3; h++) {
    near(fc.mean[h - 1]!, y[n - 1]!, 'mean');
    near(fc.intervals[0]!.upper[h - 1]!, y[n - 1]! + Z95 * Math.sqrt(s2 * h), `hi95 h=${h}`);
  }
  assert.equal(model.metrics.method, 'Naive method');
});

test('snaive: last season repeated, se grows with completed seasons', () => {
  const m = 3;
  let ss = 0;
  for (let t = m; t < n; t++) ss += (y[t]! - y[t - m]!) ** 2;
  const s2 = ss / (n - m);
  const model = snaiveKind.fit(Float64Array.from(y), snaiveKind.parseSpec({ period: m }), {});
  const fc = snaiveKind.forecast(model, 7, [95]);
  for (let h = 1; h <= 7; h++) {
    const point = y[n - m + ((h - 1) % m)]!;
    const k = Math.floor((h - 1) / m) + 1;
    near(fc.mean[h - 1]!, point, `mean h=${h}`);
    near(fc.intervals[0]!.lower[h - 1]!, point - Z95 * Math.sqrt(s2 * k), `lo95 h=${h}`);
  }
  assert.equal(model.metrics.method, 'Seasonal naive method');
});
