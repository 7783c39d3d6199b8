import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autocorrelations, seasonalityTest } from '../../src/forecasting/theta/seasonality.ts';

// The test statistic from its definition: r_k = Σ_{t<n−k}(y_t−ȳ)(y_{t+k}−ȳ) / Σ_t(y_t−ȳ)² and
// stat = |r_m| / √((1 + 2·Σ_{k=1}^{m−1} r_k²)/n), seasonal when stat > qnorm(0.95).
function definition(y: number[], m: number): { r: number[]; stat: number } {
  const n = y.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const den = y.reduce((a, v) => a + (v - mean) ** 2, 0);
  const r: number[] = [];
  for (let k = 1; k <= m; k++) {
    let num = 0;
    for (let t = 0; t < n - k; t++) num += (y[t]! - mean) * (y[t + k]! - mean);
    r.push(num / den);
  }
  const var0 = (1 + 2 * r.slice(0, m - 1).reduce((a, v) => a + v * v, 0)) / n;
  return { r, stat: Math.abs(r[m - 1]!) / Math.sqrt(var0) };
}

const QNORM_95 = 1.6448536269514722; // R: qnorm(0.95)

const air = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8'));
const nile = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__Nile.json', import.meta.url), 'utf8'));

for (const [name, y, m] of [
  ['AirPassengers, m = 12', air.train as number[], 12],
  ['Nile, m = 4', nile.train as number[], 4],
  ['a short hand series, m = 3', [3, 1, 2, 4, 1, 3, 5, 2, 3], 3],
] as const) {
  test(`statistic and autocorrelations equal their definition on ${name}`, () => {
    const want = definition([...y], m);
    const r = autocorrelations(y, m);
    // Same sums in a different order: agreement to rounding of an O(n) sum of O(1) terms.
    for (let k = 0; k < m; k++) assert.ok(Math.abs(r[k]! - want.r[k]!) < 1e-12, `r_${k + 1}`);
    const got = seasonalityTest(y, m);
    assert.ok(Math.abs(got.statistic - want.stat) <= 1e-12 * want.stat);
    assert.equal(got.seasonal, want.stat > QNORM_95);
  });
}

test('AirPassengers is seasonal at lag 12 (R reseasonalises its thetaf forecasts)', () => {
  assert.equal(seasonalityTest(air.train, 12).seasonal, true);
});

test('missing values drop out of the sums (pairwise, as acf with na.pass)', () => {
  const y = [3, 1, NaN, 4, 1, 3, 5, NaN, 3, 2];
  const obs = y.filter((v) => !Number.isNaN(v));
  const mean = obs.reduce((a, b) => a + b, 0) / obs.length;
  const den = obs.reduce((a, v) => a + (v - mean) ** 2, 0);
  let num = 0;
  for (let t = 0; t + 2 < y.length; t++) {
    if (!Number.isNaN(y[t]!) && !Number.isNaN(y[t + 2]!)) num += (y[t]! - mean) * (y[t + 2]! - mean);
  }
  assert.ok(Math.abs(autocorrelations(y, 2)[1]! - num / den) < 1e-14);
});
