import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { thetaKind } from '../../src/forecasting/theta/index.ts';
import { interpolateMissing, multiplicativeIndices } from '../../src/forecasting/theta/decompose.ts';

// Missing values: the seasonality test skips them pairwise, the decomposition sees them linearly
// interpolated, the trend regression and SES skip them. These tests follow each of those rules.
const air = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8'));

test('a seasonal series with gaps: indices from the interpolated series, finite forecasts', () => {
  const y = Float64Array.from(air.train as number[]);
  for (const t of [0, 5, 40, 41, 42, 125]) y[t] = NaN; // first, interior run, and last value
  const model = thetaKind.fit(y, thetaKind.parseSpec({ period: 12 }), {});
  assert.equal(model.metrics.seasonal, 'true');
  assert.equal(model.params.nObs, 120);
  assert.equal(model.params.n, 126);
  const want = multiplicativeIndices(interpolateMissing(y), 12);
  model.params.seasonal!.forEach((v, i) => assert.equal(v, want[i]));
  const fc = thetaKind.forecast(model, 18, [95]);
  assert.ok([...fc.mean, ...fc.intervals[0]!.lower, ...fc.intervals[0]!.upper].every(Number.isFinite));
  // Six gaps in 126 points should barely move a forecast driven by the last level and season:
  // within 5% of the complete-data forecast (those differ by ~1% here).
  const full = thetaKind.forecast(thetaKind.fit(Float64Array.from(air.train), thetaKind.parseSpec({ period: 12 }), {}), 18, []);
  fc.mean.forEach((v, j) => assert.ok(Math.abs(v / full.mean[j]! - 1) < 0.05, `h=${j + 1}`));
});

test('a gap leaves the SES level where it was, and drops out of the trend', () => {
  const y = [20, 22, 21, 24, 23, NaN, NaN, 27, 26, 29];
  const model = thetaKind.fit(Float64Array.from(y), thetaKind.parseSpec({}), {});
  const { alpha, l0 } = model.params;
  let level = l0;
  for (const v of y) if (!Number.isNaN(v)) level += alpha * (v - level);
  assert.ok(Math.abs(model.params.level - level) < 1e-10);
  // Least-squares slope over the eight observed (t, y) pairs.
  const pts = y.map((v, t) => [t, v] as const).filter(([, v]) => !Number.isNaN(v));
  const tb = pts.reduce((a, [t]) => a + t, 0) / pts.length;
  const yb = pts.reduce((a, [, v]) => a + v, 0) / pts.length;
  const b0 = pts.reduce((a, [t, v]) => a + (t - tb) * (v - yb), 0) / pts.reduce((a, [t]) => a + (t - tb) ** 2, 0);
  assert.ok(Math.abs(model.params.drift - b0) < 1e-12);
  // σ² divides by the observed count less the two SES parameters.
  assert.equal(model.params.nObs, 8);
  assert.ok(Math.abs((model.metrics.sigma2 as number) - model.params.sse / 6) < 1e-12);
});
