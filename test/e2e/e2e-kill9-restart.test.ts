import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

test('kill -9 during a fit: acknowledged versions survive, the interrupted one is failed, numbering goes on', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'models.db');
  const first = await startDaemon(t, { db });
  assert.equal((await fit(first.url, 'm', { data: [1, 2, 3], kind: 'gated' })).body.data.version, 1);
  assert.equal((await fit(first.url, 'm', { data: [4, 5, 6], kind: 'gated' })).body.data.version, 2);

  // The gate never opens: the daemon dies while version 3 is fitting.
  const doomed = fit(first.url, 'm', { data: [7, 8, 9], kind: 'gated', gate: join(dir, 'never') }).catch((e) => e);
  await waitFor('version 3 to be fitting', async () => (await call(`${first.url}/v1/models/m`)).body.data.state === 'fitting');
  await first.kill9();
  await doomed;

  const second = await startDaemon(t, { db });
  const versions = (await call(`${second.url}/v1/models/m/versions`)).body.data;
  assert.deepEqual(
    versions.map((v: { version: number; state: string }) => [v.version, v.state]),
    [[1, 'ready'], [2, 'ready'], [3, 'failed']],
  );
  assert.match(versions[2].error, /interrupted/);
  const fc = await forecast(second.url, 'm', 'h=1');
  assert.equal(fc.body.data.version, 2);
  assert.deepEqual(fc.body.data.forecast, [6]);

  const next = await fit(second.url, 'm', { data: [10, 11, 12], kind: 'gated' });
  assert.equal(next.body.data.version, 4, 'a number is never reused');
});
