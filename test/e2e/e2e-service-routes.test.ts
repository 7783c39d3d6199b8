import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, tempDir } from '../support/daemon.ts';
import { call, waitFor } from '../support/http.ts';

test('health, readiness, kinds and the OpenAPI document are served', async (t) => {
  const d = await startDaemon(t);
  assert.deepEqual((await call(`${d.url}/healthz`)).body, { status: 'success', data: { alive: true } });
  assert.deepEqual((await call(`${d.url}/readyz`)).body, { status: 'success', data: { ready: true } });
  assert.ok((await call(`${d.url}/v1/kinds`)).body.data.includes('naive'));
  const doc = (await call(`${d.url}/openapi.json`)).body;
  assert.equal(doc.openapi, '3.1.0', 'JSON Schema types: `type: [..., "null"]` is valid there');
  // fast-json-stringify writes an anyOf by running Ajv on each value (schema-types.ts): no answer's
  // schema may have one whose branches are all scalars (use nullable() or stringEnum()).
  const scalarAnyOf: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const branches = o.anyOf as { type?: unknown; const?: unknown; enum?: unknown }[] | undefined;
    if (branches?.every((b) => b.const !== undefined || ['string', 'number', 'integer', 'boolean', 'null'].includes(b.type as string))) scalarAnyOf.push(at);
    for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
  };
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses?: unknown }>>)) {
    for (const [method, op] of Object.entries(ops)) walk(op.responses, `${method.toUpperCase()} ${path}`);
  }
  assert.deepEqual(scalarAnyOf, []);
  for (const path of ['/v1/models/{name}/fit', '/v1/models/{name}/forecast', '/v1/models', '/api/fit_model', '/api/forecast/{steps}']) {
    assert.ok(doc.paths[path], `OpenAPI documents ${path}`);
  }
  const ui = await fetch(`${d.url}/docs`, { redirect: 'follow' });
  assert.equal(ui.status, 200);
  assert.match(await ui.text(), /swagger/i);
});

test('SIGTERM: an in-flight fit finishes, then the daemon exits 0', async (t) => {
  const d = await startDaemon(t);
  const gate = join(tempDir(t), 'gate');
  const inFlight = call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3], kind: 'gated', gate });
  await waitFor('the fit to run', async () => (await call(`${d.url}/v1/models/m`)).body?.data?.state === 'fitting');
  const exit = d.stop();
  // The daemon is shutting down but must wait for the fit: only then does the gate open.
  await waitFor('the daemon to stop accepting', async () => {
    try {
      await call(`${d.url}/healthz`);
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(d.proc.exitCode, null, 'still running while the fit is in flight');
  writeFileSync(gate, '');
  const answer = await inFlight;
  assert.equal(answer.status, 201);
  assert.equal(await exit, 0);
});

test('SIGTERM: a fit still running after the shutdown grace is stopped and recorded as failed', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'models.db');
  const d = await startDaemon(t, { db, env: { MODELAPI_SHUTDOWN_TIMEOUT: '300ms' } });
  const inFlight = call(`${d.url}/v1/models/m/fit`, 'POST', { data: [1, 2, 3], kind: 'gated', gate: join(dir, 'never') });
  await waitFor('the fit to run', async () => (await call(`${d.url}/v1/models/m`)).body?.data?.state === 'fitting');
  assert.equal(await d.stop(), 0);
  const answer = await inFlight;
  assert.equal(answer.status, 503);
  assert.equal(answer.body.code, 'MODELAPI_ERR_SHUTTING_DOWN');
  const again = await startDaemon(t, { db });
  const versions = (await call(`${again.url}/v1/models/m/versions`)).body.data;
  assert.equal(versions[0].state, 'failed');
  assert.match(versions[0].error, /SHUTTING_DOWN/, 'failed by the shutdown, not left for the crash sweep');
});
