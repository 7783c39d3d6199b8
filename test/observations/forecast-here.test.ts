import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';
import { getKind } from '../../src/forecasting/index.ts';

const observe = (url: string, model: string, data: number[]) => call(`${url}/v1/models/${model}/observations`, 'POST', { data });
const forecastTasks = async (url: string) => (await call(`${url}/v1/status`)).body.data.pools.forecast.completed as number;
const wave = (n: number) => Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin(i / 4) + ((i * 37) % 11));
// Longer than the daemon reads from the store on its own thread (1,000 points): a restarted daemon's
// forecast of it comes from a worker.
const series = wave(1_100);

test('a cheap forecast of a model taking appends is computed on the daemon thread, with the bytes a worker gives', async (t) => {
  const db = join(tempDir(t), 'models.db');
  const first = await startDaemon(t, { db });
  await fit(first.url, 'a', { data: series, kind: 'arima', order: [2, 0, 1] });
  await fit(first.url, 'e', { data: series.map((v) => v + 100), kind: 'ets', model: 'MMN' });
  for (const m of ['a', 'e']) assert.equal((await observe(first.url, m, [61, 58.5, 63])).status, 200);

  const before = await forecastTasks(first.url);
  const here = (await forecast(first.url, 'a', 'h=12&history=5')).body.data;
  assert.equal(await forecastTasks(first.url), before, 'the ARIMA state the append computed served the forecast: no worker task');
  await forecast(first.url, 'e', 'h=12');
  assert.equal(await forecastTasks(first.url), before + 1, 'ETS(M,M,N) simulates its intervals: a worker does that');
  const long = (await forecast(first.url, 'a', 'h=500')).body.data;
  assert.equal(await forecastTasks(first.url), before + 2, 'a 500-step answer is serialised by a worker');

  // A restarted daemon holds no state: the same forecasts come from a worker, equal to the last number.
  await first.stop();
  const second = await startDaemon(t, { db });
  const fromWorker = (await forecast(second.url, 'a', 'h=12&history=5')).body.data;
  assert.equal(await forecastTasks(second.url), 1, 'a 1,103-point state is loaded by a worker');
  assert.deepEqual(fromWorker, here);
  assert.equal(here.nObs, 1_103);
  assert.deepEqual((await forecast(second.url, 'a', 'h=500')).body.data, long);
});

test('a cheap forecast of a short model nobody appends to is read from the store on the daemon thread', async (t) => {
  const d = await startDaemon(t);
  const y = wave(120);
  await fit(d.url, 'short', { data: y, kind: 'arima', order: [2, 0, 1] });
  await fit(d.url, 'mmn', { data: y.map((v) => v + 100), kind: 'ets', model: 'MMN' });
  const got = (await forecast(d.url, 'short', 'h=12&level=80,95')).body.data;
  assert.equal(await forecastTasks(d.url), 0, 'no worker task');
  // The stored parameters give the forecast the engine gives the fitted model itself.
  const k = getKind('arima');
  const direct = k.forecast(k.fit(Float64Array.from(y), k.parseSpec({ order: [2, 0, 1] }), {}), 12, [80, 95]);
  assert.deepEqual(got.forecast, Array.from(direct.mean));
  assert.deepEqual(got.intervals.map((i: { upper: number[] }) => i.upper), direct.intervals.map((i) => Array.from(i.upper)));
  // ETS(M,M,N) has no closed-form intervals: its fit stored simulated ones (default levels, 24 steps),
  // which are read here; any other horizon or level is simulated, and that is a worker's job.
  const stored = (await forecast(d.url, 'mmn', 'h=12')).body.data;
  assert.equal(await forecastTasks(d.url), 0, 'the stored intervals answer h = 12 at the default levels');
  const e = getKind('ets');
  const etsDirect = e.forecast(e.fit(Float64Array.from(y, (v) => v + 100), e.parseSpec({ model: 'MMN' }), {}), 12, [80, 95]);
  assert.deepEqual(stored.intervals.map((i: { lower: number[] }) => i.lower), etsDirect.intervals.map((i) => Array.from(i.lower)));
  for (const q of ['h=25', 'h=12&level=90']) assert.equal((await forecast(d.url, 'mmn', q)).status, 200);
  assert.equal(await forecastTasks(d.url), 2);
});
