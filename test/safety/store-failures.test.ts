import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, fit, forecast, waitFor } from '../support/http.ts';

/** Another process's connection holding the database's write lock (as a long backup or a tool would). */
function holdWriteLock(t: { after: (fn: () => void) => void }, db: string) {
  const other = new Database(db);
  other.exec('BEGIN IMMEDIATE');
  const release = () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    if (other.open) other.close();
  };
  t.after(release);
  return release;
}

test('a database locked past --db-busy-timeout is a 503 with Retry-After, and takes no version number', async (t) => {
  const d = await startDaemon(t, { args: ['--db-busy-timeout', '300ms'] });
  assert.equal((await fit(d.url, 'm', { data: [1, 2, 3], kind: 'naive' })).status, 201);
  const release = holdWriteLock(t, d.db);

  const busy = await fit(d.url, 'm', { data: [1, 2, 4], kind: 'naive' });
  assert.equal(busy.status, 503, JSON.stringify(busy.body));
  assert.equal(busy.body.code, 'MODELAPI_ERR_STORE_BUSY');
  assert.ok(Number(busy.headers['retry-after']) >= 1);
  assert.equal((await forecast(d.url, 'm', 'h=1')).status, 200, 'reads go on while another connection writes');

  release();
  const after = await fit(d.url, 'm', { data: [1, 2, 4], kind: 'naive' });
  assert.equal(after.body.data.version, 2, 'the refused fit used no number');
});

test('a publish that meets a locked database marks the version failed, not fitting', async (t) => {
  const gate = join(tempDir(t), 'gate');
  const d = await startDaemon(t, { args: ['--db-busy-timeout', '300ms'] });
  const pending = fit(d.url, 'g', { data: [1, 2], kind: 'gated', gate });
  await waitFor('the fit to run', async () => (await call(`${d.url}/v1/models/g`)).body.data?.state === 'fitting');
  const release = holdWriteLock(t, d.db);
  writeFileSync(gate, '');
  const answer = await pending;
  assert.equal(answer.status, 503, JSON.stringify(answer.body));
  assert.equal(answer.body.code, 'MODELAPI_ERR_STORE_BUSY');
  release();
  // Marking it failed could not be written either while the lock was held; it is retried until it is.
  await waitFor('the version to be failed', async () => (await call(`${d.url}/v1/models/g/versions`)).body.data[0].state === 'failed');
  assert.equal((await call(`${d.url}/v1/models/g`)).body.data.state, 'failed');
});

test('the database file deleted under the daemon: readiness fails and writes answer 503 saying so', async (t) => {
  const d = await startDaemon(t);
  assert.equal((await fit(d.url, 'm', { data: [1, 2, 3], kind: 'naive' })).status, 201);
  assert.equal((await call(`${d.url}/readyz`)).status, 200);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${d.db}${suffix}`, { force: true });

  const ready = await call(`${d.url}/readyz`);
  assert.equal(ready.status, 503);
  assert.equal(ready.body.code, 'MODELAPI_ERR_STORE_UNAVAILABLE');
  assert.match(ready.body.message, /was deleted/);
  const write = await fit(d.url, 'm', { data: [4, 5, 6], kind: 'naive' });
  assert.equal(write.status, 503);
  assert.equal(write.body.code, 'MODELAPI_ERR_STORE_UNAVAILABLE');
  assert.ok(write.body.message.includes(d.db));
  assert.equal((await call(`${d.url}/healthz`)).status, 200, 'alive, only not ready');
});

test('the database file replaced under the daemon is noticed too', async (t) => {
  const d = await startDaemon(t);
  rmSync(d.db);
  new Database(d.db).close();
  const ready = await call(`${d.url}/readyz`);
  assert.equal(ready.status, 503);
  assert.match(ready.body.message, /was replaced/);
});
