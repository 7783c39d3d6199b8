import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ModelStore } from '../../src/store/index.ts';
import { tempDir } from '../support/daemon.ts';

test('a database from before observations is carried over: its versions keep their series and take appends', (t) => {
  const path = join(tempDir(t), 'old.db');
  // The schema as the first migration left it, with a version written the old way.
  const old = new Database(path);
  old.exec(`CREATE TABLE models (name TEXT PRIMARY KEY, current_version INTEGER, next_version INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE versions (model TEXT NOT NULL REFERENCES models(name), version INTEGER NOT NULL, kind TEXT NOT NULL, spec TEXT NOT NULL,
      params TEXT, metrics TEXT, series BLOB NOT NULL, hash TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('fitting', 'ready', 'failed')),
      error TEXT, fit_ms REAL, created_at TEXT NOT NULL, finished_at TEXT, PRIMARY KEY (model, version));`);
  old.pragma('user_version = 1');
  const series = Buffer.from(Float64Array.of(1, 2, 3).buffer);
  old.prepare(`INSERT INTO models VALUES ('m', 1, 2, 'then', 'then')`).run();
  old.prepare(`INSERT INTO versions VALUES ('m', 1, 'naive', '{}', '{}', '{}', ?, 'h', 'ready', NULL, 1, 'then', 'then')`).run(series);
  old.close();

  const store = ModelStore.open(path);
  // Closed before the temporary directory goes (after hooks run in order, and it was registered first).
  let open = true;
  t.after(() => open && store.close());
  const v = store.getVersionSummary('m', 1)!;
  assert.deepEqual([v.nObs, v.nFit, v.timeIndex, v.hash], [3, 3, null, 'h']);
  store.observations.append([{ model: 'm', version: 1, endObs: 5, points: Float64Array.of(4, 5) }]);
  assert.deepEqual([...store.currentSeries('m', 1)!], [1, 2, 3, 4, 5]);
  assert.equal(store.getVersionSummary('m', 1)!.nObs, 5);
  store.close();
  open = false;
});
