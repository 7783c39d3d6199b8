import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LockTimeoutError, RwLock } from '../../src/daemon/models/rw-lock.ts';

test('a reader behind a writer times out with LockTimeoutError and leaves the queue consistent', async () => {
  const lock = new RwLock();
  const release = await lock.write(10_000);
  await assert.rejects(lock.read(20), LockTimeoutError);
  assert.equal(lock.state.readersWaiting, 0);
  // A reader that queued after the timed-out one is served as soon as the writer is done.
  const later = lock.read(10_000);
  release();
  (await later)();
  assert.ok(lock.idle);
});

test('a timed-out writer does not block readers once the running writer is done', async () => {
  const lock = new RwLock();
  const running = await lock.write(10_000);
  await assert.rejects(lock.write(20), LockTimeoutError);
  const reader = lock.read(10_000);
  running();
  (await reader)();
  const writer = await lock.write(10_000);
  writer();
  assert.ok(lock.idle);
});
