import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

const observe = (url: string, model: string, data: number[]) => call(`${url}/v1/models/${model}/observations`, 'POST', { data });
const forecastTasks = async (url: string) => (await call(`${url}/v1/status`)).body.data.pools.forecast.completed as number;
const series = Array.from({ length: 120 }, (_, i) => 50 + 10 * Math.sin(i / 4) + ((i * 37) % 11));

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
  assert.deepEqual(fromWorker, here);
  assert.equal(here.nObs, 123);
  assert.deepEqual((await forecast(second.url, 'a', 'h=500')).body.data, long);
});
