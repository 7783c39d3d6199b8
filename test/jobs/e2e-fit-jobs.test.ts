import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

const jobState = async (url: string, id: string) => (await call(`${url}/v1/jobs/${id}`)).body.data;

test('?async=true on fit, refit and /api/fit_model: 202 + Location, then the job holds what the inline fit answers', async (t) => {
  const d = await startDaemon(t);
  const accepted = await call(`${d.url}/v1/models/m/fit?async=true`, 'POST', { data: [1, 2, 3, 4], kind: 'naive' });
  assert.equal(accepted.status, 202);
  assert.equal(accepted.headers.location, `/v1/jobs/${accepted.body.data.id}`);
  assert.deepEqual([accepted.body.data.type, accepted.body.data.model], ['fit', 'm']);
  const done = (await call(`${d.url}${accepted.headers.location}?wait=30s`)).body.data;
  assert.equal(done.state, 'succeeded');
  assert.deepEqual([done.result.model, done.result.version, done.result.nObs, done.result.reused], ['m', 1, 4, false]);
  assert.deepEqual((await forecast(d.url, 'm', 'h=1')).body.data.forecast, [4]);

  const refit = await call(`${d.url}/v1/models/m/refit?async=true`, 'POST');
  assert.equal(refit.status, 202);
  assert.equal((await call(`${d.url}/v1/jobs/${refit.body.data.id}?wait=30s`)).body.data.result.version, 2);
  const compat = await call(`${d.url}/api/fit_model?async=true`, 'POST', { data: [5, 6, 7], kind: 'naive' });
  assert.equal(compat.status, 202);
  assert.equal((await call(`${d.url}/v1/jobs/${compat.body.data.id}?wait=30s`)).body.data.result.model, 'default');
  const listed = (await call(`${d.url}/v1/jobs?model=m`)).body.data;
  assert.deepEqual(listed.map((j: { type: string }) => j.type), ['refit', 'fit']);
});

test('an async request with bad input is refused at once: no job, nothing stored', async (t) => {
  const d = await startDaemon(t);
  const bad = await call(`${d.url}/v1/models/m/fit?async=true`, 'POST', { data: [1, 'x'] });
  assert.deepEqual([bad.status, bad.body.code], [400, 'MODELAPI_ERR_VALIDATION']);
  const noModel = await call(`${d.url}/v1/models/none/refit?async=true`, 'POST');
  assert.equal(noModel.status, 404);
  assert.deepEqual((await call(`${d.url}/v1/jobs`)).body.data, []);
});

test('DELETE a running fit job: its worker is stopped, the version failed, the next fit runs', async (t) => {
  const dir = tempDir(t);
  const d = await startDaemon(t, { args: ['--fit-workers', '1'] });
  const job = (await call(`${d.url}/v1/models/m/fit?async=true`, 'POST', { data: [1, 2], kind: 'gated', gate: join(dir, 'never') })).body.data;
  await waitFor('the job to run', async () => (await jobState(d.url, job.id)).state === 'running');
  const cancel = await call(`${d.url}/v1/jobs/${job.id}`, 'DELETE' as 'GET');
  assert.equal(cancel.status, 200);
  const ended = (await call(`${d.url}/v1/jobs/${job.id}?wait=30s`)).body.data;
  assert.deepEqual([ended.state, ended.error.code], ['failed', 'MODELAPI_ERR_JOB_CANCELLED']);
  const versions = (await call(`${d.url}/v1/models/m/versions`)).body.data;
  assert.deepEqual(versions.map((v: { state: string }) => v.state), ['failed']);
  assert.match(versions[0].error, /MODELAPI_ERR_JOB_CANCELLED/);
  // The only fit worker was blocked on the gate: this fit finishing shows it was stopped and replaced.
  assert.equal((await fit(d.url, 'm', { data: [1, 2, 3], kind: 'gated' })).body.data.version, 2);
  assert.equal((await call(`${d.url}/v1/jobs/${job.id}`, 'DELETE' as 'GET')).body.code, 'MODELAPI_ERR_JOB_FINISHED');
});

test('DELETE a fit job still queued behind another fit: it never starts and allocates no version', async (t) => {
  const dir = tempDir(t);
  const gate = join(dir, 'gate');
  const d = await startDaemon(t);
  const first = call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2], kind: 'gated', gate });
  await waitFor('the first fit to hold the lock', async () => (await call(`${d.url}/v1/models/m`)).body.data?.state === 'fitting');
  const queued = (await call(`${d.url}/v1/models/m/fit?async=true`, 'POST', { data: [3, 4], kind: 'gated' })).body.data;
  assert.equal((await jobState(d.url, queued.id)).state, 'queued');
  await call(`${d.url}/v1/jobs/${queued.id}`, 'DELETE' as 'GET');
  writeFileSync(gate, '');
  assert.equal((await first).body.data.version, 1);
  const ended = (await call(`${d.url}/v1/jobs/${queued.id}?wait=30s`)).body.data;
  assert.deepEqual([ended.state, ended.error.code], ['failed', 'MODELAPI_ERR_JOB_CANCELLED']);
  assert.equal((await call(`${d.url}/v1/models/m/versions`)).body.data.length, 1);
});

test('kill -9 mid-job: after the restart the job is failed as interrupted, and so is its version', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'models.db');
  const first = await startDaemon(t, { db });
  const job = (await call(`${first.url}/v1/models/m/fit?async=true`, 'POST', { data: [1, 2], kind: 'gated', gate: join(dir, 'never') })).body.data;
  await waitFor('the job to run', async () => (await jobState(first.url, job.id)).state === 'running');
  await first.kill9();
  const second = await startDaemon(t, { db });
  const after = await jobState(second.url, job.id);
  assert.deepEqual([after.state, after.error.code], ['failed', 'MODELAPI_ERR_INTERRUPTED']);
  assert.equal((await call(`${second.url}/v1/models/m/versions`)).body.data[0].state, 'failed');
});
