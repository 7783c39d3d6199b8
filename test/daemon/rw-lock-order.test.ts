import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RwLock } from '../../src/daemon/models/rw-lock.ts';

const LONG = 10_000;

test('readers share the lock; a writer waits for earlier readers and blocks later ones (FIFO)', async () => {
  const lock = new RwLock();
  const log: string[] = [];
  const r1 = await lock.read(LONG);
  const r2 = await lock.read(LONG);
  assert.equal(lock.state.readersActive, 2);

  const w = lock.write(LONG).then((release) => {
    log.push('writer');
    return release;
  });
  const r3 = lock.read(LONG).then((release) => {
    log.push('reader after writer');
    return release;
  });
  await Promise.resolve();
  assert.deepEqual(log, [], 'the writer waits for the two readers, the late reader waits for the writer');
  assert.deepEqual({ ...lock.state }, { readersWaiting: 1, writersWaiting: 1, readersActive: 2, writerActive: false });

  r1();
  r2();
  const releaseW = await w;
  assert.deepEqual(log, ['writer']);
  releaseW();
  (await r3)();
  assert.deepEqual(log, ['writer', 'reader after writer']);
  assert.ok(lock.idle);
});

test('writers run one at a time in arrival order, readers in between keep their place', async () => {
  const lock = new RwLock();
  const order: string[] = [];
  const hold = await lock.write(LONG);
  const tasks = ['w1', 'r1', 'w2', 'r2', 'r3', 'w3'].map((name) =>
    (name.startsWith('w') ? lock.write(LONG) : lock.read(LONG)).then((release) => {
      order.push(name);
      // Writers hold until the next microtask turn so that overlap would show in the order.
      queueMicrotask(release);
    }),
  );
  hold();
  await Promise.all(tasks);
  assert.deepEqual(order, ['w1', 'r1', 'w2', 'r2', 'r3', 'w3']);
});

test('releasing twice does not free permits twice', async () => {
  const lock = new RwLock();
  const w = await lock.write(LONG);
  w();
  w();
  const r = await lock.read(LONG);
  const pending = lock.write(LONG);
  let got = false;
  void pending.then(() => (got = true));
  await Promise.resolve();
  assert.equal(got, false, 'the reader still holds the lock');
  r();
  (await pending)();
});
