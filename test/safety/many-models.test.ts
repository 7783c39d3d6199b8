import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { request } from 'undici';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call } from '../support/http.ts';

const MODELS = 100_000;

test('at 100,000 models /v1/status lists a page, /metrics has no per-model series', async (t) => {
  const db = join(tempDir(t), 'models.db');
  const first = await startDaemon(t, { db });
  await first.stop();
  const raw = new Database(db);
  const insert = raw.prepare(`INSERT INTO models (name, created_at, updated_at) VALUES (?, 'T', 'T')`);
  raw.transaction(() => {
    for (let i = 0; i < MODELS; i++) insert.run(`m${String(i).padStart(6, '0')}`);
  })();
  raw.close();

  const d = await startDaemon(t, { db });
  const res = await request(`${d.url}/v1/status`);
  const text = await res.body.text();
  const status = JSON.parse(text).data;
  assert.equal(status.modelsTotal, MODELS);
  assert.equal(status.models.length, 200);
  assert.ok(text.length < 100_000, `the snapshot stays small: ${text.length} bytes`);
  const lastPage = (await call(`${d.url}/v1/status?limit=5&offset=${MODELS - 2}`)).body.data;
  assert.deepEqual(lastPage.models.map((m: { name: string }) => m.name), ['m099998', 'm099999']);
  assert.equal((await call(`${d.url}/v1/status?limit=5000`)).status, 400, 'pages are bounded too');

  const metrics = await (await request(`${d.url}/metrics`)).body.text();
  assert.match(metrics, /^modelapi_models\{kind="forecast"\} \d+$/m);
  assert.ok(metrics.length < 50_000, `metrics stay small: ${metrics.length} bytes`);
});
