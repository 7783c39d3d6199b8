import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ModelStore, SCHEMA_VERSION } from '../../src/store/index.ts';
import { tempDir } from '../support/daemon.ts';

const series = (...v: number[]) => Float64Array.from(v);
const newVersion = (model: string, hash = 'h') => ({ model, kind: 'naive', spec: {}, series: series(1, Number.NaN, 3), hash });

test('migrations run on an empty file and are not re-run on reopen', (t) => {
  const path = join(tempDir(t), 'sub', 'dir', 'models.db');
  ModelStore.open(path).close();
  const raw = new Database(path, { readonly: true });
  assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  raw.close();
  const again = ModelStore.open(path);
  assert.deepEqual(again.listModels(), []);
  again.close();
});

test('version numbers are monotonic per model across failures and reopening', (t) => {
  const path = join(tempDir(t), 'models.db');
  let store = ModelStore.open(path);
  const v1 = store.beginVersion(newVersion('a'));
  store.publishVersion('a', v1, { params: { x: 1 }, metrics: { n: 3 }, fitMs: 1 });
  const v2 = store.beginVersion(newVersion('a'));
  store.failVersion('a', v2, 'boom', 2);
  const b1 = store.beginVersion(newVersion('b'));
  store.close();

  store = ModelStore.open(path);
  const v3 = store.beginVersion(newVersion('a'));
  assert.deepEqual([v1, v2, v3, b1], [1, 2, 3, 1]);
  assert.equal(store.getModel('a')!.currentVersion, 1, 'only a ready version becomes current');
  store.publishVersion('a', v3, { params: { x: 3 }, metrics: {}, fitMs: 1 });
  assert.equal(store.getModel('a')!.currentVersion, 3);
  const got = store.getVersion('a', 3)!;
  assert.deepEqual(got.params, { x: 3 });
  assert.equal(got.series.length, 3);
  assert.ok(Number.isNaN(got.series[1]!), 'missing values survive the round trip');
  assert.throws(() => store.publishVersion('a', v2, { params: {}, metrics: {}, fitMs: 1 }), /not fitting/);
  store.close();
});

test('fits left "fitting" by a crash become failed at start-up; nothing else changes', (t) => {
  const path = join(tempDir(t), 'models.db');
  const store = ModelStore.open(path);
  const ready = store.beginVersion(newVersion('a'));
  store.publishVersion('a', ready, { params: {}, metrics: {}, fitMs: 1 });
  const failed = store.beginVersion(newVersion('a'));
  store.failVersion('a', failed, 'bad data', 1);
  store.beginVersion(newVersion('a'));
  store.beginVersion(newVersion('b'));
  const before = store.listVersions('a');

  assert.equal(store.failInterruptedFits(), 2);
  const after = store.listVersions('a');
  assert.deepEqual(after.map((v) => v.state), ['ready', 'failed', 'failed']);
  assert.deepEqual(after.slice(0, 2), before.slice(0, 2), 'finished versions are untouched');
  assert.match(after[2]!.error!, /interrupted/);
  assert.equal(store.getModel('a')!.currentVersion, ready);
  assert.equal(store.failInterruptedFits(), 0);
  store.close();
});

test('a read-only connection sees what the writer committed', (t) => {
  const path = join(tempDir(t), 'models.db');
  const writer = ModelStore.open(path);
  const reader = ModelStore.open(path, { readonly: true });
  const v = writer.beginVersion(newVersion('a'));
  writer.publishVersion('a', v, { params: { p: [1, 2] }, metrics: {}, fitMs: 1 });
  assert.deepEqual(reader.getVersion('a', v)!.params, { p: [1, 2] });
  assert.throws(() => reader.beginVersion(newVersion('a')), /readonly/);
  reader.close();
  writer.close();
});
