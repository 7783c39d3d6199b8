import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ModelStore } from '../../src/store/index.ts';
import { tempDir } from '../support/daemon.ts';

const newVersion = (model: string, labels?: Record<string, string | null>, n = 3) => ({
  model, kind: 'naive', spec: {}, series: Float64Array.from({ length: n }, (_, i) => i), hash: 'h', labels,
});
const fitOk = (store: ModelStore, model: string, labels?: Record<string, string | null>, n = 3) => {
  const v = store.beginVersion(newVersion(model, labels, n));
  store.publishVersion(model, v, { params: {}, metrics: {}, fitMs: 1 });
  return v;
};

test('labels are set with a version, changed by key, removed by null, and filter pages', (t) => {
  const store = ModelStore.open(join(tempDir(t), 'm.db'));
  t.after(() => store.close());
  fitOk(store, 'a', { chain: 'acme', region: 'n' });
  fitOk(store, 'b', { chain: 'acme', region: 's' });
  fitOk(store, 'c', { chain: 'other' });
  assert.deepEqual(store.getModel('a')?.labels, { chain: 'acme', region: 'n' });
  assert.equal(store.setLabels('a', { region: null, tier: 'gold' }), true);
  assert.deepEqual(store.getModel('a')?.labels, { chain: 'acme', tier: 'gold' });
  assert.equal(store.setLabels('nope', { x: 'y' }), false);
  const names = (q: Parameters<ModelStore['queryModels']>[0]) => store.queryModels(q).map((m) => m.name);
  assert.deepEqual(names({ labels: [['chain', 'acme']], limit: 10 }), ['a', 'b']);
  assert.deepEqual(names({ labels: [['chain', 'acme'], ['region', 's']], limit: 10 }), ['b']);
  assert.deepEqual(names({ labels: [['chain', 'acme']], limit: 1 }), ['a']);
  assert.deepEqual(names({ labels: [['chain', 'acme']], after: 'a', limit: 1 }), ['b']);
  assert.deepEqual(names({ kind: 'naive', limit: 10 }), ['a', 'b', 'c']);
  assert.deepEqual(names({ kind: 'ets', limit: 10 }), []);
  store.beginVersion(newVersion('c'));
  assert.deepEqual(names({ state: 'fitting', limit: 10 }), ['c']);
  assert.deepEqual(names({ state: 'ready', limit: 10 }), ['a', 'b']);
});

test('a deleted model is gone with its labels, but its name continues its numbering when fitted again', (t) => {
  const store = ModelStore.open(join(tempDir(t), 'm.db'));
  t.after(() => store.close());
  fitOk(store, 'a', { k: 'v' });
  fitOk(store, 'a');
  assert.equal(store.deleteModel('a'), true);
  assert.equal(store.getModel('a'), undefined);
  assert.deepEqual(store.listModels(), []);
  assert.deepEqual(store.listVersions('a'), []);
  assert.deepEqual(store.queryModels({ labels: [['k', 'v']], limit: 10 }), []);
  assert.equal(store.deleteModel('a'), false);
  assert.equal(fitOk(store, 'a'), 3);
  assert.deepEqual(store.getModel('a')?.labels, {});
  assert.equal(store.getModel('a')?.currentVersion, 3);
});

test('a version can be deleted unless it is current or being fitted', (t) => {
  const store = ModelStore.open(join(tempDir(t), 'm.db'));
  t.after(() => store.close());
  fitOk(store, 'a');
  fitOk(store, 'a');
  const fitting = store.beginVersion(newVersion('a'));
  assert.equal(store.deleteVersion('a', 2), 'current');
  assert.equal(store.deleteVersion('a', fitting), 'fitting');
  assert.equal(store.deleteVersion('a', 9), 'missing');
  assert.equal(store.deleteVersion('a', 1), 'deleted');
  assert.deepEqual(store.listVersions('a').map((v) => v.version), [2, 3]);
});

test('pruning keeps the newest versions and always the current and fitting ones', (t) => {
  const store = ModelStore.open(join(tempDir(t), 'm.db'));
  t.after(() => store.close());
  for (let i = 0; i < 5; i++) fitOk(store, 'a');
  const failed = store.beginVersion(newVersion('a'));
  store.failVersion('a', failed, 'boom', 1);
  const fitting = store.beginVersion(newVersion('a'));
  // 1..5 ready (5 current), 6 failed, 7 fitting; keep 2 → 7 and 6 by age, 5 as current.
  assert.equal(store.pruneVersions('a', 2), 4);
  assert.deepEqual(store.listVersions('a').map((v) => v.version), [5, 6, fitting]);
  assert.equal(store.pruneVersions('a', 2), 0);
});

test('the file shrinks after a large model is deleted', (t) => {
  const path = join(tempDir(t), 'm.db');
  // Closing checkpoints the write-ahead log into the file, so its size is what the data takes.
  let store = ModelStore.open(path);
  fitOk(store, 'small');
  for (let i = 0; i < 4; i++) fitOk(store, 'big', undefined, 200_000);
  store.close();
  const before = statSync(path).size;
  assert.ok(before > 4 * 200_000 * 8, `the file holds the series (${before} bytes)`);
  store = ModelStore.open(path);
  store.deleteModel('big');
  store.close();
  const after = statSync(path).size;
  assert.ok(after < before / 10, `the file shrank from ${before} to ${after} bytes`);
});

test('a file made before incremental vacuum is converted at its first open', (t) => {
  const path = join(tempDir(t), 'old.db');
  const raw = new Database(path);
  raw.exec('CREATE TABLE t (x)');
  assert.equal(raw.pragma('auto_vacuum', { simple: true }), 0);
  raw.close();
  ModelStore.open(path).close();
  const again = new Database(path, { readonly: true });
  t.after(() => again.close());
  assert.equal(again.pragma('auto_vacuum', { simple: true }), 2);
});
