import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

test('fits whose parameters or variances overflow are a 422 naming the cause, and store no version as ready', async (t) => {
  const d = await startDaemon(t);
  const huge = Array.from({ length: 40 }, (_, i) => 1.7e308 - i * 1e306);
  const theta = await fit(d.url, 'theta', { data: huge, kind: 'theta' });
  assert.equal(theta.status, 422, JSON.stringify(theta.body));
  assert.equal(theta.body.code, 'MODELAPI_ERR_NOT_FINITE');
  assert.match(Object.keys(theta.body.data)[0]!, /^(params|metrics)\./);

  const alternating = Array.from({ length: 20 }, (_, i) => (i % 2 ? 1e308 : -1e308));
  const naive = await fit(d.url, 'naive', { data: alternating, kind: 'naive' });
  assert.equal(naive.status, 422, JSON.stringify(naive.body));
  assert.equal(naive.body.code, 'MODELAPI_ERR_NOT_FINITE');

  // The failed version says why; the model serves nothing rather than zeros.
  const versions = (await call(`${d.url}/v1/models/naive/versions`)).body.data;
  assert.equal(versions[0].state, 'failed');
  assert.match(versions[0].error, /NOT_FINITE/);
  assert.equal((await call(`${d.url}/v1/models/naive`)).body.data.state, 'failed');
  assert.equal((await forecast(d.url, 'naive', 'h=3')).body.code, 'MODELAPI_ERR_NO_VERSION');
});

test('a forecast that would overflow is an error, not zeros or nulls', async (t) => {
  const d = await startDaemon(t);
  // Exponential growth under a multiplicative trend: finite parameters, a forecast that grows 50% a
  // step and passes float64's largest value (~1.8e308) after about 1,700 steps.
  const ramp = Array.from({ length: 40 }, (_, i) => 100 * 1.5 ** i * (1 + 0.01 * Math.sin(i)));
  const fitted = await fit(d.url, 'ramp', { data: ramp, kind: 'ets', model: 'MMN', allowMultiplicativeTrend: true });
  assert.equal(fitted.status, 201, JSON.stringify(fitted.body));
  assert.equal((await forecast(d.url, 'ramp', 'h=2')).status, 200, 'near steps are finite');
  const far = await forecast(d.url, 'ramp', 'h=3000&level=80');
  assert.equal(far.status, 422, JSON.stringify(far.body));
  assert.equal(far.body.code, 'MODELAPI_ERR_NOT_FINITE');
  assert.match(Object.keys(far.body.data)[0]!, /^(forecast|intervals)/);
});

test('numbers that JSON turns into infinities are refused at the door', async (t) => {
  const d = await startDaemon(t);
  const answer = await call(`${d.url}/v1/models/m/fit`, 'POST', '{"data":[1,2,1e999],"kind":"naive"}');
  assert.equal(answer.status, 400);
  assert.deepEqual(Object.keys(answer.body.data), ['data[2]']);
});
