import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startDaemon } from '../support/daemon.ts';
import { call, fit } from '../support/http.ts';

async function stream(url: string, body: unknown, accept?: string) {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, type: String(res.headers['content-type']), text: await res.body.text() };
}

test('bulk forecasts stream one NDJSON line a model, by name or by label, with errors in their own line', async (t) => {
  const d = await startDaemon(t);
  for (let i = 0; i < 5; i++) await fit(d.url, `s${i}`, { data: [1, 2, 10 * i], kind: 'naive', labels: { chain: i < 3 ? 'acme' : 'other' } });

  const byLabel = await stream(`${d.url}/v1/forecasts`, { label: 'chain=acme', h: 2 });
  assert.equal(byLabel.status, 200);
  assert.match(byLabel.type, /application\/x-ndjson/);
  const lines = byLabel.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.model), ['s0', 's1', 's2']);
  assert.deepEqual(lines.map((l) => l.forecast), [[0, 0], [10, 10], [20, 20]]);
  assert.deepEqual(lines[1].intervals.map((i: { level: number }) => i.level), [80, 95]);

  const byName = await stream(`${d.url}/v1/forecasts`, { models: ['s4', 'nope', 's3'], h: 1, level: [90] });
  const named = byName.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(named.map((l) => l.model), ['s4', 'nope', 's3']);
  assert.equal(named[1].error.code, 'MODELAPI_ERR_MODEL_NOT_FOUND');
  assert.deepEqual(named[0].intervals.map((i: { level: number }) => i.level), [90]);
});

test('bulk forecasts as long-format CSV: a header, one row a step, and the error column for failures', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'a', { data: [1, 2, 3], kind: 'naive' });
  await fit(d.url, 'b', { data: [4, 5, 6], kind: 'mean' });
  const r = await stream(`${d.url}/v1/forecasts`, { models: ['a', 'b', 'zz'], h: 3 }, 'text/csv');
  assert.match(r.type, /text\/csv/);
  const rows = r.text.trim().split('\n');
  assert.equal(rows[0], 'model,version,step,timestamp,mean,lo80,hi80,lo95,hi95,error');
  assert.equal(rows.length, 1 + 3 + 3 + 1);
  assert.deepEqual(rows.slice(1, 4).map((row) => row.split(',').slice(0, 5).join(',')), ['a,1,1,,3', 'a,1,2,,3', 'a,1,3,,3']);
  assert.equal(rows[4]!.split(',')[4], '5');
  assert.match(rows[7]!, /^zz,.*MODELAPI_ERR_MODEL_NOT_FOUND/);
});

test('bulk forecast requests are checked before anything streams', async (t) => {
  const d = await startDaemon(t);
  for (const [body, field] of [
    [{ models: ['a'], label: 'k=v', h: 1 }, 'models'],
    [{ models: ['a'], h: 0 }, 'h'],
    [{ label: 'novalue', h: 1 }, 'label'],
    [{ models: ['a'], h: 1, level: [100] }, 'level'],
  ] as const) {
    const r = await call(`${d.url}/v1/forecasts`, 'POST', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(field in r.body.data, JSON.stringify(r.body));
  }
});
