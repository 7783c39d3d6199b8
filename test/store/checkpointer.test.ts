import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ModelStore } from '../../src/store/index.ts';
import { Checkpointer, type CheckpointReport } from '../../src/store/checkpointer.ts';
import { tempDir } from '../support/daemon.ts';
import { waitFor } from '../support/http.ts';

test('the checkpointer thread copies the whole WAL into the database while the writer never checkpoints', async (t) => {
  const path = join(tempDir(t), 'c.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (b BLOB)');
  const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
  for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(3000, i));

  const report = new Promise<CheckpointReport>((resolve) => {
    const c = new Checkpointer(path, 10, resolve);
    t.after(() => {
      c.stop();
      db.close();
    });
  });
  const r = await report;
  assert.equal(r.busy, 0);
  assert.ok(r.log >= 200, `the WAL held the 200 inserts: ${r.log} frames`);
  assert.equal(r.checkpointed, r.log, 'every frame copied');
  // The database file alone now has the rows: a copy of it without the WAL reads them all.
  const copy = join(tempDir(t), 'copy.db');
  db.prepare('VACUUM INTO ?').run(copy);
  const raw = new Database(copy, { readonly: true });
  assert.equal(raw.prepare('SELECT count(*) FROM t').pluck().get(), 200);
  raw.close();
});

test('a writer store runs its checkpointer; stopping it lets the store close and reopen cleanly', async (t) => {
  const path = join(tempDir(t), 'models.db');
  const store = ModelStore.open(path);
  for (let i = 0; i < 20; i++) {
    const v = store.beginVersion({ model: `m${i}`, kind: 'naive', spec: {}, series: new Float64Array(2000).fill(i), hash: `h${i}` });
    store.publishVersion(`m${i}`, v, { params: {}, metrics: {}, fitMs: 1 });
  }
  await waitFor('a checkpoint of the versions just written', async () => store.checkpointer!.checkpoints > 0);
  assert.equal(store.checkpointer!.lastError, undefined);
  store.close();
  const again = ModelStore.open(path);
  t.after(() => again.close());
  assert.equal(again.listModels().length, 20);
  const reader = ModelStore.open(path, { readonly: true });
  t.after(() => reader.close());
  assert.equal(reader.checkpointer, undefined, 'readers run none');
});
