import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

async function post(url: string, body: string, contentType: string) {
  const res = await request(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(await res.body.text()) };
}

const finished = async (base: string, id: string) => {
  const job = await waitFor('the job to finish', async () => {
    const r = await call(`${base}/v1/jobs/${id}?wait=5s`);
    return r.body.data.state === 'succeeded' || r.body.data.state === 'failed' ? r.body.data : undefined;
  }, 60_000);
  return job;
};

test('a bulk fit fits every good series as its own version; bad ones fail alone with their reason', async (t) => {
  const d = await startDaemon(t);
  const accepted = await call(`${d.url}/v1/fits`, 'POST', {
    defaults: { kind: 'naive', labels: { chain: 'acme' } },
    series: [
      { model: 'a', data: [1, 2, 3] },
      { model: 'b', data: [4, 5, 6], labels: { region: 'n' } },
      { model: 'c', data: [1, 2, 3, 4, 5], kind: 'snaive', period: 2 },
      { model: 'short', data: [1, 2, 3], kind: 'snaive', period: 12 },
      { model: 'bad name!', data: [1, 2] },
      { model: 'empty', data: [null, null] },
      { model: 'a', data: [9, 9] },
      { model: 42, data: [1] },
    ],
  });
  assert.equal(accepted.status, 202);
  assert.equal(accepted.headers.location, `/v1/jobs/${accepted.body.data.id}`);
  const job = await finished(d.url, accepted.body.data.id);
  assert.equal(job.state, 'succeeded');
  assert.equal(job.type, 'bulk-fit');
  assert.deepEqual({ total: job.result.total, done: job.result.done, failed: job.result.failed }, { total: 8, done: 8, failed: 5 });
  const byModel = new Map(job.result.items.map((i: { model: string }) => [i.model + (i as { version?: number }).version, i]));
  assert.ok(byModel.has('a1') && byModel.has('b1') && byModel.has('c1'));
  const errors = job.result.items.filter((i: { error?: unknown }) => i.error).map((i: { model: string; error: { code: string } }) => `${i.model}:${i.error.code}`);
  assert.deepEqual(errors, [
    'short:MODELAPI_ERR_UNFITTABLE', 'bad name!:MODELAPI_ERR_VALIDATION', 'empty:MODELAPI_ERR_UNFITTABLE', 'a:MODELAPI_ERR_VALIDATION', '42:MODELAPI_ERR_VALIDATION',
  ]);
  assert.deepEqual((await forecast(d.url, 'a', 'h=1')).body.data.forecast, [3], 'the duplicate did not overwrite the first');
  assert.deepEqual((await call(`${d.url}/v1/models/b`)).body.data.labels, { chain: 'acme', region: 'n' });
  for (const gone of ['short', 'empty']) assert.equal((await call(`${d.url}/v1/models/${gone}`)).status, 404, `${gone}: nothing stored`);

  const page = await call(`${d.url}/v1/jobs/${accepted.body.data.id}?offset=2&limit=2`);
  assert.deepEqual(page.body.data.result.items.map((i: { model: string }) => i.model), ['c', 'short']);
  assert.equal(page.body.data.result.itemsTotal, 8);
  assert.equal(page.body.data.result.nextOffset, 4);
});

test('long-format CSV and NDJSON bodies group rows by id; unreadable values fail their series; bad bodies are 400', async (t) => {
  const d = await startDaemon(t);
  const csv = 'store_item,units\nx,1\ny,10\nx,2\ny,20\nx,3\ny,oops\n';
  const a = await post(`${d.url}/v1/fits?id_column=store_item&value_column=units&defaults=${encodeURIComponent('{"kind":"naive"}')}`, csv, 'text/csv');
  assert.equal(a.status, 202);
  const job = await finished(d.url, a.body.data.id);
  assert.deepEqual(job.result.items.map((i: { model: string; version?: number }) => `${i.model}:${i.version ?? 'failed'}`), ['x:1', 'y:failed']);
  assert.match(job.result.items[1].error.message, /row 6: 'oops' is not a number/);
  assert.deepEqual((await forecast(d.url, 'x', 'h=1')).body.data.forecast, [3]);

  const nd = '{"unique_id":"p","y":5}\n{"unique_id":"p","y":null}\n{"unique_id":"p","y":7}\n';
  const b = await post(`${d.url}/v1/fits?defaults=${encodeURIComponent('{"kind":"naive"}')}`, nd, 'application/x-ndjson');
  assert.equal((await finished(d.url, b.body.data.id)).result.failed, 0);
  assert.deepEqual((await forecast(d.url, 'p', 'h=1')).body.data.forecast, [7]);

  const bad: [string, string, string][] = [
    ['a,b\n1,2\n', 'text/csv', 'id_column'],
    ['unique_id,y\n"unterminated,1\n', 'text/csv', 'body'],
    ['{"unique_id": 1, "y": 2}\nnot json\n', 'application/x-ndjson', 'body'],
  ];
  for (const [body, type, field] of bad) {
    const r = await post(`${d.url}/v1/fits`, body, type);
    assert.equal(r.status, 400, body);
    assert.ok(field in r.body.data, JSON.stringify(r.body));
  }
  const badDefaults = await post(`${d.url}/v1/fits?defaults=%7Bnope`, 'unique_id,y\na,1\n', 'text/csv');
  assert.ok('defaults' in badDefaults.body.data);
  assert.equal((await call(`${d.url}/v1/fits`, 'POST', { series: [] })).status, 400);
  assert.equal((await call(`${d.url}/v1/jobs?type=bulk-fit`)).body.data.length, 2, 'refused bodies made no job');
});

