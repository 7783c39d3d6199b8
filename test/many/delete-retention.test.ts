import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

test('a deleted model is gone everywhere; fitted again, its numbers continue after the deleted ones', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'old', { data: [1, 2, 3], kind: 'naive', labels: { k: 'v' } });
  await fit(d.url, 'old', { data: [1, 2, 4], kind: 'naive' });
  assert.deepEqual((await forecast(d.url, 'old', 'h=1')).body.data.forecast, [4]);

  const del = await call(`${d.url}/v1/models/old`, 'DELETE');
  assert.equal(del.status, 200);
  assert.equal((await call(`${d.url}/v1/models/old`)).status, 404);
  assert.equal((await call(`${d.url}/v1/models/old/versions`)).status, 404);
  const gone = await forecast(d.url, 'old', 'h=1');
  assert.equal(gone.status, 404, 'the cached forecast went with the model');
  assert.equal(gone.body.code, 'MODELAPI_ERR_MODEL_NOT_FOUND');
  assert.deepEqual((await call(`${d.url}/v1/models?label=k%3Dv`)).body.data, []);
  assert.equal((await call(`${d.url}/v1/models/old`, 'DELETE')).status, 404);

  const again = await fit(d.url, 'old', { data: [7, 7, 7], kind: 'naive' });
  assert.equal(again.body.data.version, 3, 'a client holding old@1 or old@2 can never get another model under them');
  assert.deepEqual((await call(`${d.url}/v1/models/old`)).body.data.labels, {});
  assert.deepEqual((await forecast(d.url, 'old', 'h=1')).body.data.forecast, [7]);
});

test('one version can be deleted unless it is current; missing ones are 404', async (t) => {
  const d = await startDaemon(t);
  await fit(d.url, 'm', { data: [1, 2, 3], kind: 'naive' });
  await fit(d.url, 'm', { data: [1, 2, 4], kind: 'naive' });
  const current = await call(`${d.url}/v1/models/m/versions/2`, 'DELETE');
  assert.equal(current.status, 409);
  assert.equal(current.body.code, 'MODELAPI_ERR_VERSION_IN_USE');
  assert.equal((await call(`${d.url}/v1/models/m/versions/9`, 'DELETE')).body.code, 'MODELAPI_ERR_VERSION_NOT_FOUND');
  assert.equal((await call(`${d.url}/v1/models/m/versions/1`, 'DELETE')).status, 200);
  assert.deepEqual((await call(`${d.url}/v1/models/m/versions`)).body.data.map((v: { version: number }) => v.version), [2]);
});

test('--keep-versions prunes the oldest versions after each publish and never the current one', async (t) => {
  const d = await startDaemon(t, { args: ['--keep-versions', '2'] });
  for (let i = 1; i <= 4; i++) await fit(d.url, 'm', { data: [1, 2, i], kind: 'naive' });
  assert.equal((await fit(d.url, 'm', { data: [1, 2], kind: 'gated', fail: true })).status, 422);
  const versions = (await call(`${d.url}/v1/models/m/versions`)).body.data.map((v: { version: number; state: string }) => `${v.version}:${v.state}`);
  // Pruning runs after a publish: the failed 5 stays until the next one.
  assert.deepEqual(versions, ['3:ready', '4:ready', '5:failed']);
  await fit(d.url, 'm', { data: [9, 9, 9], kind: 'naive' });
  const after = (await call(`${d.url}/v1/models/m/versions`)).body.data.map((v: { version: number }) => v.version);
  assert.deepEqual(after, [5, 6]);
  assert.equal((await call(`${d.url}/v1/models/m`)).body.data.currentVersion, 6);
});

test('a delete waits for the fit ahead of it; a forecast queued before the delete still gets its answer, one after gets 404', async (t) => {
  const d = await startDaemon(t);
  const gate = join(tempDir(t), 'gate');
  await fit(d.url, 'm', { data: [1, 1, 1], kind: 'gated' });
  const slowFit = fit(d.url, 'm', { data: [2, 2, 2], kind: 'gated', gate });
  await waitFor('the fit to hold the lock', async () => (await call(`${d.url}/v1/models/m`)).body.data.state === 'fitting');
  const before = forecast(d.url, 'm', 'h=1');
  await waitFor('the forecast to queue', async () => (await call(`${d.url}/v1/models/m`)).body.data.lock.readersWaiting === 1);
  const deletion = call(`${d.url}/v1/models/m`, 'DELETE');
  await waitFor('the delete to queue', async () => (await call(`${d.url}/v1/models/m`)).body.data.lock.writersWaiting === 1);
  writeFileSync(gate, '');
  assert.equal((await slowFit).status, 201);
  const fc = await before;
  // The forecast chose version 2 before the delete took the lock; it is answered, or told the model went.
  assert.ok(fc.status === 200 ? fc.body.data.version === 2 : fc.body.code === 'MODELAPI_ERR_MODEL_NOT_FOUND', JSON.stringify(fc.body));
  assert.equal((await deletion).status, 200);
  assert.equal((await forecast(d.url, 'm', 'h=1')).status, 404);
});
