import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast } from '../support/http.ts';

const observe = (url: string, model: string, body: unknown) => call(`${url}/v1/models/${model}/observations`, 'POST', body);

test('a forecast sent after an append was acknowledged includes it; every forecast says which nObs it used', async (t) => {
  const d = await startDaemon(t);
  // naive forecasts the last value, and value k is appended as the (k)th point: the answer proves its nObs.
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'naive' });
  const seen: [number, number][] = [];
  const racing = Array.from({ length: 20 }, async () => {
    const fc = (await forecast(d.url, 'm', 'h=1&level=80')).body.data;
    seen.push([fc.nObs, fc.forecast[0]]);
  });
  for (let k = 4; k <= 23; k++) {
    const ack = await observe(d.url, 'm', { data: [k] });
    assert.equal(ack.body.data.nObs, k);
    const after = (await forecast(d.url, 'm', 'h=1&level=80')).body.data;
    assert.ok(after.nObs >= k, `a forecast after ack ${k} used nObs ${after.nObs}`);
    assert.equal(after.forecast[0], after.nObs);
  }
  await Promise.all(racing);
  for (const [nObs, value] of seen) assert.equal(value, nObs, 'the forecast and its nObs agree');
});

test('kill -9 right after the ack loses nothing: the restarted daemon forecasts with every appended point', async (t) => {
  const db = join(tempDir(t), 'models.db');
  const first = await startDaemon(t, { db });
  await fit(first.url, 'm', { data: [1, 2, 3], kind: 'naive' });
  for (let k = 0; k < 5; k++) assert.equal((await observe(first.url, 'm', { data: [10 + k, 20 + k] })).status, 200);
  await first.kill9();
  const second = await startDaemon(t, { db });
  const fc = (await forecast(second.url, 'm', 'h=1&history=10')).body.data;
  assert.deepEqual([fc.version, fc.nObs, fc.forecast[0]], [1, 13, 24]);
  assert.deepEqual(fc.history, [1, 2, 3, 10, 20, 11, 21, 12, 22, 13, 23, 14, 24].slice(-10));
  // And appends go on after the restart.
  assert.equal((await observe(second.url, 'm', { data: [99] })).body.data.nObs, 14);
});
