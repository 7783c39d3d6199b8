import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ModelStore } from '../../src/store/index.ts';
import { COUNT_SQL } from '../../src/store/model-store.ts';
import { tempDir } from '../support/daemon.ts';

// The counts behind /v1/status and /metrics come from partial indexes (schema version 9); they must say what
// counting the registry's rows one by one says, through every way a model's state changes.
test('live and ready model counts match a count of the registry rows, and read indexes only', (t) => {
  const path = join(tempDir(t), 'm.db');
  const store = ModelStore.open(path);
  t.after(() => store.close());
  const begin = (model: string) => store.beginVersion({ model, kind: 'naive', spec: {}, series: Float64Array.of(1, 2, 3), hash: model });
  const fitOk = (model: string) => store.publishVersion(model, begin(model), { params: {}, metrics: {}, fitMs: 1 });
  const deploy = (model: string, hash: string) =>
    store.publishDeployment({ model, kind: 'onnx', spec: {}, metrics: {}, bytes: Uint8Array.of(1, 2, hash.length), hash, loadMs: 1 });
  const brute = () => {
    const rows = store.listModels();
    const ready = rows.filter((r) => r.current !== null);
    return { live: rows.length, forecast: ready.filter((r) => r.current!.kind !== 'onnx').length, onnx: ready.filter((r) => r.current!.kind === 'onnx').length };
  };
  const check = (step: string) => {
    const { forecast, onnx } = store.countReadyModels();
    assert.deepEqual({ live: store.countModels(), forecast, onnx }, brute(), step);
  };

  check('empty');
  fitOk('a');
  fitOk('b');
  fitOk('a');
  check('two forecasting models, one with two versions');
  store.failVersion('c', begin('c'), 'boom', 1);
  check('a model whose only fit failed is live but not ready');
  begin('b');
  check('a ready model being fitted again stays ready');
  deploy('o1', 'h1');
  deploy('o2', 'h2');
  deploy('o1', 'h3');
  check('two ONNX models');
  store.deleteModel('a');
  store.deleteModel('o2');
  check('deleted models are not counted');
  fitOk('a');
  check('a deleted name fitted again counts again');
  // The writer keeps the live count once counted: a fit that fails inside its transaction (here on the
  // versions row, after the model's row was inserted) must leave it as the rolled-back table does.
  assert.throws(() => store.beginVersion({ model: 'z', kind: 'naive', spec: {}, series: Float64Array.of(1), hash: undefined as unknown as string }));
  check('a rolled-back new model is not counted');
  assert.deepEqual(brute(), { live: 4, forecast: 2, onnx: 1 }, 'the sequence itself');
  const again = ModelStore.open(path, { readonly: true });
  t.after(() => again.close());
  assert.equal(again.countModels(), 4, 'a reader counts from the table');

  const raw = new Database(path, { readonly: true });
  t.after(() => raw.close());
  const plan = (sql: string) => raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join(' | ');
  assert.match(plan(COUNT_SQL.live), /models_live/);
  assert.match(plan(COUNT_SQL.ready), /models_live/);
  assert.match(plan(COUNT_SQL.onnx), /SCAN v USING COVERING INDEX versions_onnx/);
});
