import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thetaKind } from '../../src/forecasting/theta/index.ts';

// thetaf's forecast written out for a non-seasonal series from the fitted alpha and ℓ_0: run SES,
// take the least-squares slope b0 of y on 0..n−1, then
//   mean_j = ℓ_n + (b0/2)·(j + (1 − (1−α)^n)/α),  se_j = σ·√(1 + j·α²),  σ² = SSE/(n − 2).
const y = [30, 32, 31, 35, 34, 37, 36, 40, 39, 43, 41, 45, 44, 47];

test('non-seasonal forecast and intervals follow thetaf\'s formula', () => {
  const model = thetaKind.fit(Float64Array.from(y), thetaKind.parseSpec({}), {});
  const { alpha, l0 } = model.params;
  let level = l0;
  let sse = 0;
  for (const v of y) {
    sse += (v - level) ** 2;
    level += alpha * (v - level);
  }
  const n = y.length;
  const tBar = (n - 1) / 2;
  const yBar = y.reduce((a, b) => a + b, 0) / n;
  const b0 =
    y.reduce((a, v, t) => a + (t - tBar) * (v - yBar), 0) / y.reduce((a, _v, t) => a + (t - tBar) ** 2, 0);
  const sigma = Math.sqrt(sse / (n - 2));
  const z80 = 1.2815515655446004; // R: qnorm(0.9)
  const fc = thetaKind.forecast(model, 5, [80]);
  for (let j = 0; j < 5; j++) {
    const mean = level + (b0 / 2) * (j + (1 - (1 - alpha) ** n) / alpha);
    const se = sigma * Math.sqrt(1 + j * alpha * alpha);
    // Values ~50 from a dozen floating-point steps: 1e-10 absolute is rounding only.
    assert.ok(Math.abs(fc.mean[j]! - mean) < 1e-10, `mean[${j}]`);
    assert.ok(Math.abs(fc.intervals[0]!.lower[j]! - (mean - z80 * se)) < 1e-10, `lower[${j}]`);
    assert.ok(Math.abs(fc.intervals[0]!.upper[j]! - (mean + z80 * se)) < 1e-10, `upper[${j}]`);
  }
  assert.equal(model.metrics.model, 'Theta');
  assert.equal(model.metrics.seasonal, 'false');
  assert.ok(Math.abs((model.metrics.drift as number) - b0) < 1e-12);
  assert.ok(Math.abs((model.metrics.sigma2 as number) - sigma * sigma) < 1e-10);
  assert.equal(model.metrics.n, n);
});

test('intervals come back in the order asked, and nest by level', () => {
  const model = thetaKind.fit(Float64Array.from(y), thetaKind.parseSpec({}), {});
  const fc = thetaKind.forecast(model, 3, [95, 50, 99.5]);
  assert.deepEqual(fc.intervals.map((i) => i.level), [95, 50, 99.5]);
  for (let j = 0; j < 3; j++) {
    assert.ok(fc.intervals[1]!.upper[j]! < fc.intervals[0]!.upper[j]!);
    assert.ok(fc.intervals[0]!.upper[j]! < fc.intervals[2]!.upper[j]!);
  }
});
