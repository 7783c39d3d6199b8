import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, startDaemon } from '../support/daemon.ts';
import { fit } from '../support/http.ts';

const reference = JSON.parse(readFileSync(new URL('../../fixtures/reference.json', import.meta.url), 'utf8'));

test("the original system's model through the CLI: ARIMA(7,0,1) on the lag-365 difference, forecasts as R's", async (t) => {
  const d = await startDaemon(t);
  // The original fitted a mean to the differenced series; on x that is a drift (d + D = 1).
  const fitted = await runCli([
    'fit', 'fixtures/melbourne_min_temp.json', '--kind', 'arima', '--order', '7,0,1', '--seasonal', '0,1,0', '--period', '365',
    '--drift', '--json', '--url', d.url,
  ]);
  assert.equal(fitted.code, 0, fitted.stderr);
  const answer = JSON.parse(fitted.stdout);
  assert.equal(answer.kind, 'arima');
  const r = reference.melbourne_arima_7_0_1_on_lag365_difference.r_stats_arima_css_ml;
  // R's optimum is -8689.286 (rounded to 3 decimals); ours must be at least as good.
  assert.ok(answer.metrics.loglik >= -8689.29, `loglik ${answer.metrics.loglik}`);

  const fc = JSON.parse((await runCli(['forecast', '10', '--level', '95', '--json', '--url', d.url])).stdout);
  for (let i = 0; i < 10; i++) {
    // R prints 5 decimals; 0.01 is the tolerance for the forecasts of x.
    assert.ok(Math.abs(fc.forecast[i] - r.forecast_x_10[i]) < 0.01, `step ${i + 1}: ${fc.forecast[i]} vs R ${r.forecast_x_10[i]}`);
    // The 95% half-width is 1.96 standard errors; R's se within 1%.
    const se = (fc.intervals[0].upper[i] - fc.intervals[0].lower[i]) / 2 / 1.959963984540054;
    assert.ok(Math.abs(se / r.forecast_se_10[i] - 1) < 0.01, `se at step ${i + 1}: ${se} vs R ${r.forecast_se_10[i]}`);
  }
});

test('ARIMA options are checked before anything is stored: 400 for bad orders, 422 for a series too short', async (t) => {
  const d = await startDaemon(t);
  const cases: [object, number, string, string][] = [
    [{ kind: 'arima', order: [11, 0, 0] }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'order'],
    [{ kind: 'arima', order: [1, 3, 0] }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'order'],
    [{ kind: 'arima', order: [1, 0, 0], seasonalOrder: [1, 0, 0] }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'period'],
    [{ kind: 'arima', order: [1, 1, 1], includeMean: true }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'includeMean'],
    [{ kind: 'arima', order: [5, 0, 5] }, 422, 'MODELAPI_ERR_UNFITTABLE', 'data'],
    [{ kind: 'auto_arima', maxp: 'five' }, 400, 'MODELAPI_ERR_INVALID_SPEC', 'maxp'],
  ];
  for (const [options, status, code, field] of cases) {
    const r = await fit(d.url, 'm', { data: [1.2, 3.4, 2.2, 5.1, 4.4, 6.0, 5.2, 7.7], ...options });
    assert.equal(r.status, status, JSON.stringify(options));
    assert.equal(r.body.code, code, JSON.stringify(options));
    assert.ok(field in r.body.data, `${JSON.stringify(options)} names ${field}: ${JSON.stringify(r.body.data)}`);
  }
  assert.equal((await runCli(['models', '--json', '--url', d.url])).stdout.trim(), '[]', 'nothing was stored');
});
