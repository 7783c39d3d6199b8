import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ModelStore } from '../../src/store/index.ts';
import { WalSync } from '../../src/store/wal-sync.ts';
import { tempDir } from '../support/daemon.ts';

/** A real WAL database and a WalSync on it, as the store builds them. */
function walDb(t: TestContext) {
  const path = join(tempDir(t), 'w.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (v INTEGER)');
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const wal = new WalSync(`${path}-wal`, () => totalChanges.get() as number);
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  t.after(() => {
    wal.close();
    db.close();
  });
  return { path, db, wal, write: (v = 1) => insert.run(v) };
}

test('nothing written, nothing to wait for: no fsync', async (t) => {
  const { wal } = walDb(t);
  assert.equal(wal.pending(), true, 'before the first sync nothing is known to be on disk');
  wal.durableNow();
  assert.equal(wal.pending(), false);
  await wal.durable();
  await wal.durable();
  assert.equal(wal.syncs, 0);
});

test('answers waiting at the same moment share one fsync', async (t) => {
  const { wal, write } = walDb(t);
  wal.durableNow();
  for (let i = 0; i < 10; i++) write(i);
  assert.equal(wal.pending(), true);
  await Promise.all(Array.from({ length: 10 }, () => wal.durable()));
  assert.equal(wal.syncs, 1);
  assert.equal(wal.pending(), false);
});

test('a write made while an fsync runs waits for the next one, which all later callers share', async (t) => {
  const { wal, write } = walDb(t);
  wal.durableNow();
  write(1);
  const first = wal.durable();
  write(2); // committed after the running fsync began: not covered by it
  const second = wal.durable();
  const third = wal.durable();
  assert.notEqual(second, first);
  assert.equal(third, second, 'one queued fsync for everyone who asked while the first ran');
  let firstDone = false;
  void first.then(() => (firstDone = true));
  await second;
  assert.equal(firstDone, true, 'the queued fsync starts after the running one');
  assert.equal(wal.syncs, 2);
  assert.equal(wal.pending(), false);
});

test('durableUpTo(mark) waits for the writes before the mark alone: the running fsync covering them is enough', async (t) => {
  const { wal, write } = walDb(t);
  wal.durableNow();
  const before = wal.mark();
  assert.equal(wal.isDurable(before), true);
  await wal.durableUpTo(before);
  assert.equal(wal.syncs, 0, 'nothing before the mark was unsynced: no fsync');
  write(1);
  const mark = wal.mark();
  assert.equal(wal.isDurable(mark), false);
  const first = wal.durable();
  write(2); // another model's append, committed after the running fsync began
  const upTo = wal.durableUpTo(mark);
  assert.equal(upTo, first, 'the running fsync began after the mark: it covers it');
  const all = wal.durable();
  assert.notEqual(all, first, 'everything so far needs the next fsync');
  await upTo;
  assert.equal(wal.isDurable(mark), true);
  assert.equal(wal.pending(), true, 'write 2 is not on disk yet');
  await all;
  assert.equal(wal.pending(), false);
  assert.equal(wal.syncs, 2);
});

test('a failed fsync rejects its waiters and the next call tries again', async (t) => {
  const dir = tempDir(t);
  let changes = 0;
  const wal = new WalSync(join(dir, 'missing-wal'), () => changes);
  t.after(() => wal.close());
  changes = 1;
  await assert.rejects(wal.durable(), { code: 'ENOENT' });
  await assert.rejects(wal.durable(), { code: 'ENOENT' }, 'not stuck on the failed attempt');
  assert.equal(wal.pending(), true, 'a failed fsync makes nothing durable');
});

test('the store: a commit is pending until durable(); a read-only store has nothing to sync', async (t) => {
  const path = join(tempDir(t), 'models.db');
  const store = ModelStore.open(path);
  t.after(() => store.close());
  assert.equal(store.hasUnsyncedWrites(), false, 'opening (migrations) was made durable');
  const v = store.beginVersion({ model: 'a', kind: 'naive', spec: {}, series: Float64Array.from([1, 2, 3]), hash: 'h' });
  store.publishVersion('a', v, { params: {}, metrics: {}, fitMs: 1 });
  assert.equal(store.hasUnsyncedWrites(), true);
  await store.durable();
  assert.equal(store.hasUnsyncedWrites(), false);
  assert.equal(store.walSyncs, 1);
  const reader = ModelStore.open(path, { readonly: true });
  t.after(() => reader.close());
  assert.equal(reader.hasUnsyncedWrites(), false);
  assert.equal(reader.getModel('a')!.currentVersion, 1, 'the reader sees the committed version');
});
