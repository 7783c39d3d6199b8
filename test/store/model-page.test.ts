import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ModelStore } from '../../src/store/index.ts';
import { tempDir } from '../support/daemon.ts';

// A registry page is one statement of its own (model-query.ts); each of its rows must say what the
// one-model reads (getModel, getVersionSummary) say of the same model.
test('a registry row matches the model and current-version reads, whatever state the model is in', (t) => {
  const store = ModelStore.open(join(tempDir(t), 'm.db'));
  t.after(() => store.close());
  const begin = (model: string, n: number, labels?: Record<string, string>) =>
    store.beginVersion({ model, kind: 'naive', spec: { period: n }, series: Float64Array.from({ length: n }, (_, i) => i), hash: `h${n}`, labels });
  const publish = (model: string, v: number, fitMs: number) => store.publishVersion(model, v, { params: { p: v }, metrics: { n: fitMs, model: 'Naive' }, fitMs });

  // two versions, labels, a refit policy and appended points (nObs counts them)
  publish('a', begin('a', 5, { zone: 'n', chain: 'acme' }), 1.25);
  const a2 = begin('a', 7);
  publish('a', a2, 2.5);
  store.setRefitPolicy('a', { every: 10 });
  store.observations.append([{ model: 'a', version: a2, endObs: 9, points: Float64Array.of(1, 2) }]);
  // only a failed version: no current one
  const b1 = begin('b', 3);
  store.failVersion('b', b1, 'boom', 4);
  // a current version and a newer one being fitted
  publish('c', begin('c', 4), 3);
  begin('c', 6);

  const rows = store.queryModels({ limit: 10 });
  assert.deepEqual(rows.map((r) => r.name), ['a', 'b', 'c']);
  for (const row of rows) {
    const { current, ...model } = row;
    assert.deepEqual(model, store.getModel(row.name), `${row.name}: the model's fields`);
    const v = row.currentVersion === null ? undefined : store.getVersionSummary(row.name, row.currentVersion);
    assert.deepEqual(current, v ? { version: v.version, kind: v.kind, spec: v.spec, metrics: v.metrics, nObs: v.nObs, fitMs: v.fitMs } : null, `${row.name}: its current version`);
  }
  assert.equal(rows[0]!.current?.nObs, 9, 'appended points count');
  assert.deepEqual(rows[0]!.labels, { chain: 'acme', zone: 'n' });
  assert.deepEqual(rows[0]!.refitPolicy, { every: 10 });
  assert.equal(rows[2]!.versions, 2);

  // the status snapshot's pages (offset) and the clients' pages (after) agree on the order
  assert.deepEqual(store.listModels({ limit: 2, offset: 1 }).map((r) => r.name), ['b', 'c']);
  assert.deepEqual(store.queryModels({ after: 'a', limit: 1 }).map((r) => r.name), ['b']);
  assert.deepEqual(store.queryModels({ kind: 'naive', state: 'fitting', limit: 10 }).map((r) => r.name), ['c']);
});
