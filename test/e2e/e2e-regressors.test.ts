import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';
import { lcg } from '../support/random.ts';

test('a model with regressors: fit, POST forecast with future values, and 400s naming what is wrong', async (t) => {
  const d = await startDaemon(t);
  const rnd = lcg(3);
  const promo = Array.from({ length: 120 }, (_, i) => (i % 10 === 3 ? 1 : 0));
  const data = promo.map((p) => 50 + 20 * p + rnd());
  const fitted = await fit(d.url, 'sales', { kind: 'arima', order: [0, 0, 0], data, regressors: { promo } });
  assert.equal(fitted.status, 201, JSON.stringify(fitted.body));
  // The coefficient is the promotion's effect, 20.
  assert.ok(Math.abs(fitted.body.data.metrics.promo - 20) < 0.5, `promo ${fitted.body.data.metrics.promo}`);

  const future = { promo: [0, 0, 0, 1, 0] };
  const fc = await call(`${d.url}/v1/models/sales/forecast`, 'POST', { h: 5, level: [95], regressors: future });
  assert.equal(fc.status, 200, JSON.stringify(fc.body));
  assert.ok(Math.abs(fc.body.data.forecast[3] - fc.body.data.forecast[0] - 20) < 0.5, 'the promotion day is 20 higher');
  assert.equal(fc.body.data.intervals[0].level, 95);

  const get = await forecast(d.url, 'sales', 'h=5');
  assert.equal(get.status, 400);
  assert.equal(get.body.data.regressors !== undefined, true, JSON.stringify(get.body));

  const cases: [unknown, string][] = [
    [{ h: 5, regressors: {} }, 'regressors.promo'],
    [{ h: 5, regressors: { promo: [0, 1] } }, 'regressors.promo'],
  ];
  for (const [body, field] of cases) {
    const bad = await call(`${d.url}/v1/models/sales/forecast`, 'POST', body);
    assert.equal(bad.status, 400, JSON.stringify(body));
    assert.ok(Object.keys(bad.body.data).includes(field), JSON.stringify(bad.body));
  }
  const nonFinite = await call(`${d.url}/v1/models/sales/forecast`, 'POST', { h: 2, regressors: { promo: [0, 'x'] } });
  assert.equal(nonFinite.status, 400);

  const short = await fit(d.url, 'sales2', { kind: 'arima', data, regressors: { promo: promo.slice(1) } });
  assert.equal(short.status, 422);
  assert.ok(Object.keys(short.body.data).includes('regressors.promo'), JSON.stringify(short.body));
});
