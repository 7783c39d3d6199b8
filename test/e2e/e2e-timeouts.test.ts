import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

test('a forecast waiting past --lock-timeout gets 503 with Retry-After, and the lock still works after', async (t) => {
  const d = await startDaemon(t, { args: ['--lock-timeout', '300ms'] });
  const gate = join(tempDir(t), 'gate');
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'gated' });
  const slow = fit(d.url, 'm', { data: [4, 5, 6], kind: 'gated', gate });
  await waitFor('the fit to run', async () => (await call(`${d.url}/v1/models/m`)).body.data.state === 'fitting');

  const busy = await forecast(d.url, 'm', 'h=1');
  assert.equal(busy.status, 503);
  assert.equal(busy.body.status, 'error');
  assert.equal(busy.body.code, 'MODELAPI_ERR_LOCK_TIMEOUT');
  assert.ok(Number(busy.headers['retry-after']) >= 1);
  const queuedFit = await fit(d.url, 'm', { data: [7, 8, 9], kind: 'gated' });
  assert.equal(queuedFit.status, 503, 'a fit waiting behind the running one times out too');

  writeFileSync(gate, '');
  assert.equal((await slow).body.data.version, 2);
  const after = await forecast(d.url, 'm', 'h=1');
  assert.equal(after.status, 200);
  assert.equal(after.body.data.version, 2);
});

test('a fit running past --fit-timeout is stopped: 504, version failed, lock free, worker replaced', async (t) => {
  // The held fit never ends, so the limit only decides how long this test takes. It must leave room for
  // the fit after it, whose worker is the replacement of the stopped one and may still be starting
  // (seconds on a loaded machine: the thread loads its code after the fit is admitted).
  const d = await startDaemon(t, { args: ['--fit-timeout', '4s'] });
  const gate = join(tempDir(t), 'never-opened');
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'gated' });
  const r = await fit(d.url, 'm', { data: [4, 5, 6], kind: 'gated', gate });
  assert.equal(r.status, 504);
  assert.equal(r.body.code, 'MODELAPI_ERR_FIT_TIMEOUT');

  const versions = (await call(`${d.url}/v1/models/m/versions`)).body.data;
  assert.deepEqual(versions.map((v: { state: string }) => v.state), ['ready', 'failed']);
  assert.equal((await forecast(d.url, 'm', 'h=1')).body.data.version, 1);
  const next = await fit(d.url, 'm', { data: [7, 8, 9], kind: 'gated' });
  assert.equal(next.status, 201);
  assert.equal(next.body.data.version, 3);
});

test('a worker that dies turns into an error for that request only; the daemon keeps serving', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'gated' });
  const r = await fit(d.url, 'm', { data: [4, 5, 6], kind: 'gated', crash: true });
  assert.equal(r.status, 500);
  assert.equal(r.body.status, 'error');
  assert.equal(r.body.code, 'MODELAPI_ERR_WORKER_CRASHED');
  assert.doesNotMatch(JSON.stringify(r.body), /\.ts:\d+/, 'no stack trace leaks');
  assert.equal((await forecast(d.url, 'm', 'h=1')).body.data.version, 1);
  assert.equal((await fit(d.url, 'm', { data: [7, 8, 9], kind: 'gated' })).body.data.version, 3);
});
