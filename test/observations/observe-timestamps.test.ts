import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

const observe = (url: string, model: string, body: unknown) => call(`${url}/v1/models/${model}/observations`, 'POST', body);
const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10));

test('fit with dates: gaps become missing values, forecasts carry a date for every step', async (t) => {
  const d = await startDaemon(t);
  const ts = days('2024-02-27', 6).filter((_, i) => i !== 3); // 2024-03-01 missing (a leap year: 02-29 exists)
  const f = await fit(d.url, 'm', { data: [1, 2, 3, 5, 6], timestamps: ts, kind: 'naive' });
  assert.equal(f.status, 201, JSON.stringify(f.body));
  assert.deepEqual(f.body.data.timestamps, { first: '2024-02-27', last: '2024-03-03', spacing: '1 day' });
  const fc = (await forecast(d.url, 'm', 'h=3&history=6')).body.data;
  assert.deepEqual(fc.history, [1, 2, 3, null, 5, 6]);
  assert.deepEqual(fc.historyTimestamps, days('2024-02-27', 6));
  assert.deepEqual(fc.timestamps, ['2024-03-04', '2024-03-05', '2024-03-06']);
});

test('epoch seconds and milliseconds, hourly data in UTC, and monthly dates on the calendar', async (t) => {
  const d = await startDaemon(t);
  const start = Date.parse('2024-03-31T00:00:00Z'); // DST starts in Europe that night: UTC has no jump
  const hours = [0, 1, 2, 3].map((i) => start / 1000 + i * 3600);
  assert.equal((await fit(d.url, 's', { data: [1, 2, 3, 4], timestamps: hours, kind: 'naive' })).status, 201);
  assert.deepEqual((await forecast(d.url, 's', 'h=1')).body.data.timestamps, ['2024-03-31T04:00:00.000Z']);
  assert.equal((await fit(d.url, 'ms', { data: [1, 2, 3, 4], timestamps: hours.map((s) => s * 1000), kind: 'naive' })).status, 201);
  assert.deepEqual((await forecast(d.url, 'ms', 'h=1')).body.data.timestamps, ['2024-03-31T04:00:00.000Z']);

  const months = ['2023-10-31', '2023-11-30', '2023-12-31', '2024-01-31'];
  assert.equal((await fit(d.url, 'monthly', { data: [1, 2, 3, 4], timestamps: months, kind: 'naive' })).status, 201);
  assert.deepEqual((await forecast(d.url, 'monthly', 'h=2')).body.data.timestamps, ['2024-02-29', '2024-03-31']);
  const quarters = ['2023-01-15', '2023-04-15', '2023-10-15'];
  const q = await fit(d.url, 'quarterly', { data: [1, 2, 4], timestamps: quarters, kind: 'naive' });
  assert.equal(q.body.data.timestamps.spacing, '3 months');
  assert.deepEqual((await forecast(d.url, 'quarterly', 'h=1&history=4')).body.data.history, [1, 2, null, 4]);
});

test('irregular spacing is a 422 naming the first offending pair; bad timestamps are 400s; nothing is stored', async (t) => {
  const d = await startDaemon(t);
  const gapsOnly = await fit(d.url, 'gaps', { data: [1, 2, 3, 4], timestamps: ['2024-01-01', '2024-01-03', '2024-01-05', '2024-01-06'], kind: 'naive' });
  assert.equal(gapsOnly.body.data.nObs, 6, 'whole steps apart: regular, with gaps');
  const irregular = await fit(d.url, 'm', { data: [1, 2, 3, 4], timestamps: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04T12:00:00Z'], kind: 'naive' });
  assert.deepEqual([irregular.status, irregular.body.code], [422, 'MODELAPI_ERR_IRREGULAR_TIMESTAMPS']);
  assert.match(irregular.body.data.timestamps, /timestamps\[2\] \(2024-01-03\) and timestamps\[3\] \(2024-01-04T12:00:00Z\)/);
  const backwards = await fit(d.url, 'm', { data: [1, 2], timestamps: ['2024-01-02', '2024-01-01'], kind: 'naive' });
  assert.equal(backwards.body.code, 'MODELAPI_ERR_IRREGULAR_TIMESTAMPS');
  const notADate = await fit(d.url, 'm', { data: [1, 2], timestamps: ['2024-01-01', '2024-02-30'], kind: 'naive' });
  assert.deepEqual([notADate.status, Object.keys(notADate.body.data)], [400, ['timestamps[1]']]);
  const tooFew = await fit(d.url, 'm', { data: [1, 2, 3], timestamps: ['2024-01-01', '2024-01-02'], kind: 'naive' });
  assert.equal(tooFew.status, 400);
  assert.equal((await call(`${d.url}/v1/models/m`)).status, 404, 'no model was created');
});

test('appends continue the dates: gaps filled, out-of-order or duplicate → 409 naming it, nothing stored', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'm', { data: [1, 2, 3], timestamps: days('2024-01-01', 3), kind: 'naive' });
  const gap = await observe(d.url, 'm', { data: [5, 6], timestamps: ['2024-01-05', '2024-01-06'] });
  assert.deepEqual([gap.body.data.nObs, gap.body.data.added, gap.body.data.timestamps.last], [6, 3, '2024-01-06']);

  const duplicate = await observe(d.url, 'm', { data: [7], timestamps: ['2024-01-06'] });
  assert.deepEqual([duplicate.status, duplicate.body.code], [409, 'MODELAPI_ERR_TIMESTAMP_CONFLICT']);
  assert.match(duplicate.body.data['timestamps[0]'], /2024-01-06 duplicates/);
  const older = await observe(d.url, 'm', { data: [7, 8], timestamps: ['2024-01-07', '2024-01-02'] });
  assert.deepEqual([older.status, Object.keys(older.body.data)], [409, ['timestamps[1]']]);
  const offGrid = await observe(d.url, 'm', { data: [7], timestamps: ['2024-01-07T12:00:00Z'] });
  assert.equal(offGrid.status, 422);

  const fc = (await forecast(d.url, 'm', 'h=1&history=6')).body.data;
  assert.deepEqual([fc.nObs, fc.history], [6, [1, 2, 3, null, 5, 6]], 'none of the refused appends stored anything');
  assert.deepEqual(fc.timestamps, ['2024-01-07']);
  // Points without timestamps continue the axis one step each.
  await observe(d.url, 'm', { data: [7] });
  assert.deepEqual((await forecast(d.url, 'm', 'h=1')).body.data.timestamps, ['2024-01-08']);
});

test('a model with timestamps offers its kind intervalSeconds; kinds without that option fit as before', async (t) => {
  const d = await startDaemon(t);
  const hourly = ['2024-05-01T00:00:00Z', '2024-05-01T01:00:00Z', '2024-05-01T02:00:00Z'];
  const echo = await fit(d.url, 'echo', { data: [1, 2, 3], timestamps: hourly, kind: 'interval_echo' });
  assert.equal(echo.body.data.spec.intervalSeconds, 3600);
  const monthly = await fit(d.url, 'echo-m', { data: [1, 2, 3], timestamps: ['2024-01-01', '2024-02-01', '2024-03-01'], kind: 'interval_echo' });
  assert.equal(monthly.body.data.spec.intervalSeconds, (365.2425 * 86_400) / 12);
  const naive = await fit(d.url, 'plain', { data: [1, 2, 3], timestamps: hourly, kind: 'naive' });
  assert.deepEqual([naive.status, naive.body.data.spec], [201, { period: 1 }]);
});
