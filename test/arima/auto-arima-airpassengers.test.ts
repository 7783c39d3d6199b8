import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoArimaKind } from '../../src/forecasting/arima/index.ts';

// forecast::auto.arima on the full AirPassengers series (R figures in fixtures/reference.json).
const ref = JSON.parse(readFileSync(new URL('../../fixtures/reference.json', import.meta.url), 'utf8')).airpassengers_auto.r_auto_arima;
const ap = JSON.parse(readFileSync(new URL('../../fixtures/forecast-dev/datasets__AirPassengers.json', import.meta.url), 'utf8'));
const y = Float64Array.from([...ap.train, ...ap.test]);

test('auto_arima on AirPassengers finds a model at least as good as R\'s by AICc', () => {
  const model = autoArimaKind.fit(y, autoArimaKind.parseSpec({ period: 12 }), {});
  // R prints AICc 1018.17 to two decimals: allow that rounding (0.01) and nothing more.
  assert.ok((model.metrics.aicc as number) <= ref.aicc + 0.01, `aicc ${model.metrics.aicc} (${model.metrics.model})`);
  assert.match(String(model.metrics.model), /^ARIMA\(\d,\d,\d\)\(\d,1,\d\)\[12\]/);
  const fc = autoArimaKind.forecast(model, 12, [95]);
  assert.equal(fc.mean.length, 12);
  assert.ok(fc.mean.every(Number.isFinite));
});

test('auto_arima reproduces R\'s choice and estimates on AirPassengers', () => {
  const model = autoArimaKind.fit(y, autoArimaKind.parseSpec({ period: 12 }), {});
  assert.equal(model.metrics.model, ref.model);
  // Coefficients printed to 4 decimals, sigma2 to 4 significant digits, loglik to 2 decimals.
  for (const [name, want] of Object.entries(ref.coef as Record<string, number>)) {
    assert.ok(Math.abs((model.metrics[name] as number) - want) < 1e-3, `${name} ${model.metrics[name]} vs ${want}`);
  }
  assert.ok(Math.abs((model.metrics.sigma2 as number) - ref.sigma2) < 0.05, `sigma2 ${model.metrics.sigma2}`);
  assert.ok(Math.abs((model.metrics.loglik as number) - ref.loglik) < 0.01, `loglik ${model.metrics.loglik}`);
});
