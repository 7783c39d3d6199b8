import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDaemon } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

const melbourne = JSON.parse(readFileSync(new URL('../../fixtures/melbourne_min_temp.json', import.meta.url), 'utf8'));

test('a fit creates version 1, the forecast uses it, a different fit creates version 2', async (t) => {
  const d = await startDaemon(t);
  const first = await fit(d.url, 'temps', { ...melbourne, kind: 'naive' });
  assert.equal(first.status, 201);
  assert.equal(first.body.status, 'success');
  assert.deepEqual(
    { model: first.body.data.model, version: first.body.data.version, kind: first.body.data.kind, reused: first.body.data.reused, nObs: first.body.data.nObs },
    { model: 'temps', version: 1, kind: 'naive', reused: false, nObs: 3650 },
  );

  const fc = await forecast(d.url, 'temps', 'h=500');
  assert.equal(fc.status, 200);
  assert.equal(fc.body.data.version, 1);
  assert.equal(fc.body.data.forecast.length, 500);
  // naive: every step forecasts the last observation
  assert.ok(fc.body.data.forecast.every((v: number) => v === melbourne.data.at(-1)));
  assert.deepEqual(fc.body.data.intervals.map((i: { level: number }) => i.level), [80, 95]);
  for (const i of fc.body.data.intervals) {
    assert.equal(i.lower.length, 500);
    assert.ok(i.lower.every((lo: number, k: number) => lo < fc.body.data.forecast[k] && i.upper[k] > fc.body.data.forecast[k]));
  }

  const second = await fit(d.url, 'temps', { data: melbourne.data.slice(0, 3000), kind: 'naive' });
  assert.equal(second.status, 201);
  assert.equal(second.body.data.version, 2);
  const fc2 = await forecast(d.url, 'temps', 'h=1');
  assert.equal(fc2.body.data.version, 2);
  assert.equal(fc2.body.data.forecast[0], melbourne.data[2999]);
});

test('a fit without a kind uses auto, which reports what it chose and why', async (t) => {
  const d = await startDaemon(t);
  const r = await fit(d.url, 'temps', melbourne);
  assert.equal(r.status, 201);
  assert.equal(r.body.data.kind, 'auto');
  assert.match(r.body.data.metrics.model, /ARIMA\(\d,\d,\d\)|ETS\(/);
  assert.match(r.body.data.metrics.why, /mstl|validation MASE|combination/);
  // Ten years of daily temperatures: the yearly cycle is found without being given.
  assert.ok(Math.abs(r.body.data.metrics.period - 365) <= 3, `period ${r.body.data.metrics.period}`);
  const shown = (await call(`${d.url}/v1/models/temps`)).body.data;
  assert.equal(shown.metrics.chosen, r.body.data.metrics.chosen, 'GET /v1/models/:name says what was chosen');
  const fc = await forecast(d.url, 'temps', 'h=10');
  assert.equal(fc.body.data.kind, 'auto');
  assert.equal(fc.body.data.forecast.length, 10);
});

test('refitting the same data and spec returns the current version without a new one', async (t) => {
  const d = await startDaemon(t);
  const body = { data: [1, 2, 3, 4, 5, 6, 7, 8], kind: 'drift' };
  const a = await fit(d.url, 'm', body);
  const b = await fit(d.url, 'm', body);
  assert.equal(a.status, 201);
  assert.equal(b.status, 200);
  assert.equal(b.body.data.version, a.body.data.version);
  assert.equal(b.body.data.reused, true);
  const versions = (await call(`${d.url}/v1/models/m/versions`)).body;
  assert.equal(versions.data.length, 1);
});

test('levels and history are honoured', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'm', { data: [5, 6, 5, 7, 6, 8] });
  const fc = await forecast(d.url, 'm', 'h=4&level=50&level=99.5&history=3');
  assert.equal(fc.status, 200);
  assert.deepEqual(fc.body.data.intervals.map((i: { level: number }) => i.level), [50, 99.5]);
  assert.deepEqual(fc.body.data.history, [7, 6, 8]);
});