test('bulk work never takes a forecast or interactive fit thread; cancelling stops between series and keeps what was done', async (t) => {
  const d = await startDaemon(t);
  const gate = join(tempDir(t), 'gate');
  await fit(d.url, 'live', { data: [1, 2, 3], kind: 'naive' });
  const series = Array.from({ length: 30 }, (_, i) => ({ model: `g${i}`, data: [i, i], kind: 'gated', gate }));
  const accepted = await call(`${d.url}/v1/fits`, 'POST', { series });
  const id = accepted.body.data.id;
  await waitFor('bulk fits holding every bulk thread', async () => (await call(`${d.url}/v1/status`)).body.data.pools.bulk.busy > 0);

  // While the bulk pool is blocked: a forecast and an interactive fit of other models are answered.
  assert.equal((await forecast(d.url, 'live', 'h=2')).status, 200);
  assert.equal((await fit(d.url, 'other', { data: [5, 6], kind: 'naive' })).status, 201);
  assert.equal((await call(`${d.url}/v1/jobs/${id}`)).body.data.state, 'running');

  assert.equal((await call(`${d.url}/v1/jobs/${id}`, 'DELETE')).status, 200);
  writeFileSync(gate, '');
  const job = await finished(d.url, id);
  assert.equal(job.state, 'failed');
  assert.equal(job.error.code, 'MODELAPI_ERR_JOB_CANCELLED');
  assert.equal(job.result.cancelled, true);
  assert.ok(job.result.done > 0 && job.result.done < 30, `stopped between series after ${job.result.done}`);
  const fitted = job.result.items.filter((i: { version?: number }) => i.version).map((i: { model: string }) => i.model);
  for (const m of fitted) assert.equal((await call(`${d.url}/v1/models/${m}`)).status, 200);
  assert.equal((await call(`${d.url}/v1/models/g29`)).status, 404, 'series after the cancel were not fitted');
});

test('a bulk job cut off by a crash is failed after the restart; the series it finished stay fitted', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'models.db');
  const gate = join(dir, 'gate');
  const first = await startDaemon(t, { db });
  const series = [{ model: 'done1', data: [1, 2], kind: 'naive' }, ...Array.from({ length: 6 }, (_, i) => ({ model: `w${i}`, data: [1], kind: 'gated', gate }))];
  const accepted = await call(`${first.url}/v1/fits`, 'POST', { series });
  await waitFor('the first series to be fitted', async () => (await call(`${first.url}/v1/models/done1`)).body.data?.currentVersion === 1);
  await first.kill9();
  const second = await startDaemon(t, { db });
  const job = (await call(`${second.url}/v1/jobs/${accepted.body.data.id}`)).body.data;
  assert.equal(job.state, 'failed');
  assert.equal(job.error.code, 'MODELAPI_ERR_INTERRUPTED');
  assert.equal((await call(`${second.url}/v1/models/done1`)).body.data.currentVersion, 1);
});

test('a long-format date column gives each series its timestamps, in date order, and forecasts carry them', async (t) => {
  const d = await startDaemon(t);
  // Rows sorted by date across series, one series' rows out of order: each series is sorted by its dates.
  const csv = 'unique_id,ds,y\nm,2024-01-03,3\nm,2024-01-01,1\nn,2024-01-01,10\nm,2024-01-02,2\nn,2024-01-02,20\nn,2024-01-03,30\n';
  const a = await post(`${d.url}/v1/fits?defaults=${encodeURIComponent('{"kind":"naive"}')}`, csv, 'text/csv');
  const job = await finished(d.url, a.body.data.id);
  assert.equal(job.result.failed, 0, JSON.stringify(job.result.items));
  const fc = await forecast(d.url, 'm', 'h=2');
  assert.deepEqual(fc.body.data.forecast, [3, 3]);
  assert.equal(fc.body.data.timestamps.length, 2);
  assert.match(String(fc.body.data.timestamps[0]), /^2024-01-04/);
  const res = await request(`${d.url}/v1/forecasts`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify({ models: ['n'], h: 1 }),
  });
  const rows = (await res.body.text()).trim().split('\n');
  assert.match(rows[1]!, /^n,1,1,2024-01-04[^,]*,30,/);
});
