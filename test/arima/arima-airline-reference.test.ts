import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arimaKind } from '../../src/forecasting/arima/index.ts';

// The airline model on log(AirPassengers), against R's stats::arima as printed in fixtures/reference.json.
const ref = JSON.parse(readFileSync(new URL('../../fixtures/reference.json', import.meta.url), 'utf8')).airpassengers_log_airline
  .r_stats_arima;
const ap = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8'));
const y = Float64Array.from([...ap.train, ...ap.test].map((v: number) => Math.log(v)));

test('ARIMA(0,1,1)(0,1,1)[12] on log(AirPassengers) matches R', () => {
  assert.equal(y.length, 144);
  const model = arimaKind.fit(y, arimaKind.parseSpec({ order: [0, 1, 1], seasonalOrder: [0, 1, 1], period: 12 }), {});
  const m = model.metrics as Record<string, number>;
  // R prints coefficients and standard errors to 4 decimals: agreement to half a unit in the last.
  assert.ok(Math.abs(m.ma1! - ref.coef.ma1) < 5e-5, `ma1 ${m.ma1}`);
  assert.ok(Math.abs(m.sma1! - ref.coef.sma1) < 5e-5, `sma1 ${m.sma1}`);
  assert.ok(Math.abs(m.se_ma1! - ref.se.ma1) < 5e-5, `se ma1 ${m.se_ma1}`);
  assert.ok(Math.abs(m.se_sma1! - ref.se.sma1) < 5e-5, `se sma1 ${m.se_sma1}`);
  // sigma2 printed as 0.001348 (4 significant digits), loglik as 244.7, aic as -483.4.
  assert.ok(Math.abs(m.sigma2! - ref.sigma2) < 5e-7, `sigma2 ${m.sigma2}`);
  assert.ok(Math.abs(m.loglik! - ref.loglik) < 0.05, `loglik ${m.loglik}`);
  assert.ok(Math.abs(m.aic! - ref.aic) < 0.05, `aic ${m.aic}`);
  const fc = arimaKind.forecast(model, 12, [80, 95]);
  for (let i = 0; i < 12; i++) {
    // R's forecasts printed to 3 decimals.
    assert.ok(Math.abs(Math.exp(fc.mean[i]!) - ref.forecast_exp_12[i]) < 1.5e-3, `f[${i}] ${Math.exp(fc.mean[i]!)}`);
  }
  // Interval widths: with an infinite past the one-step s.e. is sqrt(sigma2) and the two-step one
  // sqrt(sigma2 (1 + (1 + ma1)^2)) (the integrated model's psi_1 = 1 + ma1). The exact filter's
  // state uncertainty after n = 131 differenced values exceeds that by about sma1^(2n/12) ~ 3e-6, so 1e-4.
  const se = (k: number) => (fc.intervals[1]!.upper[k]! - fc.mean[k]!) / 1.959963984540054;
  assert.ok(Math.abs(se(0) / Math.sqrt(m.sigma2!) - 1) < 1e-4, `se1 ${se(0)}`);
  assert.ok(Math.abs(se(1) / Math.sqrt(m.sigma2! * (1 + (1 + m.ma1!) ** 2)) - 1) < 1e-4, `se2 ${se(1)}`);
});
