import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from './support/daemon.ts';
import { call } from './support/http.ts';

test('health, readiness, kinds and the OpenAPI document are served', async (t) => {
  const d = await startDaemon(t);
  assert.deepEqual((await call(`${d.url}/healthz`)).body, { status: 'success', data: { alive: true } });
  assert.deepEqual((await call(`${d.url}/readyz`)).body, { status: 'success', data: { ready: true } });
  assert.ok((await call(`${d.url}/v1/kinds`)).body.data.includes('naive'));
  const doc = (await call(`${d.url}/openapi.json`)).body;
  assert.match(doc.openapi, /^3\./);
  for (const path of ['/v1/models/{name}/fit', '/v1/models/{name}/forecast', '/v1/models', '/api/fit_model', '/api/forecast/{steps}']) {
    assert.ok(doc.paths[path], `OpenAPI documents ${path}`);
  }
  const ui = await fetch(`${d.url}/docs`, { redirect: 'follow' });
  assert.equal(ui.status, 200);
  assert.match(await ui.text(), /swagger/i);
});

test('SIGTERM: an in-flight fit finishes, then the daemon exits 0', async (t) => {
  const d = await startDaemon(t);
  const inFlight = call(`${d.url}/v1/models/m/fit`, 'POST', { data: Array.from({ length: 50_000 }, (_, i) => Math.sin(i)) });
  // Wait until the request is being handled (the version row exists) before signalling.
  for (;;) {
    const m = await call(`${d.url}/v1/models/m`);
    if (m.status === 200) break;
  }
  const exit = d.stop();
  const answer = await inFlight;
  assert.equal(answer.status, 201);
  assert.equal(await exit, 0);
});
