import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, waitFor } from '../support/http.ts';

const withKey = (key: string) => ({ 'idempotency-key': key });
const post = (url: string, path: string, body: unknown, key: string) => call(`${url}${path}`, 'POST', body, withKey(key));
const versionCount = async (url: string, model: string) => (await call(`${url}/v1/models/${model}/versions`)).body.data.length;

test('a retry with the same key and body gets the first answer without the work: fit, refit, observations', async (t) => {
  const d = await startDaemon(t);
  const first = await post(d.url, '/v1/models/m/fit', { data: [1, 2, 3], kind: 'naive' }, 'k-fit');
  const again = await post(d.url, '/v1/models/m/fit', { kind: 'naive', data: [1, 2, 3] }, 'k-fit');
  assert.equal(first.status, 201);
  assert.deepEqual([again.status, again.body], [first.status, first.body], 'same status, same body (key order in the body does not matter)');
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(first.headers['idempotent-replayed'], undefined);

  const obs = await post(d.url, '/v1/models/m/observations', { data: [4] }, 'k-obs');
  const obsAgain = await post(d.url, '/v1/models/m/observations', { data: [4] }, 'k-obs');
  assert.deepEqual(obsAgain.body, obs.body);
  assert.equal((await call(`${d.url}/v1/models/m/forecast?h=1`)).body.data.nObs, 4, 'the point was appended once');

  const refit = await post(d.url, '/v1/models/m/refit', undefined, 'k-refit');
  assert.deepEqual((await post(d.url, '/v1/models/m/refit', undefined, 'k-refit')).body, refit.body);
  assert.equal(await versionCount(d.url, 'm'), 2);
});

test('the same key with another body is a 422; keys are per model; refused requests are not remembered', async (t) => {
  const d = await startDaemon(t);
  await post(d.url, '/v1/models/m/fit', { data: [1, 2, 3], kind: 'naive' }, 'k');
  const other = await post(d.url, '/v1/models/m/fit', { data: [1, 2, 4], kind: 'naive' }, 'k');
  assert.deepEqual([other.status, other.body.code, Object.keys(other.body.data)], [422, 'MODELAPI_ERR_IDEMPOTENCY_MISMATCH', ['Idempotency-Key']]);
  const otherRoute = await post(d.url, '/v1/models/m/observations', { data: [1] }, 'k');
  assert.equal(otherRoute.body.code, 'MODELAPI_ERR_IDEMPOTENCY_MISMATCH');
  const otherModel = await post(d.url, '/v1/models/n/fit', { data: [1, 2, 4], kind: 'naive' }, 'k');
  assert.equal(otherModel.status, 201);

  const refused = await post(d.url, '/v1/models/z/fit', { data: [1, 'x'] }, 'k2');
  assert.equal(refused.status, 400);
  assert.equal((await post(d.url, '/v1/models/z/fit', { data: [1, 2] , kind: 'naive'}, 'k2')).status, 201, 'a refused request leaves its key unused');
  assert.equal((await post(d.url, '/v1/models/m/fit', { data: [1] }, ' bad key ')).status, 400);
});

test('a retry while the first request is still running waits for it and gets its answer; async retries get the same job', async (t) => {
  const dir = tempDir(t);
  const gate = join(dir, 'gate');
  const d = await startDaemon(t);
  const body = { data: [1, 2, 3], kind: 'gated', gate };
  const first = post(d.url, '/v1/models/m/fit', body, 'k');
  await waitFor('the first fit to run', async () => (await call(`${d.url}/v1/models/m`)).body.data?.state === 'fitting');
  const retry = post(d.url, '/v1/models/m/fit', body, 'k');
  writeFileSync(gate, '');
  const [a, b] = await Promise.all([first, retry]);
  assert.deepEqual([b.status, b.body], [a.status, a.body]);
  assert.equal(await versionCount(d.url, 'm'), 1);

  const job = await post(d.url, '/v1/models/m/fit?async=true', { data: [5, 6], kind: 'gated' }, 'k-async');
  const jobAgain = await post(d.url, '/v1/models/m/fit?async=true', { data: [5, 6], kind: 'gated' }, 'k-async');
  assert.deepEqual([job.status, jobAgain.status], [202, 202]);
  assert.equal(jobAgain.body.data.id, job.body.data.id);
  assert.equal(jobAgain.headers.location, job.headers.location);
});

test('after a restart (kill -9) the retry still gets the first answer', async (t) => {
  const db = join(tempDir(t), 'models.db');
  const first = await startDaemon(t, { db });
  const answer = await post(first.url, '/v1/models/m/fit', { data: [1, 2, 3], kind: 'naive' }, 'k');
  await first.kill9();
  const second = await startDaemon(t, { db });
  const replay = await post(second.url, '/v1/models/m/fit', { data: [1, 2, 3], kind: 'naive' }, 'k');
  assert.deepEqual([replay.status, replay.body, replay.headers['idempotent-replayed']], [answer.status, answer.body, 'true']);
  assert.equal(await versionCount(second.url, 'm'), 1);
});

test('after --idempotency-ttl the key is free again: the request is done anew', async (t) => {
  const d = await startDaemon(t, { args: ['--idempotency-ttl', '2s'] });
  const answer = await post(d.url, '/v1/models/m/fit', { data: [1, 2, 3], kind: 'naive' }, 'k');
  assert.equal(answer.status, 201);
  // Until it expires every retry is a replay; then the fit runs again, and reuse by hash answers 200.
  const fresh = await waitFor('the key to expire', async () => {
    const r = await post(d.url, '/v1/models/m/fit', { data: [1, 2, 3], kind: 'naive' }, 'k');
    if (r.headers['idempotent-replayed'] === 'true') assert.deepEqual([r.status, r.body], [answer.status, answer.body]);
    return r.headers['idempotent-replayed'] === undefined && r;
  }, 30_000, 200);
  assert.deepEqual([fresh.status, fresh.body.data.reused], [200, true]);
});
