import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKind } from '../../src/forecasting/index.ts';
import { startDaemon } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

const observe = (url: string, model: string, body: unknown) => call(`${url}/v1/models/${model}/observations`, 'POST', body);

// A deterministic wiggly series (no randomness, so a failure reproduces).
const series = Array.from({ length: 60 }, (_, i) => 100 + 0.5 * i + 8 * Math.sin(i / 3) + ((i * 7919) % 13) - 6);
const head = series.slice(0, 40);
const tail = series.slice(40);
const appends = [tail.slice(0, 1), tail.slice(1, 8), tail.slice(8, 9), tail.slice(9)];

test('kinds whose update is exact: appends in pieces forecast exactly as a fit on the whole series', async (t) => {
  const d = await startDaemon(t);
  for (const [kind, options] of [['naive', {}], ['mean', {}], ['drift', {}], ['snaive', { period: 4 }]] as const) {
    await fit(d.url, `${kind}-appended`, { data: head, kind, ...options });
    let nObs = head.length;
    for (const data of appends) {
      const ack = await observe(d.url, `${kind}-appended`, { data });
      assert.equal(ack.status, 200, JSON.stringify(ack.body));
      nObs += data.length;
      assert.deepEqual([ack.body.data.version, ack.body.data.nObs, ack.body.data.method], [1, nObs, 'update'], kind);
    }
    await fit(d.url, `${kind}-whole`, { data: series, kind, ...options });
    const a = (await forecast(d.url, `${kind}-appended`, 'h=6&level=80,95')).body.data;
    const b = (await forecast(d.url, `${kind}-whole`, 'h=6&level=80,95')).body.data;
    assert.equal(a.nObs, series.length);
    assert.equal(a.version, 1, 'an append makes no new version');
    assert.deepEqual(a.forecast, b.forecast, kind);
    assert.deepEqual(a.intervals, b.intervals, kind);
  }
});

test('arima: the forecast after appends is the engine update of the stored fit (same parameters, state moved on)', async (t) => {
  const d = await startDaemon(t);
  const spec = { order: [1, 1, 1] };
  await fit(d.url, 'ar', { data: head, kind: 'arima', ...spec });
  for (const data of appends) assert.equal((await observe(d.url, 'ar', { data })).status, 200);
  const served = (await forecast(d.url, 'ar', 'h=5&level=95')).body.data;

  const arimaKind = getKind('arima');
  const parsed = arimaKind.parseSpec(spec);
  const expected = arimaKind.forecast(arimaKind.update!(arimaKind.fit(Float64Array.from(head), parsed, {}), Float64Array.from(tail)), 5, [95]);
  assert.equal(served.nObs, series.length);
  served.forecast.forEach((v: number, i: number) => assert.ok(Math.abs(v - expected.mean[i]!) < 1e-9 * Math.abs(v), `step ${i + 1}`));
  // Not a refit: a fit on the whole series estimates other parameters and forecasts differently.
  await fit(d.url, 'ar-whole', { data: series, kind: 'arima', ...spec });
  const refitted = (await forecast(d.url, 'ar-whole', 'h=5&level=95')).body.data;
  assert.notDeepEqual(refitted.forecast, served.forecast);
});

test('a kind without update is refitted on the whole series as a new version, and says so', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'g', { data: [1, 2, 3], kind: 'gated' });
  const ack = await observe(d.url, 'g', { data: [4, null, 9] });
  assert.equal(ack.status, 200);
  assert.deepEqual([ack.body.data.version, ack.body.data.nObs, ack.body.data.method], [2, 6, 'refit']);
  assert.match(ack.body.data.reason, /gated/);
  const versions = (await call(`${d.url}/v1/models/g/versions`)).body.data;
  assert.deepEqual(versions.map((v: { nFit: number }) => v.nFit), [3, 6]);
  assert.deepEqual((await forecast(d.url, 'g', 'h=1')).body.data.forecast, [9]);
});

test('reuse by hash compares against the series with its appends; refit fits the whole series', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'm', { data: head, kind: 'naive' });
  await observe(d.url, 'm', { data: tail });
  const same = await fit(d.url, 'm', { data: series, kind: 'naive' });
  assert.deepEqual([same.status, same.body.data.reused, same.body.data.version, same.body.data.nObs], [200, true, 1, series.length]);
  const onlyHead = await fit(d.url, 'm', { data: head, kind: 'naive' });
  assert.deepEqual([onlyHead.body.data.reused, onlyHead.body.data.version], [false, 2], 'the training data alone is not the current series');

  await observe(d.url, 'm', { data: [500] });
  const refit = await call(`${d.url}/v1/models/m/refit`, 'POST');
  assert.deepEqual([refit.body.data.version, refit.body.data.nObs], [3, head.length + 1]);
});

test('bad appends change nothing: unknown model, non-numbers, model without a version', async (t) => {
  const d = await startDaemon(t);
  assert.equal((await observe(d.url, 'nobody', { data: [1] })).body.code, 'MODELAPI_ERR_MODEL_NOT_FOUND');
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'naive' });
  const bad = await observe(d.url, 'm', { data: [1, '2'] });
  assert.deepEqual([bad.status, bad.body.code], [400, 'MODELAPI_ERR_VALIDATION']);
  assert.equal((await observe(d.url, 'm', { data: [] })).status, 400);
  assert.equal((await observe(d.url, 'm', { data: [1], extra: true })).status, 400);
  assert.equal((await forecast(d.url, 'm', 'h=1')).body.data.nObs, 3);
});
