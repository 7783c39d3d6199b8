import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

test('20 forecasts issued while a fit of the same model runs all wait and use the new version', async (t) => {
  const d = await startDaemon(t);
  const gate = join(tempDir(t), 'gate');
  assert.equal((await fit(d.url, 'm', { data: [1, 1, 1], kind: 'gated' })).body.data.version, 1);
  // The same forecast answered and cached before the fit: cached answers are sent before Fastify's
  // routing (http/plain-forecasts.ts), and must still wait for the fit.
  for (let i = 0; i < 2; i++) assert.deepEqual((await forecast(d.url, 'm', 'h=2')).body.data.forecast, [1, 1]);

  const pendingFit = fit(d.url, 'm', { data: [2, 2, 2], kind: 'gated', gate });
  await waitFor('the fit to hold the lock', async () => (await call(`${d.url}/v1/models/m`)).body.data.state === 'fitting');

  const forecasts = Array.from({ length: 20 }, () => forecast(d.url, 'm', 'h=2'));
  await waitFor('20 forecasts queued on the lock', async () => (await call(`${d.url}/v1/models/m`)).body.data.lock.readersWaiting === 20);
  writeFileSync(gate, '');

  const fitted = await pendingFit;
  assert.equal(fitted.status, 201);
  assert.equal(fitted.body.data.version, 2);
  for (const fc of await Promise.all(forecasts)) {
    assert.equal(fc.status, 200);
    assert.equal(fc.body.data.version, 2);
    assert.deepEqual(fc.body.data.forecast, [2, 2]);
  }
});

test('a forecast issued during a fit that fails gets the previous version', async (t) => {
  const d = await startDaemon(t);
  const gate = join(tempDir(t), 'gate');
  await fit(d.url, 'm', { data: [1, 1, 1], kind: 'gated' });

  const failing = fit(d.url, 'm', { data: [9, 9, 9], kind: 'gated', gate, fail: true });
  await waitFor('the fit to hold the lock', async () => (await call(`${d.url}/v1/models/m`)).body.data.state === 'fitting');
  const fc = forecast(d.url, 'm', 'h=1');
  await waitFor('the forecast to queue', async () => (await call(`${d.url}/v1/models/m`)).body.data.lock.readersWaiting === 1);
  writeFileSync(gate, '');

  const failed = await failing;
  assert.equal(failed.status, 422);
  assert.equal(failed.body.code, 'MODELAPI_ERR_FIT_FAILED');
  const answer = await fc;
  assert.equal(answer.status, 200);
  assert.equal(answer.body.data.version, 1);
  const versions = (await call(`${d.url}/v1/models/m/versions`)).body.data;
  assert.deepEqual(versions.map((v: { version: number; state: string }) => [v.version, v.state]), [[1, 'ready'], [2, 'failed']]);
});

test('a forecast never waits for a fit that arrived after it; fits run one at a time in order', async (t) => {
  const d = await startDaemon(t);
  const dir = tempDir(t);
  await fit(d.url, 'm', { data: [1, 1, 1], kind: 'gated' });
  const fitA = fit(d.url, 'm', { data: [2, 2, 2], kind: 'gated', gate: join(dir, 'a') });
  await waitFor('fit A to run', async () => (await call(`${d.url}/v1/models/m`)).body.data.state === 'fitting');
  const fcAfterA = forecast(d.url, 'm', 'h=1');
  await waitFor('forecast to queue', async () => (await call(`${d.url}/v1/models/m`)).body.data.lock.readersWaiting === 1);
  const fitB = fit(d.url, 'm', { data: [3, 3, 3], kind: 'gated', gate: join(dir, 'b') });
  await waitFor('fit B to queue', async () => (await call(`${d.url}/v1/models/m`)).body.data.lock.writersWaiting === 1);

  writeFileSync(join(dir, 'a'), '');
  // The forecast that arrived between A and B is answered with A's version while B is still held.
  const fc = await fcAfterA;
  assert.equal(fc.body.data.version, 2);
  assert.deepEqual(fc.body.data.forecast, [2]);
  assert.equal((await fitA).body.data.version, 2);
  writeFileSync(join(dir, 'b'), '');
  assert.equal((await fitB).body.data.version, 3);
});
