import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ModelStore } from '../../src/store/index.ts';
import { tempDir } from '../support/daemon.ts';

const fileBytes = (path: string) => statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0);

/**
 * The bound, derived from SQLite's record format: a row of observations(model, version, end_obs,
 * points) is a record header (5 bytes) + the model name (1 here) + version (1) + end_obs (2) + one
 * float64 (8) = 17 bytes, plus a cell pointer and payload-size varint (~3): ~20 bytes. B-tree leaves
 * filled by appends at the right edge are packed close to full, interior pages add ~1%, so 10,000
 * appends stay under 10,000 × 48 bytes + a few 4 KiB pages of slack. Copying the 3,000-point series
 * per append would cost 10,000 × 24,000 bytes = 240 MB.
 */
const PER_APPEND_BOUND = 48;
const SLACK = 16 * 4096;

test('10,000 single-point appends to a 3,000-point series grow the file by O(points), not O(series)', (t) => {
  const path = join(tempDir(t), 'models.db');
  const store = ModelStore.open(path);
  // Closed before the temporary directory goes (after hooks run in order, and it was registered first).
  let open = true;
  t.after(() => open && store.close());
  const series = Float64Array.from({ length: 3000 }, (_, i) => Math.sin(i));
  const version = store.beginVersion({ model: 'm', kind: 'naive', spec: {}, series, hash: 'h' });
  store.publishVersion('m', version, { params: {}, metrics: {}, fitMs: 1 });
  checkpoint(path);
  const before = fileBytes(path);

  // Each append is its own row, whether group commit puts 1 or 50 of them in a transaction (50 here,
  // which keeps the test from waiting for 10,000 fsyncs; the rows written are the same).
  for (let i = 0; i < 10_000; i += 50) {
    const batch = Array.from({ length: 50 }, (_, j) => ({ model: 'm', version, endObs: 3001 + i + j, points: Float64Array.of(i + j) }));
    store.observations.append(batch);
  }
  checkpoint(path);
  const growth = fileBytes(path) - before;
  assert.equal(store.getVersionSummary('m', version)!.nObs, 13_000);
  assert.equal(store.currentSeries('m', version)![12_999], 9999);
  t.diagnostic(`grew ${growth} bytes: ${(growth / 10_000).toFixed(1)} per append`);
  assert.ok(growth <= 10_000 * PER_APPEND_BOUND + SLACK, `grew ${growth} bytes for 10,000 appends (${(growth / 10_000).toFixed(1)} per append)`);
  store.close();
  open = false;
});

/** Moves the WAL into the main file and truncates it, so the file size is the data's. */
function checkpoint(path: string): void {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
