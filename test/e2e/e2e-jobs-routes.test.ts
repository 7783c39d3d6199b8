import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ModelStore } from '../../src/store/index.ts';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call } from '../support/http.ts';

test('/v1/jobs over HTTP: jobs cut off by a crash are failed at start-up, listed, and refuse cancel; bad ids and queries fail by name', async (t) => {
  const db = join(tempDir(t), 'models.db');
  // What a daemon killed mid-job leaves behind: a queued and a running job.
  const before = ModelStore.open(db);
  before.jobs.insert({ id: 'job-queued', type: 'fit', model: 'sales', createdAt: '2026-01-01T00:00:00.000Z' });
  before.jobs.insert({ id: 'job-running', type: 'infer', model: 'churn', createdAt: '2026-01-01T00:00:01.000Z' });
  before.jobs.markRunning('job-running', '2026-01-01T00:00:02.000Z');
  before.close();

  const daemon = await startDaemon(t, { db });
  const one = await call(`${daemon.url}/v1/jobs/job-running`);
  assert.equal(one.status, 200);
  assert.equal(one.body.data.state, 'failed');
  assert.equal(one.body.data.error.code, 'MODELAPI_ERR_INTERRUPTED');
  assert.equal(one.body.data.startedAt, '2026-01-01T00:00:02.000Z');

  const all = await call(`${daemon.url}/v1/jobs`);
  assert.deepEqual(all.body.data.map((j: { id: string }) => j.id), ['job-running', 'job-queued']);
  const bySales = await call(`${daemon.url}/v1/jobs?model=sales&state=failed`);
  assert.deepEqual(bySales.body.data.map((j: { id: string }) => j.id), ['job-queued']);
  const byType = await call(`${daemon.url}/v1/jobs?type=fit&state=running`);
  assert.deepEqual(byType.body.data, []);

  const cancel = await call(`${daemon.url}/v1/jobs/job-queued`, 'DELETE');
  assert.equal(cancel.status, 409);
  assert.equal(cancel.body.code, 'MODELAPI_ERR_JOB_FINISHED');

  const missing = await call(`${daemon.url}/v1/jobs/nope?wait=1s`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'MODELAPI_ERR_JOB_NOT_FOUND');
  assert.equal((await call(`${daemon.url}/v1/jobs/nope`, 'DELETE')).status, 404);

  const badWait = await call(`${daemon.url}/v1/jobs/job-queued?wait=2h`);
  assert.equal(badWait.status, 400);
  assert.ok('wait' in badWait.body.data);
  const badState = await call(`${daemon.url}/v1/jobs?state=done`);
  assert.equal(badState.status, 400);
  assert.equal(badState.body.code, 'MODELAPI_ERR_VALIDATION');
});
